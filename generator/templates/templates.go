// Package templates owns the layouts: the Go html/template files under layouts/, the functions they
// may call, and the View each page is rendered with. A base layout (baseof.html) defines the page
// skeleton; home.html, section.html, page.html and 404.html (or a layout a page names in its front
// matter) fill its blocks; partials/ holds shared pieces. Functions that depend on the language
// (T for UI strings, date) are bound per language, so layouts stay free of language plumbing;
// partialCached renders a part every page of a language shares once per build (Fragments). A
// template error names the layout file and line.
package templates

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"time"

	"pandu/generator/config"
	"pandu/generator/diag"
	"pandu/generator/i18n"
	"pandu/generator/sourcefs"
)

// Env is what the template functions need from the rest of the build.
type Env struct {
	Config  *config.Config
	Catalog *i18n.Catalog
	Assets  map[string]string // static path -> fingerprinted URL path
}

// Set holds the parsed layouts, per language.
type Set struct {
	byLang map[string]map[string]*template.Template // lang -> layout name -> template
	names  []string
	assets map[string][]string // layout name -> the assets it names (Assets)
	files  map[string][]string // layout name -> the layout files it reads (Files)

	// What bind makes a language's layouts from: the base layout and partials, parsed and never
	// run (a template cannot be cloned once it ran), the layout files' texts, and the functions'
	// environment.
	base    *template.Template
	sources map[string]string // layout file -> text
	env     Env
}

// Kinds are the layouts every site must have (besides baseof.html).
var Kinds = []string{"home", "section", "page", "404"}

// Load parses root/layouts. Every file outside partials/ except baseof.html is a layout that can be
// rendered; partials are available to all as {{template "partials/NAME.html" .}}.
func Load(root string, env Env) (*Set, diag.List) {
	var problems diag.List
	dir := filepath.Join(root, "layouts")
	files := map[string]string{}
	src, err := sourcefs.For(root)
	var entries []sourcefs.Entry
	var errs []error
	if err == nil {
		entries, errs = src.Walk(dir)
	} else {
		errs = []error{err}
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Rel, ".html") {
			continue
		}
		data, err := src.ReadFile(e.Path, env.Config.MaxMarkdown())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files[e.Rel] = string(data)
	}
	for _, err := range errs {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			problems.Add(layoutsProblem(root, err)) // missing, unreadable
		} else {
			problems.Add(sourcefs.Problem(err, "layouts")) // a link out of the site, a special file
		}
	}
	if len(errs) > 0 {
		return nil, problems
	}
	if _, ok := files["baseof.html"]; !ok {
		problems.Add(diag.Problem{File: "layouts/baseof.html", Message: "the base layout is missing",
			Hint: "create layouts/baseof.html with {{block \"main\" .}}{{end}} where the page content goes"})
		return nil, problems
	}
	var names, partials []string
	for name := range files {
		switch {
		case strings.HasPrefix(name, "partials/"):
			partials = append(partials, name)
		case name != "baseof.html":
			names = append(names, strings.TrimSuffix(name, ".html"))
		}
	}
	sort.Strings(names)
	sort.Strings(partials)
	for _, k := range Kinds {
		if files[k+".html"] == "" {
			problems.Add(diag.Problem{File: "layouts/" + k + ".html", Message: "layout missing",
				Hint: "create it: {{define \"main\"}}...{{end}}"})
		}
	}
	if problems.Err() != nil {
		return nil, problems
	}

	// Parse once with placeholder functions to report syntax errors once, not per language.
	base := template.New("baseof.html").Funcs(funcs(env, ""))
	if _, err := base.Parse(files["baseof.html"]); err != nil {
		problems.Add(templateProblem(err))
		return nil, problems
	}
	for _, p := range partials {
		if _, err := base.New(p).Parse(files[p]); err != nil {
			problems.Add(templateProblem(err))
		}
	}
	if problems.Err() != nil {
		return nil, problems
	}
	set := &Set{byLang: map[string]map[string]*template.Template{}, names: names, base: base, sources: files, env: env}
	for i, l := range env.Config.Ordered {
		problems.Merge(set.bind(l.Code, i == 0))
	}
	set.assets, set.files = map[string][]string{}, map[string][]string{}
	for _, name := range append([]string{baseAssets}, names...) {
		set.assets[name], set.files[name] = set.scan(name)
	}
	for _, l := range env.Config.Ordered {
		set.fold(l.Code)
	}
	return set, problems
}

