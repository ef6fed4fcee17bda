package site

import (
	"fmt"
	"os"

	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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
	// comparing, when set (tests), is called as a preview rebuild starts comparing its texts
	// with the previous build's (sameTexts).
	comparing func()
	// writingEarly, when set (tests), is called as a preview rebuild, its pages started, is about
	// to write the files that need only the model (writeEarly).
	writingEarly func()
	// files, in the preview, keeps the content files parsed by one build for the next.
	files *content.Parsed
	// keepTexts, when set (tests), makes a build for disk keep every text (see dropText).
	keepTexts bool
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
	// reread holds the paths (inside a language folder) of the pages the booklets and the
	// trainers' kit parse again after the pass (doc): a build for disk keeps their Markdown and
	// drops every other page's once its pages are written (dropText).
	reread    map[string]bool
	anchorMu  sync.Mutex
	byURL     map[string]*content.Page
	published map[string]string // site path of every published file -> path on disk ("" for generated)
	// declared holds the site paths each producer writes, by name, as declare asked for them.
	declared   map[string][]string
	imageSizes sync.Map
	// lookProblems are the problems (warnings) found loading the UI strings and the layouts: a
	// preview rebuild that takes them from its previous build takes their problems too.
	lookProblems struct{ i18n, layouts diag.List }
	// newStrings and newLayouts say, in a preview rebuild of a previous build, that UI strings or
	// layout files were edited: they are loaded again, not taken from the previous build.
	// sameContent says no file under content/ was: the site model is taken from it.
	newStrings, newLayouts, sameContent bool
	// contentProblems are the problems content.Load found, which a rebuild that keeps the model
	// keeps too.
	contentProblems diag.List
	// looks holds each page look's digest (lookOf), by layout and languages.
	looks sync.Map
	// searchCache holds each page's search entry (see searchEntry); searchGens counts the
	// changes of each language's entries (searchGen).
	searchCache sync.Map
	searchGens  sync.Map
	// searchAcc collects, in a build for disk, each language's search entries as pages render
	// and writes them to the language's index file (searchStreams); searchPos is each guide's
	// position in its language's index (see startSearchFiles).
	searchAcc     map[string]*search.Accumulator
	searchStreams map[string]*output.Stream
	searchPos     map[*content.Page]int
	// searchIndex holds each language's versioned index address (see searchIndexURL).
	searchIndex sync.Map
	// searchFiles keeps, in the preview, each language's index file with what it was made from,
	// so that an update that changed no entry of a language writes the file again without
	// making it again. A rebuild takes the previous build's.
	searchFiles map[string]searchFile
	// searchPages keeps, in the preview, each language's search page with what it was made
	// from (see writeSearchPage). A rebuild takes the previous build's.
	searchPages map[string]searchPage
	problems    diag.List
	mu          sync.Mutex
	// owners maps each output file (lowercase) to the site file that writes it and its name.
	owners   map[string]owner
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
	// prints holds, in the preview, what each page was rendered from (reuse.go); prev is the
	// previous build, whose pages this one keeps where nothing they were made from changed, and
	// sameText maps each text that did not change to its page in prev, once sameReady is set.
	// keptPages counts the pages kept.
	prints  map[*content.Page]*pagePrint
	printMu sync.Mutex
	// savedPrints holds, during a fast update, the prints it replaced (see beginUpdate).
	savedPrints map[*content.Page]*pagePrint
	prev        *builder
	sameText    map[*content.Page]*content.Page
	sameReady   atomic.Bool
	// prevProblems holds the files prev reported problems of: their pages are not kept.
	prevProblems map[string]bool
	keptPages    atomic.Int64
	// versions holds the version of each source page's text (drift.go); the preview's fast path
	// drops it for the pages it changes.
	versions sync.Map
	// demand, in the preview's builds, renders the pages asked for first (render.go).
	demand *demand
	// newer, during a preview update, reports whether a newer edit waits: the update then stops
	// and undoes what it did (Session.Interrupt).
	newer func() bool
	// earlyDone says the early producers ran before the pages (writeEarly).
	earlyDone bool
	// viewData is what the layouts' views of all pages share (view.go), guarded by viewMu.
	viewData *viewCache
	viewMu   sync.Mutex
}

// forEach runs fn for every index in [0, n) on the worker pool (par.For). A preview's update
// leaves one processor of several (GOMAXPROCS; pandu serve has one more than the cores) to the
// preview's server and file watcher: with every one rendering, Go's scheduler noticed a
// browser's request for a page already rendered, or the next save, only every 10 ms or so, at
// each step of reading and answering it, and at 5,000 guides per language a reload waited
// 20-200 ms for a page that was ready.
func (b *builder) forEach(n int, fn func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if b.newer != nil && workers > 1 {
		workers--
	}
	par.ForN(workers, n, fn)
}

func newBuilder(opts Options) *builder {
	return &builder{opts: opts, docs: map[*content.Page]*markdown.Document{}, resolved: map[*markdown.Document]*resolution{},
		byURL: map[string]*content.Page{}, published: map[string]string{},
		anchorSets: map[*content.Page]map[string]bool{}, later: map[*content.Page]bool{},
		prints: map[*content.Page]*pagePrint{}}
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
