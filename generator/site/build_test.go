package site

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"pandu/generator/internal/testfs"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const fixture = "testdata/fixture"

// readTree returns every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// builtFixture copies the fixture site, builds it, and returns the copy, the output folder and the
// output's files, so a test can break the copy and check that the output did not change.
func builtFixture(t *testing.T) (src, dest string, before map[string][]byte) {
	t.Helper()
	src = filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	dest = filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, true); err != nil {
		t.Fatalf("fixture does not build: %v", err)
	}
	return src, dest, readTree(t, dest)
}

// unchanged fails the test when the output in dest is not byte for byte the files before.
func unchanged(t *testing.T, before map[string][]byte, dest string) {
	t.Helper()
	after := readTree(t, dest)
	if len(after) != len(before) {
		t.Errorf("output changed: %d files before, %d after", len(before), len(after))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("output file %s changed after a failed build", name)
		}
	}
}

// copyTree copies a folder, so tests can break a copy of the fixture.
func copyTree(t *testing.T, src, dst string) { testfs.CopyDir(t, src, dst) }

func build(t *testing.T, src, dest string, minify bool) (*Result, error) {
	t.Helper()
	return Build(Options{Source: src, Dest: dest, Minify: minify})
}

// TestGolden builds the fixture site without minifying and compares every output file with
// testdata/golden. Run `go test ./generator/site -run TestGolden -update` after an intended change.
func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build(t, fixture, dest, false)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	got := readTree(t, dest)
	golden := "testdata/golden"
	if *update {
		os.RemoveAll(golden)
		copyTree(t, dest, golden)
		return
	}
	want := readTree(t, golden)
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("missing output file %s", name)
			continue
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s differs from golden:\n--- got\n%s\n--- want\n%s", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected output file %s", name)
		}
	}
	if res.PagesByLang["id"] != 8 || res.PagesByLang["en"] != 8 || res.PagesByLang["ms"] != 8 {
		t.Errorf("pages per language = %v, want 8 each (drafts excluded, fallbacks included)", res.PagesByLang)
	}
	// ms lacks UI strings: warnings, not errors.
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0].Error(), "i18n/ms.toml") {
		t.Errorf("want warnings about missing ms UI strings, got %v", res.Warnings)
	}
	// The fixture's publisher has an example.org address: the build warns once, naming site.toml.
	placeholder := 0
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "site.toml:") && strings.Contains(w.Error(), "[publisher] is a placeholder") {
			placeholder++
		}
	}
	if placeholder != 1 {
		t.Errorf("want one warning about the placeholder publisher, got %v", res.Warnings)
	}
}

// TestFixtureBehaviour checks the behaviour the golden files show, so that a careless -update
// cannot bless a regression.
func TestFixtureBehaviour(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, fixture, dest, false); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dest)
	page := string(files["id/panduan/paspor/index.html"])
	for _, want := range []string{
		`<html lang="id">`,
		`<link rel="canonical" href="https://example.org/id/panduan/paspor/">`,
		`<link rel="alternate" hreflang="en" href="https://example.org/en/guides/passport/">`,
		`<link rel="alternate" hreflang="x-default" href="https://example.org/id/panduan/paspor/">`,
		`<a href="/en/guides/passport/" hreflang="en">English</a>`, // switcher to the same guide
		`<a href="/ms/" hreflang="ms">Bahasa Melayu</a>*`,          // no ms translation: its home
		`href="/id/hukum/uu18/#pasal-6">Pasal 6 ayat (1) huruf j</a>`,
		`<a class="term" href="/id/hukum/istilah/#term-cpmi">CPMI</a>`,
		`sekali lagi calon pekerja.`, // second use of a term is plain text
		`<h2 id="hak-anda">`, `<h2 id="hak-anda-1">`, `<h3 id="salinan">`,
		`<a href="/id/panduan/biaya/#biaya-resmi">biaya</a>`,
		`<img src="/img/peta.png" alt="Peta" width="40" height="30" loading="lazy"`,
		`<input type="checkbox"> Fotokopi paspor`,
		`href="tel:08001000">0800 1000</a>`, // a toll-free number is dialled in its national form
		`<li class="contact-tel contact-emergency">`, `href="tel:999">999</a>`,
		`Dilihat di berita: <a href="https://example.org/sumber" rel="noopener">Berita Contoh</a>, April 2025 · diperiksa 26 November 2026`,
		`&lt;b&gt;mentah&lt;/b&gt;`, // raw HTML escaped
		`Diperiksa 10 Maret 2026`,   // Indonesian month name from i18n
		`<link rel="stylesheet" href="/css/site.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("id/panduan/paspor: missing %q", want)
		}
	}
	fb := string(files["en/guides/biaya/index.html"])
	for _, want := range []string{
		`<html lang="en">`, `<meta name="robots" content="noindex">`,
		`<link rel="canonical" href="https://example.org/id/panduan/biaya/">`,
		`Not translated yet. Text in Bahasa Indonesia.`, `<article lang="id">`,
		`<a href="/en/guides/passport/#salinan">paspor</a>`, // links stay in the reader's language
		`src="/id/panduan/biaya/struk.png"`,                 // resources of the source bundle
		`Checked 1 January 2025`,
	} {
		if !strings.Contains(fb, want) {
			t.Errorf("en fallback page: missing %q", want)
		}
	}
	sitemap := string(files["sitemap.xml"])
	if strings.Contains(sitemap, "/en/guides/biaya/") || strings.Contains(sitemap, "/ms/panduan/") {
		t.Error("sitemap lists fallback pages")
	}
	if !strings.Contains(sitemap, `<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/guides/passport/">`) {
		t.Error("sitemap lacks xhtml:link alternates")
	}
	if _, ok := files["id/panduan/draf/index.html"]; ok {
		t.Error("draft page was published")
	}
	if !strings.Contains(string(files["id/lama/paspor/index.html"]), `url=/id/panduan/paspor/`) {
		t.Error("alias redirect missing")
	}
	for _, f := range []string{"robots.txt", "404.html", "id/404.html", "en/404.html", "id/feed.xml", "index.html", "id/panduan/biaya/struk.png", "id/panduan/biaya/formulir.txt"} {
		if _, ok := files[f]; !ok {
			t.Errorf("missing %s", f)
		}
	}
}

