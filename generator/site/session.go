package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/markdown"
	"pandu/generator/output"
)

// Session is a build kept in memory for the preview server. Its first build (Start) serves each
// page as soon as it is rendered, rendering first the pages the browser asks for. Update rebuilds
// what a set of changed files affects, from what each page and producer was recorded or
// declared to read:
//
//   - an edit of texts, and of pages' front matter that leaves them in their places
//     (updateBodies), re-renders the pages showing those texts and the pages whose prints say
//     they compared their versions (drift notices), after an edit of front matter every other
//     page whose view or answers changed (madeFrom), then the producers that read what changed
//     (search index, booklets, offline version ...);
//   - any other edit of content (front matter that moves a page, new or deleted files, data),
//     layouts or UI strings loads what changed again and renders only the pages whose text, view,
//     look or answers from the site changed (reuse.go), serving each page of the new build as
//     soon as it is rendered, the pages served last first;
//   - an edit of static files or site.toml rebuilds everything in memory.
//
// Either way the files served are the same as a clean full build of the same sources would write.
//
// A problem in one page never hides the others: the session's builds go on past the problems of
// single pages and serve every page that can be built, from the first build on, with the errors
// returned for the overlay. A page with an error keeps its last good version when it had one,
// and shows its text as it is otherwise (a link that does not resolve stays as written). Only
// problems that leave nothing to build (site.toml, the layouts, the static folder) keep the whole
// last good build served.
type Session struct {
	opts Options
	mu   sync.Mutex // one update at a time
	b    atomic.Pointer[builder]
	// pending holds the paths of failed updates: the last good build does not reflect them, so
	// the next update must consider them too.
	pending []string
	// first is closed when the first build is over, with its result and error; building is
	// that build while it runs (File renders the pages asked for first).
	first    chan struct{}
	firstRes *Result
	firstErr error
	building atomic.Pointer[builder]
	// seen holds the site paths of the pages served last, newest first: an update that renders
	// many pages renders these first and tells the browser at once (as Hugo's fast render mode
	// favours the pages visited), so the editor's open page shows an edit before the others do.
	seenMu sync.Mutex
	seen   []string
	// newer says a newer edit waits (Interrupt): an update rendering many pages stops.
	newer atomic.Bool
	// rebuilding is the build of the model made again after an edit, while it runs.
	rebuilding atomic.Pointer[rebuild]
	// shown holds the bytes served since the build served now was stored, by output path. A
	// stopped update may have served newer pages than that build's (rendered on demand, or
	// written in place on the fast path, then undone): what the browser showed last is the
	// last good version the editor saw, and a later build with errors in that page serves it.
	shownMu sync.Mutex
	shown   map[string][]byte
}

// Interrupt tells the session that files changed again while an update may be running. An
// update that has shown the pages the browser has open stops: an update of the site's look while
// it renders the other pages, an edit of a page's text while it writes the files built from all
// pages (booklets, search index, offline version). It undoes all it did, leaving the files as
// they were before it, and the next Update does its edits again with the newer ones: an editor
// saving again and again waits for the newest edit only, not for all the work of each before.
func (s *Session) Interrupt() { s.newer.Store(true) }

// maxSeen is how many of the pages served last an update renders first.
const maxSeen = 8

// served records that the page at urlPath ("/id/x/index.html") was served.
func (s *Session) served(urlPath string) {
	if !strings.HasSuffix(urlPath, "/index.html") {
		return
	}
	s.seenMu.Lock()
	defer s.seenMu.Unlock()
	if len(s.seen) > 0 && s.seen[0] == urlPath {
		return
	}
	s.seen = slices.Insert(slices.DeleteFunc(s.seen, func(p string) bool { return p == urlPath }), 0, urlPath)
	if len(s.seen) > maxSeen {
		s.seen = s.seen[:maxSeen]
	}
}

// seenPages returns the site paths of the pages served last, newest first.
func (s *Session) seenPages() []string {
	s.seenMu.Lock()
	defer s.seenMu.Unlock()
	return slices.Clone(s.seen)
}

