// Package site runs the build: it is the one place that sees every stage. It loads the
// configuration, the UI strings, the data files and the content model; parses every page's
// Markdown; resolves links, law references, glossary terms and contacts against the whole site;
// renders each page with its layout; adds the files a site needs around its pages (sitemap, feeds,
// robots.txt, alias redirects, 404 pages, the root language chooser); and publishes the output
// atomically. Every problem of one build is reported together, sorted by file.
package site

import (
	"fmt"
	"os"

	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/data"
	"pandu/generator/diag"
	"pandu/generator/i18n"
	"pandu/generator/markdown"
	"pandu/generator/output"
	"pandu/generator/templates"
)

// Version is the generator's version, shown by `pandu version` and in the generator meta tag.
const Version = "0.1.0"

type timeT = time.Time

// Options control one build.
type Options struct {
	Source  string // site root
	Dest    string // output folder
	Drafts  bool
	BaseURL string // overrides site.toml's base_url when set
	Minify  bool
	// PDFDir, when set, holds booklet PDFs made by `pandu pdf` (<lang>/booklet-a4.pdf and
	// booklet-a5.pdf): they are published beside each language's booklet, which links to them.
	PDFDir string
}

// Result describes a finished build.
type Result struct {
	PagesByLang map[string]int // rendered pages per language (fallbacks included)
	Languages   []string       // language codes in order
	Files       int            // files written
	Duration    time.Duration
	Warnings    diag.List
	// Heaviest is the HTML page with the largest size (gzip) and that size.
	Heaviest     string
	HeaviestGzip int
	// Booklets lists the print edition of each language (empty when site.toml has no [print]).
	Booklets []BookletPages
}

// Summary is the one line a build prints.
func (r *Result) Summary() string {
	var parts []string
	total := 0
	for _, l := range r.Languages {
		parts = append(parts, fmt.Sprintf("%s %d", l, r.PagesByLang[l]))
		total += r.PagesByLang[l]
	}
	s := fmt.Sprintf("built %d pages (%s), %d files in %s", total, strings.Join(parts, ", "), r.Files, r.Duration.Round(time.Millisecond))
	if r.Heaviest != "" {
		s += fmt.Sprintf("; heaviest page %s (%d B gzip with its CSS)", r.Heaviest, r.HeaviestGzip)
	}
	if n := len(r.Warnings); n > 0 {
		s += fmt.Sprintf("; %d warnings", n)
	}
	return s
}

// builder holds the state of one build.
type builder struct {
	opts       Options
	cfg        *config.Config
	catalog    *i18n.Catalog
	glossaries map[string]*data.Glossary
	contacts   *data.Contacts
	site       *content.Site
	md         *markdown.Converter
	layouts    *templates.Set
	out        *output.Writer
	assets     output.Assets

	docs       map[*content.Page]*markdown.Document // by page (fallbacks have their own)
	byURL      map[string]*content.Page
	published  map[string]string // site path of every published file -> path on disk ("" for generated)
	drafts     map[string]bool   // lang/path of draft pages left out
	imageSizes sync.Map
	// searchCache holds each parsed document's search entry (see searchEntry).
	searchCache sync.Map
	problems    diag.List
	mu          sync.Mutex
	booklets    []BookletPages
	lastPhase   time.Time
}

// phase prints the time since the previous phase when PANDU_TIMING is set (for profiling builds).
func (b *builder) phase(name string) {
	now := time.Now()
	if os.Getenv("PANDU_TIMING") != "" && !b.lastPhase.IsZero() {
		fmt.Fprintf(os.Stderr, "%-10s %v\n", name, now.Sub(b.lastPhase).Round(time.Millisecond))
	}
	b.lastPhase = now
}

func (b *builder) addProblems(l diag.List) {
	b.mu.Lock()
	b.problems.Merge(l)
	b.mu.Unlock()
}

// Build builds the site. On any error the destination is left as it was.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	if err := output.CheckDest(opts.Source, opts.Dest); err != nil {
		return nil, diag.Problem{File: opts.Dest, Message: err.Error()}
	}
	b := newBuilder(opts)
	b.phase("start")
	if err := b.load(); err != nil {
		return nil, err
	}
	out, err := output.New(opts.Dest, opts.Minify)
	if err != nil {
		return nil, err
	}
	b.out = out
	ok := false
	defer func() {
		if !ok {
			out.Abort()
		}
	}()
	if err := b.render(); err != nil {
		return nil, err
	}
	res := b.result()
	b.phase("extras")
	if err := out.Commit(); err != nil {
		return nil, err
	}
	ok = true
	b.phase("commit")
	res.Files = len(out.Files())
	res.Duration = time.Since(start)
	res.Warnings.Sort()
	return res, nil
}

