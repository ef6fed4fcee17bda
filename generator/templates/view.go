package templates

import (
	"html/template"
	"time"

	"pandu/generator/markdown"
)

// View is the data every layout is executed with. Layout authors need nothing else: it is plain
// data (the site fills it in generator/site/view.go), not the content model. The booklet, pack and
// kit layouts get a View with their print data beside it (site.PrintView).
type View struct {
	Site *SiteView
	Lang *LangView // the reader's language: the page's language
	Page *PageView // the guide, section or home itself; nil for the special pages (404, root, search, print)
	Kind string    // "home", "section", "page", "404", "root", "search", "offline", "kit" or "booklet"
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
	SourceLang *LangView
	SourceURL  string
	// Drifted is set when the translation was made from an older version of the source page.
	Drifted bool
	// Menu lists the top sections of the language; Breadcrumbs the sections above the page,
	// from the language's home down.
	Menu        []PageLink
	Breadcrumbs []PageLink
	// Sections and Pages list a section's or home's sections and pages, in order.
	Sections []SectionLink
	Pages    []PageLink
	// Parent is the section (or home) holding a page; nil for a home and the special pages.
	Parent *SectionLink
	// Siblings lists the pages of a page's section nearest to it (the page included; it is the
	// one whose URL is the View's URL), at most MaxSiblings of them; SiblingsAll is the number of
	// pages in the section when some are left out (0 when Siblings holds them all). Listing every
	// sibling on every page made a section of n pages cost n² to build.
	Siblings    []PageLink
	SiblingsAll int
	// URL is the page's own site path; AbsURL its absolute URL.
	URL    string
	AbsURL string

	// BookletURL is the site path of the language's print booklet (on guides, sections and
	// homes); "" when site.toml [print] names no guides.
	BookletURL string
	// Quiz holds a guide's quiz questions ("> [!QUIZ]" blocks), numbered; nil when it has none.
	Quiz []QuizQuestion
	// Glossary holds the glossary terms of the text's language, sorted, on a page with
	// layout = "glossary"; nil elsewhere or when the language has no glossary.
	Glossary []GlossaryTerm
	// Guides lists every guide of the language on the search page; SearchIndex is the address
	// of the language's versioned search index there.
	Guides      []PageLink
	SearchIndex string
}

// PageView is what layouts know about the page itself (View.Page).
type PageView struct {
	Kind     string // "home", "section" or "page"
	Title    string
	URL      string
	Icon     string    // name of the page's icon (icon under [params]); "" when none
	Date     time.Time // front matter date; zero when none
	Lastmod  time.Time // lastmod, else date
	Reviewed time.Time // last check against the sources; zero when none
	Sources  []Source  // front matter [[sources]], in order
	// ShowPublisher is set by show_publisher = true under [params]: the page names the
	// publisher (site.toml [publisher]) under its text.
	ShowPublisher bool
}

// Source is one of a page's sources.
type Source struct {
	Title, URL string
}

// PageLink is a link to a page, as menus, breadcrumbs, lists and sibling lists show it.
type PageLink struct {
	Title       string
	URL         string
	Description string
	Icon        string // name of the page's icon (icon under [params]); "" when none
	Weight      int    // front matter weight (lists are in weight order already)
	// Fallback is set when the page has no translation in the reader's language; ContentLang
	// is then the language its title is written in.
	Fallback    bool
	ContentLang string
}

// SectionLink is a link to a section (or home) with the pages and sections it holds.
type SectionLink struct {
	PageLink
	Dir      string // the section's folder name ("hak"), for anchors
	Pages    []PageLink
	Sections []SectionLink
}

// LangView is one language of the site.
type LangView struct {
	Code      string
	Name      string // in the language itself: "Bahasa Indonesia"
	Title     string // the site title in this language
	Direction string // "ltr" or "rtl"
	// Fragments keeps what partialCached rendered for the pages of this language in one build
	// (nil: partialCached renders every time). It is a cache, not data a layout shows.
	Fragments *Fragments `digest:"-"`
}

// Publisher answers for the site (site.toml [publisher]).
type Publisher struct {
	Name, Email, URL string
}

// GlossaryTerm is one entry of a language's glossary.
type GlossaryTerm struct {
	Key        string // the entry's key, used in [[term:key]] and as the anchor term-KEY
	Term       string // the word as readers see it: "CPMI"
	Full       string // its expansion, "" when none
	Definition string
}

// QuizQuestion is one quiz question, its choices lettered A, B, ...
type QuizQuestion struct {
	N           int
	Name        string // name of its radio buttons on a page
	Question    template.HTML
	Choices     []QuizChoice
	Answer      string // letter of the right choice
	AnswerText  template.HTML
	Explanation template.HTML
}

// QuizChoice is one choice of a quiz question.
type QuizChoice struct {
	Letter string
	Text   template.HTML
	Right  bool
}

// SiteView is what layouts know about the whole site, in the reader's language. It is made once
// per language and shared by its pages.
type SiteView struct {
	Title       string // in the reader's language
	Description string
	BaseURL     string
	HomeURL     string // site path of the reader's language home
	Languages   []*LangView
	Default     *LangView
	// Publisher answers for the site (site.toml [publisher]); nil when none is configured.
	Publisher *Publisher
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
	Lang    *LangView
	URL     string // site path of the same guide in that language, or that language's home
	Current bool
	// Exists is false when the guide has no page in that language and URL is its home.
	Exists bool
}

// MaxSiblings is the most sibling pages a page lists (see View.Siblings).
const MaxSiblings = 15

// SiblingWindow returns the at most MaxSiblings links of pages nearest to the one at index at
// (in the middle where it can be), and len(pages) if some are left out, else 0.
func SiblingWindow(pages []PageLink, at int) ([]PageLink, int) {
	if len(pages) <= MaxSiblings {
		return pages, 0
	}
	start := SiblingStart(len(pages), at)
	return pages[start : start+MaxSiblings], len(pages)
}

// SiblingStart returns the index, among n pages, of the first link SiblingWindow returns for the
// page at index at.
func SiblingStart(n, at int) int {
	if n <= MaxSiblings {
		return 0
	}
	return min(max(at-MaxSiblings/2, 0), n-MaxSiblings)
}