// Change describes one update.
type Change struct {
	Full     bool          // everything was rebuilt
	Pages    int           // pages rendered
	Kept     int           // pages kept as they were when the site model was made again
	Changed  []string      // site paths whose bytes changed ("/id/x/", "/sitemap.xml")
	Duration time.Duration // until the last file was written
	Warnings diag.List     // warnings of a full rebuild that the previous build did not have
	// Stopped says a newer edit interrupted the update, which undid what it did: the next
	// Update does these edits again.
	Stopped bool
}

// Open builds the site into memory. When pages have errors, the session serves every other page
// (and the broken ones as far as they could be built) and the error lists every problem; the
// Result is then nil only when nothing could be built, and the next good Update fills the session.
func Open(opts Options) (*Session, *Result, error) {
	s := Start(opts)
	res, err := s.Wait()
	return s, res, err
}

// Start begins the first build in memory and returns at once. While it runs, File serves a page
// as soon as it is rendered, rendering the pages asked for before the others, and waits for the
// build to end for the other files; updates wait for it too. Wait returns its outcome, as Open.
func Start(opts Options) *Session {
	opts.files = &content.Parsed{} // each build parses only the files that changed
	s := &Session{opts: opts, first: make(chan struct{})}
	s.mu.Lock()
	start := time.Now()
	nb := newBuilder(opts)
	nb.demand = newDemand()
	s.building.Store(nb)
	go func() {
		defer s.mu.Unlock()
		defer close(s.first)
		defer s.building.Store(nil)
		b, err := nb.buildMemory(nil)
		s.firstErr = err
		if b == nil {
			return
		}
		s.b.Store(b)
		s.firstRes = b.result()
		s.firstRes.Duration = time.Since(start)
		go opts.files.Prepare() // for the first save that loads the model again
	}()
	return s
}

// Wait waits for the first build and returns its result and error (see Open).
func (s *Session) Wait() (*Result, error) {
	<-s.first
	return s.firstRes, s.firstErr
}

// buildMemory builds the site into memory, going on past the problems of single pages. It
// returns the build whenever its pages were rendered, with the error listing the problems found;
// no build when none could be made (site.toml, layouts or static files broken). With prev, a
// build of the same layouts, UI strings, static files and site.toml, it keeps each page of prev
// that nothing it was made from changed (reuse.go).
func buildMemory(opts Options, prev *builder) (*builder, error) {
	return newBuilder(opts).buildMemory(prev)
}

// buildMemory is buildMemory with a builder made beforehand.
func (b *builder) buildMemory(prev *builder) (*builder, error) {
	b.keepGoing = true
	b.incremental = true
	b.prev = prev
	b.phase("start")
	if err := b.load(); err != nil {
		return nil, err
	}
	b.out = output.NewMemory(b.opts.Minify)
	err := b.render()
	b.phase("extras")
	if !b.rendered {
		return nil, err
	}
	return b, err
}

// keepLastGood serves, in nb (a build with errors), the last good version of every page whose
// file has an error, and of every page that could not be rendered at all: the one in shown (by
// output path: what the browser was served last, maybe by an update a newer edit stopped), else
// old's.
func (nb *builder) keepLastGood(old *builder, shown map[string][]byte) {
	if old == nil {
		return
	}
	broken := map[string]bool{}
	for _, p := range nb.problems {
		if !p.Warning {
			broken[p.File] = true
		}
	}
	rels := make([]string, len(nb.site.Pages))
	for i, pg := range nb.site.Pages {
		rels[i] = nb.outPath(pg.URL)
	}
	missing := nb.out.Missing(rels) // in one look: this runs while the editor waits
	for i, pg := range nb.site.Pages {
		rel := rels[i]
		if !missing[i] && !broken[pg.Content().File] && !broken[pg.File] {
			continue
		}
		if data, ok := lastGood(old, shown, rel); ok {
			nb.out.Keep(rel, data)
		}
		// What the page was rendered from in nb is not what it serves: a rebuild that takes nb
		// as its previous build must render it again. (prevProblems does not cover a page whose
		// layout failed: its record is made before the layout runs, and the error names the
		// layout.)
		nb.printMu.Lock()
		delete(nb.prints, pg)
		nb.printMu.Unlock()
	}
	// A page whose front matter broke is not in the new model at all: its last version stays.
	for _, pg := range old.site.Pages {
		if !broken[pg.Content().File] || nb.byURL[pg.URL] != nil {
			continue
		}
		rel := old.outPath(pg.URL)
		if data, ok := lastGood(old, shown, rel); ok {
			if _, taken := nb.out.File(rel); !taken {
				nb.out.Keep(rel, data)
			}
		}
	}
}

