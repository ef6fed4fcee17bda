// Package config owns site.toml: the site's base URL, its languages and their order, the pages that
// Markdown features and the page header point to (the law page, the glossary, the help guide), the
// print edition, the publisher (who answers for the site, shown in every footer and on the About
// page), the theme of the installed site (colours, short name) and the free-form params that layouts may use. Load reads and checks the file; an unknown
// key is an error that names the key, the file and the line, so that a typo never silently does
// nothing.
package config

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"pandu/generator/diag"
	"pandu/generator/internal/tomlpos"
	"pandu/generator/sourcefs"
)

// readConfig reads root/site.toml under the same rules as every other source file.
func readConfig(root string) ([]byte, error) {
	r, err := sourcefs.For(root)
	if err != nil {
		return nil, err
	}
	return r.ReadFile(filepath.Join(root, FileName), sourcefs.DefaultMaxMarkdown)
}

// FileName is the name of the configuration file at the site root.
const FileName = "site.toml"

// Config is the whole site configuration.
type Config struct {
	BaseURL         string               `toml:"base_url"`
	DefaultLanguage string               `toml:"default_language"`
	UnsafeHTML      bool                 `toml:"unsafe_html"`
	ReviewMaxMonths int                  `toml:"review_max_age_months"`
	Languages       map[string]*Language `toml:"languages"`
	Laws            map[string]*Law      `toml:"laws"`
	Glossary        Glossary             `toml:"glossary"`
	Help            Help                 `toml:"help"`
	Print           Print                `toml:"print"`
	Limits          Limits               `toml:"limits"`
	Publisher       *Publisher           `toml:"publisher"`
	Theme           Theme                `toml:"theme"`
	Params          map[string]any       `toml:"params"`

	// Ordered holds the languages sorted by weight, then code. The default language comes first
	// when weights are equal.
	Ordered []*Language `toml:"-"`
	// Root is the site root folder (where site.toml is).
	Root string `toml:"-"`
	// Warnings are the problems Load found that do not stop a build (such as a placeholder
	// publisher); the build reports them.
	Warnings diag.List `toml:"-"`
	// BaseURLLine is the line of base_url in site.toml (0 when it is missing), for messages.
	BaseURLLine int `toml:"-"`
	// BaseURLFlag says that BaseURL came from --base-url, not from site.toml.
	BaseURLFlag bool `toml:"-"`

	keys *tomlpos.Doc // where each key of site.toml is written
}

// KeyLine returns the line of site.toml where a key is written (["help", "page"] for [help]
// page), or the line of the table that holds it when the key itself is not written; 0 when the
// configuration was not parsed from a file or neither is there. It is meant for messages.
func (c *Config) KeyLine(key ...string) int {
	if c.keys == nil {
		return 0
	}
	return c.keys.Line(key...)
}

// BaseURLHint says how to give the site its real address; `pandu pdf` and the booklet's QR codes
// refuse a placeholder base URL with it.
const BaseURLHint = "set base_url in site.toml or pass --base-url to the address where the site is published"

// PlaceholderBaseURL reports whether the base URL is a placeholder and not the address where the
// site is published: its host is a name reserved for examples, tests or a local network (the same
// names as a placeholder [publisher], see ReservedHost). It returns the host that gave it away.
func (c *Config) PlaceholderBaseURL() (bool, string) {
	u, err := url.Parse(c.BaseURL)
	if err != nil || c.BaseURL == "" {
		return false, ""
	}
	if ReservedHost(u.Hostname()) {
		return true, u.Hostname()
	}
	return false, ""
}

