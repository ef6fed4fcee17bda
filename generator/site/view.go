package site

import (
	"html/template"

	"pandu/generator/content"
	"pandu/generator/markdown"
	"pandu/generator/templates"
)

// siteView is what layouts know about the site, in one language.
func (b *builder) siteView(lang string) *templates.SiteView {
	l := b.cfg.Language(lang)
	sv := &templates.SiteView{Title: l.Title, Description: l.Description, BaseURL: b.cfg.BaseURL,
		Languages: b.cfg.Ordered, Default: b.cfg.Default(), Params: b.cfg.Params, Publisher: b.cfg.Publisher,
		Generator: "Pandu " + Version, Homes: map[string]string{}, Help: b.helpLink(lang)}
	for _, sl := range b.site.Languages {
		sv.Homes[sl.Code] = sl.Home.URL
		if sl.Code == lang {
			sv.HomeURL = sl.Home.URL
		}
	}
	return sv
}

// view builds the data a page's layout is executed with. The body comes in two parts: the
// emergency lead (often empty) and the rest.
func (b *builder) view(pg *content.Page, doc *markdown.Document, lead, rest []byte) *templates.View {
	src := pg.Content()
	v := &templates.View{
		Site: b.siteView(pg.Lang), Lang: b.cfg.Language(pg.Lang), Page: pg, Kind: pg.Kind.String(),
		Title: src.Title, Description: src.Description, Content: template.HTML(string(lead) + string(rest)),
		Lead: template.HTML(lead), Rest: template.HTML(rest), ContentLang: src.Lang,
		TOC: doc.TOC(2, 3), URL: pg.URL, AbsURL: b.cfg.AbsURL(pg.URL),
		Sections: pg.Sections, Pages: pg.Pages, Data: map[string]any{},
	}
	v.Canonical = v.AbsURL
	if pg.Parent != nil {
		v.Siblings, v.SiblingsAll = templates.SiblingWindow(pg.Parent.Pages, pg)
	}
	if pg.Fallback {
		v.Fallback, v.NoIndex = true, true
		v.SourceLang = b.cfg.Language(src.Lang)
		v.SourceURL = src.URL
		v.Canonical = b.cfg.AbsURL(src.URL)
	}
	b.drift(pg, v)
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
	home := b.site.ByLang[pg.Lang].Home
	v.Menu = home.Sections
	v.Breadcrumbs = pg.Ancestors()
	if u := b.bookletURL(pg.Lang); u != "" {
		v.Data["BookletURL"] = u
	}
	if pg.Layout == "glossary" {
		if g := b.glossaries[src.Lang]; g != nil {
			v.Data["Glossary"] = g.Sorted
		}
	}
	return v
}

// switcher lists every language: the same guide where it exists, else that language's home.
func (b *builder) switcher(pg *content.Page) []templates.LangLink {
	var out []templates.LangLink
	for _, l := range b.site.Languages {
		link := templates.LangLink{Lang: l.Language, Current: l.Code == pg.Lang}
		if t := pg.Translation(l.Code); t != nil && (!t.Fallback || l.Code == pg.Lang) {
			link.URL, link.Exists = t.URL, true
		} else {
			link.URL = l.Home.URL
		}
		out = append(out, link)
	}
	return out
}
