package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"sync"

	"pandu/generator/content"
	"pandu/generator/data"
	"pandu/generator/internal/digest"
	"pandu/generator/markdown"
	"pandu/generator/templates"
)

// When the preview rebuilds its site model (a new, moved or deleted page, a changed slug, alias,
// draft state or translation key, a section's front matter, a data file, layouts, UI strings), it
// does not render every page again. A page's HTML is made from four things, and the preview
// records them as it renders the page (pagePrint):
//
//   - its text (the Markdown body), which the new model holds as it is;
//   - its frame: the layout's name and the view the layout gets, without the parts made from the
//     text (templates.View: title, links, lists, menu, translations, drift notice ...);
//   - the answers the site gave its text: every link, image, law reference, glossary term,
//     contact card and label it asked for (recorder);
//   - its look: the layout files its layout and the parts of page bodies read, and the UI
//     strings of its language and of its text's (lookOf); static files and site.toml, which
//     such a rebuild leaves as they are (the session rebuilds everything from scratch when one
//     of them changed).
//
// The rebuild compares each page with the page at the same place (language and file) in the
// previous build: when the text is the same, the frame and look digests are the same and the same
// questions get the same answers from the new model, the page's HTML cannot differ, and the
// previous bytes are kept with its search entry. Only the other pages are rendered. This is Salsa's early
// cutoff, with the questions asked as the recorded dependencies.

// pagePrint is what a page was rendered from, beside its text.
type pagePrint struct {
	frame [digest.Size]byte // the layout's name, the language, the page's files and the view without its text
	look  [digest.Size]byte // lookOf
	asked *asked
	// source is the page whose text's version the view compared (drift), nil for none: the
	// only text beside its own that a page's HTML depends on.
	source *content.Page
}

// asked is what a text asked the site while it was resolved for one page, in order, and the
// digest of the answers.
type asked struct {
	queries []query
	answers [digest.Size]byte
}

// query is one question a text asked its resolver (see markdown.Resolver).
type query struct {
	kind queryKind
	arg  string
	ref  markdown.LawRef
}

type queryKind uint8

const (
	askLink queryKind = iota
	askImage
	askLaw
	askTerm
	askContact
	askLabel
)

// recorder is a page's resolver that records the questions asked and the answers given.
type recorder struct {
	r       *resolver
	memo    *digest.Memo
	queries []query
	answers []byte
	// replaying says the questions are known already (replay): only the answers are recorded.
	replaying bool
}

// answerBuffers holds the buffers replay digests answers in: a preview rebuild replays the
// questions of every page of the site.
var answerBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func (b *builder) recorder(r *resolver) *recorder { return &recorder{r: r, memo: b.views().memo} }

// ask records a question and its answer: strings, numbers, a contact card.
func (rec *recorder) ask(q query, answer ...any) {
	if !rec.replaying {
		rec.queries = append(rec.queries, q)
	}
	for _, a := range answer {
		switch a := a.(type) {
		case string:
			rec.answers = binary.AppendUvarint(rec.answers, uint64(len(a)))
			rec.answers = append(rec.answers, a...)
		case int:
			rec.answers = binary.AppendVarint(rec.answers, int64(a))
		default:
			rec.answers = rec.memo.Append(rec.answers, a)
		}
	}
}

// errText is an error's message, "" for none.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (rec *recorder) Link(dest string) (string, error) {
	u, err := rec.r.Link(dest)
	rec.ask(query{kind: askLink, arg: dest}, u, errText(err))
	return u, err
}

func (rec *recorder) Image(dest string) (string, int, int, error) {
	u, w, h, err := rec.r.Image(dest)
	rec.ask(query{kind: askImage, arg: dest}, u, w, h, errText(err))
	return u, w, h, err
}

func (rec *recorder) LawRef(ref markdown.LawRef) (string, string, error) {
	u, label, err := rec.r.LawRef(ref)
	rec.ask(query{kind: askLaw, ref: ref}, u, label, errText(err))
	return u, label, err
}

func (rec *recorder) Term(key string) (string, string, string, error) {
	u, text, def, err := rec.r.Term(key)
	rec.ask(query{kind: askTerm, arg: key}, u, text, def, errText(err))
	return u, text, def, err
}

func (rec *recorder) Contact(key string) (*data.Contact, error) {
	c, err := rec.r.Contact(key)
	var card data.Contact // by value: each answer is a new card, not one the memo should keep
	if c != nil {
		card = *c
	}
	rec.ask(query{kind: askContact, arg: key}, card, errText(err))
	return c, err
}

func (rec *recorder) Label(key string) string {
	l := rec.r.Label(key)
	rec.ask(query{kind: askLabel, arg: key}, l)
	return l
}

// Theme is the layouts' parts that page bodies render (the same for every recorder of a build).
func (rec *recorder) Theme() markdown.Theme { return rec.r.Theme() }

