package site

import (
	"fmt"
	"html/template"
	"path"

	"pandu/generator/content"
	"pandu/generator/internal/digest"
	"pandu/generator/markdown"
	"pandu/generator/templates"
)

// The layouts get plain data (templates.View), never the content model. What every page of a
// language shares (the site view, the language, the menu) and the link of every page (with a
// section's list of pages) are made once per build and shared: see views.

// viewCache holds what the views of all pages share. It is made from the site model on first use
// (views) and dropped when the model changes (resetViews).
type viewCache struct {
	langs map[string]*langViews
	// links holds the link of every page that is one of a section's (or home's) pages, section
	// by section: a section's list of pages is a window of it, not a copy. pos is each such
	// page's place in links.
	links []templates.PageLink
	pos   map[*content.Page]int
	// sections holds what the sections and homes have beside their pages.
	sections map[*content.Page]*sectionLinks
	// memo digests what many views share once (the preview's pagePrint).
	memo *digest.Memo
}

// langViews is what every page of a language shares.
type langViews struct {
	lang       *templates.LangView
	site       *templates.SiteView
	menu       []templates.PageLink // the home's sections
	bookletURL string
}

// sectionLinks is a section's or home's link with its pages, and the lists made from it.
type sectionLinks struct {
	link     templates.SectionLink   // with its pages (a window of viewCache.links)
	start    int                     // where its pages start in viewCache.links
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

// newViewCache makes the shared view data. The preview makes it again after every edit of front
// matter, for every page of the site: it takes one list of links for all pages, and one map.
func (b *builder) newViewCache() *viewCache {
	var n, nsec int
	for _, pg := range b.site.Pages {
		if pg.Kind != content.KindPage {
			n += len(pg.Pages)
			nsec++
		}
	}
	c := &viewCache{langs: map[string]*langViews{}, links: make([]templates.PageLink, n), pos: make(map[*content.Page]int, n),
		sections: make(map[*content.Page]*sectionLinks, nsec), memo: digest.NewMemo()}
	lang := func(code string) *templates.LangView { return c.langs[code].lang }
	for _, l := range b.cfg.Ordered {
		c.langs[l.Code] = &langViews{lang: &templates.LangView{Code: l.Code, Name: l.Name, Title: l.Title, Direction: l.Direction, Fragments: templates.NewFragments()}}
	}
	langs := make([]*templates.LangView, len(b.cfg.Ordered))
	for i, l := range b.cfg.Ordered {
		langs[i] = lang(l.Code)
	}
	var pub *templates.Publisher
	if p := b.cfg.Publisher; p != nil {
		pub = &templates.Publisher{Name: p.Name, Email: p.Email, URL: p.URL}
	}
	homes := map[string]string{}
	for _, sl := range b.site.Languages {
		homes[sl.Code] = sl.Home.URL
	}
	slab := make([]sectionLinks, nsec) // one allocation for all
	at := 0
	for _, pg := range b.site.Pages {
		if pg.Kind == content.KindPage {
			continue
		}
		sl := &slab[0]
		slab = slab[1:]
		c.sections[pg] = sl
		sl.link.PageLink = pageLink(pg)
		sl.link.Dir = path.Base(pg.Dir())
		sl.start = at
		sl.link.Pages = c.links[at : at+len(pg.Pages) : at+len(pg.Pages)]
		for _, p := range pg.Pages {
			c.links[at] = pageLink(p)
			c.pos[p] = at
			at++
		}
	}
	for _, pg := range b.site.Pages {
		if sl := c.sections[pg]; sl != nil {
			sl.sections = c.sectionLinks(pg)
			c.crumbs(pg) // the breadcrumbs of the pages it holds
		}
	}
	for _, sl := range b.site.Languages {
		l := b.cfg.Language(sl.Code)
		lv := c.langs[sl.Code]
		lv.site = &templates.SiteView{Title: l.Title, Description: l.Description, BaseURL: b.cfg.BaseURL,
			HomeURL: sl.Home.URL, Languages: langs, Default: lang(b.cfg.DefaultLanguage), Publisher: pub,
			Generator: "Pandu " + Version, Help: b.helpLink(sl.Code), Homes: homes}
		lv.menu = c.menu(sl.Home)
		lv.bookletURL = b.bookletURL(sl.Code)
	}
	return c
}

// sectionLinks returns the links to the sections of pg, with their pages.
func (c *viewCache) sectionLinks(pg *content.Page) []templates.SectionLink {
	var out []templates.SectionLink
	for _, s := range pg.Sections {
		out = append(out, c.sections[s].link)
	}
	return out
}

// menu returns the links to the sections of a language's home.
func (c *viewCache) menu(home *content.Page) []templates.PageLink {
	var out []templates.PageLink
	for _, s := range home.Sections {
		out = append(out, c.sections[s].link.PageLink)
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
// with the one before, which it changes.
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
		if sl := c.sections[pg]; sl != nil {
			sl.link.PageLink = pageLink(pg)
			sections = append(sections, pg)
		}
		if pg.Parent != nil {
			parents[pg.Parent] = true
		}
	}
	for p := range parents {
		sl := c.sections[p]
		for i, q := range p.Pages {
			if at := sl.start + i; isEdited[q] || c.links[at].URL != q.URL { // edited, or moved
				c.links[at] = pageLink(q)
				c.pos[q] = at
			}
		}
		sl.sections = c.sectionLinks(p)
	}
	for _, l := range b.site.Languages {
		if parents[l.Home] {
			c.langs[l.Code].menu = c.menu(l.Home)
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
		below(s, func(x *content.Page) { c.sections[x].crumbs = nil })
	}
	for _, s := range sections {
		below(s, func(x *content.Page) { c.crumbs(x) })
	}
}

// link returns the link to pg.
func (c *viewCache) link(pg *content.Page) templates.PageLink {
	if sl := c.sections[pg]; sl != nil {
		return sl.link.PageLink
	}
	if i, ok := c.pos[pg]; ok {
		return c.links[i]
	}
	return pageLink(pg)
}

// at returns the index of pg among its parent's pages (0 when it is not one of them).
func (c *viewCache) at(pg *content.Page) int {
	i, ok := c.pos[pg]
	if !ok || pg.Parent == nil {
		return 0
	}
	return i - c.sections[pg.Parent].start
}

// crumbs returns the links from the home down to the section pg (pg included), made once per
// section.
func (c *viewCache) crumbs(pg *content.Page) []templates.PageLink {
	sl := c.sections[pg]
	if sl.crumbs != nil {
		return sl.crumbs
	}
	var up []templates.PageLink
	if pg.Parent != nil {
		up = c.crumbs(pg.Parent)
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
	lv := c.langs[pg.Lang]
	src := pg.Content()
	body := string(lead) + string(rest) // Lead and Rest are its two parts, not copies
	*v = templates.View{
		Site: lv.site, Lang: lv.lang, Page: pageView(pg), Kind: pg.Kind.String(),
		Title: src.Title, Description: src.Description, Content: template.HTML(body),
		Lead: template.HTML(body[:len(lead)]), Rest: template.HTML(body[len(lead):]), ContentLang: src.Lang,
		URL: pg.URL, AbsURL: b.cfg.AbsURL(pg.URL),
		Menu: lv.menu, BookletURL: lv.bookletURL,
	}
	if sl := c.sections[pg]; sl != nil {
		v.Sections, v.Pages = sl.sections, sl.link.Pages
	}
	if doc != nil {
		v.TOC = doc.TOC(2, 3)
	}
	v.Canonical = v.AbsURL
	if pg.Parent != nil {
		parent := c.sections[pg.Parent]
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
	lv := c.langs[lang]
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
