package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// controlled waits until the service worker controls the page and has kept it in its cache.
func controlled(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, "the service worker to control the page", `!!navigator.serviceWorker.controller`)
	waitFor(t, ctx, "the page to be kept in the cache", `caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.match(location.href))))).then(rs => rs.some(Boolean))`)
}

// offlineTitle is the h1 of a language's offline page.
func offlineTitle(t *testing.T, dir, lang string) string {
	return heading(t, dir, "/"+lang+"/offline/")
}

// TestVisitedPageOffline visits a guide, cuts the network, and reads it again; a guide never
// visited shows the offline page in the reader's language.
func TestVisitedPageOffline(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := browser(t)
	visited, unvisited := "/id/hak/hak-pekerja-migran/", "/id/persiapan/biaya/"
	want := heading(t, dir, visited)
	if h1, _ := open(t, ctx, s.URL, visited); h1 != want {
		t.Fatalf("online, %s shows %q, want %q", visited, h1, want)
	}
	controlled(t, ctx)
	// A second guide, visited while the worker controls the page: kept as it is fetched.
	second := "/en/rights/your-rights/"
	open(t, ctx, s.URL, second)

	s.Offline()
	if h1, lang := open(t, ctx, s.URL, visited); h1 != want || lang != "id" {
		t.Errorf("offline, the visited page %s shows %q (lang %q), want %q", visited, h1, lang, want)
	}
	if h1, _ := open(t, ctx, s.URL, second); h1 != heading(t, dir, second) {
		t.Errorf("offline, the visited page %s shows %q, want %q", second, h1, heading(t, dir, second))
	}
	if h1, lang := open(t, ctx, s.URL, unvisited); h1 != offlineTitle(t, dir, "id") || lang != "id" {
		t.Errorf("offline, the unvisited page %s shows %q (lang %q), want the Indonesian offline page %q", unvisited, h1, lang, offlineTitle(t, dir, "id"))
	}
	if h1, lang := open(t, ctx, s.URL, "/en/before-you-go/costs/"); h1 != offlineTitle(t, dir, "en") || lang != "en" {
		t.Errorf("offline, an unvisited English page shows %q (lang %q), want the English offline page %q", h1, lang, offlineTitle(t, dir, "en"))
	}
	// Back online, the network answers again.
	s.Online()
	if h1, _ := open(t, ctx, s.URL, unvisited); h1 != heading(t, dir, unvisited) {
		t.Errorf("online again, %s shows %q", unvisited, h1)
	}
}

// TestSaveForOffline taps "Save for offline" on the home page; then, without a network, every
// page of the language loads, and search works.
func TestSaveForOffline(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := browser(t)
	open(t, ctx, s.URL, "/id/")
	controlled(t, ctx)
	waitFor(t, ctx, "the Save for offline button to show", `!document.getElementById("save-offline").hidden`)
	var label string
	if err := eval(ctx, `document.getElementById("save-offline").textContent`, &label); err != nil || label == "" {
		t.Fatalf("no label on the Save for offline button (%v)", err)
	}
	if err := eval(ctx, `document.getElementById("save-offline").click(), true`, new(bool)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the pages to be saved", `document.getElementById("save-status").textContent === document.getElementById("save-offline").dataset.done`)

	var list []string
	readJSON(t, dir, "/id/offline.json", &list)
	s.Offline()
	n := 0
	for _, p := range list {
		if p[len(p)-1] != '/' || p == "/id/cari/" {
			continue
		}
		n++
		if h1, _ := open(t, ctx, s.URL, p); h1 != heading(t, dir, p) {
			t.Errorf("offline after saving, %s shows %q, want %q", p, h1, heading(t, dir, p))
		}
	}
	if n < 10 {
		t.Errorf("the list of pages to save has only %d pages: %v", n, list)
	}
	rs, status := search(t, s, ctx, "/id/cari/", "pekerjaan")
	if len(rs) == 0 {
		t.Errorf("offline after saving, search finds nothing: %q", status)
	}
}

// TestInstallable checks that each language's home can be added to the home screen: its web app
// manifest parses without errors and Chromium reports no installability error.
func TestInstallable(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := browser(t)
	for _, home := range []string{"/id/", "/en/", "/ms/"} {
		open(t, ctx, s.URL, home)
		controlled(t, ctx)
		var manifestURL string
		var problems []*page.AppManifestError
		var installErrs []*page.InstallabilityError
		err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			manifestURL, problems, _, _, err = page.GetAppManifest().Do(ctx)
			if err != nil {
				return err
			}
			installErrs, err = page.GetInstallabilityErrors().Do(ctx)
			return err
		}))
		if err != nil {
			t.Fatalf("%s: %v", home, err)
		}
		if !strings.HasSuffix(manifestURL, home+"manifest.webmanifest") {
			t.Errorf("%s links the manifest %q, want its language's", home, manifestURL)
		}
		for _, p := range problems {
			t.Errorf("%s: manifest line %d: %s", home, p.Line, p.Message)
		}
		for _, e := range installErrs {
			t.Errorf("%s: not installable: %s %v", home, e.ErrorID, e.ErrorArguments)
		}
	}
}
