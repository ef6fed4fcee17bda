package content

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pandu/generator/config"
	"pandu/generator/diag"
	"pandu/generator/sourcefs"
)

func TestSplitFrontMatter(t *testing.T) {
	fm, body, line, err := SplitFrontMatter("a.md", []byte("\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\r\nBody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(fm) != "title = \"x\"\r\n" || string(body) != "Body\n" || line != 3 {
		t.Errorf("fm %q body %q line %d", fm, body, line)
	}
	for _, tc := range []struct{ src, want string }{
		{"---\ntitle: x\n---\n", "YAML"},
		{"# Title\n", "does not start with front matter"},
		{"+++\ntitle = \"x\"\n", "not closed"},
	} {
		_, _, _, err := SplitFrontMatter("a.md", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "a.md:1:1:") {
			t.Errorf("%q: err = %v", tc.src, err)
		}
	}
}

func TestParseFrontMatter(t *testing.T) {
	fm, problems := ParseFrontMatter("a.md", []byte(`title = "T"
date = 2026-01-02
reviewed = "2026-03-04"
aliases = ["/old/"]
[[sources]]
title = "S"
url = "https://e.org"
[params]
free = 1
`))
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	if fm.Title != "T" || fm.date.Format("2006-01-02") != "2026-01-02" || fm.reviewed.Format("2006-01-02") != "2026-03-04" {
		t.Errorf("%+v", fm)
	}
	if len(fm.Sources) != 1 || fm.Params["free"] != int64(1) {
		t.Errorf("sources %v params %v", fm.Sources, fm.Params)
	}
	for _, tc := range []struct{ src, want string }{
		{"title = \"T\"\nfoo = 1\n", `a.md:3:1: unknown front matter key "foo"`},
		{"description = \"d\"\n", "a.md:1: title is missing"},
		{"title = \"T\"\nslug = \"a b\"\n", "a.md:3:8: slug"},
		{"title = \"T\"\ndate = \"soon\"\n", "a.md:3:1: date"},
		{"title = \"T\"\naliases = [\"old\"]\n", "must be a site path"},
		// L1: a source must be a web address (javascript: became href="#ZgotmplZ").
		{"title = \"T\"\n[[sources]]\ntitle = \"t\"\nurl = \"javascript:alert(4)\"\n", `a.md:5:7: source 1: url "javascript:alert(4)" is not a web address`},
		{"title = \"T\"\n[[sources]]\ntitle = \"t\"\nurl = \"https://a.org\"\n[[sources]]\ntitle = \"u\"\n\nurl = \"/local/\"\n", `a.md:9:7: source 2: url "/local/"`},
		{"title = [1]\n", "a.md:2:9: title has the wrong type: here it is a list"},
		{"title = \"T\"\n[[sources]]\ntitle = \"x\"\n", "a.md:3:1: source 1 needs both title and url"},
		{"title = \"T\"\n[[sources]]\nname = \"x\"\nurl = \"u\"\ntitle = \"t\"\n", `unknown key "name" in a [[sources]] entry`},
		{"title = T\n", "a.md:2:"},
		// M7: type errors name the file line and the value's column, with a hint.
		{"title = 5\n", "a.md:2:9: title has the wrong type: here it is a number\n    title must be a string in quotes"},
		{"title = \"T\"\nweight = \"heavy\"\n", "a.md:3:10: weight has the wrong type: here it is text\n    weight must be a whole number"},
		{"title = \"T\"\ndraft = \"no\"\n", "a.md:3:9: draft has the wrong type: here it is text\n    draft must be true or false"},
		{"title = \"T\"\naliases = \"/x/\"\n", "a.md:3:11: aliases has the wrong type: here it is text\n    aliases must be a list in square brackets"},
		// L1: a source must be a web address (javascript: became href="#ZgotmplZ").
		{"title = \"T\"\n[[sources]]\ntitle = \"t\"\nurl = \"javascript:alert(4)\"\n", `a.md:5:7: source 1: url "javascript:alert(4)" is not a web address`},
		{"title = \"T\"\n[[sources]]\ntitle = \"t\"\nurl = \"https://a.org\"\n[[sources]]\ntitle = \"u\"\n\nurl = \"/local/\"\n", `a.md:9:7: source 2: url "/local/"`},
		{"title = [1]\n", "a.md:2:9: title has the wrong type: here it is a list"},
		{"title = \"T\"\n[[sources]]\ntitle = \"t\"\nurl = 5\n", "a.md:5:7: sources.url has the wrong type: here it is a number\n    url must be a string in quotes"},
	} {
		_, problems := ParseFrontMatter("a.md", []byte(tc.src))
		err := problems.Err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// site writes a small site and loads it.
func site(t *testing.T, files map[string]string) (*Site, error) {
	t.Helper()
	_, cfg := writeSite(t, files)
	s, problems := Load(cfg, Options{})
	return s, problems.Err()
}

// writeSite writes a small site in two languages (id and en) and loads its configuration.
func writeSite(t *testing.T, files map[string]string) (string, *config.Config) {
	t.Helper()
	root := t.TempDir()
	files["site.toml"] = "base_url = \"https://e.org/\"\ndefault_language = \"id\"\n[languages.id]\nname = \"I\"\ntitle = \"T\"\nweight = 1\n[languages.en]\nname = \"E\"\ntitle = \"T\"\nweight = 2\n"
	for name, text := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return root, cfg
}

func TestLoadTree(t *testing.T) {
	s, err := site(t, map[string]string{
		"content/id/_index.md":          "+++\ntitle = \"Beranda\"\n+++\n",
		"content/id/a/_index.md":        "+++\ntitle = \"A\"\nslug = \"aa\"\n+++\n",
		"content/id/a/x.md":             "+++\ntitle = \"X\"\nweight = 2\n+++\n",
		"content/id/a/y.md":             "+++\ntitle = \"Y\"\nweight = 1\n+++\n",
		"content/id/a/z.md":             "+++\ntitle = \"Z\"\ndraft = true\n+++\n",
		"content/id/a/b/index.md":       "+++\ntitle = \"Bundle\"\n+++\n",
		"content/id/a/b/pic.png":        "png",
		"content/id/c/d.md":             "+++\ntitle = \"D\"\n+++\n",
		"content/en/_index.md":          "+++\ntitle = \"Home\"\n+++\n",
		"content/en/a/x.md":             "+++\ntitle = \"X en\"\nslug = \"ex\"\n+++\n",
		"content/_data/ignored.toml":    "x = 1",
		"content/en/.hidden/secret.md":  "not read",
		"content/id/a/.editor-backup~1": "ignored",
	})
	if err != nil {
		t.Fatal(err)
	}
	id := s.ByLang["id"]
	var urls []string
	for _, p := range id.Pages {
		urls = append(urls, p.URL)
	}
	want := "/id/ /id/aa/ /id/aa/y/ /id/aa/x/ /id/aa/b/ /id/c/ /id/c/d/"
	if got := strings.Join(urls, " "); got != want {
		t.Errorf("id pages:\n got %s\nwant %s", got, want)
	}
	b := id.ByPath["a/b/index.md"]
	if len(b.Resources) != 1 || b.Resources[0].URL != "/id/aa/b/pic.png" {
		t.Errorf("bundle resources %+v", b.Resources)
	}
	if c := id.ByPath["c/_index.md"]; c == nil || c.Title != "C" {
		t.Errorf("implicit section %+v", c)
	}
	en := s.ByLang["en"]
	x := en.ByPath["a/x.md"]
	if x.Fallback || x.URL != "/en/aa/ex/" {
		t.Errorf("en x: %+v %s", x.Fallback, x.URL)
	}
	// The en section a/ has no _index.md: the id one gets a fallback, so the en URL uses the id slug.
	y := en.ByPath["a/y.md"]
	if y == nil || !y.Fallback || y.Source != id.ByPath["a/y.md"] || y.URL != "/en/aa/y/" || !x.Parent.Fallback {
		t.Errorf("en fallback y: %+v", y)
	}
	if len(x.Translations) != 2 || x.Translation("id") != id.ByPath["a/x.md"] {
		t.Errorf("translations %v", x.Translations)
	}
	if id.ByPath["a/z.md"] != nil {
		t.Error("draft loaded")
	}
}

func TestLoadProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown language folder", map[string]string{"content/fr/_index.md": "+++\ntitle = \"x\"\n+++\n"}, `content/fr: folder "fr" is not a configured language`},
		{"same url", map[string]string{"content/id/a.md": "+++\ntitle = \"A\"\nslug = \"b\"\n+++\n", "content/id/b.md": "+++\ntitle = \"B\"\n+++\n"}, "URL /id/b/ is used twice: by content/id/a.md:3:8 (its slug) and by content/id/b.md (its file name)"},
		{"same key", map[string]string{"content/id/a.md": "+++\ntitle = \"A\"\ntranslation_key = \"k\"\n+++\n", "content/id/b.md": "+++\ntitle = \"B\"\ntranslation_key = \"k\"\n+++\n"}, `translation key "k" is also used by`},
		{"md in bundle", map[string]string{"content/id/b/index.md": "+++\ntitle = \"B\"\n+++\n", "content/id/b/extra.md": "+++\ntitle = \"E\"\n+++\n"}, "inside a page bundle is not a page"},
		// L8: names that differ only in case are one folder on macOS and Windows.
		{"case-only file names", map[string]string{"content/id/Page.md": "+++\ntitle = \"A\"\n+++\n", "content/id/page.md": "+++\ntitle = \"B\"\n+++\n"}, "differs only in case from"},
		{"case-only slugs", map[string]string{"content/id/a.md": "+++\ntitle = \"A\"\nslug = \"Hak\"\n+++\n", "content/id/b.md": "+++\ntitle = \"B\"\nslug = \"hak\"\n+++\n"}, "differs only in case from"},
		{"file outside language", map[string]string{"content/stray.md": "x"}, "file outside a language folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := site(t, tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestHandoutFrontMatter(t *testing.T) {
	fm, problems := ParseFrontMatter("a.md", []byte("title = \"T\"\n[handout]\npoints = [\"A.\", \"B [x](#y).\", \"C.\"]\ncontacts = [\"k1\"]\n"))
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	if fm.Handout == nil || len(fm.Handout.Points) != 3 || fm.Handout.Points[1] != "B [x](#y)." || fm.Handout.Contacts[0] != "k1" {
		t.Errorf("handout %+v", fm.Handout)
	}
	if fm, _ := ParseFrontMatter("a.md", []byte("title = \"T\"\n")); fm.Handout != nil {
		t.Errorf("a page without [handout] has %+v", fm.Handout)
	}
	for _, tc := range []struct{ src, want string }{
		{"title = \"T\"\n[handout]\npoints = [\"A.\", \"B.\"]\n", "a.md:4:1: the handout has 2 points: give it 3 to 5"},
		{"title = \"T\"\n[handout]\npoints = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\"]\n", "a.md:4:1: the handout has 6 points: give it 3 to 5"},
		{"title = \"T\"\n[handout]\ncontacts = [\"a\"]\n", "a.md:3:1: the handout has 0 points"},
		{"title = \"T\"\n[handout]\npoints = [\"1\", \" \", \"3\"]\n", "a.md:4:1: handout point 2 is empty"},
		{"title = \"T\"\n[handout]\npoints = [\"1\", \"2\", \"3\"]\ncontacts = [\"a\", \"b\", \"c\", \"d\"]\n", "a.md:5:1: the handout lists 4 contacts: keep at most 3"},
		{"title = \"T\"\n[handout]\npoints = [\"1\", \"2\", \"3\"]\nphone = \"x\"\n", `a.md:5:1: unknown key "phone" in [handout]`},
	} {
		_, problems := ParseFrontMatter("a.md", []byte(tc.src))
		if err := problems.Err(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// Issue 15: every value of the wrong type in a file's front matter is reported at once, each with
// file:line:col and a plain hint in English (no Indonesian example text on an English site).
func TestFrontMatterTypeErrorsAllReported(t *testing.T) {
	_, problems := ParseFrontMatter("content/en/a.md", []byte("title = 2019\ndescription = \"ok\"\nweight = \"first\"\ndraft = \"no\"\n\naliases = \"/en/x/\"\n[[sources]]\ntitle = 5\nurl = \"https://e.org\"\n"))
	want := []string{
		"content/en/a.md:2:9: title has the wrong type: here it is a number",
		"content/en/a.md:4:10: weight has the wrong type: here it is text",
		"content/en/a.md:5:9: draft has the wrong type: here it is text",
		"content/en/a.md:7:11: aliases has the wrong type: here it is text",
		"content/en/a.md:9:9: sources.title has the wrong type: here it is a number",
	}
	if len(problems) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(problems), len(want), problems.Err())
	}
	for i, p := range problems {
		if !strings.HasPrefix(p.Error(), want[i]) || p.Hint == "" {
			t.Errorf("problem %d: %q (hint %q), want %q", i, p.Error(), p.Hint, want[i])
		}
	}
	for _, src := range []string{"", "---\ntitle: x\n---\n"} {
		_, _, _, err := SplitFrontMatter("content/en/a.md", []byte(src))
		if err == nil || strings.Contains(err.(diag.Problem).Hint, "Judul") {
			t.Errorf("front matter hint is not in English: %v", err)
		}
	}
}

// Issue 15: a page translated before its section's _index.md: the implicit section takes the
// source section's title and slug, but not its aliases (they would redirect twice).
func TestImplicitSectionHasNoAliases(t *testing.T) {
	s, err := site(t, map[string]string{
		"content/id/_index.md":   "+++\ntitle = \"Beranda\"\n+++\n",
		"content/id/a/_index.md": "+++\ntitle = \"A\"\nslug = \"aa\"\naliases = [\"/id/lama-a/\"]\n+++\n",
		"content/id/a/x.md":      "+++\ntitle = \"X\"\n+++\n",
		"content/en/_index.md":   "+++\ntitle = \"Home\"\n+++\n",
		"content/en/a/x.md":      "+++\ntitle = \"X en\"\n+++\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	en := s.ByLang["en"].ByPath["a/_index.md"]
	if en == nil || !en.Fallback || en.URL != "/en/aa/" || len(en.Aliases) != 0 {
		t.Fatalf("implicit en section: %+v", en)
	}
	if id := s.ByLang["id"].ByPath["a/_index.md"]; len(id.Aliases) != 1 {
		t.Errorf("the source section lost its alias: %v", id.Aliases)
	}
}

// Issue 15: translation_key linking a section to a page made every fallback page below the
// section vanish in that language, silently; it is an error naming the key's line.
func TestSectionTranslatedByPage(t *testing.T) {
	for _, tc := range []struct{ name, file, text, want string }{
		{"page for a section", "content/en/guides.md", "+++\ntitle = \"Guides\"\ntranslation_key = \"a/_index.md\"\n+++\n",
			`content/en/guides.md:3:19: this is a page, but its translation key "a/_index.md" links it to content/id/a/_index.md, which is a section (_index.md)`},
		{"section for a page", "content/en/b/_index.md", "+++\ntitle = \"B\"\ntranslation_key = \"a/x.md\"\n+++\n",
			`content/en/b/_index.md:3:19: this is a section (_index.md), but its translation key "a/x.md" links it to content/id/a/x.md, which is a page`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := site(t, map[string]string{
				"content/id/_index.md":   "+++\ntitle = \"Beranda\"\n+++\n",
				"content/id/a/_index.md": "+++\ntitle = \"A\"\n+++\n",
				"content/id/a/x.md":      "+++\ntitle = \"X\"\n+++\n",
				"content/en/_index.md":   "+++\ntitle = \"Home\"\n+++\n",
				tc.file:                  tc.text,
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant %s", err, tc.want)
			}
		})
	}
}

// Issue 15: every output collision is reported in one build, each naming both sources with their
// lines and how to fix it; an alias copied into a translation says so.
func TestCollisionsAllReported(t *testing.T) {
	_, err := site(t, map[string]string{
		"content/id/_index.md": "+++\ntitle = \"Beranda\"\n+++\n",
		"content/id/a.md":      "+++\ntitle = \"A\"\nslug = \"b\"\n+++\n",
		"content/id/b.md":      "+++\ntitle = \"B\"\n+++\n",
		"content/id/c.md":      "+++\ntitle = \"C\"\nslug = \"d\"\n+++\n",
		"content/id/d.md":      "+++\ntitle = \"D\"\n+++\n",
		"content/id/x.md":      "+++\ntitle = \"X\"\naliases = [\"/id/lama-x/\"]\n+++\n",
		"content/id/z.md":      "+++\ntitle = \"Z\"\n+++\n",
		"content/en/_index.md": "+++\ntitle = \"Home\"\n+++\n",
		"content/en/x.md":      "+++\ntitle = \"X en\"\naliases = [\"/id/lama-x/\"]\n+++\n",
		"content/en/y.md":      "+++\ntitle = \"Z in English\"\nslug = \"z\"\n+++\n",
	})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"URL /id/b/ is used twice: by content/id/a.md:3:8 (its slug) and by content/id/b.md (its file name)",
		"URL /id/d/ is used twice: by content/id/c.md:3:8 (its slug) and by content/id/d.md (its file name)",
		"content/en/x.md:3:12: alias /id/lama-x/ is also an alias of content/id/x.md:3:12, its id version (aliases are not shared between translations)",
		"remove the alias from this file, or replace it with this language's old URL (/en/...)",
		"content/en/y.md:3:8: URL /en/z/ is used twice: by the en fallback copy of content/id/z.md (shown until it is translated) and by content/en/y.md:3:8 (its slug)",
		`if content/en/y.md translates content/id/z.md, give it translation_key = "z.md"; otherwise give it another slug`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing:\n%s\nin:\n%s", want, msg)
		}
	}
}

// TestParsedKeepsUnchangedFiles checks that a load given the files of the previous one parses
// only the files whose bytes changed, gives each load pages of its own, and forgets the files
// that are gone.
func TestParsedKeepsUnchangedFiles(t *testing.T) {
	root, cfg := writeSite(t, map[string]string{
		"content/id/_index.md": "+++\ntitle = \"Beranda\"\n+++\n",
		"content/id/a/x.md":    "+++\ntitle = \"X\"\nslug = \"ex\"\n+++\n\nTeks x.\n",
		"content/id/a/y.md":    "+++\ntitle = \"Y\"\n+++\n\nTeks y.\n",
	})
	cache := &Parsed{}
	load := func() *Language { return loadCached(t, cfg, cache).ByLang["id"] }
	first := load()
	os.WriteFile(filepath.Join(root, "content/id/a/y.md"), []byte("+++\ntitle = \"Y2\"\n+++\n\nTeks y2.\n"), 0o644)
	second := load()
	x1, x2 := first.ByPath["a/x.md"], second.ByPath["a/x.md"]
	if x1 == x2 || &x1.Body[0] != &x2.Body[0] {
		t.Error("the unchanged file was parsed again, or its page is shared by two loads")
	}
	if x2.URL != "/id/a/ex/" || x2.Parent != second.ByPath["a/_index.md"] || x1.Parent == x2.Parent {
		t.Errorf("the kept file's page is not linked into the new model: %s", x2.URL)
	}
	if y := second.ByPath["a/y.md"]; y.Title != "Y2" || string(y.Body) != "\nTeks y2.\n" {
		t.Errorf("the changed file: %q %q", y.Title, y.Body)
	}
	os.Remove(filepath.Join(root, "content/id/a/y.md"))
	if third := load(); third.ByPath["a/y.md"] != nil || len(cache.files["id"]) != 2 {
		t.Errorf("a deleted file is still loaded, or kept (%d files kept)", len(cache.files["id"]))
	}
}

// TestParsedReadsTouchedFiles checks that once Touch names the changes, a load reads only the
// files named, or under a folder named, and takes the others unread.
func TestParsedReadsTouchedFiles(t *testing.T) {
	root, cfg := writeSite(t, map[string]string{
		"content/id/_index.md": "+++\ntitle = \"Beranda\"\n+++\n",
		"content/id/a/x.md":    "+++\ntitle = \"X\"\n+++\n",
		"content/id/a/y.md":    "+++\ntitle = \"Y\"\n+++\n",
		"content/id/b/z.md":    "+++\ntitle = \"Z\"\n+++\n",
	})
	cache := &Parsed{}
	titles := func() string {
		l := loadCached(t, cfg, cache).ByLang["id"]
		return l.ByPath["a/x.md"].Title + l.ByPath["a/y.md"].Title + l.ByPath["b/z.md"].Title
	}
	write := func(file, title string) {
		os.WriteFile(filepath.Join(root, file), []byte("+++\ntitle = \""+title+"\"\n+++\n"), 0o644)
	}
	titles()
	write("content/id/a/x.md", "X2")
	if got := titles(); got != "X2YZ" {
		t.Errorf("before any Touch every file is read: %s", got)
	}
	cache.Touch("content/id/a/y.md")
	write("content/id/a/x.md", "X3") // not named: the watcher would have
	write("content/id/a/y.md", "Y2")
	if got := titles(); got != "X2Y2Z" {
		t.Errorf("after Touch of y.md: %s, want X2Y2Z (x.md unread)", got)
	}
	write("content/id/b/z.md", "Z2")
	cache.Touch("content/id/a")
	if got := titles(); got != "X3Y2Z" {
		t.Errorf("after Touch of the folder a: %s, want X3Y2Z", got)
	}
	if got := titles(); got != "X3Y2Z" {
		t.Errorf("a load without Touch read again: %s", got)
	}
	cache.Touch(".")
	if got := titles(); got != "X3Y2Z2" {
		t.Errorf("after Touch of the whole site: %s", got)
	}
	write("content/id/a/x.md", "X4")
	cache.Touch("site.toml") // may set another size limit for every file
	if got := titles(); got != "X4Y2Z2" {
		t.Errorf("after Touch of site.toml: %s", got)
	}
}

// TestPreparedPagesAreUsed checks that a load takes its pages' memory from Prepare, once, and
// that the pages it fills there are those of a load without it.
func TestPreparedPagesAreUsed(t *testing.T) {
	root, cfg := writeSite(t, map[string]string{
		"content/id/_index.md": "+++\ntitle = \"Beranda\"\n+++\n",
		"content/id/a/x.md":    "+++\ntitle = \"X\"\nweight = 2\n+++\n",
		"content/id/a/y.md":    "+++\ntitle = \"Y\"\nweight = 1\n+++\n",
	})
	cache := &Parsed{}
	load := func() *Site { return loadCached(t, cfg, cache) }
	load()
	cache.Touch() // the watcher names every change from now on: unread files are copied
	cache.Prepare()
	spare := cache.spare["id"]
	if len(spare) != 3 {
		t.Fatalf("Prepare made room for %d pages, want the 3 of content/id", len(spare))
	}
	os.WriteFile(filepath.Join(root, "content/id/a/x.md"), []byte("+++\ntitle = \"X2\"\n+++\n"), 0o644)
	cache.Touch("content/id/a/x.md")
	s := load()
	y := s.ByLang["id"].ByPath["a/y.md"] // unread: copied into the prepared memory
	if !inList(spare, y) {
		t.Error("the unread page was not copied into the memory Prepare made")
	}
	if len(cache.spare["id"]) != 0 {
		t.Error("the load left the prepared memory for the next one")
	}
	if got := s.ByLang["id"].ByPath["a/_index.md"].Pages; len(got) != 2 || got[0] != y || got[1].Title != "X2" || y.URL != "/id/a/y/" {
		t.Errorf("the model made in prepared memory: pages %v, y at %s", got, y.URL)
	}
}

// loadCached loads the site with the parse cache, and fails the test on an error.
func loadCached(t *testing.T, cfg *config.Config, cache *Parsed) *Site {
	t.Helper()
	s, problems := Load(cfg, Options{Parsed: cache})
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	return s
}

// inList reports whether p points into list.
func inList(list []Page, p *Page) bool {
	for i := range list {
		if &list[i] == p {
			return true
		}
	}
	return false
}

// TestParsedListsTouchedFiles checks, over random edits that the watcher names (new, changed and
// deleted files, new and deleted folders, hidden files, files beside a folder of the same stem),
// that a load which lists a language folder from the last load and the paths touched sees the
// same files, in the same order, as a walk of the folder, and builds the same model.
func TestParsedListsTouchedFiles(t *testing.T) {
	page := "+++\ntitle = \"T\"\n+++\n\nTeks.\n"
	root, cfg := writeSite(t, map[string]string{
		"content/id/_index.md":   "+++\ntitle = \"Beranda\"\n+++\n",
		"content/en/_index.md":   "+++\ntitle = \"Home\"\n+++\n",
		"content/id/a/x.md":      page,
		"content/id/a/b/y.md":    page,
		"content/id/c/z.md":      page,
		"content/en/a/x.md":      page,
		"content/id/a/.hid.md":   page,
		"content/id/a/b/pic.png": "png",
	})
	t.Chdir(root) // the site given as a relative path, as `pandu serve` in the site's folder does
	cfg, err := config.Load(".")
	if err != nil {
		t.Fatal(err)
	}
	src, err := sourcefs.For(".")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	dirs := []string{"content/id", "content/id/a", "content/id/a/b", "content/id/c", "content/en", "content/en/a"}
	names := []string{"p.md", "q.md", "b.md", "a.md", "r.txt", ".h.md", "zz.md"}
	cache := &Parsed{}
	models := func(opts Options) string {
		t.Helper()
		opts.KeepGoing = true
		s, _ := Load(cfg, opts)
		var files []string
		for _, p := range s.Pages {
			files = append(files, p.File+" "+p.URL+" "+p.Title)
		}
		return strings.Join(files, "\n")
	}
	models(Options{Parsed: cache})
	cache.Touch() // from now on the watcher names every change
	listings := 0
	for step := 0; step < 400; step++ {
		var touched []string
		dir := dirs[rng.IntN(len(dirs))]
		switch op := rng.IntN(10); {
		case op < 5: // write a file
			rel := dir + "/" + names[rng.IntN(len(names))]
			if fi, err := os.Stat(filepath.Join(root, rel)); err == nil && fi.IsDir() {
				continue
			}
			os.WriteFile(filepath.Join(root, rel), []byte(strings.Replace(page, "T", fmt.Sprint("T", step), 1)), 0o644)
			touched = append(touched, rel)
		case op < 7: // delete a file
			entries, _ := os.ReadDir(filepath.Join(root, dir))
			for _, e := range entries {
				if !e.IsDir() && e.Name() != "_index.md" && rng.IntN(2) == 0 {
					os.Remove(filepath.Join(root, dir, e.Name()))
					touched = append(touched, dir+"/"+e.Name())
					break
				}
			}
		case op < 8: // a new folder with a page
			nd := dir + "/n" + fmt.Sprint(rng.IntN(3))
			os.MkdirAll(filepath.Join(root, nd), 0o755)
			os.WriteFile(filepath.Join(root, nd, "p.md"), []byte(page), 0o644)
			touched = append(touched, nd, nd+"/p.md")
			dirs = append(dirs, nd)
		case op < 9: // delete a folder made by a step
			for i, d := range dirs {
				if strings.Contains(d, "/n") {
					os.RemoveAll(filepath.Join(root, d))
					touched = append(touched, d)
					dirs = slices.DeleteFunc(slices.Delete(dirs, i, i+1), func(x string) bool { return strings.HasPrefix(x, d+"/") })
					break
				}
			}
		default: // a file outside content/, or the whole site
			touched = append(touched, []string{"layouts/page.html", "."}[rng.IntN(2)])
		}
		cache.Touch(touched...)
		for _, l := range cfg.Ordered {
			dir := filepath.Join(cfg.Root, "content", l.Code)
			got, ok := cache.listed(l.Code, dir)
			if !ok {
				continue
			}
			listings++
			want, _ := src.Walk(dir)
			if !slices.Equal(got, want) {
				t.Fatalf("step %d (%v): listed %s\n%v\nwalk finds\n%v", step, touched, l.Code, got, want)
			}
		}
		if got, want := models(Options{Parsed: cache}), models(Options{}); got != want {
			t.Fatalf("step %d (%v): the model from the listing:\n%s\nfrom a walk:\n%s", step, touched, got, want)
		}
	}
	if listings < 400 { // of 800 loads of a language folder, most need no walk
		t.Errorf("only %d language folders were listed without a walk", listings)
	}
}

// Whatever the tree, translations and fallbacks, every page's URL is its parent's URL and its own
// slug, and every list of pages and sections is in SortPages order: random sites in two
// languages, with sections missing in en (fallback and implicit sections), slugs, weights, equal
// titles and translation keys.
func TestLoadOrdersAndURLs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	loaded, fallbacks := 0, 0
	defer func() {
		if loaded < 30 || fallbacks < 100 {
			t.Errorf("%d sites loaded, with %d fallback pages: too few to test", loaded, fallbacks)
		}
	}()
	for n := 0; n < 60; n++ {
		files := map[string]string{
			"content/id/_index.md": "+++\ntitle = \"Beranda\"\n+++\n",
			"content/en/_index.md": "+++\ntitle = \"Home\"\n+++\n",
		}
		dirs := []string{"", "a/", "b/", "a/c/", "b/d/"}
		page := func(title string) string {
			fm := fmt.Sprintf("title = %q\n", title)
			if w := r.IntN(4); w > 0 {
				fm += fmt.Sprintf("weight = %d\n", w)
			}
			if r.IntN(4) == 0 {
				fm += fmt.Sprintf("slug = \"s%d\"\n", r.IntN(1000))
			}
			return "+++\n" + fm + "+++\n"
		}
		for _, d := range dirs[1:] {
			if r.IntN(3) > 0 {
				files["content/id/"+d+"_index.md"] = page("Bagian " + d)
			}
			if r.IntN(2) == 0 {
				files["content/en/"+d+"_index.md"] = page("Part " + d)
			}
		}
		for i := 0; i < 12; i++ {
			d := dirs[r.IntN(len(dirs))]
			name := fmt.Sprintf("%sp%d.md", d, i)
			files["content/id/"+name] = page(fmt.Sprintf("Judul %d", r.IntN(4)))
			switch r.IntN(3) {
			case 0:
				files["content/en/"+name] = page(fmt.Sprintf("Title %d", r.IntN(4)))
			case 1:
				files[fmt.Sprintf("content/en/%sq%d.md", d, i)] = strings.Replace(page("T"), "+++\n", "+++\ntranslation_key = \""+name+"\"\n", 1)
			}
		}
		s, err := site(t, files)
		if err != nil {
			continue // a slug taken twice: the loader's problem, not this test's
		}
		loaded++
		for _, p := range s.Pages {
			if p.Fallback {
				fallbacks++
			}
		}
		for _, l := range s.Languages {
			walk(l.Home, func(p *Page) {
				want := "/" + l.Code + "/"
				if p.Parent != nil {
					want = p.Parent.URL + slugOf(p) + "/"
				}
				if p.URL != want {
					t.Errorf("site %d, %s %s: URL %s, want %s", n, l.Code, p.Path, p.URL, want)
				}
				for _, list := range [][]*Page{p.Pages, p.Sections} {
					sorted := slices.Clone(list)
					SortPages(sorted)
					if !slices.Equal(list, sorted) {
						t.Errorf("site %d, %s %s: children out of order", n, l.Code, p.Path)
					}
				}
			})
		}
	}
}
