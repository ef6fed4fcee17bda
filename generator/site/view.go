package site

import (
	"fmt"
	"html/template"
	"path"
	"sync"

	"pandu/generator/content"
	"pandu/generator/internal/digest"
	"pandu/generator/markdown"
	"pandu/generator/templates"
)

// The layouts get plain data (templates.View), never the content model. What every page of a
// language shares (the site view, the language, the menu) and the link of every page (with a
// section's list of pages) are made once per build and shared: see views.

// viewCache holds what the views of all pages share. It is made from the site model on first use
// (views) and dropped when the model changes (resetViews). A language's links are made when a
// view of that language first needs them (of): the preview's edited page waits for its own
// language's, not for those of every page of the site.
type viewCache struct {
	langs map[string]*langViews
	// memo digests what many views share once (the preview's pagePrint).
	memo *digest.Memo
}

// langViews is what every page of a language shares.
type langViews struct {
	lang       *templates.LangView
	site       *templates.SiteView
	bookletURL string
	model      *content.Language    // its pages, which the links below are made from
	once       sync.Once            // makes the lists below (make)
	menu       []templates.PageLink // the home's sections
	// links holds the link of every page that is one of a section's (or home's) pages, section
	// by section: a section's list of pages is a window of it, not a copy. pos is each such
	// page's place in links.
	links []templates.PageLink
	pos   map[*content.Page]int
	// sections holds what the sections and homes have beside their pages.
	sections map[*content.Page]*sectionLinks
}

// sectionLinks is a section's or home's link with its pages, and the lists made from it.
type sectionLinks struct {
	link     templates.SectionLink   // with its pages (a window of langViews.links)
	start    int                     // where its pages start in langViews.links
	sections []templates.SectionLink // its sections
	crumbs   []templates.PageLink    // the sections from the home down to this one, this one included
}

// views returns the shared view data, made on first use.
func (b *builder) views() *viewCache {
	b.viewMu.Lock()
	defer b.viewMu.Unlock()
	if b.viewData == nil {
		b.viewData = b.newViewCache()
	}
	return b.viewData
}

// resetViews drops the shared view data: the next view is made from the site model as it is
// now (the preview calls it after it changed pages' front matter).
func (b *builder) resetViews() {
	b.viewMu.Lock()
	b.viewData = nil
	b.viewMu.Unlock()
}

// newViewCache makes the shared view data: what each language shares now, its links on first use.
func (b *builder) newViewCache() *viewCache {
	c := &viewCache{langs: map[string]*langViews{}, memo: digest.NewMemo()}
	langs := make([]*templates.LangView, len(b.cfg.Ordered))
	for i, l := range b.cfg.Ordered {
		langs[i] = &templates.LangView{Code: l.Code, Name: l.Name, Title: l.Title, Direction: l.Direction, Fragments: templates.NewFragments()}
	}
	var pub *templates.Publisher
	if p := b.cfg.Publisher; p != nil {
		pub = &templates.Publisher{Name: p.Name, Email: p.Email, URL: p.URL}
	}
	homes := map[string]string{}
	for _, sl := range b.site.Languages {
		homes[sl.Code] = sl.Home.URL
	}
	var def *templates.LangView
	for i, l := range b.cfg.Ordered {
		c.langs[l.Code] = &langViews{lang: langs[i]}
		if l.Code == b.cfg.DefaultLanguage {
			def = langs[i]
		}
	}
	for _, sl := range b.site.Languages {
		l := b.cfg.Language(sl.Code)
		lv := c.langs[sl.Code]
		lv.model = sl
		lv.site = &templates.SiteView{Title: l.Title, Description: l.Description, BaseURL: b.cfg.BaseURL,
			HomeURL: sl.Home.URL, Languages: langs, Default: def, Publisher: pub,
			Generator: "Pandu " + Version, Help: b.helpLink(sl.Code), Homes: homes}
		lv.bookletURL = b.bookletURL(sl.Code)
	}
	return c
}

// of returns what the pages of the language code share, its links made.
func (c *viewCache) of(code string) *langViews {
	lv := c.langs[code]
	lv.once.Do(lv.make)
	return lv
}

// all makes the links of every language (a build's views need them all; tests compare them).
func (c *viewCache) all() *viewCache {
	for code := range c.langs {
		c.of(code)
	}
	return c
}

