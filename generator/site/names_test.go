package site

import (
	"io/fs"
	"os"
	"pandu/generator/output"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"pandu/generator/diag"
)

// fixtureWith copies the fixture site and writes files (slash path -> text) into the copy.
func fixtureWith(t *testing.T, files map[string]string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// M5: a Unicode slug is kept, and every output that lists its URL writes it percent-encoded the
// same way, while the file on disk keeps the Unicode name.
func TestUnicodeSlugEncodedEverywhere(t *testing.T) {
	src := fixtureWith(t, map[string]string{"content/id/panduan/unik.md": "+++\ntitle = \"Unik\"\nslug = \"hak-pékerja\"\ndate = 2026-11-30\ndescription = \"d\"\n+++\n\n## Bagian\n\nTeks unik.\n"})
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, false); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dest)
	if files["id/panduan/hak-pékerja/index.html"] == nil {
		t.Fatal("page not written under its Unicode name")
	}
	const enc = "/id/panduan/hak-p%c3%a9kerja/"
	for _, f := range []string{"id/panduan/index.html", "id/panduan/hak-pékerja/index.html", "sitemap.xml", "id/feed.xml", "id/offline.json"} {
		if f == "id/offline.json" && files[f] == nil {
			continue // the fixture has no service worker
		}
		text := string(files[f])
		if !strings.Contains(text, enc) {
			t.Errorf("%s does not hold %s", f, enc)
		}
		if strings.Contains(text, "/id/panduan/hak-pékerja/") {
			t.Errorf("%s holds the unencoded URL", f)
		}
	}
	var index string
	for name, b := range files {
		if strings.HasSuffix(name, "index.json") && strings.HasPrefix(name, "id/") {
			index = string(b)
		}
	}
	if !strings.Contains(index, enc) {
		t.Errorf("search index does not hold %s", enc)
	}
}

// M6: aliases stay inside the site, and every collision is reported before anything is written,
// with the file, line and column of the alias.
func TestAliasRules(t *testing.T) {
	for _, tc := range []struct{ aliases, want string }{
		{`"/../../tmp/evil"`, `x.md:3:12: alias "/../../tmp/evil" cannot be used: it contains ..`},
		{`"//evil.example/x"`, "x.md:3:12: alias \"//evil.example/x\" cannot be used: it starts with //"},
		{`"/id/a?b#c/"`, `it contains '?'`},
		{`"/id/x\\evil/"`, `it contains '\\'`},
		{`"/id/a\tb/"`, "a tab"},
		{`"id/x/"`, "must be a site path starting with /"},
		{`"/"`, "x.md:3:12: alias \"/\" cannot be used: / is the site's own home"},
		{`"/sitemap.xml"`, "sitemap.xml is a file the build writes itself"},
		{`"/id/hukum"`, "x.md:3:12: alias /id/hukum/ is the URL of content/id/hukum/_index.md"},
		{`"/ID/Hukum/"`, "alias /ID/Hukum/ is the URL of content/id/hukum/_index.md"},
		{`"/id/lama/paspor/"`, "x.md:3:12: alias /id/lama/paspor/ is also an alias of content/id/panduan/paspor.md"},
		{`"/id/baru/", "/id/baru"`, "x.md:3:25: alias /id/baru/ is another alias of this page"},
		{`"/css/"`, "x.md:3:12: alias /css/ would overwrite the folder of the file static/css/"},
		{"\n  \"/id/ok/\",\n  \"/id/a b/\"\n", "x.md:5:3: alias \"/id/a b/\" cannot be used"},
	} {
		src := fixtureWith(t, map[string]string{"content/id/panduan/x.md": "+++\ntitle = \"a\"\naliases = [" + tc.aliases + "]\n+++\nbody\n"})
		dest := filepath.Join(t.TempDir(), "public")
		_, err := build(t, src, dest, false)
		want := tc.want
		if strings.HasPrefix(want, "x.md:") {
			want = "content/id/panduan/" + want
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("aliases [%s]: err = %v\nwant %q", tc.aliases, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), ".new-") || strings.Contains(err.Error(), "two things write") {
			t.Errorf("aliases [%s]: late error: %v", tc.aliases, err)
		}
	}
}

// M6: a good alias is normalised to end in / and gets its redirect page.
func TestAliasNormalised(t *testing.T) {
	src := fixtureWith(t, map[string]string{"content/id/panduan/x.md": "+++\ntitle = \"a\"\naliases = [\"/id/lama/x\"]\n+++\nbody\n"})
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "id/lama/x/index.html")); err != nil {
		t.Error(err)
	}
}

// M7: an output file written twice names both site files responsible, never an empty file or
// the temporary folder.
func TestTwoThingsWriteNamesBoth(t *testing.T) {
	src := fixtureWith(t, map[string]string{"content/id/search/_index.md": "+++\ntitle = \"Cari\"\n+++\n", "content/id/search/index.json": "{}"})
	_, err := build(t, src, filepath.Join(t.TempDir(), "public"), true)
	if err == nil {
		t.Fatal("build succeeded")
	}
	msg := err.Error()
	if !strings.Contains(msg, "content/id/search/index.json") || !strings.Contains(msg, "layouts/search.html") || !strings.Contains(msg, "id/search/index.json") {
		t.Errorf("error does not name both writers: %v", err)
	}
	if strings.HasPrefix(msg, ":") || strings.Contains(msg, "\n:") || strings.Contains(msg, ".new-") {
		t.Errorf("error without a file, or naming the temporary folder: %v", err)
	}
}

