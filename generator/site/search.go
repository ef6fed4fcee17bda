package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/i18n"
	"pandu/generator/internal/digest"
	"pandu/generator/markdown"
	"pandu/generator/output"
	"pandu/generator/search"
	"pandu/generator/templates"
)

// searchURL is the site path of a language's search page: the home URL and the UI string
// search_slug ("cari"), or "search" when the site's UI strings have none.
func (b *builder) searchURL(lang string) string {
	slug := "search"
	if b.catalog.Has(lang, "search_slug") {
		if s, err := b.catalog.T(lang, "search_slug"); err == nil && s != "" {
			slug = s
		}
	}
	return b.site.ByLang[lang].Home.URL + slug + "/"
}

// writeSearch writes every language's search index (index.json beside the search page) and,
// when the site has layouts/search.html, the search page itself. Without JavaScript the page
// lists all guides of the language; its script replaces the list with the results. Each index is
// a copy of its language's text (tens of megabytes on a large site): a build makes no more of
// them at once than it has cores, and the preview, which keeps each language's files for the
// next edit (searchFiles, searchPages), makes one at a time.
func (b *builder) writeSearch() error {
	langs := b.site.Languages
	errs := make([]error, len(langs))
	each := func(i int) { errs[i] = b.writeSearchLang(langs[i]) }
	if b.incremental {
		for i := range langs {
			each(i)
		}
	} else {
		b.forEach(len(langs), each)
	}
	var problems diag.List
	for _, err := range errs {
		if errors.Is(err, errStopped) {
			return err
		}
		if err != nil {
			problems.Merge(diag.AsList(err))
		}
	}
	return problems.Err()
}

// startSearchFiles starts, in a build for disk, each language's index file: the guides' entries
// are written to it as their pages render (searchEntry), in index order, instead of being kept
// until the end (a site of 20,000 guides per language has 80 MB of them per language).
// writeSearchLang ends each file.
func (b *builder) startSearchFiles() error {
	b.searchAcc, b.searchStreams = map[string]*search.Accumulator{}, map[string]*output.Stream{}
	b.searchPos = map[*content.Page]int{}
	for _, l := range b.site.Languages {
		guides := searchGuides(l)
		for i, pg := range guides {
			b.searchPos[pg] = i
		}
		f, err := b.stream("layouts/search.html", b.searchFileRel(l.Code))
		if err != nil {
			return err
		}
		acc, err := search.NewAccumulator(l.Code, len(guides), f)
		if err != nil {
			return err
		}
		b.searchAcc[l.Code], b.searchStreams[l.Code] = acc, f
	}
	return nil
}

// searchIndexURL is the address the search page fetches a language's index from: index.json
// with a version made from its content, so that the browser and the service worker may keep it
// until the next build changes it (static/sw.js serves such addresses from its cache first).
func (b *builder) searchIndexURL(lang string) string {
	if u, ok := b.searchIndex.Load(lang); ok {
		return u.(string)
	}
	return b.searchURL(lang) + "index.json"
}

// searchGuides returns the guides of a language: its pages that are not sections, in tree order.
func searchGuides(l *content.Language) []*content.Page {
	var out []*content.Page
	for _, pg := range l.Pages {
		if pg.Kind == content.KindPage {
			out = append(out, pg)
		}
	}
	return out
}

// searchEntry is one page as the search index sees it.
type searchEntry struct {
	page     search.Page
	analysis *search.Analysis
}

