package site

import (
	"testing"

	"pandu/generator/output"
)

// The sitemap written directly is, byte for byte, the XML encoder's minified: with and without
// a date, with no alternates or several, under a base path, with escaped letters of other
// scripts. A value with a character XML escapes is not plain, and goes through the encoder.
func TestPlainSitemapIsTheEncodedOneMinified(t *testing.T) {
	urls := []sitemapURL{
		{Loc: "https://e.org/id/", Lastmod: "2026-03-10", Links: []sitemapLink{
			{Rel: "alternate", Hreflang: "id", Href: "https://e.org/id/"},
			{Rel: "alternate", Hreflang: "en", Href: "https://e.org/en/"}}},
		{Loc: "https://e.org/sub/id/panduan/paspor/"},
		{Loc: "https://e.org/ar/%d8%af%d9%84%d9%8a%d9%84/", Lastmod: "2025-01-02"},
	}
	for _, u := range urls {
		if !u.plain() {
			t.Fatalf("%+v is not plain", u)
		}
	}
	encoded, err := encodedSitemap(urls)
	if err != nil {
		t.Fatal(err)
	}
	want, err := output.NewMinifier().Bytes("application/xml", encoded)
	if err != nil {
		t.Fatal(err)
	}
	if got := plainSitemap(urls); string(got) != string(want) {
		t.Errorf("plain sitemap:\n%s\nthe encoder's, minified:\n%s", got, want)
	}
	for _, s := range []string{"https://e.org/?a=1&b=2", "https://e.org/<x>", "https://e.org/'", "a\nb", "\xff"} {
		if (sitemapURL{Loc: s}).plain() || (sitemapURL{Loc: "x", Links: []sitemapLink{{Href: s}}}).plain() {
			t.Errorf("%q counts as plain", s)
		}
	}
}
