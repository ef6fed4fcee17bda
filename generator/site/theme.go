package site

import (
	"io"

	"pandu/generator/diag"
	"pandu/generator/markdown"
	"pandu/generator/templates"
)

// pageTheme renders the parts of page bodies that a designer styles (markdown.Theme: contact
// cards, callouts, checklist items) with the partials of the site's layouts, in one language.
type pageTheme struct {
	layouts *templates.Set
	lang    string
}

// Render executes layouts/partials/<partial>.html with data.
func (t pageTheme) Render(w io.Writer, partial string, data any) error {
	if !t.layouts.HasPartial(partial) {
		receives := "its data"
		for _, p := range markdown.Partials {
			if p.Name == partial {
				receives = p.Receives
			}
		}
		return diag.Problem{File: "layouts/partials/" + partial + ".html",
			Message: "the partial is missing: page bodies need it; it receives " + receives,
			Hint:    "create it (README.md, section Layouts, shows what each partial receives), e.g. from a copy of Pandu's own layouts"}
	}
	return t.layouts.ExecutePartial(w, t.lang, partial, data)
}

// markdownOptions configure the site's Markdown converter: raw HTML as site.toml says, and the
// layouts' partials for contact cards, callouts and checklists (in the default language for
// renders without a page; a page's resolver hands in the page's own language).
func (b *builder) markdownOptions() markdown.Options {
	return markdown.Options{Unsafe: b.cfg.UnsafeHTML, Theme: pageTheme{b.layouts, b.cfg.DefaultLanguage}}
}

// Theme is the page's theme: the layouts in the language of the page's text.
func (r *resolver) Theme() markdown.Theme { return pageTheme{r.b.layouts, r.textLang} }