// lastGood returns the last good version of the file at output path rel: the one in shown, else
// old's.
func lastGood(old *builder, shown map[string][]byte, rel string) ([]byte, bool) {
	if data, ok := shown[rel]; ok {
		return data, true
	}
	return old.out.File(rel)
}

// show records that the bytes data of the file at output path rel were served.
func (s *Session) show(rel string, data []byte) {
	s.shownMu.Lock()
	if s.shown == nil {
		s.shown = map[string][]byte{}
	}
	s.shown[rel] = data
	s.shownMu.Unlock()
}

// File returns the bytes at a site path ("/id/x/index.html") as the preview serves them now.
// During the first build, a page is rendered at once when it is not yet, and another file is
// served when the build is over.
func (s *Session) File(urlPath string) ([]byte, bool) {
	b := s.b.Load()
	if b == nil && s.first != nil {
		if nb := s.building.Load(); nb != nil {
			if data, ok, _ := nb.fileNow(urlPath, s.first, nil); ok {
				return data, true
			}
		}
		<-s.first
		b = s.b.Load()
	}
	if b == nil {
		return nil, false
	}
	if r := s.rebuilding.Load(); r != nil {
		data, ok, gone := r.b.fileNow(urlPath, r.done, b)
		if ok {
			s.served(urlPath)
			s.show(strings.TrimPrefix(urlPath, r.b.cfg.BasePath()), data)
			return data, true
		}
		if gone {
			return nil, false
		}
	}
	rel := strings.TrimPrefix(urlPath, b.cfg.BasePath())
	if !strings.HasPrefix(urlPath, b.cfg.BasePath()) {
		return nil, false
	}
	data, ok := b.out.File(rel)
	if ok {
		s.served(urlPath)
		s.show(rel, data)
	}
	return data, ok
}

// Files returns every output path the preview serves now with its bytes (for tests).
func (s *Session) Files() map[string][]byte {
	b := s.b.Load()
	out := map[string][]byte{}
	if b == nil {
		return out
	}
	for _, rel := range b.out.Files() {
		data, _ := b.out.File(rel)
		out[rel] = data
	}
	return out
}

// errNeedFull says the fast path cannot apply; the caller rebuilds everything.
var errNeedFull = errors.New("full rebuild needed")

// errStopped says a newer edit interrupted an update, which undid what it did.
var errStopped = errors.New("stopped by a newer edit")

// stopped reports whether, during an update, a newer edit waits (Session.Interrupt).
func (b *builder) stopped() bool { return b.newer != nil && b.newer() }

// Update rebuilds after the site-relative slash paths in changed were created, written, renamed
// or removed ("." for any file). Updates must name every change: a content file no update named
// is not read again (content.Parsed). notify receives the site paths whose bytes changed, as soon as they are served: first
// the edited pages, then the files built from all pages. On error the error lists every problem;
// every page that could be built is served, a page with an error keeps its last good version, and
// when nothing could be built (site.toml, layouts, static files) the last build stays served whole.
func (s *Session) Update(changed []string, notify func([]string)) (*Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed = append(s.pending, changed...)
	s.newer.Store(false)
	if s.opts.files != nil {
		s.opts.files.Touch(changed...) // the next load reads only these content files
	}
	ch, err := s.update(changed, notify)
	if ch != nil && !ch.Stopped { // a new build, or the fast path's edit, is served whole
		s.shownMu.Lock()
		s.shown = nil
		s.shownMu.Unlock()
	}
	if err != nil || ch.Stopped {
		s.pending = changed
	} else {
		s.pending = nil
	}
	go s.opts.files.Prepare() // for the next save that loads the model again, while the editor reads
	return ch, err
}