// bind makes lang's layouts from the parsed base layout and partials: each layout is parsed into
// a clone of them that calls the functions bound to lang. It reports a layout's syntax errors
// when report is set (once for all languages: the text is the same).
func (s *Set) bind(lang string, report bool) diag.List {
	var problems diag.List
	s.byLang[lang] = map[string]*template.Template{}
	for _, name := range s.names {
		t, err := s.base.Clone()
		if err != nil {
			problems.Add(diag.Problem{File: "layouts/" + name + ".html", Message: err.Error()})
			continue
		}
		t.Funcs(funcs(s.env, lang)).Funcs(template.FuncMap{"partialCached": cachedPartial(t)})
		if _, err := t.New(name + ".html").Parse(s.sources[name+".html"]); err != nil {
			if report {
				problems.Add(templateProblem(err))
			}
			continue
		}
		s.byLang[lang][name] = t
	}
	return problems
}

// fold writes into lang's layouts the UI strings and asset addresses they name (see fold).
func (s *Set) fold(lang string) {
	fns := funcs(s.env, lang)
	t, asset := fns["T"].(func(string, ...any) (string, error)), fns["asset"].(func(string) (string, error))
	call := func(name, arg string) (string, bool) {
		var str string
		var err error
		switch {
		case name == "asset":
			str, err = asset(arg)
		case s.env.Catalog != nil: // T without a catalog is left to fail when it runs
			str, err = t(arg)
		default:
			return "", false
		}
		return str, err == nil
	}
	for _, layout := range s.byLang[lang] {
		fold(layout, call)
	}
}

// WithCatalog returns the layouts with the UI strings of catalog in the languages langs; the
// other languages keep s's layouts, and their strings. The layouts are not read or parsed again:
// only langs' are bound to the new strings, which is what the preview needs after an edit of
// UI strings. The layouts' syntax and the files they read are the same as s's.
func (s *Set) WithCatalog(catalog *i18n.Catalog, langs []string) *Set {
	ns := *s
	ns.env.Catalog = catalog
	ns.byLang = make(map[string]map[string]*template.Template, len(s.byLang))
	for lang, byName := range s.byLang {
		ns.byLang[lang] = byName
	}
	for _, lang := range langs {
		if _, ok := s.byLang[lang]; ok {
			ns.bind(lang, false)
			ns.fold(lang)
		}
	}
	return &ns
}

// layoutsProblem explains why the layouts could not be read: a missing folder is created, an
// unreadable file or folder needs its permissions fixed.
func layoutsProblem(root string, err error) diag.Problem {
	file := "layouts"
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if rel, rerr := filepath.Rel(root, pe.Path); rerr == nil && !strings.HasPrefix(rel, "..") {
			file = filepath.ToSlash(rel)
		}
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag.Problem{File: file, Message: "the layouts folder is missing", Hint: "create layouts/baseof.html and the page layouts"}
	case errors.Is(err, fs.ErrPermission):
		return diag.Problem{File: file, Message: "cannot read it: permission denied",
			Hint: "let the user who builds the site read it (chmod a+r for a file, a+rx for a folder)"}
	}
	return diag.Problem{File: file, Message: "cannot read the layouts: " + err.Error()}
}

// Names returns the names of the layouts, sorted as Load found them.
func (s *Set) Names() []string { return s.names }

// Has reports whether a layout of that name exists.
func (s *Set) Has(name string) bool {
	for _, n := range s.names {
		if n == name {
			return true
		}
	}
	return false
}