func newBuilder(opts Options) *builder {
	return &builder{opts: opts, docs: map[*content.Page]*markdown.Document{}, byURL: map[string]*content.Page{},
		published: map[string]string{}, drafts: map[string]bool{}}
}

// result describes the finished build (all but its duration and file count).
func (b *builder) result() *Result {
	res := &Result{PagesByLang: map[string]int{}, Warnings: b.problems.Warnings()}
	for _, l := range b.site.Languages {
		res.Languages = append(res.Languages, l.Code)
		res.PagesByLang[l.Code] = len(l.Pages)
	}
	res.Heaviest, res.HeaviestGzip = b.heaviest()
	res.Booklets = b.booklets
	res.Files = len(b.out.Files())
	res.Warnings.Sort()
	return res
}

// load reads every input and builds the model; it stops after a stage with errors.
func (b *builder) load() error {
	cfg, err := config.Load(b.opts.Source)
	if err != nil {
		return err
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimRight(b.opts.BaseURL, "/") + "/"
	}
	b.cfg = cfg
	b.problems.Merge(cfg.Warnings) // e.g. a placeholder [publisher]
	cat, p := i18n.Load(b.opts.Source, cfg)
	b.problems.Merge(p)
	b.catalog = cat
	b.loadData()
	site, p := content.Load(cfg, content.Options{Drafts: b.opts.Drafts})
	b.problems.Merge(p)
	if err := b.problems.Err(); err != nil {
		return err
	}
	b.site = site
	b.findDrafts()
	return nil
}

func (b *builder) loadData() {
	dir := filepath.Join(b.opts.Source, "content", content.DataDir)
	b.glossaries = map[string]*data.Glossary{}
	var langs []string
	for _, l := range b.cfg.Ordered {
		langs = append(langs, l.Code)
		file := filepath.Join(dir, "glossary", l.Code+".toml")
		if _, err := os.Stat(file); err != nil {
			continue
		}
		g, p := data.LoadGlossary(file, "content/_data/glossary/"+l.Code+".toml", l.Code)
		b.problems.Merge(p)
		if g != nil {
			b.glossaries[l.Code] = g
		}
	}
	if src := b.glossaries[b.cfg.DefaultLanguage]; src != nil {
		var others []*data.Glossary
		for _, l := range b.cfg.Ordered {
			if g := b.glossaries[l.Code]; g != nil && g != src {
				others = append(others, g)
			}
		}
		b.problems.Merge(data.CompareGlossaries(src, others...))
	}
	file := filepath.Join(dir, "contacts.toml")
	if _, err := os.Stat(file); err == nil {
		c, p := data.LoadContacts(file, "content/_data/contacts.toml", langs, b.cfg.DefaultLanguage)
		b.problems.Merge(p)
		b.contacts = c
	}
}

// findDrafts remembers draft files that were left out, so that a link to one says why it fails.
func (b *builder) findDrafts() {
	if b.opts.Drafts {
		return
	}
	for _, l := range b.cfg.Ordered {
		root := filepath.Join(b.opts.Source, "content", l.Code)
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if b.site.ByLang[l.Code].ByPath[rel] == nil {
				b.drafts[l.Code+"/"+rel] = true
			}
			return nil
		})
	}
}

