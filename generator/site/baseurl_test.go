package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pandu/generator/config"
)

// With the bundled placeholder base_url the build warns once, at site.toml's line, and the
// booklets (A4, A5, offline pack) carry no QR code and no dead address but a note for the
// trainer; with a real address, every guide and the cover have their QR code and no warning.
func TestPlaceholderBaseURLBooklet(t *testing.T) {
	const line = `base_url = "https://pandu.example.org/"`
	src, at := bundledWith(t, line, line)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "base_url") {
			warned = append(warned, w.Error())
		}
	}
	want := "site.toml:" + strconv.Itoa(at) + ": warning: base_url \"https://pandu.example.org/\" is a placeholder"
	if len(warned) != 1 || !strings.HasPrefix(warned[0], want) || !strings.Contains(warned[0], config.BaseURLHint) {
		t.Errorf("warnings about base_url: %q\nwant one starting %q", warned, want)
	}
	for _, f := range []string{"en/print/index.html", "en/print/a5/index.html", "en/print/pandu-en.html", "id/cetak/index.html"} {
		page := read(t, dest, f)
		body := page[strings.Index(page, "<body"):]
		if strings.Contains(body, `class="qr"`) || strings.Contains(body, "pandu.example.org") {
			t.Errorf("%s: a QR code or the placeholder address is printed", f)
		}
		if !strings.Contains(page, `class="no-address"`) {
			t.Errorf("%s: no note that the QR codes are left out", f)
		}
	}

	dest = filepath.Join(t.TempDir(), "public")
	res, err = Build(Options{Source: src, Dest: dest, Minify: true, BaseURL: "https://org.github.io/pandu/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "base_url") {
			t.Errorf("warning with a real base URL: %v", w)
		}
	}
	page := read(t, dest, "en/print/index.html")
	if strings.Contains(page, "no-address") {
		t.Error("a real base URL still gets the note")
	}
	cfg, err := config.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if n, want := strings.Count(page, `class="qr"`), len(cfg.Print.Guides)+1; n != want {
		t.Errorf("%d QR codes, want %d (the cover and each guide)", n, want)
	}
	if !strings.Contains(page, "https://org.github.io/pandu/en/") {
		t.Error("the cover does not print the published address")
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Published in a folder (GitHub Pages: https://org.github.io/pandu/), every address the build
// writes stays under /pandu/: Markdown links and images written from the site's root
// (/img/peta.png, /id/lama/paspor/), aliases and their redirect pages, assets, the service
// worker, the manifest, the search and offline lists, the sitemap and feeds.
func TestSubPath(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	page := filepath.Join(src, "content/id/hukum/uu18.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// A link written from the site's root to an alias (an old URL).
	os.WriteFile(page, append(orig, "\n[lama](/id/lama/paspor/#x)\n"...), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest, BaseURL: "https://org.github.io/pandu/"}); err != nil {
		t.Fatal(err)
	}
	alias := read(t, dest, "id/lama/paspor/index.html")
	if !strings.Contains(alias, `url=/pandu/id/panduan/paspor/`) {
		t.Errorf("alias page does not redirect under /pandu/:\n%s", alias)
	}
	if got := read(t, dest, "id/hukum/uu18/index.html"); !strings.Contains(got, `href="/pandu/id/lama/paspor/#x"`) {
		t.Error("a root-relative Markdown link was not put under the base path")
	}
	if got := read(t, dest, "id/panduan/paspor/index.html"); !strings.Contains(got, `src="/pandu/img/peta.png"`) {
		t.Error("a root-relative Markdown image was not put under the base path")
	}
	attr := regexp.MustCompile(`\s(?:href|src|action|content|data-[a-z-]+)="(/[^"]*)"`)
	str := regexp.MustCompile(`"(/[^"\s<>]*)"`) // a string in JSON or JavaScript
	err = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		re := attr
		switch filepath.Ext(p) {
		case ".html", ".xml":
		case ".js", ".json", ".webmanifest":
			re = str
		default:
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			u := m[1]
			if !strings.HasPrefix(u, "/pandu/") && !strings.HasPrefix(u, "//") && len(u) > 1 {
				rel, _ := filepath.Rel(dest, p)
				t.Errorf("%s: %s is outside /pandu/", rel, u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"sitemap.xml", "id/feed.xml"} {
		if got := read(t, dest, f); !strings.Contains(got, "https://org.github.io/pandu/id/") || strings.Contains(got, "https://org.github.io/id/") {
			t.Errorf("%s: absolute URLs not under the base URL", f)
		}
	}
}