// searchEntry returns the page's search data, computed once per page from doc, the parsed
// text it shows (nil: find it), while the page is rendered: the preview re-indexes only the pages
// an edit changed, dropping their entries first. (A change of title or URL rebuilds everything.)
func (b *builder) searchEntry(lang string, pg *content.Page, doc *markdown.Document) searchEntry {
	if e, ok := b.searchCache.Load(pg); ok {
		return e.(searchEntry)
	}
	if doc == nil {
		doc = b.doc(pg)
	}
	src := pg.Content()
	sp := search.Page{URL: config.EscapePath(pg.URL), Title: src.Title, Description: src.Description, Lang: src.Lang}
	// The trainers' session plan retells the guides for a class: found by its title and
	// description, its body would outrank the guides a reader is looking for.
	if pg.Path == b.cfg.Print.SessionPlan {
		sp.Sections = []search.Section{{Title: src.Title, Text: src.Description}}
	} else {
		for _, s := range doc.Sections() {
			// Kept until the index is written. Its white space is single spaces already
			// (Sections), so the index file takes the text as it is instead of a copy.
			sp.Sections = append(sp.Sections, search.Section{ID: s.ID, Title: s.Title, Text: s.Text})
		}
	}
	// The glossary page lists its entries from the glossary file, not from its Markdown: each
	// entry is a section (layouts/glossary.html gives it the ID term-<key>).
	if pg.Layout == "glossary" {
		if g := b.glossaries[src.Lang]; g != nil {
			for _, t := range g.Sorted {
				title := t.Term
				if t.Full != "" {
					title += " (" + t.Full + ")"
				}
				sp.Sections = append(sp.Sections, search.Section{ID: "term-" + t.Key, Title: title, Text: t.Definition})
			}
		}
	}
	e := searchEntry{page: sp, analysis: search.Analyze(lang, sp)}
	if acc := b.searchAcc[lang]; acc != nil {
		// A build for disk writes the entry to the index file as soon as the entries before it
		// are (startSearchFiles), and keeps of the analysis only what the index needs.
		acc.Add(b.searchPos[pg], &e.page, e.analysis)
		e.analysis = nil
	} else if err := e.page.Encode(); err != nil {
		// The preview keeps the entry encoded, in its own length: it writes the index again
		// after every edit, and encodes each page once.
		b.addProblems(diag.List{{File: pg.File, Message: "search index: " + err.Error()}})
	}
	b.setSearchEntry(pg, e)
	return e
}

// setSearchEntry stores pg's search entry (nil: none), and in the preview counts the change for
// its language (searchGen).
func (b *builder) setSearchEntry(pg *content.Page, e any) {
	if e == nil {
		b.searchCache.Delete(pg)
	} else {
		b.searchCache.Store(pg, e)
	}
	if b.incremental {
		b.searchGen(pg.Lang).Add(1)
	}
}

// searchGen counts the changes of a language's search entries in this build: the preview keeps a
// language's index file, without comparing its entries, while the count is the one it was made
// or compared at.
func (b *builder) searchGen(lang string) *atomic.Uint64 {
	if g, ok := b.searchGens.Load(lang); ok {
		return g.(*atomic.Uint64)
	}
	g, _ := b.searchGens.LoadOrStore(lang, new(atomic.Uint64))
	return g.(*atomic.Uint64)
}

// searchFile is a language's index file as the preview last made it (see builder.searchFiles):
// with its pages and their analyses, in index order, and its synonyms, which are all it is
// made from.
type searchFile struct {
	pages    []search.Page
	analyses []*search.Analysis
	synonyms []search.Synonym
	// The build, its count of the language's entry changes (searchGen) and the guides, when the
	// file was last made or found the same.
	owner    *builder
	gen      uint64
	guides   []*content.Page
	data     []byte
	sum      [sha256.Size]byte
	problems diag.List
}

// searchFileRel is the output path of a language's index file.
func (b *builder) searchFileRel(lang string) string {
	return b.outPath(b.searchURL(lang) + "index.json")
}

// madeFrom reports whether the file was made from the entries the guides have now (searchEntry)
// and the same synonyms. A page kept by a rebuild keeps its entry, and compares at once; one
// rendered again compares by its text and words.
func (f searchFile) madeFrom(b *builder, lang string, guides []*content.Page, synonyms []search.Synonym) bool {
	if len(guides) != len(f.pages) || !reflect.DeepEqual(f.synonyms, synonyms) {
		return false
	}
	for i, pg := range guides {
		e := b.searchEntry(lang, pg, nil)
		if !e.analysis.Equal(f.analyses[i]) || !e.page.Equal(&f.pages[i]) {
			return false
		}
	}
	return true
}