// done returns what was asked.
func (rec *recorder) done() *asked {
	return &asked{queries: rec.queries, answers: sha256.Sum256(rec.answers)}
}

// replay asks the questions of a again, and reports whether every answer is the same and known
// now (an anchor of a text not parsed yet is not).
func (rec *recorder) replay(a *asked) bool {
	rec.replaying = true
	bp := answerBuffers.Get().(*[]byte)
	rec.answers = (*bp)[:0]
	defer func() {
		*bp = rec.answers[:0]
		answerBuffers.Put(bp)
		rec.answers = nil
	}()
	for _, q := range a.queries {
		switch q.kind {
		case askLink:
			rec.Link(q.arg)
		case askImage:
			rec.Image(q.arg)
		case askLaw:
			rec.LawRef(q.ref)
		case askTerm:
			rec.Term(q.arg)
		case askContact:
			rec.Contact(q.arg)
		case askLabel:
			rec.Label(q.arg)
		}
	}
	return !rec.r.unknown && sha256.Sum256(rec.answers) == a.answers
}

// frame digests what a page's layout gets beside its text: the layout's name, the language, the
// files published beside the page, and the view without the parts made from the text.
func (b *builder) frame(pg *content.Page, v *templates.View, layout string) [digest.Size]byte {
	f := frames.Get().(*frameData)
	f.View = *v
	return b.frameSum(pg, f, layout)
}

// frameData is what a frame digest reads. A preview rebuild digests the frame of every page of
// the site: frames holds them for reuse.
type frameData struct {
	Layout, Lang string
	Resources    []content.Resource
	View         templates.View // without the parts made from the text
	// Start is where the siblings' window starts in the parent's pages (-1: the window is in
	// View); Siblings its length.
	Start, Siblings int
}

var frames = sync.Pool{New: func() any { return new(frameData) }}

// frameSum digests f, whose View is pg's, as frame does, and puts f back in frames.
func (b *builder) frameSum(pg *content.Page, f *frameData, layout string) [digest.Size]byte {
	v := &f.View
	f.Layout, f.Lang, f.Resources = layout, pg.Lang, pg.Resources
	v.Content, v.Lead, v.Rest, v.TOC, v.Quiz = "", "", "", nil, nil
	// The siblings are a window of the parent's pages, which the frame holds (Parent, digested
	// once per section): where the window starts says what its links say, without reading them
	// again for every page of a large section.
	f.Start, f.Siblings = -1, len(v.Siblings)
	if v.Parent != nil && len(v.Siblings) > 0 {
		at := templates.SiblingStart(len(v.Parent.Pages), b.views().at(pg))
		if at+len(v.Siblings) <= len(v.Parent.Pages) && &v.Parent.Pages[at] == &v.Siblings[0] { // that window indeed
			f.Start, v.Siblings = at, nil
		}
	}
	sum := b.views().memo.SumAt(f)
	*f = frameData{}
	frames.Put(f)
	return sum
}

// setPrint records what pg was rendered from.
func (b *builder) setPrint(pg *content.Page, p *pagePrint) {
	b.printMu.Lock()
	if b.savedPrints != nil {
		if _, ok := b.savedPrints[pg]; !ok {
			b.savedPrints[pg] = b.prints[pg]
		}
	}
	b.prints[pg] = p
	b.printMu.Unlock()
}

// beginUpdate starts a fast update of the preview's build: until endUpdate, rollback undoes the
// files written and what the pages rendered were recorded as made from. Without the latter, a
// page whose older HTML is restored would be recorded as made from the edited sources, and kept
// as it is by the next rebuild.
func (b *builder) beginUpdate() {
	b.out.BeginUpdate()
	b.printMu.Lock()
	b.savedPrints = map[*content.Page]*pagePrint{}
	b.printMu.Unlock()
}

func (b *builder) endUpdate() {
	b.out.EndUpdate()
	b.printMu.Lock()
	b.savedPrints = nil
	b.printMu.Unlock()
}

// rollback undoes the update begun with beginUpdate.
func (b *builder) rollback() {
	b.out.Rollback()
	b.printMu.Lock()
	for pg, p := range b.savedPrints {
		if p == nil {
			delete(b.prints, pg)
		} else {
			b.prints[pg] = p
		}
	}
	b.savedPrints = map[*content.Page]*pagePrint{}
	b.printMu.Unlock()
}