// BaseURLProblem describes a placeholder base URL where it was set (site.toml's line, or the
// --base-url flag): what it breaks and how to fix it. ok is false for a real address.
func (c *Config) BaseURLProblem() (p diag.Problem, ok bool) {
	placeholder, host := c.PlaceholderBaseURL()
	if !placeholder {
		return p, false
	}
	p = diag.Problem{File: FileName, Line: c.BaseURLLine,
		Message: fmt.Sprintf("base_url %q is a placeholder (%s is not a published address): %s", c.BaseURL, host, BaseURLHint),
		Hint:    `e.g. base_url = "https://guides.your-organisation.org/", or for GitHub Pages --base-url "https://ORG.github.io/REPO/"`}
	if c.BaseURLFlag {
		p.File, p.Line = "--base-url", 0
	}
	return p, true
}

// SetBaseURL overrides site.toml's base_url with the --base-url flag, checked like base_url.
func (c *Config) SetBaseURL(raw string) error {
	norm, why := CheckBaseURL(raw)
	if why != "" {
		return diag.Problem{File: "--base-url", Message: fmt.Sprintf("%q %s", raw, why),
			Hint: `write it like "https://example.org/" or "https://example.org/guides/"`}
	}
	c.BaseURL, c.BaseURLFlag = norm, true
	return nil
}

// Theme is how the site looks when a reader installs it on a phone ([theme] in site.toml): the
// web app manifest and the browser bar. Every key is optional; DefaultTheme fills the missing ones.
type Theme struct {
	Color           string `toml:"color"`            // browser bar and splash screen: "#0b5394"
	BackgroundColor string `toml:"background_color"` // splash screen background: "#ffffff"
	ShortName       string `toml:"short_name"`       // the installed app's name under its icon: "Pandu"
}

// DefaultTheme is the theme of a site.toml without [theme]: Pandu's own look.
var DefaultTheme = Theme{Color: "#0b5394", BackgroundColor: "#ffffff", ShortName: "Pandu"}

var hexColor = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// checkTheme checks [theme] and fills in the defaults of the keys it does not set.
func checkTheme(keys *tomlpos.Doc, md toml.MetaData, t *Theme, problems *diag.List) {
	at := func(key string) (int, int) {
		p := keys.Value("theme", key)
		return p.Line, p.Col
	}
	for _, c := range []struct {
		key string
		v   *string
		def string
	}{{"color", &t.Color, DefaultTheme.Color}, {"background_color", &t.BackgroundColor, DefaultTheme.BackgroundColor}} {
		if !md.IsDefined("theme", c.key) {
			*c.v = c.def
		} else if !hexColor.MatchString(*c.v) {
			line, col := at(c.key)
			problems.Add(diag.Problem{File: FileName, Line: line, Column: col,
				Message: fmt.Sprintf("[theme] %s %q is not a colour like \"#0b5394\"", c.key, *c.v),
				Hint:    "write # and 6 (or 3) hex digits, e.g. " + c.key + " = \"" + c.def + "\", or remove the key for that default"})
		}
	}
	if !md.IsDefined("theme", "short_name") {
		t.ShortName = DefaultTheme.ShortName
	} else if n := utf8.RuneCountInString(strings.TrimSpace(t.ShortName)); n == 0 || n > 12 {
		line, col := at("short_name")
		problems.Add(diag.Problem{File: FileName, Line: line, Column: col,
			Message: fmt.Sprintf("[theme] short_name %q must be 1 to 12 characters: phones cut a longer name under the app icon", t.ShortName),
			Hint:    "e.g. short_name = \"" + DefaultTheme.ShortName + "\", or remove the key for that default"})
	}
}

// Publisher is who publishes the site and answers for it: readers write here to report errors.
// It needs a name and an e-mail address or a web address (or both).
type Publisher struct {
	Name  string `toml:"name"`
	Email string `toml:"email"`
	URL   string `toml:"url"`
}

// Placeholder reports whether the publisher is the bundled example and not a real one: its
// e-mail address or web address is under a domain reserved for examples and tests (RFC 2606 and
// RFC 6761: example.com, example.net, example.org and their subdomains, and the .example, .test,
// .invalid and .localhost top-level domains). It returns the address that gave it away.
func (p *Publisher) Placeholder() (bool, string) {
	if p == nil {
		return false, ""
	}
	if _, domain, ok := strings.Cut(p.Email, "@"); ok && ReservedHost(domain) {
		return true, p.Email
	}
	if u, err := url.Parse(p.URL); err == nil && p.URL != "" && ReservedHost(u.Hostname()) {
		return true, p.URL
	}
	return false, ""
}

