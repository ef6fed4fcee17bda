package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/output"
)

// The sitemap written as the pages are listed is, byte for byte, the XML encoder's minified:
// with and without a date, with no alternates or several, under a base path, with escaped
// letters of other scripts; the preview makes its buffer once, of the sitemap's size. A base URL
// with a character XML escapes is not plain, and goes through the encoder.
func TestPlainSitemapIsTheEncodedOneMinified(t *testing.T) {
	src := fixtureWith(t, map[string]string{
		// No date, no translation, a Unicode slug.
		"content/id/panduan/unik.md": "+++\ntitle = \"Unik\"\nslug = \"hak-pékerja\"\ndescription = \"d\"\n+++\n\nTeks.\n",
	})
	sitemap := func(base string, minify bool) string {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Source: src, Dest: dest, Minify: minify, BaseURL: base}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, base := range []string{"https://e.org/sub/", "https://e.org/a&b/"} {
		encoded := sitemap(base, false) // the encoder's, as the build without minifying writes it
		want, err := output.NewMinifier().Bytes("application/xml", []byte(encoded))
		if err != nil {
			t.Fatal(err)
		}
		got := sitemap(base, true)
		if got != string(want) {
			t.Errorf("base %s: the sitemap:\n%s\nthe encoder's, minified:\n%s", base, got, want)
		}
		for _, s := range []string{"/id/panduan/hak-p%c3%a9kerja/</loc>", `hreflang="en"`, "<lastmod>"} {
			if !strings.Contains(got, s) {
				t.Errorf("base %s: the sitemap has no %s", base, s)
			}
		}
		if strings.Contains(base, "&") && !strings.Contains(got, "a&amp;b") {
			t.Errorf("base %s: not escaped:\n%s", base, got)
		}
	}

	s, _, err := Open(Options{Source: src, Minify: true, BaseURL: "https://e.org/sub/"})
	if err != nil {
		t.Fatal(err)
	}
	size, plain, err := s.b.Load().sitemapSize()
	if got := s.Files()["sitemap.xml"]; err != nil || !plain || size != len(got) || cap(got) != len(got) {
		t.Errorf("sitemap of %d bytes (room for %d), sitemapSize %d (plain %v, %v)", len(got), cap(got), size, plain, err)
	}
	for _, s := range []string{"https://e.org/?a=1&b=2", "https://e.org/<x>", "https://e.org/'", "a\nb", "\xff"} {
		if plainXML(s) {
			t.Errorf("%q counts as plain", s)
		}
	}
}