// make makes the links of the language's pages, section by section: one list of links for all
// of them, and one map.
func (lv *langViews) make() {
	var holders []*content.Page // the home and its sections, in tree order
	var n int
	for _, pg := range lv.model.Pages {
		if pg.Kind != content.KindPage {
			holders = append(holders, pg)
			n += len(pg.Pages)
		}
	}
	lv.links, lv.pos = make([]templates.PageLink, n), make(map[*content.Page]int, n)
	lv.sections = make(map[*content.Page]*sectionLinks, len(holders))
	slab := make([]sectionLinks, len(holders)) // one allocation for all
	at := 0
	for i, pg := range holders {
		sl := &slab[i]
		lv.sections[pg] = sl
		sl.link.PageLink = pageLink(pg)
		sl.link.Dir = path.Base(pg.Dir())
		sl.start = at
		sl.link.Pages = lv.links[at : at+len(pg.Pages) : at+len(pg.Pages)]
		for _, p := range pg.Pages {
			lv.links[at] = pageLink(p)
			lv.pos[p] = at
			at++
		}
	}
	for _, pg := range holders {
		sl := lv.sections[pg]
		sl.sections = lv.sectionLinks(pg)
		lv.crumbs(pg) // the breadcrumbs of the pages it holds
	}
	lv.menu = lv.sectionLinksOf(lv.model.Home)
}

// sectionLinks returns the links to the sections of pg, with their pages.
func (lv *langViews) sectionLinks(pg *content.Page) []templates.SectionLink {
	var out []templates.SectionLink
	for _, s := range pg.Sections {
		out = append(out, lv.sections[s].link)
	}
	return out
}

// sectionLinksOf returns the links to the sections of pg without their pages (a home's: the
// menu).
func (lv *langViews) sectionLinksOf(pg *content.Page) []templates.PageLink {
	var out []templates.PageLink
	for _, s := range pg.Sections {
		out = append(out, lv.sections[s].link.PageLink)
	}
	return out
}

// patchViews makes the shared view data agree with the site model again after the front matter
// of the pages edited changed in place, none of them moving (the preview's fast path: see
// sameStructure), and the model was put in order again (content.Site.Reorder). What such an edit
// changes is the links to those pages and the lists that hold them: their parents' pages in their
// order now, and for a section or home its parent's sections, the menu and the breadcrumbs below
// it. Making all of it again for every page of the site took the edited page tens of milliseconds
// on 15,000 pages. The memo and the parts of pages rendered once per language (Fragments: the
// menu) start afresh: what they hold may have changed. The cache is a new one for those who
// compare what they were made from with it (searchPage.sameAs), though it shares its lists
// with the one before, which it changes. A language whose links were not made yet is made
// from the model as it is now.
func (b *builder) patchViews(edited []*content.Page) {
	b.viewMu.Lock()
	defer b.viewMu.Unlock()
	if b.viewData == nil {
		return // made from the model as it is now, on first use
	}
	c := new(viewCache)
	*c = *b.viewData
	b.viewData = c
	c.memo = digest.NewMemo()
	for _, lv := range c.langs {
		lv.lang.Fragments = templates.NewFragments()
	}
	isEdited := make(map[*content.Page]bool, len(edited))
	parents := map[*content.Page]bool{}
	var sections []*content.Page
	for _, pg := range edited {
		isEdited[pg] = true
		if sl := c.of(pg.Lang).sections[pg]; sl != nil {
			sl.link.PageLink = pageLink(pg)
			sections = append(sections, pg)
		}
		if pg.Parent != nil {
			parents[pg.Parent] = true
		}
	}
	for p := range parents {
		lv := c.of(p.Lang)
		sl := lv.sections[p]
		for i, q := range p.Pages {
			if at := sl.start + i; isEdited[q] || lv.links[at].URL != q.URL { // edited, or moved
				lv.links[at] = pageLink(q)
				lv.pos[q] = at
			}
		}
		sl.sections = lv.sectionLinks(p)
	}
	for _, l := range b.site.Languages {
		if parents[l.Home] {
			lv := c.of(l.Code)
			lv.menu = lv.sectionLinksOf(l.Home)
		}
	}
	// The breadcrumbs of an edited section and of the sections below it, made again top down.
	var below func(s *content.Page, fn func(*content.Page))
	below = func(s *content.Page, fn func(*content.Page)) {
		fn(s)
		for _, sub := range s.Sections {
			below(sub, fn)
		}
	}
	for _, s := range sections {
		lv := c.of(s.Lang)
		below(s, func(x *content.Page) { lv.sections[x].crumbs = nil })
		below(s, func(x *content.Page) { lv.crumbs(x) })
	}
}

