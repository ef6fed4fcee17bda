package templates

import (
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"pandu/generator/config"
	"pandu/generator/i18n"
)

func load(t *testing.T, layouts map[string]string) (*Set, error) {
	t.Helper()
	return loadWith(t, t.TempDir(), layouts, "")
}

// loadWith is load with more UI strings (TOML lines), the same in both languages.
func loadWith(t *testing.T, root string, layouts map[string]string, strings string) (*Set, error) {
	t.Helper()
	files := map[string]string{
		"i18n/id.toml": "hello = \"Halo\"\nmonth_3 = \"Maret\"\ndate_format = \"{{.Day}} {{.Month}} {{.Year}}\"\n" + strings,
		"i18n/en.toml": "hello = \"Hello\"\nmonth_3 = \"March\"\ndate_format = \"{{.Day}} {{.Month}} {{.Year}}\"\n" + strings,
	}
	for name, text := range layouts {
		files["layouts/"+name] = text
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	cfg, problems := config.Parse([]byte("base_url = \"https://e.org/\"\ndefault_language = \"id\"\n[languages.id]\nname = \"I\"\ntitle = \"T\"\nweight = 1\n[languages.en]\nname = \"E\"\ntitle = \"T\"\nweight = 2\n"))
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	cat, _ := i18n.Load(root, cfg)
	set, p := Load(root, Env{Config: cfg, Catalog: cat, Assets: map[string]string{"css/a.css": "/css/a.1234.css"}})
	return set, p.Err()
}

var basic = map[string]string{
	"baseof.html":       "<html lang=\"{{.Lang}}\">{{block \"main\" .}}{{end}}</html>",
	"home.html":         "{{define \"main\"}}{{T \"hello\"}} {{date .When}} {{asset \"css/a.css\"}} {{absURL \"/x/\"}}{{template \"partials/p.html\" .}}{{end}}",
	"section.html":      "{{define \"main\"}}s{{end}}",
	"page.html":         "{{define \"main\"}}\n\n{{.Missing}}{{end}}",
	"404.html":          "{{define \"main\"}}404{{end}}",
	"partials/p.html":   "[p]",
	"standalone.html":   "{{define \"main\"}}{{asset \"nope.css\"}}{{end}}",
	"other/nested.html": "{{define \"main\"}}n{{end}}",
}

func TestExecute(t *testing.T) {
	set, err := load(t, basic)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Lang": "en", "When": time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	out, err := set.Execute("en", "home", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); got != `<html lang="en">Hello 1 March 2026 /css/a.1234.css https://e.org/x/[p]</html>` {
		t.Errorf("en home = %s", got)
	}
	out, _ = set.Execute("id", "home", data)
	if !strings.Contains(string(out), "Halo 1 Maret 2026") {
		t.Errorf("id home = %s", out)
	}
	if _, err := set.Execute("en", "page", struct{ Lang string }{"en"}); err == nil || !strings.Contains(err.Error(), "layouts/page.html:3:") {
		t.Errorf("execution error = %v", err)
	}
	if _, err := set.Execute("en", "standalone", data); err == nil || !strings.Contains(err.Error(), `asset "nope.css" not found`) {
		t.Errorf("asset error = %v", err)
	}
	if !set.Has("other/nested") || set.Has("partials/p") {
		t.Error("Has is wrong about layouts")
	}
}

func TestLoadErrors(t *testing.T) {
	bad := map[string]string{}
	for k, v := range basic {
		bad[k] = v
	}
	bad["section.html"] = "{{define \"main\"}}\n{{if}}{{end}}"
	if _, err := load(t, bad); err == nil || !strings.Contains(err.Error(), "layouts/section.html:2") {
		t.Errorf("syntax error = %v", err)
	}
	delete(bad, "404.html")
	bad["section.html"] = basic["section.html"]
	if _, err := load(t, bad); err == nil || !strings.Contains(err.Error(), "layouts/404.html: layout missing") {
		t.Errorf("missing layout error = %v", err)
	}
}

