package data

import (
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"pandu/generator/diag"
)

// Contacts is the contact directory (content/_data/contacts.toml): numbers are kept once, in
// international form, and texts in every language. A nil *Contacts has no contacts.
type Contacts struct {
	File        string // relative name, for problems
	langs       []string
	defaultLang string
	order       []string // keys in file order
	byKey       map[string]*contactEntry
}

type contactEntry struct {
	key               string
	line              int
	name, note, hours text
	website, email    string
	source            string
	verified          time.Time // midnight UTC of the date
	phones            []phoneEntry
}

type phoneEntry struct {
	number   phoneNumber
	whatsapp bool
	tollFree bool
	abroad   bool // the number is meant for calls from abroad: show only how to dial it from there
	label    text
}

// text is a string per language; a plain string in the file is stored under the default language
// only and so shown in every language.
type text map[string]string

func (t text) in(lang, defaultLang string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	return t[defaultLang]
}

var (
	contactFields = []string{"name", "note", "hours", "website", "email", "source", "verified", "phones"}
	phoneFields   = []string{"number", "whatsapp", "toll_free", "abroad", "label"}
)

// LoadContacts reads and checks the contact directory. langs are the site's languages and
// defaultLang the source language, whose text every localized field must have. It always returns
// a usable *Contacts holding every contact with a valid key, even when there are problems.
func LoadContacts(file, relName string, langs []string, defaultLang string) (*Contacts, diag.List) {
	src, err := os.ReadFile(file)
	if err != nil {
		c := newContacts(relName, langs, defaultLang)
		return c, diag.List{{File: relName, Message: fmt.Sprintf("cannot read the contact directory: %v", err)}}
	}
	return ParseContacts(src, relName, langs, defaultLang)
}

func newContacts(relName string, langs []string, defaultLang string) *Contacts {
	langs = slices.Clone(langs)
	if !slices.Contains(langs, defaultLang) {
		langs = append([]string{defaultLang}, langs...)
	}
	return &Contacts{File: relName, langs: langs, defaultLang: defaultLang, byKey: map[string]*contactEntry{}}
}

// ParseContacts is LoadContacts on the file's contents.
func ParseContacts(src []byte, relName string, langs []string, defaultLang string) (*Contacts, diag.List) {
	c := newContacts(relName, langs, defaultLang)
	f, probs := decodeFile(src, relName)
	if f == nil {
		return c, probs
	}
	chk := &contactChecker{c: c, f: f, file: relName}
	for _, key := range f.order {
		if e := chk.entry(key); e != nil {
			c.byKey[key] = e
			c.order = append(c.order, key)
		}
	}
	probs.Merge(chk.probs)
	probs.Sort()
	return c, probs
}

type contactChecker struct {
	c     *Contacts
	f     *tomlFile
	file  string
	probs diag.List
}

func (k *contactChecker) add(warning bool, path []string, hint, format string, args ...any) {
	k.probs.Add(diag.Problem{File: k.file, Line: k.f.pos.line(path...), Message: fmt.Sprintf(format, args...),
		Hint: hint, Warning: warning})
}

func (k *contactChecker) errorf(path []string, hint, format string, args ...any) {
	k.add(false, path, hint, format, args...)
}

const contactExample = `[kp2mi-call-centre]
name = { id = "...", en = "...", ms = "..." }
source = "https://..."    # where you checked the details
verified = 2026-11-26     # when you checked them
[[kp2mi-call-centre.phones]]
number = "+628001000"`