// ReservedHost reports whether a host name can never be a published address: a domain reserved
// for examples and tests (RFC 2606, RFC 6761: example.com, example.net, example.org and their
// subdomains, the .example, .test, .invalid and .localhost top-level domains, localhost), or a
// name for a local network only (.local, .internal, .home.arpa). The placeholder [publisher] and
// the placeholder base_url are told apart from real ones by this one function.
func ReservedHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range []string{"example.com", "example.net", "example.org"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	for _, tld := range []string{"example", "test", "invalid", "localhost", "local", "internal", "home.arpa"} {
		if host == tld || strings.HasSuffix(host, "."+tld) {
			return true
		}
	}
	return false
}

// Language is one language of the site.
type Language struct {
	Code        string `toml:"-"`
	Name        string `toml:"name"`        // in the language itself: "Bahasa Indonesia"
	Title       string `toml:"title"`       // site title in this language
	Description string `toml:"description"` // site description in this language
	Weight      int    `toml:"weight"`      // order in menus and the language chooser
	Direction   string `toml:"direction"`   // "ltr" (default) or "rtl"
}

// Law names the page that summarises a law article by article; law references such as
// [[UU18:6]] link to anchors on that page.
type Law struct {
	Page   string `toml:"page"`   // path inside each language folder, e.g. "rujukan/uu-18-2017.md"
	Anchor string `toml:"anchor"` // anchor pattern, %s is the article number; default "pasal-%s"
}

// Glossary names the glossary page that glossary references link to.
type Glossary struct {
	Page string `toml:"page"` // path inside each language folder
}

// Help names the emergency part of the help guide: every page header links to it, in the page's
// language. An empty Page means no such link.
type Help struct {
	Page   string `toml:"page"`   // path inside each language folder, e.g. "bantuan/bantuan-di-malaysia.md"
	Anchor string `toml:"anchor"` // heading ID on that page, e.g. "darurat"; empty: the top of the page
}

// Print configures the trainers' booklet.
type Print struct {
	Guides []string `toml:"guides"` // guide paths inside each language folder, in booklet order
	// CoverContacts are the keys of the contacts whose cards the booklet cover shows, in this
	// order (the cover is one page); the other contacts are listed by name, number and website
	// after the contents. Empty: every contact with a phone number, in file order.
	CoverContacts []string `toml:"cover_contacts"`
	// SessionPlan is the page (path inside each language folder) with the trainers' session
	// plan, printed first in the trainer kit. Empty: the kit has no plan.
	SessionPlan string `toml:"session_plan"`
}

// Limits caps the size of the files a build reads, so that a mistake (a 1.5 GB file, a link to
// /dev/zero) is an error naming the file instead of a build that eats the machine's memory.
type Limits struct {
	MarkdownBytes int64 `toml:"markdown_bytes"` // one Markdown or data file; default 8 MB
	FileBytes     int64 `toml:"file_bytes"`     // one static or layout file; default 64 MB
}

// MaxMarkdown returns the size limit for one Markdown, TOML or layout file.
func (c *Config) MaxMarkdown() int64 {
	if c == nil || c.Limits.MarkdownBytes <= 0 {
		return sourcefs.DefaultMaxMarkdown
	}
	return c.Limits.MarkdownBytes
}

// MaxFile returns the size limit for one static file.
func (c *Config) MaxFile() int64 {
	if c == nil || c.Limits.FileBytes <= 0 {
		return sourcefs.DefaultMaxFile
	}
	return c.Limits.FileBytes
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)

