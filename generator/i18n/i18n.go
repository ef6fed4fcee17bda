// Package i18n owns the user-interface strings of each language, read from i18n/<lang>.toml: the
// words of buttons, notices and labels that are not part of a guide, with plural rules from
// go-i18n, and dates written with the month names of the language. A string missing in a language
// falls back to the default language, and the loader warns about it.
package i18n

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	gotemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"

	"pandu/generator/config"
	"pandu/generator/diag"
	"pandu/generator/internal/tomlpos"
	"pandu/generator/sourcefs"
)

// Catalog holds the UI strings of every language of the site.
type Catalog struct {
	def        string
	bundle     *goi18n.Bundle
	localizers map[string]*goi18n.Localizer
	keys       map[string]map[string]bool   // lang -> keys defined in its file
	files      map[string]string            // lang -> file name for messages
	sums       map[string][sha256.Size]byte // file name -> digest of its text (Digest)
	cache      sync.Map                     // lang\x00key -> string, for strings without arguments
}

// Load reads i18n/<lang>.toml for every configured language. Keys missing in a language but present
// in the default language are warnings; a key that only another language has is a warning too.
func Load(root string, cfg *config.Config) (*Catalog, diag.List) {
	var problems diag.List
	defTag, err := language.Parse(cfg.DefaultLanguage)
	if err != nil {
		defTag = language.Und
	}
	c := &Catalog{def: cfg.DefaultLanguage, bundle: goi18n.NewBundle(defTag),
		localizers: map[string]*goi18n.Localizer{}, keys: map[string]map[string]bool{}, files: map[string]string{},
		sums: map[string][sha256.Size]byte{}}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	raws, positions := map[string]map[string]any{}, map[string]*tomlpos.Doc{}
	for _, l := range cfg.Ordered {
		rel := "i18n/" + l.Code + ".toml"
		c.files[l.Code] = rel
		c.keys[l.Code] = map[string]bool{}
		src, err := readSource(root, rel, cfg.MaxMarkdown())
		if errors.Is(err, os.ErrNotExist) {
			problems.Add(diag.Problem{File: rel, Warning: l.Code != cfg.DefaultLanguage,
				Message: "UI strings file not found", Hint: "create it with the same keys as i18n/" + cfg.DefaultLanguage + ".toml"})
			continue
		} else if err != nil {
			problems.Add(diag.Problem{File: rel, Message: err.Error()})
			continue
		}
		c.sums[rel] = sha256.Sum256(src)
		var raw map[string]any
		pos, _, err := tomlpos.Decode(src, &raw)
		if err != nil {
			problems.Add(pos.Problem(rel, err))
			continue
		}
		for k := range raw {
			c.keys[l.Code][k] = true
		}
		raws[l.Code], positions[l.Code] = raw, pos
		if _, err := c.bundle.ParseMessageFileBytes(src, l.Code+".toml"); err != nil {
			problems.Add(diag.Problem{File: rel, Message: "UI strings: " + err.Error(),
				Hint: "write simple strings as key = \"text\" and plurals as [key] with one = \"...\" and other = \"...\""})
		}
	}
	for _, l := range cfg.Ordered {
		if raws[l.Code] != nil {
			problems.Merge(checkStrings(c.files[l.Code], positions[l.Code], raws[l.Code], raws[cfg.DefaultLanguage]))
		}
	}
	for _, l := range cfg.Ordered {
		c.localizers[l.Code] = goi18n.NewLocalizer(c.bundle, l.Code, cfg.DefaultLanguage)
		if l.Code == cfg.DefaultLanguage {
			continue
		}
		for _, k := range c.Missing(l.Code) {
			problems.Add(diag.Problem{File: c.files[l.Code], Warning: true,
				Message: fmt.Sprintf("UI string %q is missing; the %s text is used", k, cfg.DefaultLanguage),
				Hint:    fmt.Sprintf("add %s = \"...\" (see %s)", k, c.files[cfg.DefaultLanguage])})
		}
	}
	return c, problems
}

