package site

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"pandu/generator/config"
	"pandu/generator/diag"
	"pandu/generator/templates"
)

// helpLink is the header's emergency help link in a language: the help guide's emergency part
// (site.toml [help]) and the emergency number of contacts.toml. It is nil when site.toml names no
// help guide or the guide is missing in the language (checkHelp reports that).
func (b *builder) helpLink(lang string) *templates.HelpLink {
	h := b.cfg.Help
	sl := b.site.ByLang[lang]
	if h.Page == "" || sl == nil || sl.ByPath[h.Page] == nil {
		return nil
	}
	u := sl.ByPath[h.Page].URL
	if h.Anchor != "" {
		u += "#" + h.Anchor
	}
	link := &templates.HelpLink{URL: config.EscapePath(u)}
	key, i, ok := b.contacts.Emergency()
	if !ok {
		return link
	}
	c, err := b.contacts.Localize(key, lang,
		func(k string) string { return b.catalog.Label(lang, strings.ReplaceAll(k, ".", "_")) },
		func(t time.Time) string { return b.catalog.FormatDate(lang, t) })
	if err != nil || i >= len(c.Phones) || len(c.Phones[i].Dial) == 0 {
		return link
	}
	p := c.Phones[i]
	link.Tel, link.Number, link.Name = template.URL(p.Href), p.Dial[0].Number, c.Name
	return link
}

// checkHelp reports a [help] page that a language lacks, or an anchor its page lacks: the header
// of every page would link to nothing. It runs after the pages are parsed, when anchors are known.
func (b *builder) checkHelp() {
	h := b.cfg.Help
	if h.Page == "" {
		return
	}
	for _, l := range b.site.Languages {
		target := l.ByPath[h.Page]
		if target == nil {
			b.problems.Add(diag.Problem{File: config.FileName, Line: b.cfg.KeyLine("help", "page"),
				Message: fmt.Sprintf("[help] page %q does not exist in content/%s/", h.Page, l.Code),
				Hint:    "name the help guide by its path inside each language folder, e.g. page = \"bantuan/bantuan-di-malaysia.md\""})
			continue
		}
		if h.Anchor == "" {
			continue
		}
		if set, _ := b.anchorsOf(target.Content()); !set[h.Anchor] {
			b.problems.Add(diag.Problem{File: config.FileName, Line: b.cfg.KeyLine("help", "anchor"),
				Message: fmt.Sprintf("[help] anchor %q: %s has no heading with {#%s}", h.Anchor, target.Content().File, h.Anchor),
				Hint:    fmt.Sprintf("give the emergency heading of %s the ID: ## … {#%s}, or correct anchor", target.Content().File, h.Anchor)})
		}
	}
}