func (k *contactChecker) entry(key string) *contactEntry {
	raw, ok := k.f.root[key].(map[string]any)
	if !ok {
		k.errorf([]string{key}, "Each contact is a section:\n"+contactExample,
			"%q is not a contact: it is %s, not a [%s] section", key, tomlType(k.f.root[key]), key)
		return nil
	}
	if !keyPattern.MatchString(key) {
		hint := "A key may use only " + keyRule + "."
		if s := suggestKey(key); s != "" {
			hint += fmt.Sprintf(" Write [%s] (and [[contact:%s]] in guides).", s, s)
		}
		k.errorf([]string{key}, hint, "contact key [%s] is not valid", key)
		return nil
	}
	e := &contactEntry{key: key, line: k.f.pos.line(key)}
	for _, u := range unknownFields(raw, contactFields) {
		k.errorf([]string{key, u}, unknownHint(u, contactFields), "unknown key %q in contact [%s]", u, key)
	}

	if _, ok := raw["name"]; !ok {
		k.errorf([]string{key}, fmt.Sprintf("Add name = { %s = \"...\" }, with the name in every language.", k.c.defaultLang),
			"contact [%s] has no name", key)
	}
	owner := "[" + key + "]"
	e.name = k.text(raw, []string{key}, "name", owner)
	e.note = k.text(raw, []string{key}, "note", owner)
	e.hours = k.text(raw, []string{key}, "hours", owner)
	if e.name[k.c.defaultLang] == "" {
		e.name = text{k.c.defaultLang: key} // keeps cards readable while the build reports the problem
	}

	e.website = k.url(raw, key, "website", false)
	e.source = k.url(raw, key, "source", true) // http is accepted: old official pages may have no https
	if v, ok := raw["email"]; ok {
		s, isStr := v.(string)
		a, err := mail.ParseAddress(s)
		switch {
		case !isStr:
			k.errorf([]string{key, "email"}, `Write it in quotes: email = "helpdesk@example.go.id"`,
				"email of [%s] must be text, not %s", key, tomlType(v))
		case err != nil || a.Address != s:
			k.errorf([]string{key, "email"}, `Write only the address, e.g. email = "helpdesk@example.go.id" (no name, no "mailto:").`,
				"email %q of [%s] is not an e-mail address", s, key)
		default:
			e.email = s
		}
	}
	e.verified = k.date(raw, key)

	e.phones = k.phones(raw, key)
	return e
}

// text reads an optional localized field: a table of languages, or one text for all languages.
// at is the path of the table holding the field and owner names it in messages ("[key]").
func (k *contactChecker) text(raw map[string]any, at []string, field, owner string) text {
	path := append(slices.Clone(at), field)
	v, ok := raw[field]
	if !ok {
		return nil
	}
	def := k.c.defaultLang
	where := field
	shape := fmt.Sprintf("Write %s = { %s = \"...\", ... } with the text in each language, or %s = \"...\" for one text in every language.",
		field, strings.Join(k.c.langs, ` = "...", `), field)
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			k.errorf(path, shape, "%s of %s is empty", where, owner)
			return nil
		}
		return text{def: strings.TrimSpace(v)}
	case map[string]any:
		t := text{}
		for _, lang := range sortedKeys(v) {
			s, isStr := v[lang].(string)
			switch {
			case !slices.Contains(k.c.langs, lang):
				k.errorf(append(slices.Clone(path), lang), "The languages are: "+strings.Join(k.c.langs, ", ")+".",
					"unknown language %q in %s of %s", lang, where, owner)
			case !isStr:
				k.errorf(append(slices.Clone(path), lang), fmt.Sprintf(`Write it in quotes: %s = "..."`, lang),
					"%s.%s of %s must be text, not %s", where, lang, owner, tomlType(v[lang]))
			case strings.TrimSpace(s) == "":
				k.errorf(append(slices.Clone(path), lang), fmt.Sprintf("Write the %s text, or leave %s out to show the %s text.", lang, lang, def),
					"%s.%s of %s is empty", where, lang, owner)
			default:
				t[lang] = strings.TrimSpace(s)
			}
		}
		if _, ok := t[def]; !ok {
			if _, there := v[def]; !there {
				k.errorf(path, fmt.Sprintf("Add %s = \"...\": the %s text is required; other languages fall back to it.", def, def),
					"%s of %s has no %q text", where, owner, def)
			}
			return t
		}
		for _, lang := range k.c.langs {
			if _, there := v[lang]; !there {
				k.add(true, path, fmt.Sprintf("Add %s = \"...\" to %s.", lang, field),
					"%s of %s has no %q text; %s pages show the %q text", where, owner, lang, lang, def)
			}
		}
		return t
	}
	k.errorf(path, shape, "%s of %s must be text or a table of languages, not %s", where, owner, tomlType(v))
	return nil
}

