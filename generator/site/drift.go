package site

import (
	"pandu/generator/content"
	"pandu/generator/templates"
	"pandu/generator/translate"
)

// drift marks a translation whose source page changed since it was translated, or that records
// no source version at all (an unknown version is not known to be current): the layouts then show
// a notice in the reader's language that links to the source page. The page is still published.
// It returns the source page whose version it compared, nil when pg is no translation.
func (b *builder) drift(pg *content.Page, v *templates.View) *content.Page {
	src := translate.SourceOf(pg, b.cfg.DefaultLanguage)
	if src == nil || pg.TranslatedFrom == b.version(src) {
		return src
	}
	v.Drifted = true
	v.SourceLang = b.langView(src.Lang)
	v.SourceURL = src.URL
	return src
}

// version returns the version of a source page's text (translate.Hash), made once per page and
// build: every translation of the page compares it. A rebuild of the preview's model takes it
// from the previous build when the text, title and description are the same (sameTexts).
func (b *builder) version(src *content.Page) string {
	if v, ok := b.versions.Load(src); ok {
		return v.(string)
	}
	v := translate.Hash(src)
	b.versions.Store(src, v)
	return v
}

// keepVersion makes the version of pg when a translation compares it (drift): before a build
// for disk drops pg's text (dropText), which its translations may render after.
func (b *builder) keepVersion(pg *content.Page) {
	for _, t := range pg.Translations {
		if t != pg && translate.SourceOf(t, b.cfg.DefaultLanguage) == pg {
			b.version(pg)
			return
		}
	}
}
