package site

import (
	"fmt"
	"net/url"
	"path"
	"testing"
)

// parseDest takes a plain destination apart without url.Parse; whatever the destination, the
// parts the resolver reads are url.Parse's.
func TestParseDestMatchesURLParse(t *testing.T) {
	dests := []string{
		"", "#", "#top", "paspor.md", "../persiapan/paspor.md#biaya", "/id/bantuan/", "/img/peta.png",
		"./a.md", "a.md#", "a.md##b", "a b.md", "a%20b.md", "a.md?x=1#y", "//host/x.md", "mailto:x@y",
		"a:b.md", "@user/a.md", "a.md#c%41", "/x/(1)/y;z=2", "a\x7fb.md", "a\tb.md", "ü.md", "a.md#ü",
		"https://example.org/", "~/a.md", "a.md#x#y", "?q", "../../..", "a/./b/../c.md",
	}
	for _, d := range dests {
		if err := sameAsURLParse(d); err != "" {
			t.Error(err)
		}
	}
}

// FuzzParseDest checks the same for any destination.
func FuzzParseDest(f *testing.F) {
	f.Add("../persiapan/paspor.md#biaya")
	f.Add("a:b#c")
	f.Fuzz(func(t *testing.T, d string) {
		if err := sameAsURLParse(d); err != "" {
			t.Fatal(err)
		}
	})
}

// sameAsURLParse compares parseDest with url.Parse on d: "" when they agree.
func sameAsURLParse(d string) string {
	p, query, frag, err := parseDest(d)
	want, wantErr := url.Parse(d)
	if (err != nil) != (wantErr != nil) {
		return fmt.Sprintf("%q: error %v, url.Parse's %v", d, err, wantErr)
	}
	if wantErr == nil && (p != want.Path || query != want.RawQuery || frag != want.Fragment) {
		return fmt.Sprintf("%q: path %q query %q fragment %q; url.Parse: %q %q %q", d, p, query, frag, want.Path, want.RawQuery, want.Fragment)
	}
	return ""
}

// cleanPath cleans in place as path.Clean does, for paths relative and rooted.
func TestCleanPathMatchesPathClean(t *testing.T) {
	paths := []string{
		"", ".", "..", "/", "//", "a", "a/", "/a", "a/b", "a//b", "a/./b", "a/../b", "../a", "../../a/b",
		"a/../../b", "/../a", "/a/../../b", "a/b/../..", "a/b/../../..", "./", "./a/./", ".a/..b/...",
		"a/..", "/..", "x/y/../../../z.md", "persiapan/../bantuan/kontak.md", "a/b/./../c/../d.md",
	}
	for _, p := range paths {
		if err := sameAsPathClean(p); err != "" {
			t.Error(err)
		}
	}
}

// FuzzCleanPath checks the same for any path.
func FuzzCleanPath(f *testing.F) {
	f.Add("a/b/../../..//c/./d")
	f.Fuzz(func(t *testing.T, p string) {
		if err := sameAsPathClean(p); err != "" {
			t.Fatal(err)
		}
	})
}

func sameAsPathClean(p string) string {
	if got, want := string(cleanPath([]byte(p))), path.Clean(p); got != want {
		return fmt.Sprintf("cleanPath(%q) = %q, path.Clean gives %q", p, got, want)
	}
	return ""
}