// url reads a field that must be an https address (for the source, http is accepted too).
func (k *contactChecker) url(raw map[string]any, key, field string, isSource bool) string {
	path := []string{key, field}
	v, ok := raw[field]
	if !ok {
		if isSource {
			k.errorf(path, fmt.Sprintf("Add %s = \"https://...\": the page where you checked this contact's details, so others can check them again.", field),
				"contact [%s] has no %s", key, field)
		}
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		k.errorf(path, fmt.Sprintf(`Write it in quotes: %s = "https://..."`, field), "%s of [%s] must be text, not %s", field, key, tomlType(v))
		return ""
	}
	u, err := url.Parse(s)
	switch {
	case err == nil && (u.Scheme == "https" || isSource && u.Scheme == "http") && u.Host != "" && !strings.ContainsAny(s, " \t"):
		return s
	case err == nil && u.Scheme == "http" && u.Host != "":
		k.errorf(path, fmt.Sprintf("Use the https address: %s = %q (check that it opens).", field, "https://"+strings.TrimPrefix(s, "http://")),
			"%s %q of [%s] is not https", field, s, key)
	case err == nil && u.Scheme == "" && strings.Contains(s, ".") && !strings.ContainsAny(s, " \t"):
		k.errorf(path, fmt.Sprintf("Write the full address: %s = %q.", field, "https://"+strings.TrimPrefix(s, "//")),
			"%s %q of [%s] is not a full https address", field, s, key)
	default:
		k.errorf(path, fmt.Sprintf(`Write a full https address: %s = "https://example.go.id/page".`, field),
			"%s %q of [%s] is not an https address", field, s, key)
	}
	return ""
}

