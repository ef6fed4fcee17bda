package templates

import (
	"html/template"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/markdown"
)

// View is the data every layout is executed with. Layout authors need nothing else.
type View struct {
	Site *SiteView
	Lang *config.Language // the reader's language: the page's language
	Page *content.Page    // nil for the root language chooser and the 404 pages
	Kind string           // "home", "section", "page", "404" or "root"
	// Title is the page title (the source title on a fallback page).
	Title       string
	Description string
	Content     template.HTML
	// Lead is the start of Content that a reader in danger needs first (a HELP callout in the
	// opening text, or the opening "darurat" section); empty when the page has none. Rest is
	// Content without Lead. A layout that shows a table of contents puts it between the two.
	Lead template.HTML
	Rest template.HTML
	// ContentLang is the language the text is written in: the page's language, or the source
	// language on a fallback page (layouts put it in a lang attribute around the text).
	ContentLang string
	TOC         []markdown.TOCEntry
	// Canonical is the absolute URL search engines should index; on a fallback page it is the
	// source page's URL.
	Canonical  string
	Alternates []Alternate // hreflang alternates, including x-default
	Switcher   []LangLink  // language switcher: every language, the current one marked
	NoIndex    bool        // ask search engines not to index this page
	// Fallback is set when the page has no translation in Lang and shows the source text.
	Fallback   bool
	SourceLang *config.Language
	SourceURL  string
	// Drifted is set when the translation was made from an older version of the source page.
	Drifted bool
	// Menu lists the top sections of the language; Breadcrumbs the sections above the page.
	Menu        []*content.Page
	Breadcrumbs []*content.Page
	// Children lists a section's or home's sections and pages, in order.
	Sections []*content.Page
	Pages    []*content.Page
	// Siblings lists the pages of a page's section nearest to it (the page included), at most
	// MaxSiblings of them; SiblingsAll is the number of pages in the section when some are left
	// out (0 when Siblings holds them all). Listing every sibling on every page made a section
	// of n pages cost n² to build.
	Siblings    []*content.Page
	SiblingsAll int
	// URL is the page's own site path; AbsURL its absolute URL.
	URL    string
	AbsURL string
	// Data carries what a special layout needs (for example the glossary terms).
	Data map[string]any
}

// SiteView is what layouts know about the whole site.
type SiteView struct {
	Title       string // in the reader's language
	Description string
	BaseURL     string
	HomeURL     string // site path of the reader's language home
	Languages   []*config.Language
	Default     *config.Language
	Params      map[string]any
	// Publisher answers for the site (site.toml [publisher]); nil when none is configured.
	Publisher *config.Publisher
	Generator string
	// Help is the header's link to the emergency part of the help guide in the reader's
	// language (site.toml [help]); nil when the site names none.
	Help *HelpLink
	// Homes maps a language code to its home URL (for the root chooser).
	Homes map[string]string
}

// HelpLink is where the header's emergency help link leads, and the emergency number to call.
type HelpLink struct {
	URL string // site path of the help guide's emergency part, with its #anchor
	// Tel is the emergency number's tel: link (made by the contact directory from a checked
	// number, so trusted as a URL); Number is how it is dialled ("999"). Both are empty when
	// contacts.toml marks no phone emergency = true. Name is its contact's name.
	Tel          template.URL
	Number, Name string
}

// Alternate is one <link rel="alternate" hreflang> entry.
type Alternate struct {
	Hreflang string
	Href     string // absolute URL
}

// LangLink is one entry of the language switcher.
type LangLink struct {
	Lang    *config.Language
	URL     string // site path of the same guide in that language, or that language's home
	Current bool
	// Exists is false when the guide has no page in that language and URL is its home.
	Exists bool
}

// MaxSiblings is the most sibling pages a page lists (see View.Siblings).
const MaxSiblings = 15

// SiblingWindow returns the at most MaxSiblings pages of pages nearest to pg (pg in the middle
// where it can be), and len(pages) if some are left out, else 0.
func SiblingWindow(pages []*content.Page, pg *content.Page) ([]*content.Page, int) {
	if len(pages) <= MaxSiblings {
		return pages, 0
	}
	at := 0
	for i, p := range pages {
		if p == pg {
			at = i
			break
		}
	}
	start := at - MaxSiblings/2
	if start < 0 {
		start = 0
	}
	if start > len(pages)-MaxSiblings {
		start = len(pages) - MaxSiblings
	}
	return pages[start : start+MaxSiblings], len(pages)
}
