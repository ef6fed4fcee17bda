package content

import (
	"net/url"
	"strings"
	"testing"
)

func TestSegmentRule(t *testing.T) {
	for _, ok := range []string{"hak-pekerja", "paspor_2026", "v1.2", "ãé-ünicode", "пасп", "日本", "a~b"} {
		if why := SegmentProblem(ok); why != "" {
			t.Errorf("%q refused: %s", ok, why)
		}
	}
	for _, bad := range []string{"", ".", "..", "...", ".hidden", "a.", "with space", "what?", "a#b", "100%",
		"a\\b", "a/b", "a\tb", "new\nline", "a\x00b", "bad\xff", "index.html", "INDEX.HTML", "feed.xml", "sitemap.xml",
		"404.html", "0..0", `q"uo<te>`, "a\u202eb", "a\u00a0b", "a:b", "a|b", "a*b"} {
		if SegmentProblem(bad) == "" {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSuggestSlug(t *testing.T) {
	for in, want := range map[string]string{"With Space": "with-space", "what?": "what", "a#b": "a-b", "100%": "100",
		"new\nline": "new-line", "bad\xff": "bad", "...": "page", "index.html": "index-html", "Ünï Côde": "ünï-côde", "": "page"} {
		if got := SuggestSlug(in); got != want {
			t.Errorf("SuggestSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

// M5: file and folder names are checked like slugs; the error names the file and suggests a slug.
func TestNamesBecomeURLs(t *testing.T) {
	page := "+++\ntitle = \"t\"\n+++\nx\n"
	for _, tc := range []struct{ file, want string }{
		{"content/id/tes/with space.md", `content/id/tes/with space.md: the name "with space" cannot be a URL: it contains a space`},
		{"content/id/tes/what?.md", `"what?" cannot be a URL`},
		{"content/id/tes/a#b.md", `slug = "a-b"`},
		{"content/id/tes/100%.md", `"100%" cannot be a URL`},
		{"content/id/tes/new\nline.md", "a line break"},
		{"content/id/tes/bad\xff.md", "not valid UTF-8"},
		{"content/id/tes/index.html.md", "index.html is a file the build writes itself"},
		{"content/id/a b/c.md", `content/id/a b: the name "a b" cannot be a URL`},
		{"content/id/x y/index.md", `content/id/x y: the name "x y"`},
		{"content/id/tes/b/index.md\x00content/id/tes/b/my photo.png", `content/id/tes/b/my photo.png: the name "my photo.png"`},
	} {
		files := map[string]string{}
		for _, f := range strings.Split(tc.file, "\x00") {
			files[f] = page
		}
		_, err := site(t, files)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v\nwant %q", tc.file, err, tc.want)
		}
	}
}

// M5: slugs follow the same rule, with the slug's line and column in the file.
func TestSlugRule(t *testing.T) {
	for _, tc := range []struct{ slug, want string }{
		{`"a\tb"`, "a.md:3:8: slug \"a\\tb\" cannot be a URL: it contains a tab"},
		{`"a\nb"`, "a line break"},
		{`"a\u0000b"`, "a NUL byte"},
		{`"index.html"`, "index.html is a file the build writes itself"},
		{`"..."`, "starts with a dot"},
		{`"Hak Saya?"`, `slug = "hak-saya"`},
	} {
		_, problems := ParseFrontMatter("a.md", []byte("title = \"T\"\nslug = "+tc.slug+"\n"))
		err := problems.Err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("slug %s: err = %v\nwant %q", tc.slug, err, tc.want)
		}
	}
}

// Unicode slugs keep working.
func TestUnicodeSlug(t *testing.T) {
	s, err := site(t, map[string]string{"content/id/tes/x.md": "+++\ntitle = \"t\"\nslug = \"hak-pékerja\"\n+++\nx\n"})
	if err != nil {
		t.Fatal(err)
	}
	if u := s.ByLang["id"].ByPath["tes/x.md"].URL; u != "/id/tes/hak-pékerja/" {
		t.Errorf("URL %q", u)
	}
	if _, err := url.Parse(s.ByLang["id"].ByPath["tes/x.md"].URL); err != nil {
		t.Error(err)
	}
}

// M8: invalid UTF-8 and NUL in a body are errors at their file line and column.
func TestBodyText(t *testing.T) {
	src := "+++\ntitle = \"Uji\"\n+++\n\nHalo \xff\xfe dunia\n\n# Head \x00 x\n"
	_, problems := ParsePage("id", "tes/body.md", []byte(src))
	err := problems.Err()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"content/id/tes/body.md:5:6: byte 0xFF is not valid UTF-8", "content/id/tes/body.md:5:7: byte 0xFE",
		"content/id/tes/body.md:7:8: a NUL byte"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if _, problems := ParsePage("id", "ok.md", []byte("+++\ntitle = \"Uji\"\n+++\nÜnïcödé 日本\n")); problems.Err() != nil {
		t.Error(problems.Err())
	}
}