// buildWithMain builds the fixture with text added at the start of a layout's main block.
func buildWithMain(t *testing.T, layout, text string) (*Result, error) {
	t.Helper()
	src := fixtureWith(t, nil)
	p := filepath.Join(src, "layouts", layout)
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p, []byte(strings.Replace(string(old), `{{define "main"}}`, `{{define "main"}}`+text, 1)), 0o644)
	return build(t, src, filepath.Join(t.TempDir(), "public"), true)
}

// M7: a minify error names the layout that produced the page.
func TestMinifyErrorNamesFile(t *testing.T) {
	_, err := buildWithMain(t, "404.html", `<script>var x = 1 +;</script>`)
	if err == nil || !strings.Contains(err.Error(), "layouts/404.html: minifying") {
		t.Errorf("err = %v", err)
	}
}

// M7: a file system error while writing names the site file and the output path, not the
// temporary folder.
func TestWriteProblem(t *testing.T) {
	err := writeProblem("content/id/x.md", "id/x/index.html",
		&fs.PathError{Op: "write", Path: "/srv/.public.new-123/id/x/index.html", Err: syscall.ENOSPC})
	if got := err.Error(); got != "content/id/x.md: cannot write id/x/index.html: no space left on device" {
		t.Errorf("got %q", got)
	}
	// Files go to disk in the background (output.queue): the write that failed may be another
	// page's, which the problem names, with what to do.
	err = writeProblem("content/id/y.md", "id/y/index.html", &output.WriteError{Rel: "id/x/index.html",
		Err: &fs.PathError{Op: "open", Path: "/srv/.public.new-123/id/x/index.html", Err: syscall.ENOSPC}})
	want := "content/id/y.md: cannot write id/x/index.html: no space left on device\n    free space on the disk"
	if got := err.Error(); !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start with %q", got, want)
	}
}

// L8: two output files whose names differ only in case are one file on macOS and Windows.
func TestCaseOnlyOutputCollision(t *testing.T) {
	src := fixtureWith(t, map[string]string{"content/id/panduan/Foto.png": "a", "content/id/panduan/foto.png": "b"})
	_, err := build(t, src, filepath.Join(t.TempDir(), "public"), true)
	if err == nil || !strings.Contains(err.Error(), "differ only in case") {
		t.Errorf("err = %v", err)
	}
}

// L4: --base-url is checked like base_url.
func TestBaseURLFlagChecked(t *testing.T) {
	_, err := Build(Options{Source: fixture, Dest: filepath.Join(t.TempDir(), "p"), BaseURL: "https://u:p@x.example/"})
	if err == nil || !strings.Contains(err.Error(), "--base-url: \"https://u:p@x.example/\" holds a user name or password") {
		t.Errorf("err = %v", err)
	}
}

// bundledSite copies the repository's own site (content, layouts, i18n, static, site.toml).
func bundledSite(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"content", "layouts", "i18n", "static"} {
		copyTree(t, filepath.Join("..", "..", d), filepath.Join(src, d))
	}
	b, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "site.toml"), b, 0o644)
	return src
}

// L2, L3: a page without reviewed has no empty "last checked" line; an empty section shows its
// description and says that it has no guides yet.
func TestEmptyParts(t *testing.T) {
	src := bundledSite(t)
	page := filepath.Join(src, "content/id/bantuan/jika-ada-masalah.md")
	text, _ := os.ReadFile(page)
	var kept []string
	for _, l := range strings.Split(string(text), "\n") {
		if !strings.HasPrefix(l, "reviewed = ") {
			kept = append(kept, l)
		}
	}
	os.WriteFile(page, []byte(strings.Join(kept, "\n")), 0o644)
	os.MkdirAll(filepath.Join(src, "content/id/kosong"), 0o755)
	os.WriteFile(filepath.Join(src, "content/id/kosong/_index.md"), []byte("+++\ntitle = \"Kosong\"\ndescription = \"Bagian untuk panduan kerja di kapal.\"\n+++\n"), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, false); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dest)
	var html string
	for name, b := range files {
		if strings.HasPrefix(name, "id/") && strings.HasSuffix(name, "/index.html") && strings.Contains(string(b), "<h1>Jika") {
			html = string(b)
		}
	}
	if html == "" {
		t.Fatal("page not found")
	}
	if strings.Contains(html, "Terakhir diperiksa") || strings.Contains(html, `datetime=""`) || strings.Contains(html, "<time datetime>") {
		t.Error("empty last-checked line on a page without reviewed")
	}
	section := string(files["id/kosong/index.html"])
	if !strings.Contains(section, "Bagian untuk panduan kerja di kapal.") || !strings.Contains(section, "Belum ada panduan di bagian ini.") {
		t.Errorf("empty section:\n%s", section)
	}
}

// L6: a template error at run time is reported once, not once per page using the layout.
func TestTemplateErrorOnce(t *testing.T) {
	_, err := buildWithMain(t, "page.html", `{{.Title.Nope}}`)
	list := diag.AsList(err)
	if len(list) != 1 || list[0].File != "layouts/page.html" || !strings.Contains(list[0].Message, "pages, first content/") {
		t.Errorf("want one problem in layouts/page.html naming the pages, got %d:\n%v", len(list), err)
	}
}

// L8: static files whose paths differ only in case are reported too.
func TestCaseOnlyStaticCollision(t *testing.T) {
	src := fixtureWith(t, map[string]string{"static/IMG/peta.png": "x"})
	_, err := build(t, src, filepath.Join(t.TempDir(), "public"), true)
	if err == nil || !strings.Contains(err.Error(), "static/img/peta.png") || !strings.Contains(err.Error(), "differ only in case") {
		t.Errorf("err = %v", err)
	}
}
