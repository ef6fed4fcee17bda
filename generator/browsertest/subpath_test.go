package browsertest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"pandu/generator/site"
)

// subBaseURL publishes the site in a folder, as GitHub Pages does for a project site.
const subBaseURL = "https://pandu-migran.github.io/pandu/"

// builtUnder builds the bundled site for subBaseURL into a temporary folder.
func builtUnder(t *testing.T) string {
	t.Helper()
	chromium(t) // skips when PANDU_SKIP_BROWSER=1, before the build
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Source: root, Dest: dir, Minify: true, BaseURL: subBaseURL}); err != nil {
		t.Fatalf("building the bundled site for %s failed:\n%v", subBaseURL, err)
	}
	return dir
}

// cspWatch records the Content-Security-Policy violations of every document the tab loads.
const cspWatch = `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " on " + location.pathname));`

// TestSubPath serves the site built for https://…/pandu/ under /pandu/ only (everything else is a
// 404 and recorded), with the CSP and security headers of its _headers, and reads it as a reader
// would: the language chooser, a guide reached by its link, search, the service worker (its scope
// is /pandu/), "Save for offline" and reading without a network, the 404 page. No request may
// leave /pandu/, and the CSP must block nothing.
func TestSubPath(t *testing.T) {
	dir := builtUnder(t)
	s := serveUnder(t, dir, "/pandu")
	ctx := browser(t)
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(c context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspWatch).Do(c)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	noViolations := func(where string) {
		t.Helper()
		var v []string
		if err := eval(ctx, `window.__csp`, &v); err != nil || v == nil {
			t.Fatalf("%s: the watch for CSP violations is not installed (%v)", where, err)
		}
		for _, x := range v {
			t.Errorf("%s: the Content-Security-Policy blocked %s", where, x)
		}
	}
	sameOrigin := func(where string) {
		t.Helper()
		var hrefs []string
		if err := eval(ctx, `Array.from(document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]")).map(e => new URL(e.href || e.src || e.action, location.href)).filter(u => u.origin === location.origin).map(u => u.pathname)`, &hrefs); err != nil {
			t.Fatal(err)
		}
		for _, h := range hrefs {
			if !strings.HasPrefix(h, "/pandu/") {
				t.Errorf("%s links %s, outside /pandu/", where, h)
			}
		}
	}

	// The language chooser, then a language's home and a guide reached by clicking its link.
	open(t, ctx, s.URL, "/")
	sameOrigin("/pandu/")
	noViolations("/pandu/")
	if h1, lang := open(t, ctx, s.URL, "/en/"); h1 != heading(t, dir, "/en/") || lang != "en" {
		t.Errorf("/pandu/en/ shows %q (lang %q)", h1, lang)
	}
	sameOrigin("/pandu/en/")
	noViolations("/pandu/en/")
	var guide string
	if err := eval(ctx, `(() => { const a = document.querySelector('main a[href^="/pandu/en/"]'); a.click(); return a.getAttribute("href"); })()`, &guide); err != nil {
		t.Fatalf("clicking a guide on /pandu/en/: %v", err)
	}
	waitFor(t, ctx, "the guide to open", `location.pathname === `+jsString(guide)+` && document.readyState === "complete"`)
	var h1 string
	if err := eval(ctx, `document.querySelector("h1").textContent.trim()`, &h1); err != nil || h1 != heading(t, dir, strings.TrimPrefix(guide, "/pandu")) {
		t.Errorf("the guide %s shows %q (%v)", guide, h1, err)
	}
	noViolations(guide)

	// The web app manifest and the service worker: scope /pandu/.
	var manifest struct {
		StartURL string `json:"start_url"`
		Scope    string
	}
	if err := eval(ctx, `fetch(document.querySelector('link[rel="manifest"]').href).then(r => r.json())`, &manifest); err != nil {
		t.Fatal(err)
	}
	if manifest.StartURL != "/pandu/en/" || manifest.Scope != "/pandu/" {
		t.Errorf("manifest start_url %q, scope %q", manifest.StartURL, manifest.Scope)
	}
	controlled(t, ctx)
	var scope string
	if err := eval(ctx, `navigator.serviceWorker.getRegistration().then(r => r.scope)`, &scope); err != nil || scope != s.URL+"/" {
		t.Errorf("service worker scope %q (%v), want %s/", scope, err, s.URL)
	}

	// Search: the index is fetched under /pandu/, results link under /pandu/en/.
	rs, status := search(t, s, ctx, "/en/search/", "work")
	if len(rs) == 0 {
		t.Errorf("search finds nothing: %q", status)
	}
	for _, r := range rs {
		for _, u := range append([]string{r.URL}, r.Sections...) {
			if !strings.HasPrefix(u, "/pandu/en/") {
				t.Errorf("search result link %s is outside /pandu/en/", u)
			}
		}
	}
	noViolations("search")

	// The booklet and the offline pack (its stylesheet is inline, allowed by its hash).
	for _, p := range []string{"/en/print/", "/en/print/pandu-en.html"} {
		open(t, ctx, s.URL, p)
		sameOrigin("/pandu" + p)
		noViolations("/pandu" + p)
	}

	// A page that does not exist: the language's 404 page.
	if _, lang := open(t, ctx, s.URL, "/en/no-such-guide/"); lang != "en" {
		t.Errorf("/pandu/en/no-such-guide/ shows a page in %q, want the English 404 page", lang)
	}

	// Save for offline, then read without a network: saved pages, and the offline page for the rest.
	open(t, ctx, s.URL, "/en/")
	controlled(t, ctx)
	waitFor(t, ctx, "the Save for offline button to show", `!document.getElementById("save-offline").hidden`)
	if err := eval(ctx, `document.getElementById("save-offline").click(), true`, new(bool)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the pages to be saved", `document.getElementById("save-status").textContent === document.getElementById("save-offline").dataset.done`)
	var list []string
	readJSON(t, dir, "/en/offline.json", &list)
	s.Offline()
	n := 0
	for _, p := range list {
		if !strings.HasPrefix(p, "/pandu/") {
			t.Errorf("offline.json lists %s, outside /pandu/", p)
			continue
		}
		if !strings.HasPrefix(p, "/pandu/en/") || !strings.HasSuffix(p, "/") || n >= 5 {
			continue
		}
		n++
		rel := strings.TrimPrefix(p, "/pandu")
		if h1, _ := open(t, ctx, s.URL, rel); h1 != heading(t, dir, rel) {
			t.Errorf("offline after saving, %s shows %q, want %q", p, h1, heading(t, dir, rel))
		}
	}
	if h1, lang := open(t, ctx, s.URL, "/en/never-published/"); h1 != offlineTitle(t, dir, "en") || lang != "en" {
		t.Errorf("offline, a page never saved shows %q (lang %q), want the English offline page", h1, lang)
	}
	s.Online()

	if out := s.Outside(); len(out) > 0 {
		t.Errorf("requests outside /pandu/: %v", out)
	}
}