// unchanged reports whether no entry of the file's language changed in b since the file was made
// or compared, for the same guides and synonyms.
func (f searchFile) unchanged(b *builder, gen uint64, guides []*content.Page, synonyms []search.Synonym) bool {
	return f.owner == b && f.gen == gen && slices.Equal(f.guides, guides) && reflect.DeepEqual(f.synonyms, synonyms)
}

func (b *builder) writeSearchLang(l *content.Language) error {
	guides := searchGuides(l)
	synonyms := b.synonymEntries(l.Code)
	gen := b.searchGen(l.Code).Load()
	if f, ok := b.searchFiles[l.Code]; ok && b.incremental && (f.unchanged(b, gen, guides, synonyms) || f.madeFrom(b, l.Code, guides, synonyms)) {
		// The preview, after an edit that changed no page of this language's index (another
		// language's guide, a layout, most structural edits elsewhere): the same file.
		f.owner, f.gen, f.guides = b, gen, guides
		b.searchFiles[l.Code] = f
		b.addProblems(f.problems)
		if err := b.writeKnown("layouts/search.html", b.searchFileRel(l.Code), f.data, f.sum); err != nil {
			return err
		}
		return b.writeSearchPage(l, guides)
	}
	if acc := b.searchAcc[l.Code]; acc != nil {
		// A build for disk wrote the pages' entries as they rendered; a guide no page rendered
		// (none should be left) is added now. The stems and synonyms end the file.
		for _, pg := range guides {
			b.searchEntry(l.Code, pg, nil)
		}
		ix := acc.Index()
		b.addProblems(b.searchSynonyms(l.Code, ix, synonyms))
		err := acc.Close(ix)
		if cerr := b.searchStreams[l.Code].Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return writeProblem("layouts/search.html", b.searchFileRel(l.Code), err)
		}
		return b.writeSearchPage(l, guides)
	}
	pages := make([]search.Page, len(guides))
	analyses := make([]*search.Analysis, len(guides))
	for i, pg := range guides {
		e := b.searchEntry(l.Code, pg, nil)
		pages[i], analyses[i] = e.page, e.analysis
	}
	ix := search.Merge(l.Code, pages, analyses, b.stopped)
	if ix == nil || b.stopped() { // a preview update a newer edit stops (Session.Interrupt)
		return errStopped
	}
	problems := b.searchSynonyms(l.Code, ix, synonyms)
	data, err := ix.JSON()
	if errors.Is(err, search.ErrStopped) {
		return errStopped
	}
	if err != nil {
		return err
	}
	if b.stopped() {
		return errStopped
	}
	b.addProblems(problems)
	// The index is compact JSON already: minifying it again would cost time for nothing.
	if err := b.writeRaw("layouts/search.html", b.searchFileRel(l.Code), data); err != nil {
		return err
	}
	if err := b.writeSearchPage(l, guides); err != nil {
		return err
	}
	if b.searchFiles == nil {
		b.searchFiles = map[string]searchFile{}
	}
	sum, _ := b.out.Sum(b.searchFileRel(l.Code)) // the writer hashes every file it writes
	b.searchFiles[l.Code] = searchFile{pages: pages, analyses: analyses, synonyms: synonyms, data: data, sum: sum, problems: problems,
		owner: b, gen: gen, guides: guides}
	return nil
}