// TestDrafts: --drafts publishes draft pages.
func TestDrafts(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: fixture, Dest: dest, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "id/panduan/draf/index.html")); err != nil {
		t.Error("draft not published with Drafts")
	}
}

// TestDeterministic: two minified builds of the same input are byte-identical.
func TestDeterministic(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	if _, err := build(t, fixture, a, true); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, fixture, b, true); err != nil {
		t.Fatal(err)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files vs %d", len(fa), len(fb))
	}
	for name, x := range fa {
		if !bytes.Equal(x, fb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if !bytes.Contains(fa["id/panduan/paspor/index.html"], []byte(`<html lang="id">`)) {
		t.Error("minified page lost <html lang>")
	}
}

// breakages are edits that must fail the build with a message naming file and line.
var breakages = []struct {
	name, file, content, want string
}{
	{"bad toml", "content/id/panduan/paspor.md", "+++\ntitle = \"x\"\nweight = \n+++\n", "content/id/panduan/paspor.md:3:"},
	{"unknown key", "content/id/panduan/paspor.md", "+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n", `content/id/panduan/paspor.md:3:1: unknown front matter key "titel"`},
	{"missing title", "content/id/panduan/paspor.md", "+++\ndescription = \"x\"\n+++\n", "content/id/panduan/paspor.md:1: title is missing"},
	{"yaml", "content/id/panduan/paspor.md", "---\ntitle: x\n---\n", "front matter is YAML"},
	{"broken link", "content/id/panduan/paspor.md", "+++\ntitle = \"x\"\n+++\n\nText.\n\n[x](../tidak-ada.md)\n", "content/id/panduan/paspor.md:7:"},
	{"broken anchor", "content/id/panduan/paspor.md", "+++\ntitle = \"x\"\n+++\n[x](biaya/index.md#tidak-ada)\n", "has no heading or anchor #tidak-ada"},
	{"unknown article", "content/id/panduan/paspor.md", "+++\ntitle = \"x\"\n+++\n\nLihat [[UU18:99]].\n", "content/id/panduan/paspor.md:5:"},
	{"unknown term", "content/id/panduan/paspor.md", "+++\ntitle = \"x\"\n+++\n[[term:tidak-ada]]\n", "content/id/panduan/paspor.md:4:"},
	{"unverified contact", "content/_data/contacts.toml", "[x]\nname = { id = \"X\" }\nsource = \"https://example.org/\"\n", "content/_data/contacts.toml:1"},
	{"template error", "layouts/page.html", "{{define \"main\"}}\n{{.Nope}}\n{{end}}\n", "layouts/page.html:2:"},
	{"template syntax", "layouts/page.html", "{{define \"main\"}}\n{{if}}\n{{end}}\n", "layouts/page.html:2"},
	{"unknown config key", "site.toml", "base_url = \"https://example.org/\"\ndefault_language = \"id\"\nbaseurl = \"x\"\n[languages.id]\nname = \"I\"\ntitle = \"T\"\n", `site.toml:3: unknown key "baseurl"`},
	// Reported once (the fallback copies in en and ms share the parse), with the line and column.
	{"runaway Markdown", "content/id/panduan/biaya/index.md", "+++\ntitle = \"x\"\n+++\n" + strings.Repeat("- ", 20000) + "x\n",
		"content/id/panduan/biaya/index.md:4:65: more than 32 lists or quotes are nested on this line"},
	{"link to draft", "content/id/panduan/biaya/index.md", "+++\ntitle = \"x\"\n+++\n[d](../draf.md)\n", "is a draft"},
}

// TestBrokenInput: each breakage fails the build with file and line, and the previous output
// stays byte-identical.
func TestBrokenInput(t *testing.T) {
	for _, tc := range breakages {
		t.Run(tc.name, func(t *testing.T) {
			src, dest, before := builtFixture(t)
			if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(tc.file)), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := build(t, src, dest, true)
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not contain %q:\n%v", tc.want, err)
			}
			unchanged(t, before, dest)
			leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.new-*"))
			if len(leftovers) > 0 {
				t.Errorf("temporary folders left behind: %v", leftovers)
			}
		})
	}
}