// link returns the link to pg.
func (c *viewCache) link(pg *content.Page) templates.PageLink {
	lv := c.of(pg.Lang)
	if sl := lv.sections[pg]; sl != nil {
		return sl.link.PageLink
	}
	if i, ok := lv.pos[pg]; ok {
		return lv.links[i]
	}
	return pageLink(pg)
}

// at returns the index of pg among its parent's pages (0 when it is not one of them).
func (c *viewCache) at(pg *content.Page) int {
	lv := c.of(pg.Lang)
	i, ok := lv.pos[pg]
	if !ok || pg.Parent == nil {
		return 0
	}
	return i - lv.sections[pg.Parent].start
}

// crumbs returns the links from the home down to the section pg (pg included), made once per
// section.
func (lv *langViews) crumbs(pg *content.Page) []templates.PageLink {
	sl := lv.sections[pg]
	if sl.crumbs != nil {
		return sl.crumbs
	}
	var up []templates.PageLink
	if pg.Parent != nil {
		up = lv.crumbs(pg.Parent)
	}
	sl.crumbs = append(up[:len(up):len(up)], sl.link.PageLink)
	return sl.crumbs
}

// pageLink is the link to a page.
func pageLink(pg *content.Page) templates.PageLink {
	l := templates.PageLink{Title: pg.Title, URL: pg.URL, Description: pg.Description, Weight: pg.Weight, Fallback: pg.Fallback}
	if pg.Fallback {
		l.ContentLang = pg.Content().Lang
	}
	l.Icon = pageIcon(pg)
	return l
}

// pageIcon is the name of a page's icon (icon under [params]), "" when it has none. A name that
// is not a string is no icon's: the layouts' icon function says so and lists the names.
func pageIcon(pg *content.Page) string {
	ic := pg.Params["icon"]
	if !isTrue(ic) {
		return ""
	}
	if s, ok := ic.(string); ok {
		return s
	}
	return fmt.Sprint(ic)
}

// isTrue reports whether a front matter value counts as true in a layout's {{if}}.
func isTrue(v any) bool {
	t, _ := template.IsTrue(v)
	return t
}

// langView returns the view of a language of the site.
func (b *builder) langView(code string) *templates.LangView { return b.views().langs[code].lang }

// pageLinks returns the links to pages.
func (b *builder) pageLinks(pages []*content.Page) []templates.PageLink {
	c := b.views()
	out := make([]templates.PageLink, len(pages))
	for i, pg := range pages {
		out[i] = c.link(pg)
	}
	return out
}

// view builds the data a page's layout is executed with. The body comes in two parts: the
// emergency lead (often empty) and the rest. Without doc, the view has no table of contents.
func (b *builder) view(pg *content.Page, doc *markdown.Document, lead, rest []byte) *templates.View {
	v, _ := b.viewFrom(pg, doc, lead, rest)
	return v
}

// viewFrom is view, and also returns the page whose text's version the view compared (a
// translation's drift notice), nil for none. A view reads the site model and, of the texts, only
// that version: the preview records the page (pagePrint.source) to find the pages an edit of a
// text changes beside those showing it.
func (b *builder) viewFrom(pg *content.Page, doc *markdown.Document, lead, rest []byte) (*templates.View, *content.Page) {
	v := new(templates.View)
	return v, b.fillView(v, pg, doc, lead, rest)
}