func (s *Session) update(changed []string, notify func([]string)) (*Change, error) {
	start := time.Now()
	old := s.b.Load()
	// The fast path needs a complete last build; after one with errors everything is rebuilt.
	if old != nil && old.problems.Err() == nil {
		old.newer = s.newer.Load
		defer func() { old.newer = nil }()
		pages, err := old.bodyEdits(changed)
		switch {
		case err == nil && len(pages) == 0:
			return &Change{Duration: time.Since(start)}, nil
		case err == nil:
			ch, err := old.updateBodies(pages, notify)
			switch {
			case err == nil:
				ch.Duration = time.Since(start)
				return ch, nil
			case errors.Is(err, errStopped):
				return &Change{Stopped: true, Duration: time.Since(start)}, nil
			}
			// The edit cannot take the fast path, or has errors: updateBodies undid what it
			// changed, and a full build below serves every page that can be built.
		}
	}
	// A rebuild keeps the pages of the build served now that nothing they were made from
	// changed, also after a build with errors (keepLastGood drops the records of the pages it
	// serves from an older build).
	var prev *builder
	if old != nil && keepsPages(changed) {
		prev = old
	}
	nb := newBuilder(s.opts)
	nb.newer = s.newer.Load
	nb.newStrings, nb.newLayouts = under(changed, "i18n/"), under(changed, "layouts/")
	nb.sameContent = !under(changed, "content/")
	var seen *seenPages
	if old != nil {
		// While the site is built again, the pages asked for are served from the new build as
		// soon as they are rendered, the pages served last first.
		nb.demand = newDemand()
		r := &rebuild{b: nb, done: make(chan struct{})}
		s.rebuilding.Store(r)
		seen = nb.tellSeen(old, s.seenPages(), r.done, notify)
		defer func() {
			s.rebuilding.Store(nil) // after the new build is served, if there is one
			close(r.done)
			seen.wait()
		}()
	}
	nb, err := nb.buildMemory(prev)
	if errors.Is(err, errStopped) { // the previous build stays served
		return &Change{Stopped: true, Duration: time.Since(start)}, nil
	}
	if nb == nil {
		return nil, err
	}
	if err != nil {
		s.shownMu.Lock()
		shown := maps.Clone(s.shown) // File adds to it meanwhile
		s.shownMu.Unlock()
		nb.keepLastGood(old, shown)
	}
	known := map[diag.Problem]bool{}
	var before *output.Writer
	if old != nil {
		before = old.out
		for _, w := range old.problems.Warnings() {
			known[w] = true
		}
	}
	s.b.Store(nb)
	kept := int(nb.keptPages.Load())
	ch := &Change{Full: kept == 0, Pages: len(nb.site.Pages) - kept, Kept: kept, Changed: nb.sitePaths(nb.out.ChangedFrom(before))}
	for _, w := range nb.problems.Warnings() {
		if !known[w] { // e.g. a language folder deleted while previewing
			ch.Warnings = append(ch.Warnings, w)
		}
	}
	ch.Duration = time.Since(start)
	if tell := seen.untold(nb, ch.Changed); notify != nil && len(tell) > 0 {
		notify(tell)
	}
	return ch, err
}

// rebuild is a build of the site model made again after an edit, while it runs (Session.File
// serves its pages as soon as they are rendered); done is closed when it is over.
type rebuild struct {
	b    *builder
	done chan struct{}
}

// seenPages is what a rebuild told the browser before it was over (tellSeen).
type seenPages struct {
	wg   sync.WaitGroup
	sums map[string][sha256.Size]byte // site path -> the bytes it was told of
}

// tellSeen renders in b, as soon as its pages can be rendered, the pages at the site paths seen
// (those served last), and tells notify of those whose bytes differ from old's. It gives up
// when done is closed first. Then it readies the memory of the next load (content.Parsed.Prepare).
func (b *builder) tellSeen(old *builder, seen []string, done chan struct{}, notify func([]string)) *seenPages {
	sp := &seenPages{sums: map[string][sha256.Size]byte{}}
	if len(seen) == 0 || notify == nil {
		return sp
	}
	sp.wg.Add(1)
	go func() {
		defer sp.wg.Done()
		var told []string
		for _, p := range seen {
			data, ok, _ := b.fileNow(p, done, old)
			if !ok {
				continue
			}
			rel := strings.TrimPrefix(p, b.cfg.BasePath())
			if was, ok := old.out.File(rel); ok && bytes.Equal(was, data) {
				continue
			}
			site := b.sitePath(rel)
			sp.sums[site] = sha256.Sum256(data)
			told = append(told, site)
		}
		if len(told) > 0 {
			sort.Strings(told)
			notify(told)
		}
		// The pages the editor looks at are shown; the rest of the rebuild may take half a
		// second, and a newer save stops it. Its load is over: ready the memory of the next
		// one now, not once the update ends (Update), which may be as the next load starts.
		b.opts.files.Prepare()
	}()
	return sp
}