// TestAllErrorsReported: several mistakes in several files are reported together, sorted.
func TestAllErrorsReported(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	os.WriteFile(filepath.Join(src, "content/id/hukum/uu18.md"), []byte("+++\ntitle = \"x\"\nfoo = 1\n+++\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content/en/panduan/paspor.md"), []byte("+++\ntitle = \"x\"\nbar = 1\n+++\n"), 0o644)
	_, err := build(t, src, filepath.Join(t.TempDir(), "p"), true)
	list := diag.AsList(err)
	if len(list) != 2 {
		t.Fatalf("want 2 problems, got %d:\n%v", len(list), err)
	}
	if list[0].File != "content/en/panduan/paspor.md" || list[1].File != "content/id/hukum/uu18.md" {
		t.Errorf("problems not sorted by file: %v", list)
	}
}

// TestRefusesDangerousDest: the build never replaces the site root or a folder holding content/.
func TestRefusesDangerousDest(t *testing.T) {
	for _, dest := range []string{fixture, filepath.Dir(fixture), "."} {
		if _, err := build(t, fixture, dest, true); err == nil {
			t.Errorf("dest %s accepted", dest)
		}
	}
	other := t.TempDir()
	os.MkdirAll(filepath.Join(other, "content"), 0o755)
	if _, err := build(t, fixture, other, true); err == nil {
		t.Error("dest holding content/ accepted")
	}
}

// TestLinkToAlias: a link to a page's old URL (an alias) is not broken; one to nowhere is.
func TestLinkToAlias(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	page := filepath.Join(src, "content/id/hukum/uu18.md")
	orig, _ := os.ReadFile(page)
	os.WriteFile(page, append(append([]byte{}, orig...), "\n[lama](/id/lama/paspor/)\n"...), 0o644)
	if _, err := build(t, src, filepath.Join(t.TempDir(), "p"), true); err != nil {
		t.Errorf("link to an alias: %v", err)
	}
	os.WriteFile(page, append(append([]byte{}, orig...), "\n[lama](/id/tidak/ada/)\n"...), 0o644)
	if _, err := build(t, src, filepath.Join(t.TempDir(), "p"), true); err == nil || !strings.Contains(err.Error(), "nothing is published at /id/tidak/ada/") {
		t.Errorf("link to nowhere: %v", err)
	}
}

// The law on the booklet cover may be one text or a text per language.
func TestLawVersion(t *testing.T) {
	table := map[string]any{"id": "UU 18/2017 sebagaimana diubah", "en": "Law 18/2017 as amended"}
	for _, tt := range []struct {
		v          any
		lang, want string
	}{
		{"UU 18/2017", "en", "UU 18/2017"},
		{table, "en", "Law 18/2017 as amended"},
		{table, "ms", "UU 18/2017 sebagaimana diubah"}, // missing: the default language's text
		{nil, "id", ""},
		{42, "id", ""},
	} {
		if got := lawVersion(tt.v, tt.lang, "id"); got != tt.want {
			t.Errorf("lawVersion(%v, %s) = %q, want %q", tt.v, tt.lang, got, tt.want)
		}
	}
}

// A cover contact that contacts.toml does not have stops the build at its line in site.toml.
func TestCoverContactsUnknown(t *testing.T) {
	src, line := bundledWith(t, `"jtksm",`, `"jtksm-office",`)
	_, err := build(t, src, filepath.Join(t.TempDir(), "public"), false)
	want := fmt.Sprintf(`site.toml:%d: [print] cover_contacts lists "jtksm-office", which is not in content/_data/contacts.toml`, line)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v\nwant %s", err, want)
	}
}