// fillView sets *v to the view of pg (viewFrom), for a caller that reuses v.
func (b *builder) fillView(v *templates.View, pg *content.Page, doc *markdown.Document, lead, rest []byte) *content.Page {
	c := b.views()
	lv := c.of(pg.Lang)
	src := pg.Content()
	body := string(lead) + string(rest) // Lead and Rest are its two parts, not copies
	*v = templates.View{
		Site: lv.site, Lang: lv.lang, Page: pageView(pg), Kind: pg.Kind.String(),
		Title: src.Title, Description: src.Description, Content: template.HTML(body),
		Lead: template.HTML(body[:len(lead)]), Rest: template.HTML(body[len(lead):]), ContentLang: src.Lang,
		URL: pg.URL, AbsURL: b.cfg.AbsURL(pg.URL),
		Menu: lv.menu, BookletURL: lv.bookletURL,
	}
	if sl := lv.sections[pg]; sl != nil {
		v.Sections, v.Pages = sl.sections, sl.link.Pages
	}
	if doc != nil {
		v.TOC = doc.TOC(2, 3)
	}
	v.Canonical = v.AbsURL
	if pg.Parent != nil {
		parent := lv.sections[pg.Parent]
		v.Parent = &parent.link
		v.Siblings, v.SiblingsAll = templates.SiblingWindow(parent.link.Pages, c.at(pg))
		v.Breadcrumbs = parent.crumbs
	}
	if pg.Fallback {
		v.Fallback, v.NoIndex = true, true
		v.SourceLang = c.langs[src.Lang].lang
		v.SourceURL = src.URL
		v.Canonical = b.cfg.AbsURL(src.URL)
	}
	source := b.drift(pg, v)
	if v.Description == "" {
		v.Description = v.Site.Description
	}
	// hreflang alternates: only real translations, plus x-default (the default language).
	for _, t := range pg.Translations {
		if t.Fallback {
			continue
		}
		v.Alternates = append(v.Alternates, templates.Alternate{Hreflang: t.Lang, Href: b.cfg.AbsURL(t.URL)})
		if t.Lang == b.cfg.DefaultLanguage {
			v.Alternates = append(v.Alternates, templates.Alternate{Hreflang: "x-default", Href: b.cfg.AbsURL(t.URL)})
		}
	}
	v.Switcher = b.switcher(pg)
	if pg.Layout == "glossary" {
		if g := b.glossaries[src.Lang]; g != nil {
			v.Glossary = make([]templates.GlossaryTerm, len(g.Sorted))
			for i, t := range g.Sorted {
				v.Glossary[i] = templates.GlossaryTerm{Key: t.Key, Term: t.Term, Full: t.Full, Definition: t.Definition}
			}
		}
	}
	return source
}

// pageView is what the layouts know about the page itself.
func pageView(pg *content.Page) *templates.PageView {
	pv := &templates.PageView{Kind: pg.Kind.String(), Title: pg.Title, URL: pg.URL, Icon: pageIcon(pg), Date: pg.Date(),
		Lastmod: pg.Lastmod(), Reviewed: pg.Reviewed(), ShowPublisher: isTrue(pg.Params["show_publisher"])}
	if len(pg.Sources) > 0 {
		pv.Sources = make([]templates.Source, len(pg.Sources))
		for i, s := range pg.Sources {
			pv.Sources[i] = templates.Source{Title: s.Title, URL: s.URL}
		}
	}
	return pv
}

// switcher lists every language: the same guide where it exists, else that language's home.
func (b *builder) switcher(pg *content.Page) []templates.LangLink {
	c := b.views()
	out := make([]templates.LangLink, 0, len(b.site.Languages))
	for _, l := range b.site.Languages {
		link := templates.LangLink{Lang: c.langs[l.Code].lang, Current: l.Code == pg.Lang}
		if t := pg.Translation(l.Code); t != nil && (!t.Fallback || l.Code == pg.Lang) {
			link.URL, link.Exists = t.URL, true
		} else {
			link.URL = l.Home.URL
		}
		out = append(out, link)
	}
	return out
}

// specialView is the View of a page that is not a content page (404, root, search, offline,
// booklet, kit): the language's site, menu and home switcher, and the site's title.
func (b *builder) specialView(lang, kind string) *templates.View {
	c := b.views()
	lv := c.of(lang)
	home := b.site.ByLang[lang].Home
	v := &templates.View{Site: lv.site, Lang: lv.lang, Kind: kind, ContentLang: lang,
		Title: lv.lang.Title, Description: lv.site.Description,
		URL: home.URL + "404.html", AbsURL: b.cfg.AbsURL(home.URL + "404.html"), NoIndex: true,
		Menu: lv.menu}
	v.Canonical = v.AbsURL
	for _, l := range b.site.Languages {
		v.Switcher = append(v.Switcher, templates.LangLink{Lang: c.langs[l.Code].lang, URL: l.Home.URL, Current: l.Code == lang, Exists: true})
	}
	return v
}

// PrintView is what the print layouts get: booklet.html and pack.html the View and .Booklet,
// kit.html the View and .Kit.
type PrintView struct {
	*templates.View
	Booklet *Booklet // the booklet (Size "a4" or "a5"), or the offline pack's copy of it (Size "pack")
	Kit     *Kit     // the trainers' kit
}