// Load reads root/site.toml and checks it.
func Load(root string) (*Config, error) {
	src, err := readConfig(root)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Problem{File: FileName, Message: "site configuration not found in " + root,
				Hint: "run the command from the site root, or pass --source DIR"}
		}
		return nil, sourcefs.Problem(err, FileName)
	}
	cfg, problems := Parse(src)
	if problems.Err() != nil {
		return nil, problems.Err()
	}
	cfg.Root = root
	cfg.Warnings = problems.Warnings()
	return cfg, nil
}

// Parse parses and checks the text of site.toml.
func Parse(src []byte) (*Config, diag.List) {
	var problems diag.List
	cfg := &Config{}
	keys, md, err := tomlpos.Decode(src, cfg)
	cfg.keys = keys
	if err != nil {
		problems.Add(keys.Problem(FileName, err))
		return cfg, problems
	}
	for _, key := range md.Undecoded() {
		k := key.String()
		if strings.HasPrefix(k, "params.") {
			continue
		}
		line := keys.Line(key...)
		problems.Add(diag.Problem{File: FileName, Line: line, Message: fmt.Sprintf("unknown key %q", k),
			Hint: "known keys: base_url, default_language, unsafe_html, review_max_age_months, [languages.CODE] (name, title, description, weight, direction), [laws.ID] (page, anchor), [glossary] (page), [help] (page, anchor), [print] (guides, cover_contacts, session_plan), [publisher] (name, email, url), [theme] (color, background_color, short_name), [limits] (markdown_bytes, file_bytes), [params] (free-form)"})
	}
	if cfg.BaseURL == "" {
		problems.Add(diag.Problem{File: FileName, Message: "base_url is missing", Hint: `add base_url = "https://example.org/"`})
	} else if norm, why := CheckBaseURL(cfg.BaseURL); why != "" {
		at := keys.Value("base_url")
		problems.Add(diag.Problem{File: FileName, Line: at.Line, Column: at.Col,
			Message: fmt.Sprintf("base_url %q %s", cfg.BaseURL, why), Hint: `write it like "https://example.org/" or "https://example.org/guides/"`})
	} else {
		cfg.BaseURL = norm
		cfg.BaseURLLine = keys.Line("base_url")
	}
	if len(cfg.Languages) == 0 {
		problems.Add(diag.Problem{File: FileName, Message: "no languages configured",
			Hint: "add a table per language:\n[languages.id]\nname = \"Bahasa Indonesia\"\ntitle = \"...\"\nweight = 1"})
	}
	for code, l := range cfg.Languages {
		l.Code = code
		line := keys.Line("languages", code)
		if !langCode.MatchString(code) {
			problems.Add(diag.Problem{File: FileName, Line: line, Message: fmt.Sprintf("language code %q is not a BCP 47 code like \"id\" or \"en\"", code)})
		}
		if l.Name == "" {
			problems.Add(diag.Problem{File: FileName, Line: line, Message: fmt.Sprintf("language %q has no name", code), Hint: "add name = \"...\" (the language's name in itself)"})
		}
		if l.Title == "" {
			problems.Add(diag.Problem{File: FileName, Line: line, Message: fmt.Sprintf("language %q has no title", code), Hint: "add title = \"...\" (the site title in that language)"})
		}
		switch l.Direction {
		case "":
			l.Direction = "ltr"
		case "ltr", "rtl":
		default:
			problems.Add(diag.Problem{File: FileName, Line: line, Message: fmt.Sprintf("language %q: direction must be \"ltr\" or \"rtl\"", code)})
		}
		cfg.Ordered = append(cfg.Ordered, l)
	}
	sort.Slice(cfg.Ordered, func(i, j int) bool {
		a, b := cfg.Ordered[i], cfg.Ordered[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if (a.Code == cfg.DefaultLanguage) != (b.Code == cfg.DefaultLanguage) {
			return a.Code == cfg.DefaultLanguage
		}
		return a.Code < b.Code
	})
	if cfg.DefaultLanguage == "" {
		problems.Add(diag.Problem{File: FileName, Message: "default_language is missing", Hint: `add default_language = "id"`})
	} else if cfg.Languages[cfg.DefaultLanguage] == nil && len(cfg.Languages) > 0 {
		problems.Add(diag.Problem{File: FileName, Line: keys.Line("default_language"),
			Message: fmt.Sprintf("default_language %q is not one of the configured languages", cfg.DefaultLanguage)})
	}
	for id, law := range cfg.Laws {
		if law.Page == "" {
			problems.Add(diag.Problem{File: FileName, Line: keys.Line("laws", id), Message: fmt.Sprintf("law %q has no page", id),
				Hint: "add page = \"path/inside/the/language/folder.md\""})
		}
		if law.Anchor == "" {
			law.Anchor = "pasal-%s"
		} else if !strings.Contains(law.Anchor, "%s") {
			problems.Add(diag.Problem{File: FileName, Line: keys.Line("laws", id, "anchor"), Message: fmt.Sprintf("law %q: anchor must contain %%s where the article number goes", id)})
		}
	}
	for _, l := range []struct {
		key string
		n   int64
	}{{"markdown_bytes", cfg.Limits.MarkdownBytes}, {"file_bytes", cfg.Limits.FileBytes}} {
		if l.n < 0 {
			problems.Add(diag.Problem{File: FileName, Line: keys.Line("limits", l.key),
				Message: fmt.Sprintf("limits.%s must be a positive number of bytes", l.key), Hint: "e.g. 8_000_000, or remove it for the default"})
		}
	}
	if cfg.Help.Page == "" && cfg.Help.Anchor != "" {
		problems.Add(diag.Problem{File: FileName, Line: keys.Line("help", "anchor"), Message: "[help] has an anchor but no page",
			Hint: "name the help guide whose emergency part every page header links to:\n[help]\npage = \"bantuan/bantuan-di-malaysia.md\"\nanchor = \"darurat\""})
	}
	if cfg.ReviewMaxMonths == 0 {
		cfg.ReviewMaxMonths = 12
	}
	checkPublisher(keys, cfg.Publisher, &problems)
	checkTheme(keys, md, &cfg.Theme, &problems)
	return cfg, problems
}

// CheckBaseURL checks a base URL (site.toml's base_url, or --base-url) and returns it ending in
// one /, or says what is wrong with it. It goes into every canonical link, feed and sitemap entry,
// so it must be a plain http(s) address of a folder: no credentials, query or fragment, no . or
// .. folders, and no characters that need escaping.
func CheckBaseURL(raw string) (string, string) {
	for _, r := range raw {
		if r <= ' ' || r == 0x7f || strings.ContainsRune("\\\"<>{}|^`", r) {
			return "", fmt.Sprintf("contains %q, which cannot appear in a URL", r)
		}
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		return "", "is not an absolute http(s) URL"
	case u.User != nil:
		return "", "holds a user name or password; they would be published on every page"
	case u.RawQuery != "" || u.ForceQuery || strings.Contains(raw, "?"):
		return "", "has a query (?...); the base URL must be the address of a folder"
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "", "has a fragment (#...); the base URL must be the address of a folder"
	}
	for _, seg := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if seg == "." || seg == ".." {
			return "", "holds a . or .. folder; write the folder's own path"
		}
	}
	if strings.Contains(strings.Trim(u.Path, "/"), "//") {
		return "", "holds an empty folder name (//)"
	}
	return strings.TrimRight(raw, "/") + "/", ""
}

