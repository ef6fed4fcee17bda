package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A site whose layouts lack a partial that page bodies need does not build: the error names the
// partial's file and what it receives, and the previous output stays.
func TestMissingBodyPartial(t *testing.T) {
	for _, tc := range []struct{ partial, receives string }{
		{"contact", "markdown.ContactCard"},
		{"callout", "markdown.Callout"},
	} {
		t.Run(tc.partial, func(t *testing.T) {
			src, dest, before := builtFixture(t)
			if err := os.Remove(filepath.Join(src, "layouts/partials", tc.partial+".html")); err != nil {
				t.Fatal(err)
			}
			_, err := build(t, src, dest, false)
			if err == nil {
				t.Fatal("built without the partial")
			}
			msg := err.Error()
			if !strings.Contains(msg, "layouts/partials/"+tc.partial+".html: the partial is missing") || !strings.Contains(msg, tc.receives) {
				t.Errorf("error does not name the partial and its data:\n%s", msg)
			}
			unchanged(t, before, dest)
		})
	}
}

// A designer changes the look of contact cards in the layouts, without Go: the partial is what
// the page shows, executed in the language of the page's text (T works in it).
func TestBodyPartialFromLayouts(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	custom := `<p class="my-card" id="{{.ID}}">{{T "home"}}: {{.Name}}{{range .Phones}} {{(index .Dials 0).Number}}{{end}}</p>` + "\n"
	if err := os.WriteFile(filepath.Join(src, "layouts/partials/contact.html"), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, false); err != nil {
		t.Fatal(err)
	}
	for page, home := range map[string]string{"id/panduan/paspor/index.html": "Beranda", "en/guides/passport/index.html": "Home"} {
		html, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(html), `<p class="my-card" id="contact-`) || !strings.Contains(string(html), `">`+home+": ") ||
			strings.Contains(string(html), `class="contact-phones"`) {
			t.Errorf("%s: the card is not the layouts' partial:\n%s", page, html)
		}
	}
}

// site.toml [theme] sets the installed site's colours and short name (web app manifest) and
// layouts read it as {{theme.Color}}.
func TestThemeFromSiteToml(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	add := func(file, text string) {
		f, err := os.OpenFile(filepath.Join(src, file), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}
	add("site.toml", "\n[theme]\ncolor = \"#123456\"\nshort_name = \"Bantu\"\n")
	if err := os.WriteFile(filepath.Join(src, "static/sw.js"), []byte("var BUILD = "+swMarker+";\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(src, "layouts/home.html")
	layout, err := os.ReadFile(home)
	if err != nil {
		t.Fatal(err)
	}
	layout = []byte(strings.Replace(string(layout), `{{define "main"}}`, `{{define "main"}}<meta name="theme-color" content="{{theme.Color}}">`, 1))
	if err := os.WriteFile(home, layout, 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, false); err != nil {
		t.Fatal(err)
	}
	manifest, err := os.ReadFile(filepath.Join(dest, "id/manifest.webmanifest"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"short_name":"Bantu"`, `"theme_color":"#123456"`, `"background_color":"#ffffff"`} {
		if !strings.Contains(string(manifest), want) {
			t.Errorf("manifest lacks %s: %s", want, manifest)
		}
	}
	page, err := os.ReadFile(filepath.Join(dest, "id/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<meta name="theme-color" content="#123456">`) {
		t.Errorf("{{theme.Color}} not in the home page:\n%s", page)
	}
}

// The booklet is made from the guides' documents, not by editing their HTML: a guide's image is
// an absolute URL in the booklet and a data URL in the offline pack, and its links to another
// guide of the booklet jump within the file.
func TestBookletImagesAndLinks(t *testing.T) {
	const line = `base_url = "https://pandu.example.org/"`
	src, _ := bundledWith(t, line, line)
	png, err := os.ReadFile(filepath.Join(fixture, "static/img/peta.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "static/peta-uji.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	guide := filepath.Join(src, "content/id/hak/hak-pekerja-migran.md")
	text, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Index(string(text), "> [!QUIZ]") // quiz questions end a guide
	if at < 0 {
		at = len(text)
	}
	text = []byte(string(text[:at]) + "\n\n![Peta](/peta-uji.png) Baca [biaya](../persiapan/biaya.md).\n\n" + string(text[at:]))
	if err := os.WriteFile(guide, text, 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest, BaseURL: "https://org.github.io/pandu/"}); err != nil {
		t.Fatal(err)
	}
	booklet, pack := read(t, dest, "id/cetak/index.html"), read(t, dest, "id/cetak/pandu-id.html")
	for _, want := range []string{`<img src="https://org.github.io/pandu/peta-uji.`, `<a href="#g5">biaya</a>`} {
		if !strings.Contains(booklet, want) {
			t.Errorf("booklet lacks %s", want)
		}
	}
	for _, want := range []string{`<img src="data:image/png;base64,`, `<a href="#g5">biaya</a>`} {
		if !strings.Contains(pack, want) {
			t.Errorf("offline pack lacks %s", want)
		}
	}
}

// The service worker keeps the scripts the layouts name, whatever their names: a renamed
// read-aloud script is in each language's offline list under its new name.
func TestOfflineScriptsFromLayouts(t *testing.T) {
	const line = `base_url = "https://pandu.example.org/"`
	src, _ := bundledWith(t, line, line)
	if err := os.Rename(filepath.Join(src, "static/js/listen.js"), filepath.Join(src, "static/js/speak.js")); err != nil {
		t.Fatal(err)
	}
	// page.html renders the read-aloud script through this partial.
	page := filepath.Join(src, "layouts/partials/listen.html")
	layout, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(layout), `{{asset "js/listen.js"}}`) {
		t.Fatal("layouts/partials/listen.html does not name js/listen.js")
	}
	layout = []byte(strings.Replace(string(layout), `{{asset "js/listen.js"}}`, `{{asset "js/speak.js"}}`, 1))
	if err := os.WriteFile(page, layout, 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	list := read(t, dest, "en/offline.json")
	if !strings.Contains(list, `"/js/speak.`) || strings.Contains(list, "listen") {
		t.Errorf("en/offline.json does not keep the renamed script:\n%s", list)
	}
	if sw := read(t, dest, "sw.js"); !strings.Contains(sw, `"/js/app.`) {
		t.Errorf("sw.js does not precache the base layout's script:\n%s", sw)
	}
}
