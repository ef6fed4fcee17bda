package site

import (
	"pandu/generator/content"
	"pandu/generator/templates"
	"pandu/generator/translate"
)

// drift marks a translation whose source page changed since it was translated, or that records
// no source version at all (an unknown version is not known to be current): the layouts then show
// a notice in the reader's language that links to the source page. The page is still published.
func (b *builder) drift(pg *content.Page, v *templates.View) {
	src := translate.SourceOf(pg, b.cfg.DefaultLanguage)
	if src == nil || !translate.Drifted(pg, src) {
		return
	}
	v.Drifted = true
	v.SourceLang = b.langView(src.Lang)
	v.SourceURL = src.URL
}