// Fields are the template fields the generator and the bundled layouts give each UI string.
// A plural string (a table with one, other...) gets Count. A string not listed may use the fields
// its default-language version uses (a layout passes them with dict).
var Fields = map[string][]string{
	"law_article": {"Article"}, "law_paragraph": {"Paragraph"}, "law_letter": {"Letter"},
	"date_format":     {"Day", "Month", "Year"},
	"fallback_notice": {"Source"}, "drift_notice": {"Source"},
	"print_edition": {"Date"}, "print_valid_as_of": {"Date"}, "print_law": {"Law"},
}

// pluralForms are the keys of a plural table that hold text.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

var fieldRef = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)

// checkStrings compiles every UI string of one file and runs it with the fields it is given, so
// that a broken string is reported once, at its line, when the strings load, and a field that is
// not given ({{.Nope}}) is an error instead of "<no value>" on a page.
func checkStrings(file string, pos *tomlpos.Doc, raw, def map[string]any) diag.List {
	var problems diag.List
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		texts := map[string]string{} // TOML key path ("k" or "k.one") -> text
		fields := Fields[k]
		switch v := raw[k].(type) {
		case string:
			texts[k] = v
		case map[string]any:
			for _, form := range pluralForms {
				if t, ok := v[form].(string); ok {
					texts[k+"."+form] = t
				}
			}
			fields = append(fields, "Count")
		}
		if _, known := Fields[k]; !known {
			fields = append(fields, defaultFields(def[k])...)
		}
		data := map[string]any{}
		for _, f := range fields {
			data[f] = 1
		}
		for path, text := range texts {
			err := checkString(text, data)
			if err == nil {
				continue
			}
			line := pos.Line(strings.Split(path, ".")...)
			hint := "write fields as {{.Name}}"
			if len(fields) > 0 {
				hint += "; this string can use: " + strings.Join(sortedFields(fields), ", ")
			} else {
				hint = "this string is given no fields: remove {{...}}"
			}
			problems.Add(diag.Problem{File: file, Line: line, Message: fmt.Sprintf("UI string %q: %v", path, err), Hint: hint})
		}
	}
	return problems
}

// checkString parses text as the message template it is and runs it with data.
func checkString(text string, data map[string]any) error {
	if !strings.Contains(text, "{{") {
		return nil
	}
	t, err := template.New("").Option("missingkey=error").Parse(text)
	if err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "template: :"))
	}
	if err := t.Execute(io.Discard, data); err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "template: :"))
	}
	return nil
}

