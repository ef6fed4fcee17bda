// Package content owns the site model: it reads the Markdown files under content/<lang>/ with their
// front matter, and builds the tree of language homes, sections, pages and page bundles, their URLs,
// and the links between translations. A guide that exists in the default language but not in
// another gets a fallback page in that language, which shows the source text with a notice. The
// model knows nothing of Markdown rendering or layouts; later stages read it.
package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"pandu/generator/config"
	"pandu/generator/diag"
	"pandu/generator/internal/par"
	"pandu/generator/sourcefs"
)

// Kind says what a page is.
type Kind int

// The kinds of page.
const (
	KindHome    Kind = iota // content/<lang>/_index.md
	KindSection             // content/<lang>/<dir>/_index.md
	KindPage                // any other .md file, or a bundle's index.md
)

func (k Kind) String() string {
	return [...]string{"home", "section", "page"}[k]
}

// DataDir is the folder under content/ that holds data files (glossary, contacts), not pages.
const DataDir = "_data"

// Page is one page of the site in one language.
type Page struct {
	Kind Kind
	Lang string
	// Path is the file's path inside its language folder ("hak/hak-pekerja-migran.md",
	// "hak/_index.md", "_index.md", "x/index.md" for a bundle), with forward slashes.
	Path string
	// Key is the translation key: the same guide in several languages shares it.
	Key string
	// File is the path relative to the site root, for messages: "content/id/hak/x.md".
	File string

	// FrontMatter is the file's front matter as parsed, shared with the next load of an
	// unchanged file and with the page's fallback copies: never changed once parsed, so that
	// the preview's loads copy only the page's place in the model.
	*FrontMatter
	// Aliases are the old URLs that redirect to the page: the front matter's, under the site's
	// base path (none for a fallback copy).
	Aliases  []string
	Body     []byte // Markdown after the front matter
	BodyLine int    // number of file lines before Body

	URL       string // site path with leading and trailing slash: "/id/hak/hak-anda/"
	Parent    *Page  // the section (or home) holding this page; nil for a home
	Pages     []*Page
	Sections  []*Page
	Resources []Resource // files published beside the page (bundle files, or a section's files)

	// Fallback is true for a page that has no translation in Lang: it shows Source's text.
	Fallback bool
	Source   *Page
	// implicit marks a section or home that has no _index.md in its language.
	implicit bool
	// Translations are the pages with the same key, one per language, in language order,
	// including this page. Fallback pages are included.
	Translations []*Page
}

// Resource is a non-Markdown file in content/ that is published as is.
type Resource struct {
	File string // path relative to the site root
	Abs  string // path on disk
	URL  string // site path
}

// Date returns the page's date (zero when none).
func (p *Page) Date() time.Time { return p.date }

// Lastmod returns the last modification date: lastmod, else date.
func (p *Page) Lastmod() time.Time {
	if !p.lastmod.IsZero() {
		return p.lastmod
	}
	return p.date
}

// Reviewed returns the date of the last fact check (zero when none).
func (p *Page) Reviewed() time.Time { return p.reviewed }

// Dir is the folder of the page inside its language folder ("" at the top). For a section it is
// the section's own folder; for a bundle the bundle's folder.
func (p *Page) Dir() string {
	// Path is clean (it comes from a walk of the folder): its folder is what comes before the
	// last slash.
	if i := strings.LastIndexByte(p.Path, '/'); i >= 0 {
		return p.Path[:i]
	}
	return ""
}

// IsBundle reports whether the page is a page bundle (a folder with index.md).
func (p *Page) IsBundle() bool {
	return p.Path == "index.md" || strings.HasSuffix(p.Path, "/index.md")
}

// Ancestors returns the sections above the page, from the home down to its parent.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append([]*Page{a}, out...)
	}
	return out
}