// parallel runs fn for every index in [0, n) on all cores.
func parallel(n int, fn func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

func (b *builder) render() error {
	var err error
	b.assets, err = b.out.CopyStatic(filepath.Join(b.opts.Source, "static"), b.cfg.BasePath())
	if err != nil {
		return diag.Problem{File: "static", Message: err.Error()}
	}
	for rel, u := range b.assets {
		b.published[u] = filepath.Join(b.opts.Source, "static", filepath.FromSlash(rel))
		b.published[b.cfg.BasePath()+rel] = b.published[u]
	}
	layouts, p := templates.Load(b.opts.Source, templates.Env{Config: b.cfg, Catalog: b.catalog, Assets: b.assets})
	b.problems.Merge(p)
	if err := b.problems.Err(); err != nil {
		return err
	}
	b.layouts = layouts
	b.phase("load")
	b.md = markdown.New(markdown.Options{Unsafe: b.cfg.UnsafeHTML})

	pages := b.site.Pages
	for _, pg := range pages {
		b.byURL[pg.URL] = pg
		for _, a := range pg.Aliases {
			// An old URL still answers (with a redirect page): links to it are not broken.
			b.published[strings.TrimSuffix(a, "/")+"/"] = ""
			b.published[a] = ""
		}
		for _, r := range pg.Resources {
			b.published[r.URL] = r.Abs
		}
	}
	for _, name := range []string{"sitemap.xml", "robots.txt", "404.html", "index.html"} {
		b.published[b.cfg.BasePath()+name] = ""
	}
	for _, l := range b.site.Languages {
		b.published[l.Home.URL+"feed.xml"] = ""
		b.published[l.Home.URL+"404.html"] = ""
		if u := b.bookletURL(l.Code); u != "" {
			b.published[u] = ""
			b.published[u+"a5/"] = ""
			b.published[u+"pandu-"+l.Code+".html"] = ""
		}
	}

	// Parse every body: a source page once; a fallback page again, because its links and
	// labels are resolved for another language.
	docs := make([]*markdown.Document, len(pages))
	parallel(len(pages), func(i int) {
		pg := pages[i]
		docs[i] = b.md.Parse(pg.Content().Body, pg.Content().BodyLine)
	})
	for i, pg := range pages {
		b.docs[pg] = docs[i]
	}
	b.phase("parse")
	// Resolve against the whole site; then render, both in parallel.
	problems := make([]diag.List, len(pages))
	parallel(len(pages), func(i int) {
		pg := pages[i]
		r := &resolver{b: b, page: pg, doc: docs[i], textLang: pg.Content().Lang}
		for _, mp := range docs[i].Resolve(r) {
			if pg.Fallback {
				continue // reported once, on the source page
			}
			problems[i].Add(diag.Problem{File: pg.File, Line: mp.Line, Column: mp.Column, Message: mp.Message})
		}
	})
	for _, p := range problems {
		b.problems.Merge(p)
	}
	if err := b.problems.Err(); err != nil {
		return err
	}
	b.phase("resolve")
	parallel(len(pages), func(i int) {
		if err := b.renderPage(pages[i], docs[i]); err != nil {
			problems[i] = diag.AsList(err)
			if problems[i][0].File == "" {
				problems[i][0].File = pages[i].File
			}
		}
	})
	for _, p := range problems {
		b.problems.Merge(p)
	}
	if err := b.problems.Err(); err != nil {
		return err
	}
	b.phase("render")
	if err := b.writeExtras(); err != nil {
		b.problems.Merge(diag.AsList(err))
	}
	return b.problems.Err()
}

// anchorDoc returns the parsed document whose anchors a page has.
func (b *builder) anchorDoc(p *content.Page) *markdown.Document { return b.docs[p] }

// known reports whether something is published at a site path.
func (b *builder) known(p string) bool {
	if _, ok := b.published[p]; ok {
		return true
	}
	if b.byURL[p] != nil || b.byURL[p+"/"] != nil {
		return true
	}
	return false
}

// diskPath returns the file on disk published at a site path, or "".
func (b *builder) diskPath(p string) string { return b.published[p] }

// outPath is the output file of a site path: "/id/x/" -> "id/x/index.html".
func (b *builder) outPath(url string) string {
	rel := strings.TrimPrefix(url, b.cfg.BasePath())
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

func (b *builder) renderPage(pg *content.Page, doc *markdown.Document) error {
	lead, rest, err := b.md.RenderSplit(doc)
	if err != nil {
		return diag.Problem{File: pg.File, Message: "rendering Markdown: " + err.Error()}
	}
	v := b.view(pg, doc, lead, rest)
	layout := pg.Kind.String()
	if pg.Layout != "" {
		layout = pg.Layout
		if !b.layouts.Has(layout) {
			return diag.Problem{File: pg.File, Message: fmt.Sprintf("layout %q does not exist", layout),
				Hint: "create layouts/" + layout + ".html or remove layout from the front matter"}
		}
	}
	html, err := b.layouts.Execute(pg.Lang, layout, v)
	if err != nil {
		return err
	}
	if err := b.out.WriteFile(b.outPath(pg.URL), html); err != nil {
		return diag.Problem{File: pg.File, Message: err.Error()}
	}
	for _, r := range pg.Resources {
		if err := b.out.CopyFile(b.outPath(r.URL), r.Abs); err != nil {
			return diag.Problem{File: r.File, Message: err.Error()}
		}
	}
	return nil
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
