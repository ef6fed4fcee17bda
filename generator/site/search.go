package site

import (
	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/search"
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
// lists all guides of the language; its script replaces the list with the results.
func (b *builder) writeSearch() error {
	errs := make([]error, len(b.site.Languages))
	parallel(len(b.site.Languages), func(i int) {
		errs[i] = b.writeSearchLang(b.site.Languages[i])
	})
	var problems diag.List
	for _, err := range errs {
		if err != nil {
			problems.Merge(diag.AsList(err))
		}
	}
	return problems.Err()
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

func (b *builder) writeSearchLang(l *content.Language) error {
	guides := searchGuides(l)
	pages := make([]search.Page, len(guides))
	for i, pg := range guides {
		src := pg.Content()
		sp := search.Page{URL: pg.URL, Title: src.Title, Lang: src.Lang}
		for _, s := range b.docs[pg].Sections() {
			sp.Sections = append(sp.Sections, search.Section{ID: s.ID, Title: s.Title, Text: s.Text})
		}
		pages[i] = sp
	}
	data, err := search.Build(l.Code, pages).JSON()
	if err != nil {
		return err
	}
	url := b.searchURL(l.Code)
	// The index is compact JSON already: minifying it again would cost time for nothing.
	if err := b.out.WriteRaw(b.outPath(url+"index.json"), data); err != nil {
		return err
	}
	if !b.layouts.Has("search") {
		return nil
	}
	v := b.specialView(l.Code, "search")
	v.Title, _ = b.catalog.T(l.Code, "search_title")
	v.URL, v.AbsURL = url, b.cfg.AbsURL(url)
	v.Canonical = v.AbsURL
	v.Data["Guides"] = guides
	v.Data["Index"] = url + "index.json"
	html, err := b.layouts.Execute(l.Code, "search", v)
	if err != nil {
		return err
	}
	return b.out.WriteFile(b.outPath(url), html)
}
