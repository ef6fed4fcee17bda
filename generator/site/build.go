// Package site runs the build: it is the one place that sees every stage. It loads the
// configuration, the UI strings, the data files and the content model; parses every page's
// Markdown; resolves links, law references, glossary terms and contacts against the whole site;
// renders each page with its layout in one pass, dropping each parsed text once its page is
// written; runs the producers of the files a site needs around its pages (producers.go: sitemap,
// feeds, robots.txt, alias redirects, 404 pages, the root language chooser, search, offline
// version, booklets, hosting files), each of which declares the paths it writes so that links are
// checked against them; and publishes the output atomically. Every problem of one build is
// reported together, sorted by file. session.go keeps a build in memory for the preview.
package site

import (
	"errors"
	"fmt"
	"io/fs"
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
	"pandu/generator/internal/par"
	"pandu/generator/markdown"
	"pandu/generator/output"
	"pandu/generator/search"
	"pandu/generator/sourcefs"
	"pandu/generator/templates"
)

// Version is the generator's version, shown by `pandu version` and in the generator meta tag.
// Release builds set it to the tag (.goreleaser.yaml: -X pandu/generator/site.Version=...).
var Version = "0.1.0"

type timeT = time.Time

// Options control one build.
type Options struct {
	Source  string // site root
	Dest    string // output folder
	Drafts  bool
	BaseURL string // overrides site.toml's base_url when set
	Minify  bool
	// Preview says the build is the editors' preview (pandu serve), which serves at its own
	// address: a placeholder base_url is shown there as a banner, not warned about.
	Preview bool
	// Published is, in the preview only, the address the site will be published at (serve
	// --base-url); "" means site.toml's base_url. The preview's banner checks it.
	Published string
	// Progress, when set, is kept up to date as the build goes (a progress line reads it).
	Progress *Progress
	// PDFDir, when set, holds booklet PDFs made by `pandu pdf` (<lang>/booklet-a4.pdf and
	// booklet-a5.pdf): they are published beside each language's booklet, which links to them.
	PDFDir string
	// parsed, when set (tests), is called for every text parsed.
	parsed func(c *content.Page)
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
	// Kits lists the trainer kit of each language (with the booklets).
	Kits []KitPages
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

// MaxPageBytes is the size of a page's HTML above which the build warns: such a page (a very
// large Markdown file, usually) is too heavy for the readers' phones. Pages should stay far below,
// within the 14,600 bytes gzip that TestPageWeight checks.
const MaxPageBytes = 1 << 20

// builder holds the state of one build.
type builder struct {
	opts       Options
	cfg        *config.Config
	catalog    *i18n.Catalog
	glossaries map[string]*data.Glossary
	synonyms   map[string][]data.Synonym // search synonyms by language
	contacts   *data.Contacts
	site       *content.Site
	md         *markdown.Converter
	layouts    *templates.Set
	out        *output.Writer
	src        *sourcefs.Root // the site folder: every source file is read through it
	assets     output.Assets

	// docs holds each page's parsed body; a fallback copy shares its source's document.
	docs map[*content.Page]*markdown.Document
	// resolved says for which page each document's links are resolved now (see resolveFor).
	resolved map[*markdown.Document]*resolution
	resMu    sync.Mutex // guards docs and resolved while pages render in parallel
	// incremental marks the preview's build: it keeps each page's search entry for its incremental
	// updates, where a build for disk adds each page to one accumulator per language. Neither
	// keeps the parsed documents once their pages are written.
	incremental bool
	// anchorSets holds the anchors of every parsed text, by the page whose text it is; later
	// holds the texts whose links to other pages' anchors must be checked after the pass.
	anchorSets map[*content.Page]map[string]bool
	later      map[*content.Page]bool
	anchorMu   sync.Mutex
	byURL      map[string]*content.Page
	published  map[string]string // site path of every published file -> path on disk ("" for generated)
	drafts     map[string]bool   // lang/path of draft pages left out
	imageSizes sync.Map
	// lookProblems are the problems (warnings) found loading the UI strings and the layouts: the
	// preview's fast path for edits of them (updateLooks) takes only edits that keep them.
	lookProblems struct{ i18n, layouts diag.List }
	// searchCache holds each page's search entry (see searchEntry).
	searchCache sync.Map
	// searchAcc collects, in a build for disk, each language's search analyses as pages render;
	// searchPos is each guide's position in its language's index (see searchEntry).
	searchAcc map[string]*search.Accumulator
	searchPos map[*content.Page]int
	// searchIndex holds each language's versioned index address (see searchIndexURL).
	searchIndex sync.Map
	problems    diag.List
	mu          sync.Mutex
	// owners maps each output file (lowercase) to the site file that writes it and its name.
	owners   map[string]string
	ownMu    sync.Mutex
	booklets []BookletPages
	handouts map[*content.Page]*kitHandout // the trainers' kit handouts (kit.go)
	kits     []KitPages
	// inline collects the inline code of the written HTML for the hosting files' CSP.
	inline    inlineCode
	lastPhase time.Time
	// keepGoing makes a build for the preview go on past the problems of single pages, so that
	// every page that can be built is served (see stop); rendered is set once pages were rendered.
	keepGoing bool
	rendered  bool
	// unloaded holds the content files left out of a keepGoing build for their own errors: a
	// link to one says so instead of saying the page does not exist.
	unloaded map[string]bool
	// viewData is what the layouts' views of all pages share (view.go), guarded by viewMu.
	viewData *viewCache
	viewMu   sync.Mutex
}

// stop returns the errors found so far when the build must stop at them: always for a build
// that writes to disk, never for the preview's (keepGoing), which reports them at the end.
func (b *builder) stop() error {
	if b.keepGoing {
		return nil
	}
	return b.problems.Err()
}

// phase prints the time since the previous phase, with the heap in use and the memory taken from
// the system, when PANDU_TIMING is set (for profiling builds).
func (b *builder) phase(name string) {
	now := time.Now()
	if os.Getenv("PANDU_TIMING") != "" && !b.lastPhase.IsZero() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Fprintf(os.Stderr, "%-10s %v heap %d MB sys %d MB\n", name, now.Sub(b.lastPhase).Round(time.Millisecond), ms.HeapInuse>>20, ms.Sys>>20)
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
	opts.Progress.start("reading the site", 0)
	if err := b.load(); err != nil {
		return nil, err
	}
	out, err := output.New(opts.Source, opts.Dest, opts.Minify)
	if err != nil {
		return nil, diag.Problem{File: opts.Dest, Message: err.Error()}
	}
	for _, note := range out.Notes() {
		b.problems.Add(diag.Problem{File: opts.Dest, Warning: true, Message: note})
	}
	b.out = out
	out.Inspect(b.inline.inspect)
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
	opts.Progress.start("publishing", 0)
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

// staticProblem reports a problem found while copying static/: each file that could not be read
// is a problem of its own, naming the file.
func staticProblem(err error) error {
	var list diag.List
	for _, e := range unjoin(err) {
		list.Add(sourcefs.Problem(e, "static"))
	}
	return list.Err()
}

// unjoin returns the errors joined in err (errors.Join), or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func newBuilder(opts Options) *builder {
	return &builder{opts: opts, docs: map[*content.Page]*markdown.Document{}, resolved: map[*markdown.Document]*resolution{},
		byURL: map[string]*content.Page{}, published: map[string]string{}, drafts: map[string]bool{},
		anchorSets: map[*content.Page]map[string]bool{}, later: map[*content.Page]bool{}}
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
	res.Kits = b.kits
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
		if err := cfg.SetBaseURL(b.opts.BaseURL); err != nil {
			return err
		}
	}
	b.cfg = cfg
	if p, ok := cfg.BaseURLProblem(); ok && !b.opts.Preview {
		// Once per build: links still work on the host, but every absolute address (canonical,
		// hreflang, sitemap, feeds, Open Graph) points nowhere, and the booklets leave out their
		// QR codes rather than print dead ones.
		p.Warning = true
		p.Message += "; until then canonical links, hreflang, the sitemap and feeds point to it, and the printed booklets have no QR codes"
		b.problems.Add(p)
	}
	if b.src, err = sourcefs.For(b.opts.Source); err != nil {
		return diag.Problem{File: ".", Message: err.Error()}
	}
	b.problems.Merge(cfg.Warnings) // e.g. a placeholder [publisher]
	cat, p := i18n.Load(b.opts.Source, cfg)
	b.problems.Merge(p)
	b.lookProblems.i18n = p
	b.catalog = cat
	b.loadData()
	site, p := content.Load(cfg, content.Options{Drafts: b.opts.Drafts, KeepGoing: b.keepGoing})
	b.problems.Merge(p)
	b.unloaded = map[string]bool{}
	for _, x := range p.Errors() {
		b.unloaded[x.File] = true
	}
	if site == nil || cat == nil {
		return b.problems.Err()
	}
	if err := b.stop(); err != nil {
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
		rel := "content/_data/glossary/" + l.Code + ".toml"
		src, err := b.src.ReadFile(file, b.cfg.MaxMarkdown())
		if err != nil {
			b.problems.Add(sourcefs.Problem(err, rel))
			continue
		}
		g, p := data.ParseGlossary(src, rel, l.Code)
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
	b.synonyms = map[string][]data.Synonym{}
	for _, l := range b.cfg.Ordered {
		file := filepath.Join(dir, "synonyms", l.Code+".toml")
		if _, err := os.Stat(file); err != nil {
			continue
		}
		rel := "content/_data/synonyms/" + l.Code + ".toml"
		src, err := b.src.ReadFile(file, b.cfg.MaxMarkdown())
		if err != nil {
			b.problems.Add(sourcefs.Problem(err, rel))
			continue
		}
		syn, p := data.ParseSynonyms(src, rel)
		b.problems.Merge(p)
		b.synonyms[l.Code] = syn
	}
	file := filepath.Join(dir, "contacts.toml")
	if _, err := os.Stat(file); err == nil {
		const rel = "content/_data/contacts.toml"
		src, err := b.src.ReadFile(file, b.cfg.MaxMarkdown())
		if err != nil {
			b.problems.Add(sourcefs.Problem(err, rel))
		} else {
			c, p := data.ParseContacts(src, rel, langs, b.cfg.DefaultLanguage)
			b.problems.Merge(p)
			b.contacts = c
		}
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

func (b *builder) render() error {
	var err error
	b.assets, err = b.out.CopyStatic(b.src, filepath.Join(b.opts.Source, "static"), b.cfg.MaxFile(), b.cfg.BasePath())
	if err != nil {
		return staticProblem(err)
	}
	for rel, u := range b.assets {
		if err := b.claim("static/"+rel, b.outPath(u)); err != nil {
			b.problems.Merge(diag.AsList(err)) // static/Img/x.png beside static/img/x.png
		}
		b.published[u] = filepath.Join(b.opts.Source, "static", filepath.FromSlash(rel))
		b.published[b.cfg.BasePath()+rel] = b.published[u]
	}
	layouts, p := templates.Load(b.opts.Source, templates.Env{Config: b.cfg, Catalog: b.catalog, Assets: b.assets})
	b.problems.Merge(p)
	b.lookProblems.layouts = p
	if p.Err() != nil || layouts == nil {
		return b.problems.Err() // without its layouts no page can be built
	}
	if err := b.stop(); err != nil {
		return err
	}
	b.layouts = layouts
	b.phase("load")
	b.md = markdown.New(b.markdownOptions())

	pages := b.site.Pages
	b.declare()
	if err := b.stop(); err != nil {
		return err
	}

	// Parse, resolve and render each text in one pass, in parallel. A fallback copy shows its
	// source's text and shares its document (parsed once, resolved again for the copy's links
	// and labels). Each document is dropped as soon as its pages are written: only what later
	// outputs need is kept (anchors, search entries), so that memory does not grow with the text
	// of the site.
	groups := groupPages(pages)
	if !b.incremental {
		b.searchAcc, b.searchPos = map[string]*search.Accumulator{}, map[*content.Page]int{}
		for _, l := range b.site.Languages {
			b.searchAcc[l.Code] = search.NewAccumulator()
			for i, pg := range searchGuides(l) {
				b.searchPos[pg] = i
			}
		}
	}
	b.opts.Progress.start("rendering pages", len(pages))
	problems := make([]diag.List, len(groups))
	par.For(len(groups), func(i int) { problems[i] = b.renderGroup(groups[i]) })
	b.checkAnchorsLater(groups, problems)
	b.problems.Merge(onceEach(problems, groups))
	b.rendered = true
	if err := b.stop(); err != nil {
		return err
	}
	b.phase("render")
	b.opts.Progress.start("writing the search index, booklets and feeds", 0)
	b.checkHelp()
	b.prepareKit()
	if err := b.stop(); err != nil {
		return err
	}
	if err := b.writeExtras(); err != nil {
		b.problems.Merge(diag.AsList(err))
	}
	return b.problems.Err()
}

// claim records that from (a file of the site, for messages) writes the output file rel, and
// returns an error naming both files when another one already writes it, or a file whose name
// differs only in case (on macOS and Windows they are one file).
func (b *builder) claim(from, rel string) error {
	key := strings.ToLower(rel)
	b.ownMu.Lock()
	defer b.ownMu.Unlock()
	if b.owners == nil {
		b.owners = map[string]string{}
	}
	if prev, ok := b.owners[key]; ok && prev != from+"\x00"+rel {
		prevFrom, prevRel, _ := strings.Cut(prev, "\x00")
		msg := fmt.Sprintf("this writes %s, which %s writes too", rel, prevFrom)
		if prevRel != rel {
			msg = fmt.Sprintf("this writes %s, and %s writes %s: the names differ only in case, which is one file on macOS and Windows", rel, prevFrom, prevRel)
		}
		return diag.Problem{File: from, Message: msg, Hint: "give one of them another name or slug"}
	}
	b.owners[key] = from + "\x00" + rel
	return nil
}

// write writes an output file (minified by its type) that from produces; errors name from and
// the output path, never the temporary folder.
func (b *builder) write(from, rel string, data []byte) error {
	if err := b.claim(from, rel); err != nil {
		return err
	}
	return writeProblem(from, rel, b.out.WriteFile(rel, data))
}

// writeRaw is write without minifying.
func (b *builder) writeRaw(from, rel string, data []byte) error {
	if err := b.claim(from, rel); err != nil {
		return err
	}
	return writeProblem(from, rel, b.out.WriteRaw(rel, data))
}

// copyFile publishes the file src, which the site file from names, at rel.
func (b *builder) copyFile(from, rel, src string) error {
	if err := b.claim(from, rel); err != nil {
		return err
	}
	data, err := b.src.ReadFile(src, b.cfg.MaxFile())
	if err != nil {
		return sourcefs.Problem(err, from)
	}
	return writeProblem(from, rel, b.out.WriteRaw(rel, data))
}

// writeProblem turns an error of writing rel into a problem of from. A file system error names
// the output path, not the temporary folder the build writes into.
func writeProblem(from, rel string, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = fmt.Sprintf("cannot write %s: %v", rel, pe.Err)
	}
	if errors.Is(err, output.ErrWrittenTwice) {
		// Two things this file makes land on one output file (e.g. a page and one of its
		// copies, or two aliases that name one folder).
		return diag.Problem{File: from, Message: fmt.Sprintf("this file makes %s twice", rel),
			Hint: "give the pages another slug or translation_key, or remove an alias, so that each URL is made once"}
	}
	return diag.Problem{File: from, Message: msg}
}

// onceEach merges the problems of rendering each group of pages, reporting a problem that
// several pages share (a layout error hits every page that uses the layout) once, with how many
// pages and which page first.
func onceEach(problems []diag.List, groups [][]*content.Page) diag.List {
	type seen struct {
		at    int // index in out
		count int
		first string
	}
	var out diag.List
	byKey := map[diag.Problem]*seen{}
	for i, list := range problems {
		for _, p := range list {
			if s := byKey[p]; s != nil {
				s.count++
				continue
			}
			byKey[p] = &seen{at: len(out), count: 1, first: groups[i][0].File}
			out = append(out, p)
		}
	}
	for p, s := range byKey {
		if s.count > 1 && p.File != s.first {
			out[s.at].Message += fmt.Sprintf(" (on %d pages, first %s)", s.count, s.first)
		}
	}
	return out
}

// groupPages groups pages by the text they show, the page whose text it is first when it is
// among pages: a fallback copy shows its source's text.
func groupPages(pages []*content.Page) [][]*content.Page {
	index := map[*content.Page]int{} // text's page -> group
	var groups [][]*content.Page
	for _, pg := range pages {
		c := pg.Content()
		i, ok := index[c]
		if !ok {
			i = len(groups)
			index[c] = i
			groups = append(groups, nil)
		}
		if pg == c {
			groups[i] = append([]*content.Page{pg}, groups[i]...)
		} else {
			groups[i] = append(groups[i], pg)
		}
	}
	return groups
}

// renderGroup resolves and renders the pages that show one text (see groupPages), and keeps
// their search entries. It returns the problems found; those of resolving the text are reported
// once, on the page whose text it is.
func (b *builder) renderGroup(g []*content.Page) diag.List {
	var problems diag.List
	doc := b.parse(g[0].Content())
	b.setAnchors(g[0].Content(), doc)
	for _, pg := range g {
		for _, mp := range b.resolveFor(pg, doc) {
			if !pg.Fallback {
				problems.Add(diag.Problem{File: pg.File, Line: mp.Line, Column: mp.Column, Message: mp.Message})
			}
		}
		if err := b.renderPage(pg, doc); err != nil {
			p := diag.AsList(err)
			if p[0].File == "" {
				p[0].File = pg.File
			}
			problems.Merge(p)
		}
		if pg.Kind == content.KindPage {
			b.searchEntry(pg.Lang, pg, doc)
		}
		b.opts.Progress.step()
	}
	b.forget(doc)
	return problems
}

// setAnchors records the anchors of the text of the page c.
func (b *builder) setAnchors(c *content.Page, doc *markdown.Document) {
	set := map[string]bool{}
	for _, a := range doc.Anchors() {
		set[a] = true
	}
	b.anchorMu.Lock()
	b.anchorSets[c] = set
	b.anchorMu.Unlock()
}

// anchorsOf returns the anchors of the text of the page c, and whether it is parsed yet.
func (b *builder) anchorsOf(c *content.Page) (map[string]bool, bool) {
	b.anchorMu.Lock()
	defer b.anchorMu.Unlock()
	set, ok := b.anchorSets[c]
	return set, ok
}

// checkLater records that a link of the text of the page c goes to an anchor of a page not
// parsed yet: checkAnchorsLater checks it once every page is.
func (b *builder) checkLater(c *content.Page) {
	b.anchorMu.Lock()
	b.later[c] = true
	b.anchorMu.Unlock()
}

// checkAnchorsLater resolves again, now that every anchor is known, the texts that linked to an
// anchor of a page that was not parsed yet when they were rendered, and adds the problems found
// to their group's (each problem once). Their pages were rendered with such links made as if the
// anchor existed: when one does not, the build fails and its output is not published.
func (b *builder) checkAnchorsLater(groups [][]*content.Page, problems []diag.List) {
	for i, g := range groups {
		c := g[0].Content()
		if !b.later[c] {
			continue
		}
		pg := g[0]
		doc := b.parse(c)
		have := map[diag.Problem]bool{}
		for _, p := range problems[i] {
			have[p] = true
		}
		for _, mp := range doc.Resolve(&resolver{b: b, page: pg, doc: doc, textLang: c.Lang}) {
			p := diag.Problem{File: pg.File, Line: mp.Line, Column: mp.Column, Message: mp.Message}
			if !pg.Fallback && !have[p] {
				problems[i].Add(p)
			}
		}
	}
}

// doc returns the parsed text of pg for a later output (the booklets, the trainers' kit): the
// text is parsed again the first time, and kept from then on.
func (b *builder) doc(pg *content.Page) *markdown.Document {
	b.resMu.Lock()
	defer b.resMu.Unlock()
	if d := b.docs[pg]; d != nil {
		return d
	}
	c := pg.Content()
	d := b.docs[c]
	if d == nil {
		d = b.parse(c)
		b.docs[c] = d
		b.resolved[d] = &resolution{}
	}
	b.docs[pg] = d
	return d
}

// parse parses the body of a page's own text; a guide whose front matter says steps = true under
// [params] gets its numbered sections drawn as steps (markdown.Document.MarkSteps).
func (b *builder) parse(c *content.Page) *markdown.Document {
	if b.opts.parsed != nil {
		b.opts.parsed(c)
	}
	d := b.md.Parse(c.Body, c.BodyLine)
	if on, _ := c.Params["steps"].(bool); on {
		d.MarkSteps()
	}
	return d
}

// forget drops what the builder knows of a document it does not keep.
func (b *builder) forget(doc *markdown.Document) {
	b.resMu.Lock()
	delete(b.resolved, doc)
	b.resMu.Unlock()
}

// resolution records for which page a document is resolved: links go to pages in the reader's
// language, so a document shared by a page and its fallback copies is resolved again for each
// before it is rendered. Only one goroutine at a time uses a document.
type resolution struct {
	page     *content.Page
	problems []markdown.Problem
}

// resolveFor resolves doc for pg, unless it is already, and returns the problems found.
func (b *builder) resolveFor(pg *content.Page, doc *markdown.Document) []markdown.Problem {
	b.resMu.Lock()
	res := b.resolved[doc]
	if res == nil {
		res = &resolution{}
		b.resolved[doc] = res
	}
	b.resMu.Unlock()
	if res.page != pg {
		res.page = pg
		res.problems = doc.Resolve(&resolver{b: b, page: pg, doc: doc, textLang: pg.Content().Lang})
	}
	return res.problems
}

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
	b.resolveFor(pg, doc)
	lead, rest, err := b.md.RenderSplit(doc)
	if err != nil {
		return diag.Problem{File: pg.File, Message: "rendering Markdown: " + err.Error()}
	}
	v := b.view(pg, doc, lead, rest)
	quiz, err := b.pageQuiz(pg, doc)
	if err != nil {
		return err
	}
	if len(quiz) > 0 {
		v.Quiz = quiz
	}
	layout := pg.Kind.String()
	if pg.Layout != "" {
		layout = pg.Layout
		if !b.layouts.Has(layout) {
			return diag.Problem{File: pg.File, Message: fmt.Sprintf("layout %q does not exist", layout),
				Hint: "create layouts/" + layout + ".html or remove layout from the front matter"}
		}
	}
	html := output.Buffer()
	defer output.PutBuffer(html)
	if err := b.layouts.ExecuteTo(html, pg.Lang, layout, v); err != nil {
		return err
	}
	rel := b.outPath(pg.URL)
	if err := b.write(pg.File, rel, html.Bytes()); err != nil {
		return err
	}
	if size := b.out.Size(rel); size > MaxPageBytes && !pg.Fallback {
		b.addProblems(diag.List{{File: pg.File, Warning: true,
			Message: fmt.Sprintf("the page %s weighs %.1f MB of HTML (the limit is %d MB): a cheap phone on a slow connection may not open it",
				rel, float64(size)/(1<<20), MaxPageBytes>>20),
			Hint: "split the guide into several pages"}})
	}
	for _, r := range pg.Resources {
		if err := b.copyFile(r.File, b.outPath(r.URL), r.Abs); err != nil {
			return err
		}
	}
	return nil
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
