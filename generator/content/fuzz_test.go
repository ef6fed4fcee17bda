package content

import (
	"net/url"
	"path"
	"strings"
	"testing"
	"unicode"

	"pandu/generator/config"
)

// checkCleanURL fails when u, a site path built from accepted names, is not a clean path inside
// the site that survives percent-encoding and URL parsing unchanged.
func checkCleanURL(t *testing.T, u string) {
	t.Helper()
	if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || path.Clean(u)+"/" != u {
		t.Fatalf("%q is not a clean folder path", u)
	}
	for _, bad := range []string{"..", "//", "?", "#", "\\", "%"} {
		if strings.Contains(u, bad) {
			t.Fatalf("%q contains %q", u, bad)
		}
	}
	for _, r := range u {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar {
			t.Fatalf("%q contains %U", u, r)
		}
	}
	esc := config.EscapePath(u)
	parsed, err := url.Parse("https://example.org" + esc)
	if err != nil {
		t.Fatalf("%q (escaped %q) does not parse: %v", u, esc, err)
	}
	if parsed.Path != u || parsed.RawQuery != "" || parsed.Fragment != "" || parsed.Host != "example.org" {
		t.Fatalf("%q escaped as %q parses back as path %q query %q fragment %q host %q", u, esc, parsed.Path, parsed.RawQuery, parsed.Fragment, parsed.Host)
	}
	for i := 0; i < len(esc); i++ {
		if esc[i] < 0x21 || esc[i] >= 0x7f {
			t.Fatalf("escaped %q holds byte %#x", esc, esc[i])
		}
	}
}

// FuzzNameToURL: a name (file, folder or slug) or an alias that the URL rule accepts gives a URL
// that is a clean path inside the site; SuggestSlug always gives an accepted name.
func FuzzNameToURL(f *testing.F) {
	for _, s := range []string{"hak-pekerja", "ãé", "a b", "what?", "a#b", "100%", "new\nline", "bad\xff", "...", ".x",
		"index.html", "/id/lama/", "//evil.example/x", "/../../x", "/id/x\\..\\evil/", "/ID/Ü/", "/id//x", "/", "a\u202eb", "x."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if SegmentProblem(s) == "" {
			checkCleanURL(t, "/id/"+s+"/")
		}
		sug := SuggestSlug(s)
		if why := SegmentProblem(sug); why != "" {
			t.Fatalf("SuggestSlug(%q) = %q, which is refused: %s", s, sug, why)
		}
		if norm, why := NormalizeAlias(s); why == "" {
			checkCleanURL(t, norm)
			if again, why := NormalizeAlias(norm); why != "" || again != norm {
				t.Fatalf("alias %q normalised to %q, then to %q (%s)", s, norm, again, why)
			}
			if _, seg := CheckPath(strings.Trim(norm, "/")); seg != "" {
				t.Fatalf("alias %q normalised to %q has a bad segment: %s", s, norm, seg)
			}
		}
	})
}