// Execute renders layout name for lang with data. The base layout is executed; the named layout
// fills its blocks. Errors name the layout file and line.
func (s *Set) Execute(lang, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := s.ExecuteTo(&buf, lang, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ExecuteTo is Execute writing into buf (which it does not reset): a build renders thousands of
// pages into reused buffers.
func (s *Set) ExecuteTo(buf *bytes.Buffer, lang, name string, data any) error {
	t := s.byLang[lang][name]
	if t == nil {
		return diag.Problem{File: "layouts/" + name + ".html", Message: fmt.Sprintf("layout %q does not exist", name),
			Hint: "create layouts/" + name + ".html or fix the layout name in the front matter"}
	}
	if err := t.ExecuteTemplate(buf, "baseof.html", data); err != nil {
		return templateProblem(err)
	}
	return nil
}

// ExecuteOwn renders layout name for lang as a document of its own, without the base layout: the
// layout file's text outside any {{define}} is the whole page (used by layouts/pack.html, the
// self-contained offline pack). Errors name the layout file and line.
func (s *Set) ExecuteOwn(lang, name string, data any) ([]byte, error) {
	t := s.byLang[lang][name]
	if t == nil {
		return nil, diag.Problem{File: "layouts/" + name + ".html", Message: fmt.Sprintf("layout %q does not exist", name),
			Hint: "create layouts/" + name + ".html"}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name+".html", data); err != nil {
		return nil, templateProblem(err)
	}
	return buf.Bytes(), nil
}

// baseAssets is the key of Assets for the base layout alone.
const baseAssets = ""

// BaseAssets returns the static files the base layout (baseof.html) and its partials name with
// {{asset "NAME"}}: the files every page asks for.
func (s *Set) BaseAssets() []string { return s.assets[baseAssets] }

// Assets returns the static files a layout names with {{asset "NAME"}} (a string, not a computed
// name), in its own file, the base layout and the partials they include, sorted and each once;
// nil when the layout does not exist. The build precaches them for offline reading.
func (s *Set) Assets(name string) []string { return s.assets[name] }

// Files returns the files under layouts/ that rendering layout name reads ("layouts/page.html",
// "layouts/baseof.html", "layouts/partials/toc.html", …), sorted: its own, the base layout's and
// those of every template they call, directly or not. The preview renders again, after an edit of
// layout files, only the pages whose layout reads one of them. Nil when the layout does not exist.
func (s *Set) Files(name string) []string { return s.files[name] }

// scan finds the assets (see Assets) and the files (see Files) of layout name in its parse
// trees; for baseAssets, the base layout's assets. Load calls it, before any template runs:
// running one rewrites its trees.
func (s *Set) scan(name string) (assets, files []string) {
	var t *template.Template
	for _, byName := range s.byLang {
		layout := name
		if name == baseAssets && len(s.names) > 0 {
			layout = s.names[0] // any layout holds the base layout and the partials
		}
		if t = byName[layout]; t != nil {
			break
		}
	}
	if t == nil {
		return nil, nil
	}
	var roots []string
	if name != baseAssets {
		roots = append(roots, name+".html")
	}
	if name != "pack" { // the offline pack is a document of its own, without the base layout
		roots = append(roots, "baseof.html")
	}
	return reach(t, roots, name == baseAssets)
}

// PartialFiles returns the files under layouts/ that rendering layouts/partials/<name>.html
// alone reads (ExecutePartial: the parts of page bodies), sorted; nil when it does not exist.
func (s *Set) PartialFiles(name string) []string {
	file := "partials/" + name + ".html"
	if s.base.Lookup(file) == nil {
		return nil
	}
	_, files := reach(s.base, []string{file}, false) // the base is parsed, never run
	return files
}

// Digest returns a digest of the texts of layout files (as Files names them): the preview
// records, for each page, the digest of the files its rendering read.
func (s *Set) Digest(files []string) [sha256.Size]byte {
	h := sha256.New()
	for _, f := range files {
		text := s.sources[strings.TrimPrefix(f, "layouts/")]
		fmt.Fprintf(h, "%s\x00%d\x00%s", f, len(text), text)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// reach walks the templates of t from the files roots, following every {{template}} call and
// every partialCached of a quoted name (only those of partials with partialsOnly), and returns
// the assets they name and the layout files they read, sorted.
func reach(t *template.Template, roots []string, partialsOnly bool) (assets, files []string) {
	found := map[string]bool{}
	seen := map[string]bool{}
	read := map[string]bool{}
	var visit func(file string)
	walk := func(root parse.Node) {
		eachNode(root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.CommandNode:
				if len(n.Args) > 1 {
					id, ok := n.Args[0].(*parse.IdentifierNode)
					str, lit := n.Args[1].(*parse.StringNode)
					if ok && lit && id.Ident == "partialCached" && (!partialsOnly || strings.HasPrefix(str.Text, "partials/")) {
						visit(str.Text)
					}
				}
				for i, a := range n.Args {
					if id, ok := a.(*parse.IdentifierNode); ok && id.Ident == "asset" && i+1 < len(n.Args) {
						if str, ok := n.Args[i+1].(*parse.StringNode); ok {
							found[str.Text] = true
						}
					}
				}
			case *parse.TemplateNode:
				if !partialsOnly || strings.HasPrefix(n.Name, "partials/") {
					visit(n.Name)
				}
			}
		})
	}
	visit = func(file string) {
		if seen[file] {
			return
		}
		seen[file] = true
		if f := t.Lookup(file); f != nil && f.Tree != nil {
			read["layouts/"+f.Tree.ParseName] = true
			walk(f.Tree.Root)
		}
	}
	for _, r := range roots {
		visit(r)
	}
	return sortedKeys(found), sortedKeys(read)
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// HasPartial reports whether layouts/partials/<name>.html exists.
func (s *Set) HasPartial(name string) bool {
	for _, t := range s.byLang {
		for _, l := range t {
			return l.Lookup("partials/"+name+".html") != nil
		}
	}
	return false
}

// ExecutePartial renders layouts/partials/<name>.html alone for lang with data, writing to w
// (used for the parts of page bodies a designer styles: contact cards, callouts, checklist
// items). Errors name the layout file and line.
func (s *Set) ExecutePartial(w io.Writer, lang, name string, data any) error {
	file := "partials/" + name + ".html"
	var t *template.Template
	for _, n := range s.names {
		if t = s.byLang[lang][n]; t != nil {
			break
		}
	}
	if t == nil || t.Lookup(file) == nil {
		return diag.Problem{File: "layouts/" + file, Message: fmt.Sprintf("partial %q does not exist", name),
			Hint: "create layouts/" + file}
	}
	if err := t.ExecuteTemplate(w, file, data); err != nil {
		return templateProblem(err)
	}
	return nil
}

var tmplErr = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// templateProblem turns a text/template or html/template error into a Problem at the layout file.
func templateProblem(err error) diag.Problem {
	var p diag.Problem
	if errors.As(err, &p) {
		return p
	}
	msg := err.Error()
	if m := tmplErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		name := m[1]
		if !strings.HasSuffix(name, ".html") {
			name += ".html"
		}
		detail := m[4]
		if i := strings.LastIndex(detail, "error calling "); i >= 0 {
			detail = detail[i:]
		}
		return diag.Problem{File: "layouts/" + name, Line: line, Column: col, Message: detail,
			Hint: "see https://pkg.go.dev/text/template for the template syntax"}
	}
	return diag.Problem{File: "layouts", Message: msg}
}

// funcs returns the template functions bound to one language ("" while checking syntax).
func funcs(env Env, lang string) template.FuncMap {
	cfg := env.Config
	return template.FuncMap{
		// T returns the UI string key in the page's language: {{T "home"}}, {{T "minutes" 5}}.
		"T": func(key string, args ...any) (string, error) {
			if lang == "" {
				return key, nil
			}
			return env.Catalog.T(lang, key, args...)
		},
		// date writes a date the way the language writes it: "26 November 2026".
		"date": func(t time.Time) string {
			if lang == "" {
				return ""
			}
			return env.Catalog.FormatDate(lang, t)
		},
		// isoDate writes 2026-11-26, for datetime attributes.
		"isoDate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		// asset returns the fingerprinted URL of a static file: {{asset "css/site.css"}}.
		"asset": func(p string) (string, error) {
			if u, ok := env.Assets[strings.TrimPrefix(p, "/")]; ok {
				return u, nil
			}
			if lang == "" {
				return p, nil
			}
			return "", fmt.Errorf("asset %q not found in static/", p)
		},
		// absURL makes an absolute URL from a site path.
		"absURL": func(p string) string { return cfg.AbsURL(p) },
		// theme is site.toml's [theme]: {{theme.Color}}, {{theme.BackgroundColor}}, {{theme.ShortName}}.
		"theme": func() config.Theme { return cfg.Theme },
		// relURL prefixes a path with the site's base path.
		"relURL": func(p string) string { return cfg.BasePath() + strings.TrimLeft(p, "/") },
		// safeHTML marks trusted HTML (only for strings produced by the generator).
		"safeHTML": func(s string) template.HTML { return template.HTML(s) },
		"lower":    strings.ToLower,
		"upper":    strings.ToUpper,
		"add":      func(a, b int) int { return a + b },
		// seq returns 1..n, for loops.
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"join": strings.Join,
		// dict builds a map for passing several values to a partial: dict "a" 1 "b" 2.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict needs key value pairs")
			}
			m := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"base": path.Base,
		"icon": icon,
		// partialCached renders a template once per language and build, and gives that output
		// to every later call with the same name and keys: {{partialCached "partials/footer.html" .}}.
		// bind gives each layout its own (cachedPartial); this one only lets layouts parse.
		"partialCached": func(name string, data any, keys ...any) (template.HTML, error) {
			return "", errors.New("partialCached is not bound to a layout")
		},
	}
}

// cachedPartial returns the partialCached function of the layout t. The first call with a name
// and keys renders the template name of t with its data; later calls with the same name and keys
// get that output, whatever their data: the template must render the same for all of them (the
// keys say what it depends on beyond the language and the site). Layouts call it for the parts
// of a page that are the same on every page of a language (the menu, the footer), which a build
// would otherwise render thousands of times. The output is kept in the View's language
// (LangView.Fragments), which a build makes anew for its pages, and again whenever the model
// or the layouts change; with data that is not such a View it renders every time.
func cachedPartial(t *template.Template) func(string, any, ...any) (template.HTML, error) {
	return func(name string, data any, keys ...any) (template.HTML, error) {
		render := func() (template.HTML, error) {
			var buf bytes.Buffer
			if err := t.ExecuteTemplate(&buf, name, data); err != nil {
				return "", templateProblem(err)
			}
			return template.HTML(buf.String()), nil
		}
		v, ok := data.(*View)
		if !ok || v.Lang == nil || v.Lang.Fragments == nil {
			return render()
		}
		return v.Lang.Fragments.get(t, name, keys, render)
	}
}

// Fragments holds partialCached's output for one language (see cachedPartial). It is safe for
// concurrent use: pages render in parallel, and the first call of a key renders it once while
// the others wait for it.
type Fragments struct {
	m sync.Map // fragmentKey -> *fragment
}

// fragmentKey names one output: the layout whose templates rendered it (a layout may define a
// template of the same name as another's), the template's name and the keys.
type fragmentKey struct {
	layout     *template.Template
	name, keys string
}

type fragment struct {
	keys []any // see get
	once sync.Once
	html template.HTML
	err  error
}

// NewFragments returns an empty cache.
func NewFragments() *Fragments { return &Fragments{} }

func (f *Fragments) get(layout *template.Template, name string, keys []any, render func() (template.HTML, error)) (template.HTML, error) {
	k := fragmentKey{layout: layout, name: name}
	for _, key := range keys {
		// Each key starts with its kind, so that "1" and 1 are two keys, and a string with its
		// length, so that no string reads as two keys.
		switch key := key.(type) {
		case string:
			k.keys += "s" + strconv.Itoa(len(key)) + ":" + key
		case int:
			k.keys += "i" + strconv.Itoa(key)
		default:
			// A pointer, slice or map is the same key when it is the same value (the page's
			// parent, its breadcrumbs), not when it holds the same: comparing contents would
			// cost more than rendering. The fragment keeps the keys, so that no other value
			// can take a key's address while the cache lives.
			switch v := reflect.ValueOf(key); v.Kind() {
			case reflect.Pointer, reflect.Map:
				k.keys += fmt.Sprintf("p%T:%p", key, key)
			case reflect.Slice:
				k.keys += fmt.Sprintf("p%T:%p:%d", key, key, v.Len())
			default:
				k.keys += fmt.Sprintf("v%T:%v", key, key)
			}
		}
		k.keys += "\x00"
	}
	e, ok := f.m.Load(k)
	if !ok {
		e, _ = f.m.LoadOrStore(k, &fragment{keys: keys})
	}
	fr := e.(*fragment)
	fr.once.Do(func() { fr.html, fr.err = render() })
	return fr.html, fr.err
}
