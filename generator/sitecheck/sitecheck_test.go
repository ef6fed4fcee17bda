package sitecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/site"
)

// testBaseURL hosts the site under a sub-path, as GitHub Pages does for a project
// (https://ORG.github.io/REPO/): every link, asset and absolute URL must keep the /pandu/ prefix.
// (The bundled base_url is a placeholder, which would make the build warn.)
const testBaseURL = "https://pandu-migran.github.io/pandu/"

// buildBundled builds the repository's own site once per test binary.
func buildBundled(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := site.Build(site.Options{Source: "../..", Dest: dest, Minify: true, BaseURL: testBaseURL})
	if err != nil {
		t.Fatalf("the bundled site does not build:\n%v", err)
	}
	// The bundled site.toml keeps a placeholder [publisher] on purpose: the real publisher's name
	// and address are for whoever publishes the site to fill in, and the build reminds them with
	// exactly one warning. That warning, and no other, is allowed here.
	var others []error
	placeholder := 0
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Error(), "site.toml:") && strings.Contains(w.Error(), "[publisher] is a placeholder") {
			placeholder++
			continue
		}
		others = append(others, w)
	}
	if len(others) > 0 || placeholder > 1 {
		t.Errorf("the bundled site builds with warnings:\n%v", res.Warnings)
	}
	return dest
}

func TestBundledSiteLinks(t *testing.T) {
	dest := buildBundled(t)
	broken, err := Links(dest, testBaseURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %s", b)
	}
}

func TestBundledSiteValidHTML(t *testing.T) {
	dest := buildBundled(t)
	errs, err := ValidateHTML(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range errs {
		t.Errorf("HTML error: %s", strings.TrimPrefix(m.String(), "file:"+dest))
	}
}

// TestLinksFindsBreakage makes sure the checker can fail.
func TestLinksFindsBreakage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	write("index.html", `<a href="/a/">ok</a><a href="/a/#x">ok</a><a href="/a/#nope">bad id</a><a href="/missing/">bad</a>
<img src="img.png"><a href="https://other.org/">ext</a><link rel="canonical" href="https://e.org/gone/"><a href="#top" id="top">self</a><a href="a/">rel</a>`)
	write("a/index.html", `<h2 id="x">x</h2>`)
	write("_redirects", "# old\n/old/ /a/ 301!\n/gone/ /nowhere/ 301!\n/* /404.html 404\n")
	write("_headers", "/*\n  X-Content-Type-Options: nosniff\n/index.html\n  Cache-Control: no-cache\n/css/x.1234abcd.css\n  Cache-Control: immutable\n")
	broken, err := Links(dir, "https://e.org/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range broken {
		got = append(got, b.Target)
	}
	if strings.Join(got, " ") != "/nowhere/ /404.html /css/x.1234abcd.css /a/#nope /missing/ img.png https://e.org/gone/" {
		t.Errorf("broken = %v", broken)
	}
}

// TestValidateFindsErrors makes sure the HTML check can fail.
func TestValidateFindsErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.html"), []byte("<!DOCTYPE html><html lang=\"id\"><head><title>x</title></head><body><p><div>x</p></body></html>"), 0o644)
	errs, err := ValidateHTML(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) == 0 {
		t.Error("the checker found no error in invalid HTML")
	}
}