// sameTexts finds, for a build that may keep pages of prev, the texts that did not change since
// prev (the page whose text it is, in the new model and in prev), and takes their anchors from
// prev. It returns the indexes of the groups of pages (groupPages) showing a changed or new
// text, to be rendered first, and of the others. It runs while the pages asked for are rendered
// already: keep keeps no page before it is over.
func (b *builder) sameTexts(groups [][]*content.Page) (changed, same []int) {
	if b.opts.comparing != nil {
		b.opts.comparing()
	}
	b.sameText = make(map[*content.Page]*content.Page, len(groups))
	b.prevProblems = map[string]bool{}
	for _, p := range b.prev.problems {
		b.prevProblems[p.File] = true
	}
	for i, g := range groups {
		c := g[0].Content()
		if oc := b.prev.page(c); oc != nil && !oc.Fallback && sameText(oc, c) {
			if set, ok := b.prev.anchorsOf(oc); ok {
				b.sameText[c] = oc
				b.anchorMu.Lock()
				if _, parsed := b.anchorSets[c]; !parsed { // else rendered on demand already
					b.anchorSets[c] = set
				}
				b.anchorMu.Unlock()
				if v, ok := b.prev.versions.Load(oc); ok && oc.Title == c.Title && oc.Description == c.Description {
					b.versions.Store(c, v)
				}
				same = append(same, i)
				continue
			}
		}
		changed = append(changed, i)
	}
	b.sameReady.Store(true)
	return changed, same
}

// page returns the page at pg's place (language and file) in b's model, or nil.
func (b *builder) page(pg *content.Page) *content.Page {
	l := b.site.ByLang[pg.Lang]
	if l == nil {
		return nil
	}
	return l.ByPath[pg.Path]
}

// sameText reports whether two versions of a page have the same text, parsed the same way.
func sameText(a, b *content.Page) bool {
	stepsA, _ := a.Params["steps"].(bool)
	stepsB, _ := b.Params["steps"].(bool)
	return a.BodyLine == b.BodyLine && stepsA == stepsB && bytes.Equal(a.Body, b.Body)
}

// keep keeps the previous build's output of pg when nothing it was made from changed, and
// reports whether it did: the HTML, the files beside it, the search entry and what it was made
// from. The error is one of publishing the files beside the page.
func (b *builder) keep(pg *content.Page) (bool, error) {
	if b.prev == nil || !b.sameReady.Load() {
		return false, nil
	}
	oc := b.sameText[pg.Content()]
	op := b.prev.page(pg)
	if oc == nil || op == nil || op.Fallback != pg.Fallback || op.Content() != oc {
		return false, nil
	}
	if b.prevProblems[pg.File] || b.prevProblems[oc.File] {
		return false, nil // rendered again, so that its problems are reported again
	}
	b.prev.printMu.Lock()
	p := b.prev.prints[op]
	b.prev.printMu.Unlock()
	if !b.madeFrom(pg, p) {
		return false, nil
	}
	var entry any
	if pg.Kind == content.KindPage {
		e, ok := b.prev.searchCache.Load(op)
		if !ok {
			return false, nil
		}
		entry = e
	}
	rel := b.outPath(pg.URL)
	if err := b.claim(pg.File, rel); err != nil {
		return false, nil
	}
	if ok, err := b.out.Reuse(b.prev.out, rel); !ok || err != nil {
		return false, nil
	}
	if entry != nil {
		b.setSearchEntry(pg, entry)
	}
	kept := *p // the same print, naming its source page in b's model
	if p.source != nil {
		kept.source = b.page(p.source)
	}
	b.setPrint(pg, &kept)
	b.keptPages.Add(1)
	return true, b.pageFiles(pg, rel)
}

// madeFrom reports whether pg, with the text its print p was made from, renders now what it did
// then: its layout gets the same view (frame) and its text the same answers from the site.
func (b *builder) madeFrom(pg *content.Page, p *pagePrint) bool {
	if p == nil || p.asked == nil {
		return false
	}
	layout, err := b.pageLayout(pg)
	if err != nil || b.lookOf(pg, layout) != p.look {
		return false
	}
	f := frames.Get().(*frameData) // the view is made only to be digested
	b.fillView(&f.View, pg, nil, nil, nil)
	if b.frameSum(pg, f, layout) != p.frame {
		return false
	}
	return b.recorder(&resolver{b: b, page: pg, textLang: pg.Content().Lang}).replay(p.asked)
}

// lookOf digests what rendering pg with layout reads of the site's look: the layout files the
// layout reads, those of the partials page bodies render (markdown.Partials), and the UI strings
// of the page's language and of its text's language. A preview rebuild after an edit of layouts
// or UI strings keeps only the pages whose look is the same (madeFrom).
func (b *builder) lookOf(pg *content.Page, layout string) [digest.Size]byte {
	key := [3]string{layout, pg.Lang, pg.Content().Lang}
	if d, ok := b.looks.Load(key); ok {
		return d.([digest.Size]byte)
	}
	files := slices.Clone(b.layouts.Files(layout))
	for _, p := range markdown.Partials {
		files = append(files, b.layouts.PartialFiles(p.Name)...)
	}
	slices.Sort(files)
	h := sha256.New()
	sum := b.layouts.Digest(slices.Compact(files))
	h.Write(sum[:])
	for _, lang := range key[1:] {
		sum := b.catalog.Digest(lang)
		h.Write(sum[:])
	}
	var d [digest.Size]byte
	h.Sum(d[:0])
	b.looks.Store(key, d)
	return d
}