// writeSearchPage writes a language's search page, after its index file (whose version the
// page's address for it carries).
func (b *builder) writeSearchPage(l *content.Language, guides []*content.Page) error {
	url := b.searchURL(l.Code)
	rel := b.searchFileRel(l.Code)
	written, _ := b.out.Sum(rel) // the writer hashes every file it writes
	b.searchIndex.Store(l.Code, url+"index.json?v="+hex.EncodeToString(written[:4]))
	if !b.layouts.Has("search") {
		return nil
	}
	if b.stopped() { // a preview update a newer edit stops (Session.Interrupt)
		return errStopped
	}
	if p, ok := b.searchPages[l.Code]; ok && b.incremental && p.sameAs(b, l.Code, guides) {
		return b.writeKnown("layouts/search.html", b.outPath(url), p.html, p.sum)
	}
	v := b.specialView(l.Code, "search")
	v.Title, _ = b.catalog.T(l.Code, "search_title")
	v.URL, v.AbsURL = url, b.cfg.AbsURL(url)
	v.Canonical = v.AbsURL
	// Indexed like a section page: without JavaScript it lists every guide, and a query's
	// results are made in the browser, so there are no per-query pages to keep out.
	v.NoIndex = false
	v.Guides = b.pageLinks(guides)
	v.SearchIndex = b.searchIndexURL(l.Code)
	var from [digest.Size]byte
	if b.incremental {
		// The page lists every guide of the language: the preview makes it again only when its
		// view, its layouts or its UI strings changed. (A memo of its own: the build's would
		// keep every list of guides it is shown, one per edit.)
		from = digest.NewMemo().Sum(v)
		if p, ok := b.searchPages[l.Code]; ok && p.from == from && p.layouts == b.layouts && p.catalog == b.catalog {
			p.views, p.guides, p.index = b.views(), guides, v.SearchIndex // the same view, made from these
			b.searchPages[l.Code] = p
			return b.writeKnown("layouts/search.html", b.outPath(url), p.html, p.sum)
		}
	}
	html, err := b.layouts.Execute(l.Code, "search", v)
	if err != nil {
		return err
	}
	if err := b.write("layouts/search.html", b.outPath(url), html); err != nil {
		return err
	}
	if b.incremental {
		written, _ := b.out.File(b.outPath(url))
		sum, _ := b.out.Sum(b.outPath(url))
		if b.searchPages == nil {
			b.searchPages = map[string]searchPage{}
		}
		b.searchPages[l.Code] = searchPage{from: from, layouts: b.layouts, catalog: b.catalog, html: written, sum: sum,
			views: b.views(), guides: guides, index: v.SearchIndex}
	}
	return nil
}

// searchPage is a language's search page as the preview last wrote it (see builder.searchPages),
// with what it was made from: the digest of its view, and the layouts and UI strings.
type searchPage struct {
	from    [digest.Size]byte
	layouts *templates.Set
	catalog *i18n.Catalog
	html    []byte
	sum     [sha256.Size]byte
	// What the view was made from, compared before the view is made again: the shared view
	// data (made again whenever front matter changes), the guides it lists and the index's
	// address.
	views  *viewCache
	guides []*content.Page
	index  string
}

// sameAs reports, without making the view again, whether the page was made from the views,
// guides, index address, layouts and UI strings b has now: then its view is the same.
func (p searchPage) sameAs(b *builder, lang string, guides []*content.Page) bool {
	return p.views == b.views() && p.layouts == b.layouts && p.catalog == b.catalog &&
		p.index == b.searchIndexURL(lang) && slices.Equal(p.guides, guides)
}

// synonymEntries returns a language's synonyms: the glossary's terms and long forms (each finds
// the other) and the editors' content/_data/synonyms/<lang>.toml.
func (b *builder) synonymEntries(lang string) []search.Synonym {
	var entries []search.Synonym
	if g := b.glossaries[lang]; g != nil {
		for _, t := range g.Sorted {
			if t.Full == "" {
				continue
			}
			entries = append(entries,
				search.Synonym{Reader: t.Term, Means: []string{t.Term, t.Full}, Quiet: true},
				search.Synonym{Reader: t.Full, Means: []string{t.Term}, Quiet: true})
		}
	}
	for _, s := range b.synonyms[lang] {
		entries = append(entries, search.Synonym{Reader: s.Reader, Means: s.Means, Ref: s.Line})
	}
	return entries
}

// searchSynonyms gives a language's index its synonyms (synonymEntries). It returns a warning for
// every word of the editors' file that no guide of the language has.
func (b *builder) searchSynonyms(lang string, ix *search.Index, entries []search.Synonym) diag.List {
	var out diag.List
	for _, u := range ix.SetSynonyms(entries) {
		line, _ := u.Synonym.Ref.(int)
		out.Add(diag.Problem{File: "content/_data/synonyms/" + lang + ".toml", Line: line, Warning: true,
			Message: fmt.Sprintf("synonym %q: no guide in %q has the word %q, so it finds nothing", u.Synonym.Reader, lang, u.Word),
			Hint:    "Use a word the guides use (as written on the page), or remove it."})
	}
	return out
}