// L6: an unreadable layout names the file and says to fix its permissions, not to create it.
func TestLayoutsProblem(t *testing.T) {
	root := filepath.FromSlash("/site")
	p := layoutsProblem(root, &fs.PathError{Op: "open", Path: filepath.Join(root, "layouts", "page.html"), Err: fs.ErrPermission})
	if p.File != "layouts/page.html" || !strings.Contains(p.Hint, "chmod") || strings.Contains(p.Hint, "create") {
		t.Errorf("permission: %+v", p)
	}
	p = layoutsProblem(root, &fs.PathError{Op: "lstat", Path: filepath.Join(root, "layouts"), Err: fs.ErrNotExist})
	if p.File != "layouts" || !strings.Contains(p.Hint, "create layouts/baseof.html") {
		t.Errorf("missing: %+v", p)
	}
}

// Assets lists the static files a layout names, through the base layout and the partials, so
// that the build can precache them without naming them in Go.
func TestAssets(t *testing.T) {
	root := filepath.Join("..", "..")
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	set, problems := Load(root, Env{Config: cfg, Assets: map[string]string{}})
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	for _, tc := range []struct {
		layout string
		want   []string
	}{
		{"page", []string{"css/site.css", "icons/icon-192.png", "js/app.js", "js/listen.js"}},
		{"search", []string{"css/site.css", "icons/icon-192.png", "js/app.js", "js/search.js"}},
		{"kit", []string{"css/booklet.css", "css/kit.css", "css/site.css", "icons/icon-192.png", "js/app.js"}},
		{"nonexistent", nil},
	} {
		if got := set.Assets(tc.layout); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Assets(%q) = %q, want %q", tc.layout, got, tc.want)
		}
	}
	if got, want := set.BaseAssets(), []string{"css/site.css", "icons/icon-192.png", "js/app.js"}; !reflect.DeepEqual(got, want) {
		t.Errorf("BaseAssets() = %q, want %q", got, want)
	}
}

// Files lists what a layout reads: its own file, the base layout, and the partials called from
// either, directly or through another partial; a partial nothing calls is not among them.
// PartialFiles names what a partial rendered alone reads; Digest changes with the text of any
// file it is given, and only with those.
func TestFiles(t *testing.T) {
	layouts := map[string]string{
		"baseof.html":        "<html>{{template \"partials/head.html\" .}}{{block \"main\" .}}{{end}}</html>",
		"home.html":          "{{define \"main\"}}{{template \"partials/list.html\" .}}{{end}}",
		"section.html":       "{{define \"main\"}}s{{end}}",
		"page.html":          "{{define \"main\"}}{{template \"x\" .}}{{end}}{{define \"x\"}}x{{end}}",
		"404.html":           "{{define \"main\"}}404{{end}}",
		"partials/head.html": "<head></head>",
		"partials/list.html": "{{range .}}{{template \"partials/item.html\" .}}{{end}}",
		"partials/item.html": "i",
		"partials/lone.html": "never called",
	}
	root := t.TempDir()
	set, err := loadWith(t, root, layouts, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		layout string
		want   []string
	}{
		{"home", []string{"layouts/baseof.html", "layouts/home.html", "layouts/partials/head.html", "layouts/partials/item.html", "layouts/partials/list.html"}},
		{"page", []string{"layouts/baseof.html", "layouts/page.html", "layouts/partials/head.html"}},
		{"nonexistent", nil},
	} {
		if got := set.Files(tc.layout); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Files(%q) = %q, want %q", tc.layout, got, tc.want)
		}
	}

	list := []string{"layouts/partials/item.html", "layouts/partials/list.html"}
	if got := set.PartialFiles("list"); !reflect.DeepEqual(got, list) {
		t.Errorf("PartialFiles(list) = %q, want %q", got, list)
	}
	if got := set.PartialFiles("none"); got != nil {
		t.Errorf("PartialFiles(none) = %q, want nil", got)
	}
	listSum, pageSum := set.Digest(list), set.Digest(set.Files("page"))
	layouts["partials/item.html"] = "j"
	edited, err := loadWith(t, root, layouts, "")
	if err != nil {
		t.Fatal(err)
	}
	if edited.Digest(list) == listSum {
		t.Error("an edit of the item partial left the list's digest as it was")
	}
	if edited.Digest(edited.Files("page")) != pageSum {
		t.Error("an edit of a partial the page layout does not read changed its digest")
	}
}

