// Package browsertest owns the tests that run the bundled site in a real browser: Debian's
// headless Chromium, driven with chromedp, against the site built into a temporary folder and
// served on 127.0.0.1. They check what only a browser can: that search finds Indonesian, Malay and
// English word forms, that the service worker serves visited and saved pages without a network,
// and that axe-core finds no serious or critical accessibility violation on any page. The package
// has no code besides its tests. Set PANDU_SKIP_BROWSER=1 to skip them; otherwise a missing
// Chromium or axe-core fails the tests with the command that installs it.
package browsertest