// wait waits until tellSeen is over.
func (sp *seenPages) wait() {
	if sp != nil {
		sp.wg.Wait()
	}
}

// untold returns the site paths of changed that the browser was not told of already, with the
// bytes b serves now.
func (sp *seenPages) untold(b *builder, changed []string) []string {
	if sp == nil {
		return changed
	}
	sp.wait()
	if len(sp.sums) == 0 {
		return changed
	}
	var out []string
	for _, p := range changed {
		if sum, ok := sp.sums[p]; ok {
			if data, ok := b.out.File(b.outPath(p)); ok && sha256.Sum256(data) == sum {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// bodyEdits returns the pages whose Markdown body changed while everything else stayed the same.
// It returns errNeedFull when a change needs a full rebuild, and no pages when nothing relevant
// changed (an editor's temporary file, the translation store).
func (b *builder) bodyEdits(changed []string) (map[*content.Page]*content.Page, error) {
	edits := map[*content.Page]*content.Page{}
	for _, rel := range changed {
		parts := strings.SplitN(rel, "/", 3)
		if parts[0] != "content" {
			if b.affectsBuild(rel) {
				return nil, errNeedFull
			}
			continue
		}
		if len(parts) < 3 {
			return nil, errNeedFull
		}
		if parts[1] == content.DataDir {
			if strings.HasPrefix(parts[2], "translations/") {
				continue // the status command's store of source versions: not part of the site
			}
			return nil, errNeedFull
		}
		lang := b.site.ByLang[parts[1]]
		if lang == nil {
			return nil, errNeedFull
		}
		src, err := b.src.ReadFile(filepath.Join(b.opts.Source, filepath.FromSlash(rel)), b.cfg.MaxMarkdown())
		pg := lang.ByPath[parts[2]]
		if err != nil {
			if b.knownPath(parts[1], parts[2]) {
				return nil, errNeedFull // a page or folder of pages was removed or renamed
			}
			continue // a file that never mattered, now gone
		}
		if pg == nil || pg.Fallback || !strings.HasSuffix(rel, ".md") {
			return nil, errNeedFull // a new page, or a file published beside pages
		}
		np, problems := content.ParsePage(parts[1], parts[2], src)
		if np == nil || problems.Err() != nil || !sameStructure(np, pg) {
			return nil, errNeedFull
		}
		edits[pg] = np
	}
	return edits, nil
}

// sameStructure reports whether a page's new version keeps its place in the site: the same URL
// (and its pages' URLs, for a section), the same translations and old URLs, still published.
// Other front matter (title, description, weight, dates, sources, params, layout) may change:
// the pages whose views show it are found by their prints (renderStale).
func sameStructure(np, pg *content.Page) bool {
	if reflect.DeepEqual(np.FrontMatter, pg.FrontMatter) {
		return true
	}
	return np.Slug == pg.Slug && np.Draft == pg.Draft && np.Key == pg.Key && reflect.DeepEqual(np.FrontMatter.Aliases, pg.FrontMatter.Aliases)
}

// keepsPages reports whether every changed path is under content/, layouts/ or i18n/: the static
// files and site.toml stay as they were, and a rebuild may keep the pages whose text, view, look
// and answers are the same (reuse.go).
func keepsPages(changed []string) bool {
	for _, rel := range changed {
		if top, _, ok := strings.Cut(rel, "/"); !ok || top != "content" && top != "layouts" && top != "i18n" {
			return false
		}
	}
	return true
}

// under reports whether one of the changed paths is under the folder dir ("layouts/").
func under(changed []string, dir string) bool {
	return slices.ContainsFunc(changed, func(rel string) bool { return strings.HasPrefix(rel, dir) })
}

// affectsBuild reports whether a path outside content/ is an input of the build.
func (b *builder) affectsBuild(rel string) bool {
	top := strings.SplitN(rel, "/", 2)[0]
	return rel == "." || rel == "site.toml" || top == "layouts" || top == "static" || top == "i18n"
}

// knownPath reports whether a content path is, or holds, a page of the last build.
func (b *builder) knownPath(lang, p string) bool {
	l := b.site.ByLang[lang]
	if l == nil {
		return false
	}
	if pg := l.ByPath[p]; pg != nil && !pg.Fallback {
		return true
	}
	for q, pg := range l.ByPath {
		if strings.HasPrefix(q, p+"/") && !pg.Fallback {
			return true
		}
	}
	for _, pg := range l.Pages {
		for _, r := range pg.Resources {
			if r.File == "content/"+lang+"/"+p {
				return true
			}
		}
	}
	return false
}

// updateBodies is the fast path for edits that keep the site's structure: new texts, and new
// front matter for pages that keep their place (sameStructure). The pages to render again come
// from what the pages were recorded to read (pagePrint), the files built from all pages from
// what their producers declare they read.
func (b *builder) updateBodies(edits map[*content.Page]*content.Page, notify func([]string)) (*Change, error) {
	type state struct {
		fm       *content.FrontMatter
		body     []byte
		bodyLine int
	}
	saved := map[*content.Page]state{}
	fmChanged := false
	for pg, np := range edits {
		if !reflect.DeepEqual(np.FrontMatter, pg.FrontMatter) {
			fmChanged = true
		}
		// The page and its fallback copies in other languages take the new version.
		for _, p := range b.site.Pages {
			if p != pg && !(p.Fallback && p.Source == pg) {
				continue
			}
			saved[p] = state{p.FrontMatter, p.Body, p.BodyLine}
			b.versions.Delete(p) // of the text it held
			// The page keeps its aliases, the same (sameStructure) and under the base path;
			// a fallback copy has none.
			p.FrontMatter, p.Body, p.BodyLine = np.FrontMatter, np.Body, np.BodyLine
		}
	}
	if fmChanged {
		b.site.Reorder()
		// Titles, descriptions, icons and order in lists may have changed.
		b.patchViews(slices.Collect(maps.Keys(saved)))
	}
	restore := func() {
		for pg, o := range saved {
			pg.FrontMatter, pg.Body, pg.BodyLine = o.fm, o.body, o.bodyLine
			b.versions.Delete(pg)
		}
		if fmChanged {
			b.site.Reorder()
			b.resetViews()
		}
	}
	// The pages showing an edited text: the page and its fallback copies. Beside them, an edit of
	// a text changes the pages whose view compared its version (a translation's drift notice),
	// as their prints recorded; an edit of front matter may change any page's view, or the
	// answers its text gets, which renderStale checks once these are rendered.
	var reparse []*content.Page
	done := map[*content.Page]bool{}
	for _, pg := range b.site.Pages {
		if _, ok := edits[pg.Content()]; ok {
			reparse = append(reparse, pg)
			done[pg] = true
		}
	}
	sort.Slice(reparse, func(i, j int) bool { return reparse[i].URL < reparse[j].URL })

	// Each edited text is parsed once; its fallback copies share the document (see groupPages).
	docs := map[*content.Page]*markdown.Document{}
	var problems diag.List
	for _, pg := range reparse {
		src := pg.Content()
		if docs[src] != nil {
			continue
		}
		docs[src] = b.parse(src)
		if old, _ := b.anchorsOf(src); !maps.Equal(anchorSet(docs[src]), old) {
			restore()
			return nil, errNeedFull // links from other pages may change
		}
	}
	resolved := map[*markdown.Document]*resolution{}
	for _, pg := range reparse {
		doc := docs[pg.Content()]
		if pg.Fallback || resolved[doc] != nil {
			continue // problems are reported once, on the source page
		}
		res := b.resolve(pg, doc)
		resolved[doc] = res
		for _, mp := range res.problems {
			problems.Add(diag.Problem{File: pg.File, Line: mp.Line, Column: mp.Column, Message: mp.Message})
		}
	}
	// The trainer kit's handouts of the edited pages (front matter), checked like a body.
	handouts := map[*content.Page]*kitHandout{}
	for _, pg := range reparse {
		h, probs := b.renderHandout(pg, docs[pg.Content()])
		if !pg.Fallback {
			problems.Merge(probs)
		}
		handouts[pg] = h
	}
	dropDocs := func() {
		for _, doc := range docs {
			b.forget(doc)
		}
	}
	if err := problems.Err(); err != nil {
		dropDocs()
		restore()
		return nil, err
	}
	// From here on files are written: a failure undoes everything, so that the last good build
	// stays served whole (never half updated), and the caller rebuilds everything.
	b.beginUpdate()
	defer b.endUpdate()
	// The documents kept for later outputs (booklets, the trainers' kit) that the edit replaces.
	savedDocs := map[*content.Page]*markdown.Document{}
	savedHandouts := map[*content.Page]*kitHandout{}
	savedSearch := map[*content.Page]any{}
	savedProblems, savedBooklets := b.problems, b.booklets
	undo := func() {
		b.rollback()
		for pg, e := range savedSearch {
			b.setSearchEntry(pg, e)
		}
		for pg, doc := range savedDocs {
			b.docs[pg] = doc
		}
		for pg, h := range savedHandouts {
			setHandout(b.handouts, pg, h)
		}
		b.problems, b.booklets = savedProblems, savedBooklets
		dropDocs()
		restore()
	}
	b.problems = nil
	kept := map[*markdown.Document]bool{} // edited texts a later output keeps parsed
	for _, pg := range reparse {
		doc := docs[pg.Content()]
		if old := b.docs[pg]; old != nil {
			savedDocs[pg] = old
			b.forget(old)
			b.docs[pg] = doc
			kept[doc] = true
		}
		if resolved[doc] == nil {
			resolved[doc] = &resolution{}
		}
		b.resolved[doc] = resolved[doc]
		savedHandouts[pg] = b.handouts[pg]
		setHandout(b.handouts, pg, handouts[pg])
	}
	for _, pg := range reparse {
		if err := b.renderPage(pg, docs[pg.Content()]); err != nil {
			undo()
			return nil, errNeedFull
		}
	}
	// The editor waits for these pages: the browser hears of them before the rest is done.
	early := b.tell(notify)
	for _, pg := range reparse {
		if pg.Kind == content.KindPage {
			old, _ := b.searchCache.Load(pg) // the old text's entry
			b.setSearchEntry(pg, nil)
			savedSearch[pg] = old
			b.searchEntry(pg.Lang, pg, docs[pg.Content()]) // made again from the new text
		}
	}
	for _, doc := range docs {
		if !kept[doc] {
			b.forget(doc)
		}
	}
	// The other pages show texts that did not change: rendered as a build renders them. (Found
	// once the edited pages, which the editor waits for, are written.)
	var rerender []*content.Page
	b.printMu.Lock()
	for pg, p := range b.prints {
		if _, ok := edits[p.source]; ok && !done[pg] {
			rerender = append(rerender, pg)
			done[pg] = true
		}
	}
	b.printMu.Unlock()
	sort.Slice(rerender, func(i, j int) bool { return rerender[i].URL < rerender[j].URL })
	groups, _ := groupPages(rerender)
	for _, g := range groups {
		if b.renderGroup(g).Err() != nil {
			undo()
			return nil, errNeedFull
		}
	}
	changed, rendered := readsText, len(reparse)+len(rerender)
	if fmChanged {
		changed |= readsFront
		n, err := b.renderStale(done)
		if err != nil {
			undo()
			return nil, err
		}
		rendered += n
	}
	return b.finishUpdate(rendered, notify, early, func() error { return b.writeExtrasAfter(changed) }, undo)
}

// renderStale renders again every page not done whose HTML, made from the same text, may differ
// from what its print says it was made from (madeFrom): its view or the answers its text gets
// changed. It returns how many it rendered; errStopped when a newer edit came first, errNeedFull
// when one failed.
func (b *builder) renderStale(done map[*content.Page]bool) (int, error) {
	pages := b.site.Pages
	stale := make([]bool, len(pages))
	var stopped atomic.Bool
	halt := func() bool { // a newer edit came (Session.Interrupt)
		if !stopped.Load() && b.stopped() {
			stopped.Store(true)
		}
		return stopped.Load()
	}
	b.forEach(len(pages), func(i int) {
		if done[pages[i]] || halt() {
			return
		}
		b.printMu.Lock()
		p := b.prints[pages[i]]
		b.printMu.Unlock()
		stale[i] = !b.madeFrom(pages[i], p)
	})
	if stopped.Load() {
		return 0, errStopped
	}
	var again []*content.Page
	for i, s := range stale {
		if s {
			again = append(again, pages[i])
		}
	}
	groups, _ := groupPages(again)
	problems := make([]diag.List, len(groups))
	b.forEach(len(groups), func(i int) {
		if !halt() {
			problems[i] = b.renderGroup(groups[i])
		}
	})
	switch {
	case stopped.Load():
		return 0, errStopped
	case onceEach(problems, groups).Err() != nil:
		return 0, errNeedFull
	}
	return len(again), nil
}

// finishUpdate ends a fast update whose pages are written: notify hears which pages changed
// (but for those it heard of already, early), then extras writes the files built from all pages,
// and notify hears which of those changed. When extras fails, undo puts everything back and the
// caller rebuilds everything; when a newer edit comes first (b.stopped), or during extras (which
// then return errStopped), undo puts everything back and errStopped says so.
func (b *builder) finishUpdate(pages int, notify func([]string), early *notice, extras func() error, undo func()) (*Change, error) {
	from := 0
	var told []string
	if early != nil {
		from, told = early.mark, early.changed
	}
	pagesChanged := b.sitePaths(b.out.ChangedSince(from))
	if notify != nil && len(pagesChanged) > 0 {
		notify(pagesChanged)
	}
	pagesChanged = append(told, pagesChanged...)
	mid := b.out.Mark()
	err := errStopped
	if !b.stopped() {
		err = extras()
	}
	if err != nil {
		undo()
		if errors.Is(err, errStopped) {
			return nil, err
		}
		return nil, errNeedFull
	}
	extrasChanged := b.sitePaths(b.out.ChangedSince(mid))
	if notify != nil && len(extrasChanged) > 0 {
		notify(extrasChanged)
	}
	return &Change{Pages: pages, Changed: append(pagesChanged, extrasChanged...)}, nil
}

// setHandout sets pg's handout in m; nil removes it.
func setHandout(m map[*content.Page]*kitHandout, pg *content.Page, h *kitHandout) {
	if h == nil {
		delete(m, pg)
		return
	}
	m[pg] = h
}

// sitePaths turns output paths into site paths (see sitePath), sorted.
func (b *builder) sitePaths(rels []string) []string {
	out := make([]string, len(rels))
	for i, rel := range rels {
		out[i] = b.sitePath(rel)
	}
	sort.Strings(out)
	return out
}

func (b *builder) sitePath(rel string) string {
	p := b.cfg.BasePath() + rel
	if strings.HasSuffix(p, "/index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	return p
}

// String describes a change in one line for the terminal.
func (c *Change) String() string {
	kind := "rebuilt"
	switch {
	case c.Stopped:
		return fmt.Sprintf("stopped after %s: a newer edit came, and the next update does this one too", c.Duration.Round(100*time.Microsecond))
	case c.Full:
		kind = "rebuilt everything:"
	case c.Kept > 0:
		return fmt.Sprintf("rebuilt the site model: %d pages rendered, %d kept, %d files changed, in %s", c.Pages, c.Kept, len(c.Changed), c.Duration.Round(100*time.Microsecond))
	}
	return fmt.Sprintf("%s %d pages, %d files changed, in %s", kind, c.Pages, len(c.Changed), c.Duration.Round(100*time.Microsecond))
}

// notice is what an update told the browser before it was over: the site paths, and the mark of
// the output journal after them.
type notice struct {
	mark    int
	changed []string
}

// tell tells notify which pages the update changed so far.
func (b *builder) tell(notify func([]string)) *notice {
	n := &notice{mark: b.out.Mark(), changed: b.sitePaths(b.out.ChangedSince(0))}
	if notify != nil && len(n.changed) > 0 {
		notify(n.changed)
	}
	return n
}