// Calls with a fixed result (a UI string without arguments, a static file's address) are made
// once when the layouts load, and their result is escaped where it stands as before: in text,
// in an attribute, in a script. A call that fails is kept, to fail with its line when it runs.
func TestFoldedCallsKeepTheirContext(t *testing.T) {
	layouts := map[string]string{}
	for k, v := range basic {
		layouts[k] = v
	}
	layouts["home.html"] = "{{define \"main\"}}<p title=\"{{T \"odd\"}}\">{{T \"odd\"}}</p>" +
		"<a href=\"{{asset \"css/a.css\"}}?q={{T \"odd\"}}\">x</a><script>var s = {{T \"hello\"}};</script>\n" +
		"{{if .Missing}}{{T \"missing\"}}{{end}}{{end}}"
	root := t.TempDir()
	set, err := loadWith(t, root, layouts, "odd = 'a \"b\" <c> & d'\n")
	if err != nil {
		t.Fatal(err)
	}
	out, err := set.Execute("en", "home", map[string]any{"Lang": "en", "Missing": false})
	if err != nil {
		t.Fatal(err)
	}
	want := `<html lang="en"><p title="a &#34;b&#34; &lt;c&gt; &amp; d">a &#34;b&#34; &lt;c&gt; &amp; d</p>` +
		`<a href="/css/a.1234.css?q=a%20%22b%22%20%3cc%3e%20%26%20d">x</a><script>var s = "Hello";</script>` + "\n</html>"
	if string(out) != want {
		t.Errorf("home =\n%s\nwant\n%s", out, want)
	}
	calls := 0
	for _, x := range set.byLang["en"]["home"].Templates() {
		if x.Tree != nil {
			calls += strings.Count(x.Tree.Root.String(), "T \"") + strings.Count(x.Tree.Root.String(), "asset \"css")
		}
	}
	if calls != 1 { // {{T "missing"}}
		t.Errorf("%d calls with a fixed result are left in the en home layout, want 1 (the missing string)", calls)
	}
	if _, err := set.Execute("en", "home", map[string]any{"Lang": "en", "Missing": true}); err == nil || !strings.Contains(err.Error(), "layouts/home.html:2") {
		t.Errorf("a missing UI string = %v, want an error at layouts/home.html:2", err)
	}
}

// WithCatalog binds the layouts of the languages named to new UI strings, after the layouts ran
// (a rendered site), and leaves the other languages' layouts as they are.
func TestWithCatalog(t *testing.T) {
	root := t.TempDir()
	set, err := loadWith(t, root, basic, "")
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Lang": "id", "When": time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	for _, lang := range []string{"id", "en"} {
		if _, err := set.Execute(lang, "home", data); err != nil {
			t.Fatal(err)
		}
	}
	for lang, hello := range map[string]string{"id": "Hai", "en": "Hi"} {
		p := filepath.Join(root, "i18n", lang+".toml")
		b, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(b), `hello = "`+map[string]string{"id": "Halo", "en": "Hello"}[lang], `hello = "`+hello, 1)), 0o644)
	}
	cat, problems := i18n.Load(root, set.env.Config)
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	ns := set.WithCatalog(cat, []string{"id"})
	out, err := ns.Execute("id", "home", data)
	if err != nil || !strings.HasPrefix(string(out), `<html lang="id">Hai 1 Maret 2026 /css/a.1234.css`) {
		t.Errorf("id home with new strings = %s, %v", out, err)
	}
	if out, _ := ns.Execute("en", "home", data); !strings.Contains(string(out), ">Hello ") {
		t.Errorf("en home, not rebound = %s", out)
	}
	if ns.byLang["en"]["home"] != set.byLang["en"]["home"] || ns.byLang["id"]["home"] == set.byLang["id"]["home"] {
		t.Error("WithCatalog did not keep en's layouts, or kept id's")
	}
	if out, _ := set.Execute("id", "home", data); !strings.Contains(string(out), ">Halo ") {
		t.Errorf("the earlier set changed: %s", out)
	}
	if !reflect.DeepEqual(ns.Files("home"), set.Files("home")) || !reflect.DeepEqual(ns.Names(), set.Names()) {
		t.Error("WithCatalog changed the layouts' names or files")
	}
}