// Translation returns the page's version in lang, or nil.
func (p *Page) Translation(lang string) *Page {
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// Content returns the page whose text is shown: Source for a fallback page, else the page itself.
func (p *Page) Content() *Page {
	if p.Fallback && p.Source != nil {
		return p.Source
	}
	return p
}

// Language holds the pages of one language.
type Language struct {
	*config.Language
	Home   *Page
	Pages  []*Page          // every page of the language, in tree order (home, then depth first)
	ByPath map[string]*Page // by Path
	// Drafts holds the paths of the pages left out as drafts (Options.Drafts false): a link to
	// one says why it finds nothing.
	Drafts map[string]bool
}

// Site is the whole site model.
type Site struct {
	Config    *config.Config
	Languages []*Language // in configured order
	ByLang    map[string]*Language
	// Pages holds every page of every language, in language order then tree order.
	Pages []*Page
}

// Options control loading.
type Options struct {
	Drafts bool // include pages with draft = true
	// KeepGoing builds the whole model even when some files have problems (they are left out,
	// and the problems still returned): the preview shows every page that can be built.
	KeepGoing bool
	// Parsed, when set, holds the files parsed by the previous load: a file whose bytes did not
	// change is not parsed again. Load leaves in it the files of this load.
	Parsed *Parsed
}

// Parsed keeps the parsed content files of one load for the next: the preview loads the whole
// model again after an edit that moves pages, and most files are as they were. A file is read
// again when Touch named it (or a folder above it) since the last load; the others are taken as
// they were, unread. Nor is a language folder walked again when the paths named in it are files
// or nothing (listed). Before the first Touch every file is read and compared.
type Parsed struct {
	files   map[string]map[string]*parsedFile // by language code, then path inside its folder
	lists   map[string]listing                // by language code: the files its folder held at the last load
	touched []string                          // site paths named since the last load
	watched bool                              // Touch names every change: untouched files are not read
	// spare holds, by language code, memory for the pages of the next load (Prepare); sizes
	// the number of pages each language's folder held at the last load.
	spareMu   sync.Mutex
	spare     map[string][]Page
	sizes     map[string]int
	preparing atomic.Bool
}

// Prepare readies memory for the pages of the next load, one list per language as large as the
// last load's, and touches it. A load copies every page that did not change into a new list; on
// machines where memory new to the process is slow to map (15 us per 4 KB page on the bench
// machine, a virtual one) that took a third of the load. The preview calls it once an update
// is over, while the editor reads the page, so that the next save need not wait for it.
func (c *Parsed) Prepare() {
	if c == nil || !c.preparing.CompareAndSwap(false, true) {
		return // or being made already
	}
	defer c.preparing.Store(false)
	c.spareMu.Lock()
	need := map[string]int{}
	for lang, n := range c.sizes {
		if len(c.spare[lang]) < n {
			need[lang] = n
		}
	}
	c.spareMu.Unlock()
	for lang, n := range need {
		pages := make([]Page, n)
		clear(pages) // touched now: mapped before the load needs it
		c.spareMu.Lock()
		if c.spare == nil {
			c.spare = map[string][]Page{}
		}
		c.spare[lang] = pages
		c.spareMu.Unlock()
	}
}

// Prepared returns the number of pages of the language lang that the memory Prepare made for
// the next load holds (0 when none is ready).
func (c *Parsed) Prepared(lang string) int {
	c.spareMu.Lock()
	defer c.spareMu.Unlock()
	return len(c.spare[lang])
}

// pagesFor returns a list of n empty pages for the language lang: the spare one Prepare made
// when it is large enough, else a new one.
func (c *Parsed) pagesFor(lang string, n int) []Page {
	c.spareMu.Lock()
	pages := c.spare[lang]
	delete(c.spare, lang)
	c.spareMu.Unlock()
	if len(pages) < n {
		return make([]Page, n)
	}
	return pages[:n:n]
}

// listing is a language folder's files as the last load walked them (sourcefs.Root.Walk).
type listing struct {
	dir   string // the folder walked, absolute
	files []sourcefs.Entry
}

// listed returns the files of the language folder dir (absolute) for lang without walking it,
// when the watcher named every change since the last load and each path it named inside the
// folder is now a regular file or nothing: the last load's list, with those files added or
// removed. Anything else (a new folder, a link, site.toml, the folder itself) needs a walk.
func (c *Parsed) listed(lang, dir string) ([]sourcefs.Entry, bool) {
	if c == nil || !c.watched {
		return nil, false
	}
	l, ok := c.lists[lang]
	if !ok || l.dir != dir {
		return nil, false
	}
	files := l.files
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // as the walk names its files
	}
	prefix := "content/" + lang + "/"
	copied := false
	for _, p := range c.touched {
		rel, inside := strings.CutPrefix(p, prefix)
		if !inside {
			if strings.HasPrefix(prefix, p+"/") || p == "." || p == config.FileName {
				return nil, false // the language folder or one above it, or the size limits
			}
			continue
		}
		if hidden(rel) {
			continue // the walk skips names starting with "."
		}
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if !copied {
				files, copied = slices.Clone(files), true
			}
			files = slices.DeleteFunc(files, func(e sourcefs.Entry) bool {
				return e.Rel == rel || strings.HasPrefix(e.Rel, rel+"/")
			})
		case err == nil && fi.Mode().IsRegular():
			i, found := slices.BinarySearchFunc(files, rel, func(e sourcefs.Entry, rel string) int {
				return walkOrder(e.Rel, rel)
			})
			if !found {
				if !copied {
					files, copied = slices.Clone(files), true
				}
				files = slices.Insert(files, i, sourcefs.Entry{Path: filepath.Join(dir, filepath.FromSlash(rel)), Rel: rel})
			}
		default:
			return nil, false
		}
	}
	return files, true
}

// hidden reports whether a slash path has a name starting with ".".
func hidden(rel string) bool {
	for _, name := range strings.Split(rel, "/") {
		if strings.HasPrefix(name, ".") {
			return true
		}
	}
	return false
}

