package site

import (
	"fmt"
	"strings"
	"sync"

	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/markdown"
	"pandu/generator/output"
)

// groupPages groups pages by the text they show, the page whose text it is first when it is
// among pages: a fallback copy shows its source's text. index maps the page whose text it is
// to its group.
func groupPages(pages []*content.Page) (groups [][]*content.Page, index map[*content.Page]int) {
	index = make(map[*content.Page]int, len(pages))
	of := make([]int, len(pages)) // the group of each page
	var sizes []int
	for k, pg := range pages {
		c := pg.Content()
		i, ok := index[c]
		if !ok {
			i = len(sizes)
			index[c] = i
			sizes = append(sizes, 0)
		}
		of[k] = i
		sizes[i]++
	}
	// The groups share one array, each in slots of its own.
	all := make([]*content.Page, len(pages))
	groups = make([][]*content.Page, len(sizes))
	for i, n := range sizes {
		groups[i], all = all[:0:n], all[n:]
	}
	for k, pg := range pages {
		g := append(groups[of[k]], pg)
		if pg == pg.Content() && len(g) > 1 {
			copy(g[1:], g) // the page whose text it is goes first
			g[0] = pg
		}
		groups[of[k]] = g
	}
	return groups, index
}

// renderGroup resolves and renders the pages that show one text (see groupPages), and keeps
// their search entries. It returns the problems found; those of resolving the text are reported
// once, on the page whose text it is. In a preview rebuild a page made from what it was made from
// before keeps its previous output (keep): the text is parsed only when a page of the group is
// rendered.
func (b *builder) renderGroup(g []*content.Page) diag.List {
	var problems diag.List
	var doc *markdown.Document // parsed when a page is rendered, not kept (see keep)
	for _, pg := range g {
		kept, err := b.keep(pg)
		if err != nil {
			problems.Merge(diag.AsList(err))
		}
		if kept {
			b.opts.Progress.step()
			continue
		}
		if doc == nil {
			doc = b.parse(g[0].Content())
			b.setAnchors(g[0].Content(), doc)
		}
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
	if doc != nil {
		b.forget(doc)
	}
	b.dropText(g)
	return problems
}

// dropText frees, in a build for disk, the Markdown of a group's text once its pages are
// written (a site's source is as large as its search index): nothing after the pass reads it,
// but the booklets, the trainers' kit and its handouts, which parse their pages again (doc, see
// reread), and checkAnchorsLater. A source page's version, which its translations compare
// (drift), is made before. The preview keeps every text: its next update compares them
// (reuse.go).
func (b *builder) dropText(g []*content.Page) {
	if b.incremental || b.opts.keepTexts {
		return
	}
	b.anchorMu.Lock()
	later := b.later[g[0].Content()] // set while this group was resolved
	b.anchorMu.Unlock()
	if later {
		return
	}
	for _, pg := range g {
		if b.reread[pg.Path] || pg.Content().Handout != nil {
			return
		}
	}
	for _, pg := range g {
		b.keepVersion(pg)
		pg.Body = nil
	}
}

// rereadPaths returns the paths of the pages whose text a later output parses again (doc): the
// booklets' guides and the session plan, by their path inside a language folder.
func (b *builder) rereadPaths() map[string]bool {
	out := map[string]bool{}
	for _, p := range b.cfg.Print.Guides {
		out[printGuidePath(p)] = true
	}
	if plan := b.cfg.Print.SessionPlan; plan != "" {
		out[plan] = true
	}
	return out
}

func (b *builder) renderPage(pg *content.Page, doc *markdown.Document) error {
	res := b.resolutionFor(pg, doc)
	lead, rest, err := b.md.RenderSplit(doc)
	if err != nil {
		return diag.Problem{File: pg.File, Message: "rendering Markdown: " + err.Error()}
	}
	v, source := b.viewFrom(pg, doc, lead, rest)
	quiz, err := b.pageQuiz(pg, doc)
	if err != nil {
		return err
	}
	if len(quiz) > 0 {
		v.Quiz = quiz
	}
	layout, err := b.pageLayout(pg)
	if err != nil {
		return err
	}
	if b.incremental {
		b.setPrint(pg, &pagePrint{frame: b.frame(pg, v, layout), look: b.lookOf(pg, layout), asked: res.asked, source: source})
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
	return b.pageFiles(pg, rel)
}

// pageLayout returns the name of the layout a page is rendered with, which must exist.
func (b *builder) pageLayout(pg *content.Page) (string, error) {
	if pg.Layout == "" {
		return pg.Kind.String(), nil
	}
	if !b.layouts.Has(pg.Layout) {
		return "", diag.Problem{File: pg.File, Message: fmt.Sprintf("layout %q does not exist", pg.Layout),
			Hint: "create layouts/" + pg.Layout + ".html or remove layout from the front matter"}
	}
	return pg.Layout, nil
}

// pageFiles finishes a page whose HTML is written at rel: it warns when the HTML is too heavy,
// and publishes the files beside the page.
func (b *builder) pageFiles(pg *content.Page, rel string) error {
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
	asked    *asked // in the preview, what the text asked the site (see pagePrint)
}

// resolveFor resolves doc for pg, unless it is already, and returns the problems found.
func (b *builder) resolveFor(pg *content.Page, doc *markdown.Document) []markdown.Problem {
	return b.resolutionFor(pg, doc).problems
}

// resolutionFor resolves doc for pg, unless it is already, and returns the resolution.
func (b *builder) resolutionFor(pg *content.Page, doc *markdown.Document) *resolution {
	b.resMu.Lock()
	res := b.resolved[doc]
	if res == nil {
		res = &resolution{}
		b.resolved[doc] = res
	}
	b.resMu.Unlock()
	if res.page != pg {
		*res = *b.resolve(pg, doc)
	}
	return res
}

// resolve resolves doc for pg. The preview records what the text asked, to tell later whether
// the answers changed (see pagePrint).
func (b *builder) resolve(pg *content.Page, doc *markdown.Document) *resolution {
	r := &resolver{b: b, page: pg, doc: doc, textLang: pg.Content().Lang}
	if !b.incremental {
		return &resolution{page: pg, problems: doc.Resolve(r)}
	}
	rec := b.recorder(r)
	problems := doc.Resolve(rec)
	return &resolution{page: pg, problems: problems, asked: rec.done()}
}

// setAnchors records the anchors of the text of the page c.
func (b *builder) setAnchors(c *content.Page, doc *markdown.Document) {
	set := anchorSet(doc)
	b.anchorMu.Lock()
	b.anchorSets[c] = set
	b.anchorMu.Unlock()
}

// anchorSet is the set of a document's anchors.
func anchorSet(doc *markdown.Document) map[string]bool {
	set := map[string]bool{}
	for _, a := range doc.Anchors() {
		set[a] = true
	}
	return set
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

// demand lets the preview's builds (the first, and each after an edit that is not a fast update)
// render the pages asked for before the others: the editor's browser gets its page as soon as it
// is rendered, not once all are (see Session.File).
type demand struct {
	started  chan struct{} // closed when the pages can be rendered (or the build ended before)
	early    chan struct{} // closed when the files written before the pages are (writeEarly)
	groups   [][]*content.Page
	once     []sync.Once
	problems []diag.List
	groupOf  map[*content.Page]int // the page whose text a group shows -> the group
	late     map[string]bool       // output paths the producers write after the pages
	earlyOut map[string]bool       // output paths the producers write before the pages
}

// startDemand prepares the pass over groups (groupPages, with its index), whose problems go to
// problems; a build that does not render on demand gets a demand of its own, only to render
// each group once.
func (b *builder) startDemand(groups [][]*content.Page, index map[*content.Page]int, problems []diag.List) *demand {
	d := b.demand
	if d == nil {
		d = &demand{}
	}
	d.groups, d.once, d.problems = groups, make([]sync.Once, len(groups)), problems
	if d.started != nil {
		d.groupOf = index
		d.late, d.earlyOut = map[string]bool{}, map[string]bool{}
		for _, p := range b.producers() {
			paths := d.late
			if p.early {
				paths = d.earlyOut
			}
			for _, u := range b.declared[p.name] {
				paths[b.outPath(u)] = true
			}
		}
		close(d.started)
	}
	return d
}

// group returns the group of the page at the output path rel, if a page is there.
func (d *demand) group(b *builder, rel string) (int, bool) {
	pg := b.byURL[b.sitePath(rel)]
	if pg == nil || b.outPath(pg.URL) != rel {
		return 0, false
	}
	i, ok := d.groupOf[pg.Content()]
	return i, ok
}

// newDemand returns the demand of a build whose pages the preview serves while it runs.
func newDemand() *demand {
	return &demand{started: make(chan struct{}), early: make(chan struct{})}
}

// wroteEarly says that the files written before the pages are there (writeEarly): fileNow
// serves them from now on.
func (d *demand) wroteEarly() {
	if d.early != nil {
		close(d.early)
	}
}

// render renders group i unless it is rendered, or being rendered, already.
func (d *demand) render(b *builder, i int) {
	d.once[i].Do(func() { d.problems[i] = b.renderGroup(d.groups[i]) })
}

// fileNow returns, while the preview builds the site, the file at a site path as soon as it
// can: a page, rendered now when it was not yet; a file written before the pages (a static file,
// a 404 page, the language chooser, an alias's redirect page) or beside a page rendered
// already. The files the producers write after the pages are not served before the build is
// over (ok is false), nor is anything when the build ended (done is closed) before its pages
// could be rendered.
//
// When the build is a rebuild after an edit, old is the build served until it is over: a page
// with errors is left to old (which keeps its last good version), and gone reports a page of old
// that the new build has not, and that no producer writes: a deleted or moved page.
func (b *builder) fileNow(urlPath string, done chan struct{}, old *builder) (data []byte, ok, gone bool) {
	d := b.demand
	select {
	case <-d.started:
	case <-done:
		return nil, false, false
	}
	rel, ok := strings.CutPrefix(urlPath, b.cfg.BasePath())
	if !ok {
		return nil, false, false
	}
	i, ok := d.group(b, rel)
	if !ok {
		if d.late[rel] {
			return nil, false, false
		}
		if d.earlyOut[rel] {
			// A file written before the pages: a rebuild writes them once it has started its
			// pages. Asked for meanwhile (an alias just added, reloaded at once), it is not
			// missing. Anything else is known now: a static file is there, a file beside a
			// page is there once the page is, and a page gone (a draft, deleted, moved) is
			// answered as gone without waiting.
			select {
			case <-d.early:
			case <-done:
				return nil, false, false
			}
		}
		if data, ok := b.out.File(rel); ok {
			return data, true, false
		}
		return nil, false, old != nil && old.byURL[old.sitePath(rel)] != nil
	}
	d.render(b, i)
	if old != nil && d.problems[i].Err() != nil {
		return nil, false, false
	}
	data, ok = b.out.File(rel)
	return data, ok, false
}
