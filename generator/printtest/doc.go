// Package printtest holds the browser tests of the trainers' print edition: it builds the bundled
// site, opens each language's offline pack from file:// in headless Chromium with the network off,
// and prints each booklet to PDF, which it checks with poppler-utils (pdfinfo, pdftotext,
// pdftoppm) and zbar-tools (zbarimg, to decode the QR codes). The tests are skipped only when
// PANDU_SKIP_BROWSER=1; a missing tool is a failure that says how to install it.
package printtest