// partialCached renders a template once per language, layout and keys in a View whose language
// holds Fragments, and every time otherwise; the output is the one {{template}} would give. Files
// follows it, and an error in the template it renders names that template's file and line.
func TestPartialCached(t *testing.T) {
	layouts := map[string]string{}
	for k, v := range basic {
		layouts[k] = v
	}
	layouts["baseof.html"] = `<html>{{partialCached "partials/foot.html" .}}|{{partialCached "partials/foot.html" . .Kind}}{{block "main" .}}{{end}}</html>`
	layouts["partials/foot.html"] = `<p title="{{.Title}}">{{T "hello"}} {{.Title}}</p>`
	layouts["section.html"] = `{{define "main"}}{{partialCached "partials/broken.html" .}}{{end}}`
	layouts["partials/broken.html"] = "ok\n{{.Nope}}"
	layouts["home.html"] = `{{define "main"}}{{.Kind}}{{end}}`
	set, err := load(t, layouts)
	if err != nil {
		t.Fatal(err)
	}
	files := set.Files("home")
	if !strings.Contains(strings.Join(files, " "), "layouts/partials/foot.html") {
		t.Errorf("Files(home) = %q, without the partial partialCached renders", files)
	}
	lang := &LangView{Code: "en", Fragments: NewFragments()}
	run := func(v *View) string {
		t.Helper()
		out, err := set.Execute("en", "home", v)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	first := run(&View{Lang: lang, Kind: "home", Title: `a "b" <c>`})
	want := `<p title="a &#34;b&#34; &lt;c&gt;">Hello a &#34;b&#34; &lt;c&gt;</p>`
	if !strings.HasPrefix(first, "<html>"+want+"|"+want) {
		t.Errorf("first page = %s, want each part as {{template}} renders it: %s", first, want)
	}
	// Another page of the language, with another title: the cached parts are those of the first,
	// but for another key.
	second := run(&View{Lang: lang, Kind: "section", Title: "d"})
	if want := "<html>" + want + `|<p title="d">Hello d</p>`; !strings.HasPrefix(second, want) {
		t.Errorf("second page = %s, want %s", second, want)
	}
	// Without Fragments (a new build, or data that is not a View) nothing is kept.
	if out := run(&View{Lang: &LangView{Code: "en"}, Kind: "home", Title: "e"}); !strings.HasPrefix(out, `<html><p title="e">Hello e</p>|`) {
		t.Errorf("uncached page = %s", out)
	}
	_, err = set.Execute("en", "section", &View{Lang: lang, Kind: "section"})
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/broken.html:2") {
		t.Errorf("error in a cached partial = %v, want it at layouts/partials/broken.html:2", err)
	}
}

// A pointer or slice key is the same key when it is the same value, not when it holds the same.
func TestFragmentKeys(t *testing.T) {
	f := NewFragments()
	renders := 0
	render := func() (template.HTML, error) { renders++; return "x", nil }
	a, b := []string{"home", "s"}, []string{"home", "s"}
	for _, keys := range [][]any{{a}, {a}, {b}, {a[:1]}, {"k", 1}, {"k", 1}, {"k", "1"}, {"x", "y"}, {"x\x00sy"}} {
		f.get(nil, "p", keys, render)
	}
	if renders != 7 {
		t.Errorf("%d renders, want 7 (a, b, a's first element, \"k\" 1, \"k\" \"1\", \"x\" \"y\" and \"x\\x00sy\")", renders)
	}
}