const publisherExample = "[publisher]\nname = \"Yayasan Contoh\"\nemail = \"koreksi@yayasan-contoh.or.id\"   # or url = \"https://...\", or both"

// checkPublisher checks [publisher]: a name, and a valid e-mail address or https address. A
// missing publisher or the bundled placeholder is a warning: the site builds, but it must not be
// published like that (readers would have nobody to report errors to).
func checkPublisher(keys *tomlpos.Doc, p *Publisher, problems *diag.List) {
	if p == nil {
		problems.Add(diag.Problem{File: FileName, Warning: true,
			Message: "site.toml has no [publisher]: the About page and the footer cannot say who publishes the site or where to report errors",
			Hint:    "add\n" + publisherExample})
		return
	}
	line := func(k string) int { return keys.Line("publisher", k) }
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		problems.Add(diag.Problem{File: FileName, Line: line("name"), Message: "[publisher] has no name",
			Hint: "write the name of the person or organisation that answers for the site:\n" + publisherExample})
	}
	if p.Email == "" && p.URL == "" {
		problems.Add(diag.Problem{File: FileName, Line: line("name"), Message: "[publisher] has neither email nor url: readers need a way to reach the publisher",
			Hint: publisherExample})
	}
	if p.Email != "" {
		if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
			problems.Add(diag.Problem{File: FileName, Line: line("email"), Message: fmt.Sprintf("[publisher] email %q is not an e-mail address", p.Email),
				Hint: `write only the address, e.g. email = "koreksi@yayasan-contoh.or.id" (no name, no "mailto:")`})
		}
	}
	if p.URL != "" {
		if u, err := url.Parse(p.URL); err != nil || u.Scheme != "https" || u.Host == "" {
			problems.Add(diag.Problem{File: FileName, Line: line("url"), Message: fmt.Sprintf("[publisher] url %q is not a full https address", p.URL),
				Hint: `write it like url = "https://yayasan-contoh.or.id/kontak"`})
		}
	}
	if ok, addr := p.Placeholder(); ok && p.Name != "" {
		problems.Add(diag.Problem{File: FileName, Line: line("name"), Warning: true,
			Message: fmt.Sprintf("[publisher] is a placeholder (%s is an example address): every page names it as the place to report errors", addr),
			Hint:    "replace name, email and url with the real publisher before publishing the site"})
	}
}