// date reads verified, which must be a TOML date such as 2026-11-26.
func (k *contactChecker) date(raw map[string]any, key string) time.Time {
	path := []string{key, "verified"}
	const hint = "Write the date you checked the details, without quotes: verified = 2026-11-26"
	v, ok := raw["verified"]
	if !ok {
		k.errorf(path, hint+" (after checking them again against the source).", "contact [%s] has no verified date", key)
		return time.Time{}
	}
	t, isTime := v.(time.Time)
	switch {
	case !isTime:
		k.errorf(path, hint+".", "verified of [%s] must be a date, not %s", key, tomlType(v))
	case t.Location().String() != "date-local":
		k.errorf(path, hint+" (a date only: no time, no time zone).", "verified of [%s] must be a date only", key)
	default:
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

func (k *contactChecker) phones(raw map[string]any, key string) []phoneEntry {
	v, ok := raw["phones"]
	if !ok {
		return nil
	}
	var tables []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		tables = v
	case []any:
		for _, x := range v {
			m, ok := x.(map[string]any)
			if !ok {
				tables = nil
				break
			}
			tables = append(tables, m)
		}
		if len(tables) != len(v) {
			tables = nil
			ok = false
		}
	default:
		ok = false
	}
	if !ok {
		k.errorf([]string{key, "phones"}, "Give each number its own section:\n[["+key+".phones]]\nnumber = \"+628001000\"",
			"phones of [%s] must be a list of [[%s.phones]] sections", key, key)
		return nil
	}
	var out []phoneEntry
	seen := map[string]int{}
	for i, raw := range tables {
		path := []string{key, "phones", fmt.Sprintf("#%d", i)}
		for _, u := range unknownFields(raw, phoneFields) {
			k.errorf(append(slices.Clone(path), u), unknownHint(u, phoneFields), "unknown key %q in a phone of [%s]", u, key)
		}
		p := phoneEntry{label: k.text(raw, path, "label", fmt.Sprintf("phone %d of [%s]", i+1, key))}
		for _, b := range []struct {
			field string
			dst   *bool
		}{{"whatsapp", &p.whatsapp}, {"toll_free", &p.tollFree}, {"abroad", &p.abroad}} {
			if v, ok := raw[b.field]; ok {
				bv, isBool := v.(bool)
				if !isBool {
					k.errorf(append(slices.Clone(path), b.field), fmt.Sprintf("Write %s = true or %s = false, without quotes.", b.field, b.field),
						"%s of a phone of [%s] must be true or false, not %s", b.field, key, tomlType(v))
				}
				*b.dst = bv
			}
		}
		np := append(slices.Clone(path), "number")
		nv, present := raw["number"]
		s, isStr := nv.(string)
		if !present {
			k.errorf(np, `Add number = "+62..." in international form.`, "a phone of [%s] has no number", key)
			continue
		}
		if !isStr {
			k.errorf(np, `Write the number in quotes, starting with +: number = "+622129244800".`,
				"number of a phone of [%s] must be text, not %s", key, tomlType(nv))
			continue
		}
		n, msg, hint := parseE164(s)
		if msg != "" {
			k.errorf(np, hint, "%s (contact [%s])", msg, key)
			continue
		}
		p.number = n
		if p.tollFree && n.CC != "62" {
			k.errorf(append(slices.Clone(path), "toll_free"), "toll_free = true is for Indonesian (+62) free numbers such as 0800 numbers; remove it.",
				"toll_free is set on %s, which is not an Indonesian number", s)
			p.tollFree = false
		}
		if p.tollFree && p.abroad {
			k.errorf(append(slices.Clone(path), "abroad"), "A toll-free number only works inside Indonesia: remove abroad = true, or list the number for callers abroad separately.",
				"phone %s of [%s] is both toll_free and abroad", s, key)
			p.abroad = false
		}
		if p.tollFree && p.whatsapp {
			k.errorf(append(slices.Clone(path), "toll_free"), "A toll-free number cannot be reached on WhatsApp: list the WhatsApp number separately.",
				"phone %s of [%s] is both toll_free and whatsapp", s, key)
		}
		id := fmt.Sprint(p.whatsapp, n.E164())
		if j, dup := seen[id]; dup {
			k.add(true, np, "Remove one of them.", "phone %s of [%s] is listed twice (also phone %d)", s, key, j+1)
		}
		seen[id] = i
		out = append(out, p)
	}
	return out
}

// Has reports whether the directory has a contact with this key.
func (c *Contacts) Has(key string) bool {
	if c == nil {
		return false
	}
	_, ok := c.byKey[key]
	return ok
}

// Keys returns the contacts' keys in the order of the file.
func (c *Contacts) Keys() []string {
	if c == nil {
		return nil
	}
	return slices.Clone(c.order)
}

// Localize returns the card of a contact in a language. labels(key) gives UI strings in that
// language ("dial.from_indonesia", "dial.from_abroad", "dial.from_malaysia", "contact.toll_free");
// formatDate formats the verified date in that language. Texts missing in the language are shown
// in the default language. A nil labels returns the key; a nil formatDate writes 2006-01-02.
func (c *Contacts) Localize(key, lang string, labels func(string) string, formatDate func(time.Time) string) (*Contact, error) {
	if c == nil || c.byKey[key] == nil {
		var keys []string
		if c != nil {
			keys = c.order
		}
		msg := fmt.Sprintf("unknown contact %q", key)
		if s := closest(key, keys); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		if c != nil && c.File != "" {
			msg += "; contacts are in " + c.File
		}
		return nil, fmt.Errorf("%s", msg)
	}
	if !slices.Contains(c.langs, lang) {
		return nil, fmt.Errorf("contact %q: unknown language %q (languages: %s)", key, lang, strings.Join(c.langs, ", "))
	}
	if labels == nil {
		labels = func(k string) string { return k }
	}
	if formatDate == nil {
		formatDate = func(t time.Time) string { return t.Format("2006-01-02") }
	}
	e := c.byKey[key]
	def := c.defaultLang
	out := &Contact{
		Key:     key,
		Name:    e.name.in(lang, def),
		Note:    e.note.in(lang, def),
		Hours:   e.hours.in(lang, def),
		Website: e.website,
		Email:   e.email,
		Source:  e.source,
	}
	if !e.verified.IsZero() {
		out.Verified = formatDate(e.verified)
	}
	for _, p := range e.phones {
		ph := Phone{WhatsApp: p.whatsapp, Href: p.number.TelHref(), Label: p.label.in(lang, def)}
		if p.whatsapp {
			ph.Href = p.number.WhatsAppHref()
		}
		ph.Dial, ph.Note = p.number.dial(p.tollFree, p.abroad, labels)
		out.Phones = append(out.Phones, ph)
	}
	return out, nil
}