// walkOrder compares two slash paths in the order of a walk: name by name, each folder's
// entries sorted by name.
func walkOrder(a, b string) int {
	for {
		an, arest, amore := strings.Cut(a, "/")
		bn, brest, bmore := strings.Cut(b, "/")
		if c := strings.Compare(an, bn); c != 0 || !amore || !bmore {
			if c == 0 {
				return cmpBool(amore, bmore)
			}
			return c
		}
		a, b = arest, brest
	}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Touch says that the files or folders at these site paths ("content/id/x.md", "content/id")
// may have changed since the last load. The preview calls it with every path its file watcher
// reports, so that the next load reads only those.
func (c *Parsed) Touch(paths ...string) {
	c.watched = true
	c.touched = append(c.touched, paths...)
}

// stale says which files of a language the next load must read again: all of them, or those
// named in rels (files or folders, as paths inside the language folder), for a cache that has
// them.
type stale struct {
	all  bool
	rels []string
}

// staleIn returns what Touch named in the language folder of lang since the last load, as paths
// inside that folder, so that each file's lookup (unread) compares short strings only.
func (c *Parsed) staleIn(lang string) stale {
	if c == nil || !c.watched {
		return stale{all: true}
	}
	prefix := "content/" + lang + "/"
	var st stale
	for _, p := range c.touched {
		// site.toml sets how large a file may be: every file is read again under the new limit.
		if p == "." || p == config.FileName || strings.HasPrefix(prefix, p+"/") {
			return stale{all: true}
		}
		if rel, ok := strings.CutPrefix(p, prefix); ok {
			st.rels = append(st.rels, rel)
		}
	}
	return st
}

// unread returns the file rel of lang as the last load parsed it, when it was not touched since.
func (c *Parsed) unread(lang, rel string, st stale) *parsedFile {
	if st.all {
		return nil
	}
	f := c.files[lang][rel]
	if f == nil {
		return nil
	}
	for _, r := range st.rels {
		if rel == r || len(rel) > len(r) && rel[len(r)] == '/' && strings.HasPrefix(rel, r) {
			return nil // the file, or a folder above it
		}
	}
	return f
}

// nextFiles returns the files of lang for the next load: parsed[i] is the file mds[i] as this
// load parsed it, nil when it could not be read. After an edit most files are as they were: the
// last load's map is updated in place rather than made again for every file of the language.
func (c *Parsed) nextFiles(lang string, mds []rawFile, parsed []*parsedFile) map[string]*parsedFile {
	files := c.files[lang]
	n := 0
	for i, f := range parsed {
		if f == nil {
			continue
		}
		n++
		if files != nil && files[mds[i].rel] != f {
			files[mds[i].rel] = f
		}
	}
	if files != nil && len(files) == n {
		return files // no file of the last load is gone
	}
	files = make(map[string]*parsedFile, n)
	for i, f := range parsed {
		if f != nil {
			files[mds[i].rel] = f
		}
	}
	return files
}

// parsedFile is one file as ParsePage returned it, before the model linked it to others.
type parsedFile struct {
	src      []byte
	page     Page
	problems diag.List
}

// parse parses a file read as src, or takes it from the previous load when its bytes are the
// same; it returns the page and what the next load may take.
func (c *Parsed) parse(lang, rel string, src []byte) (*Page, diag.List, *parsedFile) {
	if c != nil {
		if f := c.files[lang][rel]; f != nil && bytes.Equal(f.src, src) {
			p := f.page
			return &p, f.problems, f
		}
	}
	p, problems := ParsePage(lang, rel, src)
	if p == nil || c == nil {
		return p, problems, nil
	}
	return p, problems, &parsedFile{src: src, page: *p, problems: problems}
}

// Load reads content/ under cfg.Root and builds the site model. It reports every problem found.
func Load(cfg *config.Config, opts Options) (*Site, diag.List) {
	var problems diag.List
	root := filepath.Join(cfg.Root, "content")
	entries, err := os.ReadDir(root)
	if err != nil {
		problems.Add(diag.Problem{File: "content", Message: "cannot read the content folder: " + err.Error(),
			Hint: "create content/<lang>/_index.md for each language in site.toml"})
		return nil, problems
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || name == DataDir {
			continue
		}
		if !e.IsDir() {
			if name != "README.md" {
				problems.Add(diag.Problem{File: "content/" + name, Message: "file outside a language folder",
					Hint: "move it into content/<lang>/ (languages: " + langList(cfg) + ")"})
			}
			continue
		}
		if cfg.Languages[name] == nil {
			problems.Add(diag.Problem{File: "content/" + name, Message: fmt.Sprintf("folder %q is not a configured language", name),
				Hint: "add [languages." + name + "] to site.toml, or rename the folder to one of: " + langList(cfg)})
		}
	}

	site := &Site{Config: cfg, ByLang: map[string]*Language{}}
	next, lists := map[string]map[string]*parsedFile{}, map[string]listing{}
	// The languages load side by side (each reads its files in parallel too); their problems
	// are reported in the configured order.
	langs := make([]*Language, len(cfg.Ordered))
	perLang := make([]diag.List, len(cfg.Ordered))
	kept := make([]forNext, len(cfg.Ordered))
	par.For(len(cfg.Ordered), func(i int) {
		langs[i], perLang[i] = loadLanguage(cfg, cfg.Ordered[i], opts, &kept[i])
	})
	for i, lang := range langs {
		problems.Merge(perLang[i])
		site.Languages = append(site.Languages, lang)
		site.ByLang[lang.Code] = lang
		if k := kept[i]; k.list != nil {
			lists[lang.Code] = *k.list
		}
		if kept[i].files != nil {
			next[lang.Code] = kept[i].files
		}
	}
	if opts.Parsed != nil {
		opts.Parsed.files, opts.Parsed.lists, opts.Parsed.touched = next, lists, nil
		sizes := map[string]int{}
		for lang, files := range next {
			sizes[lang] = len(files)
		}
		opts.Parsed.spareMu.Lock()
		opts.Parsed.sizes = sizes
		opts.Parsed.spareMu.Unlock()
	}
	if problems.Err() != nil && !opts.KeepGoing {
		return site, problems
	}
	for _, l := range site.Languages {
		if l.Home == nil { // the language folder could not be read: no model to go on with
			return nil, problems
		}
	}
	s := scratches.Get().(*scratch)
	defer s.done()
	addFallbacks(site, s)
	for _, l := range site.Languages {
		l.Pages = l.Pages[:0]
		walk(l.Home, func(p *Page) { l.Pages = append(l.Pages, p) })
		site.Pages = append(site.Pages, l.Pages...)
	}
	// Translations and URLs are checked side by side: neither reads what the other sets.
	var urlProblems diag.List
	done := make(chan struct{})
	go func() {
		defer close(done)
		rebaseAliases(site, cfg.BasePath())
		urlProblems = checkURLs(site, s)
	}()
	problems.Merge(linkTranslations(site, s))
	<-done
	problems.Merge(urlProblems)
	return site, problems
}

// rebaseAliases puts the aliases under the site's base path, like page URLs: front matter names
// an old URL from the site's root (/id/old-name/), which is /pandu/id/old-name/ when the site is
// published at https://org.github.io/pandu/. Each page gets a slice of its own (a fallback may
// share its source's front matter); an alias already under the base path stays as it is.
func rebaseAliases(site *Site, base string) {
	if base == "/" {
		return
	}
	for _, p := range site.Pages {
		if len(p.Aliases) == 0 {
			continue
		}
		out := make([]string, len(p.Aliases))
		for i, a := range p.Aliases {
			if strings.HasPrefix(a, base) {
				out[i] = a
			} else {
				out[i] = base + strings.TrimPrefix(a, "/")
			}
		}
		p.Aliases = out
	}
}

func langList(cfg *config.Config) string {
	var codes []string
	for _, l := range cfg.Ordered {
		codes = append(codes, l.Code)
	}
	return strings.Join(codes, ", ")
}

// scratch holds the lists and maps a load of the site model makes and drops. The preview loads
// the model again after edits that move pages, and most of a load's time went to taking fresh
// memory for them: they are kept for the next load instead (scratches), emptied.
type scratch struct {
	mds, others []rawFile
	pages       []*Page
	perFile     []diag.List
	parsed      []*parsedFile
	loaded      []*Page
	source      []*Page            // addFallbacks: the default language's pages
	have        map[string]*Page   // addFallbacks: a language's pages by translation key
	folded      map[string]*Page   // checkURLs
	aliasOf     map[string]*Page   // checkURLs
	byKey       map[string][]*Page // linkTranslations
}

var scratches = sync.Pool{New: func() any {
	return &scratch{have: map[string]*Page{}, folded: map[string]*Page{}, aliasOf: map[string]*Page{}, byKey: map[string][]*Page{}}
}}

// done empties s, so that it holds on to no page, and keeps it for the next load.
func (s *scratch) done() {
	clear(s.mds[:cap(s.mds)])
	clear(s.others[:cap(s.others)])
	clear(s.pages[:cap(s.pages)])
	clear(s.perFile[:cap(s.perFile)])
	clear(s.parsed[:cap(s.parsed)])
	clear(s.loaded[:cap(s.loaded)])
	clear(s.source[:cap(s.source)])
	s.mds, s.others, s.pages, s.perFile, s.parsed, s.loaded, s.source = s.mds[:0], s.others[:0], s.pages[:0], s.perFile[:0], s.parsed[:0], s.loaded[:0], s.source[:0]
	clear(s.have)
	clear(s.folded)
	clear(s.aliasOf)
	clear(s.byKey)
	scratches.Put(s)
}

// grown returns list with length n, reusing its room.
func grown[T any](list []T, n int) []T { return slices.Grow(list[:0], n)[:n] }

type rawFile struct {
	rel string // path inside the language folder
	abs string
}

// forNext is what the load of one language leaves for the next load (Parsed): the folder's
// files, and each file as it was parsed.
type forNext struct {
	list  *listing
	files map[string]*parsedFile // by path inside the language folder
}

// loadLanguage reads the pages of one language; kept receives what the next load may take.
func loadLanguage(cfg *config.Config, l *config.Language, opts Options, kept *forNext) (*Language, diag.List) {
	var problems diag.List
	lang := &Language{Language: l, ByPath: map[string]*Page{}}
	dir := filepath.Join(cfg.Root, "content", l.Code)
	s := scratches.Get().(*scratch)
	defer s.done()
	mds, others := s.mds[:0], s.others[:0]
	root, err := sourcefs.For(cfg.Root)
	if err != nil {
		problems.Add(diag.Problem{File: "content/" + l.Code, Message: "cannot read language folder: " + err.Error()})
		return lang, problems
	}
	if _, statErr := os.Stat(dir); os.IsNotExist(statErr) {
		problems.Add(diag.Problem{File: "content/" + l.Code, Warning: true,
			Message: "language folder missing: every page of this language shows the " + cfg.DefaultLanguage + " text",
			Hint:    "create content/" + l.Code + "/_index.md and translate the guides"})
	} else {
		files, ok := opts.Parsed.listed(l.Code, dir)
		if !ok {
			var errs []error
			files, errs = root.Walk(dir)
			for _, err := range errs {
				problems.Add(sourcefs.Problem(err, "content"))
			}
			if len(errs) > 0 {
				return lang, problems
			}
		}
		if opts.Parsed != nil {
			kept.list = &listing{dir: dir, files: files}
		}
		mds = slices.Grow(mds, len(files)) // nearly all of them, as a rule
		for _, f := range files {
			if strings.HasSuffix(f.Rel, ".md") {
				mds = append(mds, rawFile{f.Rel, f.Path})
			} else {
				others = append(others, rawFile{f.Rel, f.Path})
			}
		}
		s.mds, s.others = mds, others
	}

	lang.ByPath = make(map[string]*Page, len(mds)) // empty until now
	// Read and parse every file in parallel; keep the results in walk order.
	s.pages, s.perFile, s.parsed = grown(s.pages, len(mds)), grown(s.perFile, len(mds)), grown(s.parsed, len(mds))
	pages, perFile, parsed := s.pages, s.perFile, s.parsed
	st := opts.Parsed.staleIn(l.Code)
	var slab []Page // the pages of unread files, copied from the last load: one allocation
	if !st.all {
		slab = opts.Parsed.pagesFor(l.Code, len(mds))
	}
	par.For(len(mds), func(i int) {
		if pf := opts.Parsed.unread(l.Code, mds[i].rel, st); pf != nil {
			slab[i] = pf.page
			pages[i], perFile[i], parsed[i] = &slab[i], pf.problems, pf
			return
		}
		pages[i], perFile[i], parsed[i] = readPage(cfg, root, l.Code, mds[i], opts.Parsed)
	})
	if opts.Parsed != nil {
		kept.files = opts.Parsed.nextFiles(l.Code, mds, parsed)
	}
	for _, p := range perFile {
		problems.Merge(p)
	}

	loaded := s.loaded[:0] // the pages loaded, in walk order
	for _, p := range pages {
		if p == nil {
			continue
		}
		if p.Draft && !opts.Drafts {
			if lang.Drafts == nil {
				lang.Drafts = map[string]bool{}
			}
			lang.Drafts[p.Path] = true
			continue
		}
		lang.ByPath[p.Path] = p
		loaded = append(loaded, p)
	}
	s.loaded = loaded
	// all lists every page of lang.ByPath, in walk order then the sections made for folders
	// without _index.md: the passes below read a list, not the map.
	all := loaded
	home := lang.ByPath["_index.md"]
	if home == nil {
		home = implicitSection(l.Code, "", l.Title)
		lang.ByPath[home.Path] = home
		all = append(all, home)
	}
	home.Kind = KindHome
	lang.Home = home

	// Sections: every folder that holds pages, with or without _index.md. (The pages are taken
	// in walk order: the problems found are sorted when they are reported.)
	bundles := map[string]bool{}
	for _, pg := range loaded {
		if pg.IsBundle() {
			bundles[path.Dir(pg.Path)] = true
		}
	}
	sections := map[string]*Page{} // by folder: asked for once per page
	section := func(dir string) *Page {
		if dir == "" || dir == "." {
			return home
		}
		if s := sections[dir]; s != nil {
			return s
		}
		key := dir + "/_index.md"
		s := lang.ByPath[key]
		if s == nil {
			s = implicitSection(l.Code, dir, path.Base(dir))
			lang.ByPath[key] = s
			all = append(all, s)
		}
		sections[dir] = s
		return s
	}
	for _, pg := range loaded {
		if pg == home {
			continue
		}
		dir := pg.Dir()
		if pg.IsBundle() {
			dir = path.Dir(dir)
			if dir == "." {
				dir = ""
			}
		}
		if path.Base(pg.Path) == "_index.md" {
			pg.Kind = KindSection
			if bundles[dir+"/"+path.Base(pg.Dir())] || inBundle(bundles, dir) {
				problems.Add(diag.Problem{File: pg.File, Message: "a section cannot be inside a page bundle",
					Hint: "a folder with index.md is one page; rename index.md or move _index.md"})
			}
			parentDir := path.Dir(pg.Dir())
			pg.Parent = section(parentDir)
			continue
		}
		if inBundle(bundles, pg.Dir()) && !pg.IsBundle() {
			problems.Add(diag.Problem{File: pg.File, Message: "a Markdown file inside a page bundle is not a page",
				Hint: "a folder with index.md is one page bundle; move this file out of it, or rename it to .txt"})
			continue
		}
		pg.Kind = KindPage
		pg.Parent = section(dir)
	}
	// Sections made above need parents too (they may nest: the list grows as they are given).
	for i := len(loaded); i < len(all); i++ {
		if pg := all[i]; pg.Kind == KindSection && pg.Parent == nil {
			pg.Parent = section(path.Dir(pg.Dir()))
		}
	}
	s.loaded = all
	attachChildren(all)
	assignURLs(cfg, home)
	problems.Merge(checkNames(all))

	// Resources: a bundle's files go beside its page; other files beside their section.
	for _, f := range others {
		owner := ownerOf(lang, bundles, path.Dir(f.rel))
		if owner == nil {
			continue
		}
		base := path.Dir(owner.Path)
		rel := strings.TrimPrefix(strings.TrimPrefix(f.rel, base), "/")
		if base == "." {
			rel = f.rel
		}
		if seg, why := CheckPath(rel); why != "" {
			problems.Add(diag.Problem{File: "content/" + l.Code + "/" + f.rel,
				Message: fmt.Sprintf("the name %q cannot be a URL: %s", seg, why),
				Hint:    "rename it, for example to " + SuggestSlug(strings.TrimSuffix(seg, path.Ext(seg))) + path.Ext(seg)})
			continue
		}
		owner.Resources = append(owner.Resources, Resource{
			File: "content/" + l.Code + "/" + f.rel, Abs: f.abs, URL: owner.URL + rel,
		})
	}
	return lang, problems
}

// checkNames applies the URL segment rule to the names that become URLs without a slug: the
// file and folder names of pages and sections, and the paths of files published beside them.
func checkNames(pages []*Page) diag.List {
	var problems diag.List
	for _, p := range pages {
		if p.Kind == KindHome || p.Slug != "" {
			continue // a slug was checked with the front matter
		}
		name := slugOf(p)
		why := SegmentProblem(name)
		if why == "" {
			continue
		}
		file, hint := p.File, fmt.Sprintf("rename it to %s, or give it a slug in its front matter: slug = %q", cleanName(path.Base(p.Path), name), SuggestSlug(name))
		if p.implicit || p.IsBundle() {
			file = "content/" + p.Lang + "/" + p.Dir()
			hint = fmt.Sprintf("rename the folder to %s", SuggestSlug(name))
			if !p.implicit {
				hint += fmt.Sprintf(", or give %s a slug: slug = %q", p.File, SuggestSlug(name))
			}
		}
		problems.Add(diag.Problem{File: file, Message: fmt.Sprintf("the name %q cannot be a URL: %s", name, why), Hint: hint})
	}
	return problems
}

// cleanName suggests a new file name for a page file whose name (without .md) is name.
func cleanName(base, name string) string {
	if base == "_index.md" || base == "index.md" {
		return base
	}
	return SuggestSlug(name) + ".md"
}

func inBundle(bundles map[string]bool, dir string) bool {
	if len(bundles) == 0 {
		return false
	}
	for d := dir; d != "." && d != ""; d = path.Dir(d) {
		if bundles[d] {
			return true
		}
	}
	return false
}

// ownerOf finds the page that publishes files found in dir: the innermost bundle holding dir, or
// the section of dir.
func ownerOf(lang *Language, bundles map[string]bool, dir string) *Page {
	for d := dir; d != "." && d != ""; d = path.Dir(d) {
		if bundles[d] {
			return lang.ByPath[d+"/index.md"]
		}
	}
	for d := dir; ; d = path.Dir(d) {
		if d == "." || d == "" {
			return lang.Home
		}
		if s := lang.ByPath[d+"/_index.md"]; s != nil {
			return s
		}
	}
}

func implicitSection(lang, dir, title string) *Page {
	p := &Page{Kind: KindSection, Lang: lang, Path: path.Join(dir, "_index.md"), File: "content/" + lang + "/" + path.Join(dir, "_index.md"), FrontMatter: &FrontMatter{}}
	if dir == "" {
		p.Kind = KindHome
	}
	if title != "" {
		title = strings.ToUpper(title[:1]) + strings.ReplaceAll(title[1:], "-", " ")
	}
	p.Title = title
	p.Key = p.Path
	p.implicit = true
	return p
}

func readPage(cfg *config.Config, root *sourcefs.Root, lang string, f rawFile, cache *Parsed) (*Page, diag.List, *parsedFile) {
	src, err := root.ReadFile(f.abs, cfg.MaxMarkdown())
	if err != nil {
		return nil, diag.List{sourcefs.Problem(err, "content")}, nil
	}
	return cache.parse(lang, f.rel, src)
}

// ParsePage parses one content file: lang is its language, rel its path inside the language folder.
func ParsePage(lang, rel string, src []byte) (*Page, diag.List) {
	file := "content/" + lang + "/" + rel
	fmText, body, bodyLine, err := SplitFrontMatter(file, src)
	if err != nil {
		return nil, diag.AsList(err)
	}
	fm, problems := ParseFrontMatter(file, fmText)
	if fm == nil {
		return nil, problems
	}
	problems.Merge(checkText(file, body, bodyLine))
	p := &Page{Lang: lang, Path: rel, File: file, FrontMatter: fm, Aliases: fm.Aliases, Body: body, BodyLine: bodyLine}
	p.Key = fm.TranslationKey
	if p.Key == "" {
		p.Key = rel
	}
	return p, problems
}

// maxTextProblems is how many bad bytes of one file are reported; the rest are counted.
const maxTextProblems = 5

// checkText reports bytes in a Markdown body that are not UTF-8 text, or are NUL: the page says
// charset=utf-8, so they would reach the reader as garbage. Lines count from the file's start.
func checkText(file string, body []byte, bodyLine int) diag.List {
	if utf8.Valid(body) && bytes.IndexByte(body, 0) < 0 {
		return nil // almost every file: two fast scans instead of a walk rune by rune
	}
	var problems diag.List
	line, col, more := bodyLine+1, 1, 0
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size == 1:
			msg = fmt.Sprintf("byte 0x%02X is not valid UTF-8 text", body[i])
		case r == 0:
			msg = "a NUL byte (0x00) in the text"
		}
		if msg != "" {
			if len(problems) < maxTextProblems {
				problems.Add(diag.Problem{File: file, Line: line, Column: col, Message: msg,
					Hint: "save the file as UTF-8 in your editor, and delete the character at this place"})
			} else {
				more++
			}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	if more > 0 {
		what := fmt.Sprintf("%d more bytes that are not UTF-8 text or are NUL", more)
		if more == 1 {
			what = "1 more byte that is not UTF-8 text or is NUL"
		}
		problems.Add(diag.Problem{File: file, Message: what})
	}
	return problems
}

// attachChildren lists each page of a language (all of them) in its parent's Pages or Sections,
// sorted.
func attachChildren(all []*Page) {
	for _, p := range all {
		if p.Parent == nil {
			continue
		}
		if p.Kind == KindSection {
			p.Parent.Sections = append(p.Parent.Sections, p)
		} else {
			p.Parent.Pages = append(p.Parent.Pages, p)
		}
	}
	for _, p := range all {
		SortPages(p.Pages)
		SortPages(p.Sections)
	}
}

// Reorder sorts every section's pages again and recomputes the tree order of Language.Pages and
// Site.Pages: after a page's weight or title changed, its place among its siblings may have.
func (s *Site) Reorder() {
	s.Pages = s.Pages[:0]
	for _, l := range s.Languages {
		for _, p := range l.ByPath {
			SortPages(p.Pages)
			SortPages(p.Sections)
		}
		l.Pages = l.Pages[:0]
		walk(l.Home, func(p *Page) { l.Pages = append(l.Pages, p) })
		s.Pages = append(s.Pages, l.Pages...)
	}
}

// SortPages orders pages by weight (unweighted last), then title, then path.
func SortPages(ps []*Page) {
	if len(ps) < 2 {
		return
	}
	slices.SortStableFunc(ps, func(a, b *Page) int {
		if (a.Weight == 0) != (b.Weight == 0) {
			if a.Weight != 0 {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.Weight, b.Weight); c != 0 {
			return c
		}
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
}

// slugOf is the URL name of a page: its slug, else its file or folder name.
func slugOf(p *Page) string {
	if p.Slug != "" {
		return p.Slug
	}
	switch {
	case p.Kind == KindSection || p.IsBundle():
		return path.Base(p.Dir())
	default:
		return strings.TrimSuffix(path.Base(p.Path), ".md")
	}
}

func assignURLs(cfg *config.Config, home *Page) {
	home.URL = cfg.BasePath() + home.Lang + "/"
	assignURLsBelow(home)
}

// assignURLsBelow gives every page below the section s its URL: s's URL and its slug.
func assignURLsBelow(s *Page) {
	for _, c := range s.Sections {
		c.URL = s.URL + slugOf(c) + "/"
		assignURLsBelow(c)
	}
	for _, c := range s.Pages {
		c.URL = s.URL + slugOf(c) + "/"
	}
}

func walk(p *Page, fn func(*Page)) {
	fn(p)
	// Regular pages first, then subsections, so that a section's own pages stay together.
	for _, c := range p.Pages {
		fn(c)
	}
	for _, s := range p.Sections {
		walk(s, fn)
	}
}

// addFallbacks gives every other language a page for each key that only the default language has.
func addFallbacks(site *Site, s *scratch) {
	def := site.ByLang[site.Config.DefaultLanguage]
	if def == nil {
		return
	}
	source := s.source[:0]
	walk(def.Home, func(p *Page) { source = append(source, p) })
	s.source = source
	for _, l := range site.Languages {
		if l == def {
			continue
		}
		have := s.have
		clear(have)
		for _, p := range l.ByPath {
			have[p.Key] = p
		}
		byDir := map[string]*Page{"": l.Home}
		for _, p := range l.ByPath {
			if p.Kind == KindSection {
				byDir[p.Dir()] = p
			}
		}
		// What the fallbacks change: the lists that get pages (sorted again), and the pages
		// whose URL is new, with the pages below them. Sorting every list and making every URL
		// of the language again took milliseconds after each edit in the preview.
		grew := map[*Page]bool{}
		fresh := map[*Page]bool{}
		for _, src := range source {
			if src.Kind == KindHome {
				continue
			}
			if own := have[src.Key]; own != nil {
				// A folder with pages but no _index.md of its own takes the source section's
				// title and slug, as a fallback, so both languages share one URL scheme.
				if own.implicit && !src.implicit && own.Kind == KindSection {
					own.FrontMatter, own.Body, own.BodyLine = src.FrontMatter, src.Body, src.BodyLine
					own.Fallback, own.Source, own.File = true, src, src.File
					// Like every fallback copy it has no old URLs of its own: the source
					// section's aliases redirect to the source section only.
					own.Aliases = nil
					grew[own.Parent] = true // its title and weight are new: so may its place be
					fresh[own] = true
				}
				continue
			}
			parentDir := ""
			if src.Parent != nil && src.Parent.Kind != KindHome {
				parentDir = src.Parent.Dir()
			}
			parent := byDir[parentDir]
			if parent == nil {
				continue // cannot happen: sections come before their pages in walk order
			}
			fb := &Page{Kind: src.Kind, Lang: l.Code, Path: src.Path, Key: src.Key, File: src.File,
				FrontMatter: src.FrontMatter, Body: src.Body, BodyLine: src.BodyLine,
				Parent: parent, Fallback: true, Source: src}
			if fb.Kind == KindSection {
				parent.Sections = append(parent.Sections, fb)
				byDir[src.Dir()] = fb
			} else {
				parent.Pages = append(parent.Pages, fb)
			}
			if l.ByPath[fb.Path] == nil {
				l.ByPath[fb.Path] = fb
			}
			have[fb.Key] = fb
			grew[parent] = true
			fresh[fb] = true
		}
		for p := range grew {
			SortPages(p.Pages)
			SortPages(p.Sections)
		}
		// Fallback sections take their own language's URL scheme below the parent. A page
		// below another new one gets its URL with that one's.
		for p := range fresh {
			if !hasAncestorIn(p, fresh) {
				p.URL = p.Parent.URL + slugOf(p) + "/"
				assignURLsBelow(p)
			}
		}
	}
}

// hasAncestorIn reports whether a section above p is in set.
func hasAncestorIn(p *Page, set map[*Page]bool) bool {
	for a := p.Parent; a != nil; a = a.Parent {
		if set[a] {
			return true
		}
	}
	return false
}

func linkTranslations(site *Site, s *scratch) diag.List {
	var problems diag.List
	byKey := s.byKey
	for _, p := range site.Pages {
		byKey[p.Key] = append(byKey[p.Key], p)
	}
	// seen is the first page of each language in a group: a few, looked up by a scan.
	seen := make(pagesByLang, 0, len(site.Languages))
	for _, group := range byKey {
		seen = seen[:0]
		for _, p := range group {
			if other := seen.of(p.Lang); other != nil {
				problems.Add(diag.Problem{File: p.File, Message: fmt.Sprintf("translation key %q is also used by %s", p.Key, other.File),
					Hint: "each language may have only one page per translation key; change translation_key in one of them"})
				continue
			}
			seen = append(seen, p)
		}
		// A section's translation must be a section: a page cannot hold the pages below the
		// section, whose fallback copies would have nowhere to go in that language.
		for _, p := range group {
			src := seen.of(site.Config.DefaultLanguage)
			if src == nil || p == src || p.Fallback || (p.Kind == KindPage) == (src.Kind == KindPage) {
				continue
			}
			what, other := "a page", "a section (_index.md)"
			if p.Kind != KindPage {
				what, other = other, what
			}
			problems.Add(diag.Problem{File: p.File, Line: p.keyPos[0], Column: p.keyPos[1], Message: fmt.Sprintf("this is %s, but its translation key %q links it to %s, which is %s", what, p.Key, src.File, other),
				Hint: "a section translates a section and a page a page: move the text into _index.md of a folder (or out of it), or change translation_key"})
		}
		ordered := make([]*Page, 0, len(seen))
		for _, l := range site.Languages {
			if p := seen.of(l.Code); p != nil {
				ordered = append(ordered, p)
			}
		}
		for _, p := range group {
			p.Translations = ordered
		}
	}
	return problems
}

// pagesByLang holds pages of distinct languages.
type pagesByLang []*Page

// of returns the page of the language lang, or nil.
func (ps pagesByLang) of(lang string) *Page {
	for _, p := range ps {
		if p.Lang == lang {
			return p
		}
	}
	return nil
}

// at writes a file position for a message: "file:line:col", "file:line" or "file".
func at(file string, line, col int) string {
	switch {
	case line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	case line > 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

// AliasOf returns the position of alias a in the page's front matter (0, 0 when it is not there).
func (p *Page) AliasOf(a string) (line, col int) {
	for i, x := range p.Aliases {
		if strings.EqualFold(x, a) {
			return p.AliasPos(i)
		}
	}
	return 0, 0
}

// urlCollision reports that p has the URL of other, naming both sources and how to fix it.
func urlCollision(p, other *Page) diag.Problem {
	describe := func(q *Page) string {
		switch {
		case q.Fallback:
			return fmt.Sprintf("the %s fallback copy of %s (shown until it is translated)", q.Lang, q.File)
		case q.slugPos[0] > 0:
			return at(q.File, q.slugPos[0], q.slugPos[1]) + " (its slug)"
		}
		return q.File + " (its file name)"
	}
	pr := diag.Problem{File: p.File, Line: p.slugPos[0], Column: p.slugPos[1],
		Message: fmt.Sprintf("URL %s is used twice: by %s and by %s", p.URL, describe(other), describe(p)),
		Hint:    "give one of them another slug"}
	if p.Fallback || other.Fallback {
		own, fb := p, other
		if p.Fallback {
			own, fb = other, p
		}
		pr.File, pr.Line, pr.Column = own.File, own.slugPos[0], own.slugPos[1]
		pr.Hint = fmt.Sprintf("if %s translates %s, give it translation_key = %q; otherwise give it another slug", own.File, fb.Source.File, fb.Key)
	}
	return pr
}

func checkURLs(site *Site, s *scratch) diag.List {
	var problems diag.List
	// folded holds the first page of each URL, by the URL in lower case.
	folded := s.folded
	for _, p := range site.Pages {
		key := strings.ToLower(p.URL)
		other := folded[key]
		switch {
		case other == nil:
			folded[key] = p
		case other.URL == p.URL:
			problems.Add(urlCollision(p, other))
		default:
			// On macOS and Windows, folders whose names differ only in case are one folder: one
			// page would overwrite the other.
			problems.Add(diag.Problem{File: p.File, Message: fmt.Sprintf("URL %s differs only in case from %s, the URL of %s", p.URL, other.URL, other.File),
				Hint: "on macOS and Windows both are one folder; give one of them another slug (lowercase slugs avoid this)"})
		}
	}
	// Aliases are compared without case too: on macOS and Windows /id/Lama/ and /id/lama/ are one
	// folder.
	byFold := folded
	aliasOf := s.aliasOf
	for _, p := range site.Pages {
		for i, a := range p.Aliases {
			line, col := p.AliasPos(i)
			key := strings.ToLower(a)
			if other := byFold[key]; other != nil {
				problems.Add(diag.Problem{File: p.File, Line: line, Column: col,
					Message: fmt.Sprintf("alias %s is the URL of %s", a, other.File),
					Hint:    "an alias must be an old URL that no page uses any more"})
				continue
			}
			if other := aliasOf[key]; other != nil {
				where := "another alias of this page"
				hint := "an old URL can redirect to one page only; remove one of them"
				if other != p {
					oline, ocol := other.AliasOf(a)
					where = fmt.Sprintf("also an alias of %s", at(other.File, oline, ocol))
				}
				if other != p && other.Key == p.Key && other.Lang != p.Lang {
					// A translation that copied its source's front matter: an alias belongs to
					// one language version.
					where += fmt.Sprintf(", its %s version (aliases are not shared between translations)", other.Lang)
					hint = fmt.Sprintf("remove the alias from this file, or replace it with this language's old URL (/%s/...)", p.Lang)
				}
				problems.Add(diag.Problem{File: p.File, Line: line, Column: col,
					Message: fmt.Sprintf("alias %s is %s", a, where), Hint: hint})
				continue
			}
			aliasOf[key] = p
		}
	}
	return problems
}