// defaultFields lists the fields a default-language string (or plural table) refers to.
func defaultFields(v any) []string {
	var texts []string
	switch v := v.(type) {
	case string:
		texts = append(texts, v)
	case map[string]any:
		for _, form := range pluralForms {
			if t, ok := v[form].(string); ok {
				texts = append(texts, t)
			}
		}
	}
	var out []string
	for _, t := range texts {
		for _, m := range fieldRef.FindAllStringSubmatch(t, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

func sortedFields(fields []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fields {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// strict makes a message with a field it is not given an error, never "<no value>".
var strict = &gotemplate.TextParser{Option: "missingkey=error"}

// Missing returns the keys the default language defines but lang does not, sorted.
func (c *Catalog) Missing(lang string) []string {
	var out []string
	for k := range c.keys[c.def] {
		if !c.keys[lang][k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Files returns the UI strings files that lang's strings are read from: its own file and, when it
// lacks keys the default language defines (Missing), the default language's file too, whose text
// it shows for those keys. A page in lang changes when one of them is edited.
func (c *Catalog) Files(lang string) []string {
	files := []string{c.files[lang]}
	if lang != c.def && len(c.Missing(lang)) > 0 {
		files = append(files, c.files[c.def])
	}
	return files
}

// Digest returns a digest of the texts of the files lang's strings are read from (Files): the
// preview records, for each page, the digests of the languages whose strings it shows.
func (c *Catalog) Digest(lang string) [sha256.Size]byte {
	h := sha256.New()
	for _, f := range c.Files(lang) {
		sum := c.sums[f]
		h.Write([]byte(f))
		h.Write(sum[:])
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// Keys returns the keys defined for lang, sorted.
func (c *Catalog) Keys(lang string) []string {
	var out []string
	for k := range c.keys[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether lang or the default language defines key.
func (c *Catalog) Has(lang, key string) bool { return c.keys[lang][key] || c.keys[c.def][key] }

// T returns the string key in lang. An optional argument is either a count (any integer: it picks
// the plural form and is available as {{.Count}}) or a map of template data.
func (c *Catalog) T(lang, key string, args ...any) (string, error) {
	if len(args) == 0 {
		ck := lang + "\x00" + key
		if s, ok := c.cache.Load(ck); ok {
			return s.(string), nil
		}
		s, err := c.localize(lang, &goi18n.LocalizeConfig{MessageID: key, TemplateParser: strict})
		if err == nil {
			c.cache.Store(ck, s)
		}
		return s, err
	}
	lc := &goi18n.LocalizeConfig{MessageID: key, TemplateParser: strict}
	switch a := args[0].(type) {
	case int:
		lc.PluralCount, lc.TemplateData = a, map[string]any{"Count": a}
	case int64:
		lc.PluralCount, lc.TemplateData = a, map[string]any{"Count": a}
	case map[string]any:
		lc.TemplateData = a
		if n, ok := a["Count"]; ok {
			lc.PluralCount = n
		}
	default:
		return "", fmt.Errorf("T %q: argument must be a count or a map, not %T", key, args[0])
	}
	return c.localize(lang, lc)
}

func (c *Catalog) localize(lang string, lc *goi18n.LocalizeConfig) (string, error) {
	l := c.localizers[lang]
	if l == nil {
		return "", fmt.Errorf("no UI strings for language %q", lang)
	}
	s, err := l.Localize(lc)
	if err != nil {
		var nf *goi18n.MessageNotFoundErr
		if errors.As(err, &nf) && s != "" && c.keys[c.def][lc.MessageID] {
			return s, nil // the default language's text; Load already warned
		}
		if errors.As(err, &nf) || !c.Has(lang, lc.MessageID) {
			return "", fmt.Errorf("UI string %q is not defined in %s", lc.MessageID, c.files[c.def])
		}
		return "", fmt.Errorf("UI string %q: %v", lc.MessageID, err)
	}
	return s, nil
}

// Label returns the string or, when it is missing everywhere, the key itself (for places where
// a missing label must not fail the build, such as Markdown callouts; the loader already warned).
func (c *Catalog) Label(lang, key string) string {
	s, err := c.T(lang, key)
	if err != nil {
		return key
	}
	return s
}

// FormatDate writes a date in lang: date_format with {{.Day}}, {{.Month}} (month_1 … month_12) and
// {{.Year}}. The month names come from the i18n files, not from Go, so Indonesian and Malay dates read
// as people write them ("26 November 2026", "26 Ogos 2026").
func (c *Catalog) FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month, err := c.T(lang, fmt.Sprintf("month_%d", int(t.Month())))
	if err != nil {
		month = t.Month().String()
	}
	s, err := c.T(lang, "date_format", map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
	if err != nil || strings.Contains(s, "<no value>") {
		return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
	}
	return s
}

// readSource reads a file of the site root under the rules of package sourcefs.
func readSource(root, rel string, max int64) ([]byte, error) {
	r, err := sourcefs.For(root)
	if err != nil {
		return nil, err
	}
	return r.ReadFile(filepath.Join(root, filepath.FromSlash(rel)), max)
}