// Language returns the language with that code, or nil.
func (c *Config) Language(code string) *Language { return c.Languages[code] }

// Default returns the default (source) language.
func (c *Config) Default() *Language { return c.Languages[c.DefaultLanguage] }

// AbsURL turns a site path into an absolute URL. Page URLs already start with the base path
// ("/sub/id/x/" for base_url "https://host/sub/"), and are kept as they are; any other path is
// taken as relative to the base URL.
func (c *Config) AbsURL(path string) string {
	return c.BaseURL + c.BelowBase(path)
}

// BelowBase is what AbsURL puts after the base URL: the site path without the base URL's path,
// percent-encoded. It is a part of path when that needs no escaping, not a copy.
func (c *Config) BelowBase(path string) string {
	path = strings.TrimPrefix(path, c.BasePath())
	return EscapePath(strings.TrimLeft(path, "/"))
}

// BasePath is the path part of the base URL, "/" for a site at the root of its host.
func (c *Config) BasePath() string {
	if last := lastBasePath.Load(); last != nil && last.baseURL == c.BaseURL {
		return last.path
	}
	p := basePath(c.BaseURL)
	lastBasePath.Store(&basePathOf{c.BaseURL, p})
	return p
}

// lastBasePath remembers the last base URL's path: a build asks for it several times per page
// (every absolute address), and parsing the URL each time was a tenth of a preview rebuild.
var lastBasePath atomic.Pointer[basePathOf]

type basePathOf struct{ baseURL, path string }

func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimRight(u.Path, "/") + "/"
}

// EscapePath percent-encodes a site path for places that need an ASCII URL (sitemap, feeds,
// canonical links, JSON lists of URLs, links in Markdown): the letters of other scripts that the
// URL segment rule allows become %xx bytes, in lowercase hex as html/template writes them in
// attributes, so that one URL is written one way everywhere; everything else is kept as is.
func EscapePath(p string) string {
	for i := 0; i < len(p); i++ {
		if p[i] >= 0x80 || p[i] < 0x21 {
			return escapeFrom(p, i)
		}
	}
	return p
}

func escapeFrom(p string, i int) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.WriteString(p[:i])
	for ; i < len(p); i++ {
		c := p[i]
		if c >= 0x80 || c < 0x21 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
