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
	"pandu/generator/internal/tomlpos"
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
	sourceTitle       text       // who published the source, e.g. "New Straits Times"
	sourceDate        sourceDate // the source's own date, or the day an undated source was read
	sourceUndated     bool       // the source shows no date: sourceDate is the day it was read
	sourceNews        bool       // the source is a news report, not the body's own page
	verified          time.Time  // midnight UTC of the date the source was last checked
	phones            []phoneEntry
}

// sourceDate is the date of a source as precisely as the source gives it: a day, a month or a
// year ("Aug 2024" in a newspaper's archive is a month).
type sourceDate struct {
	t    time.Time // midnight UTC of the first day of the period
	prec datePrecision
}

type datePrecision int

const (
	precDay datePrecision = iota
	precMonth
	precYear
)

type phoneEntry struct {
	number    phoneNumber
	short     string // a short number such as 999 or 15999, dialled only inside country
	country   string // "MY" or "ID": where a short number works
	whatsapp  bool
	tollFree  bool
	abroad    bool // the number is meant for calls from abroad: show only how to dial it from there
	emergency bool // an emergency number: shown first and large
	label     text
}

// shortCountries are the countries a short number may belong to, with the UI strings that say
// where it is dialled from and that it works only there.
var shortCountries = map[string]struct{ from, only string }{
	"MY": {"dial.from_malaysia", "contact.only_in_malaysia"},
	"ID": {"dial.from_indonesia", "contact.only_in_indonesia"},
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
	contactFields = []string{"name", "note", "hours", "website", "email", "source", "source_title", "source_date",
		"source_undated", "source_news", "verified", "phones"}
	phoneFields = []string{"number", "short_code", "country", "whatsapp", "toll_free", "abroad", "emergency", "label"}
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
	k.probs.Add(diag.Problem{File: k.file, Line: k.f.pos.Line(path...), Message: fmt.Sprintf(format, args...),
		Hint: hint, Warning: warning})
}

func (k *contactChecker) errorf(path []string, hint, format string, args ...any) {
	k.add(false, path, hint, format, args...)
}

const contactExample = `[kp2mi-call-centre]
name = { id = "...", en = "...", ms = "..." }
source = "https://..."    # the page where the details are published
source_title = "New Straits Times"  # who published it
source_date = "2024-08"   # the source's own date: 2024-08-15, "2024-08" or "2024"
verified = 2026-11-26     # when you last checked the details against the source
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
	e := &contactEntry{key: key, line: k.f.pos.Line(key)}
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
	if _, ok := raw["source_title"]; !ok {
		k.errorf([]string{key}, `Add source_title = "..." naming who published the source, e.g. source_title = "New Straits Times" or source_title = { id = "Laman resmi JTKSM", en = "JTKSM official page", ms = "Laman rasmi JTKSM" }.`,
			"contact [%s] has no source_title", key)
	}
	e.sourceTitle = k.text(raw, []string{key}, "source_title", owner)
	e.sourceUndated = k.flag(raw, []string{key}, "source_undated", owner)
	e.sourceNews = k.flag(raw, []string{key}, "source_news", owner)
	e.sourceDate = k.sourceDate(raw, key, e.sourceUndated, e.verified)

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

// flag reads an optional true/false field.
func (k *contactChecker) flag(raw map[string]any, at []string, field, owner string) bool {
	v, ok := raw[field]
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		k.errorf(append(slices.Clone(at), field), fmt.Sprintf("Write %s = true or %s = false, without quotes.", field, field),
			"%s of %s must be true or false, not %s", field, owner, tomlType(v))
	}
	return b
}

// sourceDate reads source_date: a TOML date (2024-08-15), or text with a day, a month or a year
// ("2024-08-15", "2024-08", "2024"). An undated source needs the full date it was read. The
// source cannot be newer than the day it was checked.
func (k *contactChecker) sourceDate(raw map[string]any, key string, undated bool, verified time.Time) sourceDate {
	path := []string{key, "source_date"}
	const hint = `Write the date the source itself gives: source_date = 2024-08-15 (a day, without quotes), source_date = "2024-08" (a month) or source_date = "2024" (a year). ` +
		`If the page shows no date, write the day you read it and add source_undated = true.`
	v, ok := raw["source_date"]
	if !ok {
		k.errorf([]string{key}, hint, "contact [%s] has no source_date", key)
		return sourceDate{}
	}
	var d sourceDate
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() != "date-local" {
			k.errorf(path, hint, "source_date of [%s] must be a date only (no time, no time zone)", key)
			return sourceDate{}
		}
		d = sourceDate{t: time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)}
	case string:
		found := false
		for _, f := range []struct {
			layout string
			prec   datePrecision
		}{{"2006-01-02", precDay}, {"2006-01", precMonth}, {"2006", precYear}} {
			if t, err := time.Parse(f.layout, v); err == nil && len(v) == len(f.layout) {
				d, found = sourceDate{t: t, prec: f.prec}, true
				break
			}
		}
		if !found {
			k.errorf(path, hint, "source_date %q of [%s] is not a date, a year-month or a year", v, key)
			return sourceDate{}
		}
	default:
		k.errorf(path, hint, "source_date of [%s] must be a date, not %s", key, tomlType(v))
		return sourceDate{}
	}
	if undated && d.prec != precDay {
		k.errorf(path, "For a page without a date, write the full day you read it: source_date = 2026-12-02.",
			"source_date of [%s] must be a full date: source_undated = true means it is the day the page was read", key)
		return sourceDate{}
	}
	if !verified.IsZero() && d.t.After(verified) {
		k.errorf(path, "The source must exist before it was checked: correct source_date or verified.",
			"source_date of [%s] is after its verified date %s", key, verified.Format("2006-01-02"))
		return sourceDate{}
	}
	return d
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
		path := []string{key, "phones", tomlpos.Elem(i)}
		for _, u := range unknownFields(raw, phoneFields) {
			k.errorf(append(slices.Clone(path), u), unknownHint(u, phoneFields), "unknown key %q in a phone of [%s]", u, key)
		}
		p := phoneEntry{label: k.text(raw, path, "label", fmt.Sprintf("phone %d of [%s]", i+1, key))}
		for _, b := range []struct {
			field string
			dst   *bool
		}{{"whatsapp", &p.whatsapp}, {"toll_free", &p.tollFree}, {"abroad", &p.abroad}, {"emergency", &p.emergency}} {
			if v, ok := raw[b.field]; ok {
				bv, isBool := v.(bool)
				if !isBool {
					k.errorf(append(slices.Clone(path), b.field), fmt.Sprintf("Write %s = true or %s = false, without quotes.", b.field, b.field),
						"%s of a phone of [%s] must be true or false, not %s", b.field, key, tomlType(v))
				}
				*b.dst = bv
			}
		}
		if _, isShort := raw["short_code"]; isShort {
			if !k.shortCode(raw, path, key, &p) {
				continue
			}
			id := "short " + p.country + p.short
			if j, dup := seen[id]; dup {
				k.add(true, append(slices.Clone(path), "short_code"), "Remove one of them.", "phone %s of [%s] is listed twice (also phone %d)", p.short, key, j+1)
			}
			seen[id] = i
			out = append(out, p)
			continue
		}
		if _, ok := raw["country"]; ok {
			k.errorf(append(slices.Clone(path), "country"), `country is only for a short number: write short_code = "999" with country = "MY", or remove country (a number in international form has its country code).`,
				"country is set on a phone of [%s] that has no short_code", key)
		}
		np := append(slices.Clone(path), "number")
		nv, present := raw["number"]
		s, isStr := nv.(string)
		if !present {
			k.errorf(np, `Add number = "+62..." in international form, or short_code = "999" with country = "MY" for a short number.`, "a phone of [%s] has no number", key)
			continue
		}
		if !isStr {
			k.errorf(np, `Write the number in quotes, starting with +: number = "+622129244800".`,
				"number of a phone of [%s] must be text, not %s", key, tomlType(nv))
			continue
		}
		n, msg, hint := parseE164(s)
		if msg != "" {
			if isDigits(s) && len(s) >= 3 && len(s) <= 6 {
				hint = fmt.Sprintf("A short number is written short_code = %q with country = \"MY\" (or \"ID\").", s)
			}
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
		if p.emergency && p.whatsapp {
			k.errorf(append(slices.Clone(path), "emergency"), "Mark only a number one can call in an emergency: remove emergency = true from the WhatsApp number.",
				"phone %s of [%s] is both emergency and whatsapp", s, key)
			p.emergency = false
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

// shortCode reads a short number (short_code = "999", country = "MY") into p. It reports whether
// the phone is usable.
func (k *contactChecker) shortCode(raw map[string]any, path []string, key string, p *phoneEntry) bool {
	sp := append(slices.Clone(path), "short_code")
	const hint = `Write a short number as digits in quotes, with the country where it works: short_code = "999" and country = "MY" (or "ID").`
	if _, both := raw["number"]; both {
		k.errorf(sp, "Give the number once: number for a number in international form, short_code for a short number such as 999. List the other one as its own [["+key+".phones]].",
			"a phone of [%s] has both number and short_code", key)
		return false
	}
	v := raw["short_code"]
	s, isStr := v.(string)
	if !isStr || !isDigits(s) || len(s) < 3 || len(s) > 6 {
		k.errorf(sp, hint, "short_code of a phone of [%s] must be 3 to 6 digits in quotes, not %v", key, v)
		return false
	}
	cv, ok := raw["country"]
	c, _ := cv.(string)
	if _, known := shortCountries[c]; !ok || !known {
		k.errorf(append(slices.Clone(path), "country"), hint,
			"short_code %s of [%s] needs country = \"MY\" or country = \"ID\": a short number works only in its own country", s, key)
		return false
	}
	for _, f := range []struct {
		set  bool
		name string
	}{{p.whatsapp, "whatsapp"}, {p.tollFree, "toll_free"}, {p.abroad, "abroad"}} {
		if f.set {
			k.errorf(append(slices.Clone(path), f.name), "A short number is dialled only inside its country: remove "+f.name+" = true, or list that number in international form as its own phone.",
				"short_code %s of [%s] cannot be %s", s, key, f.name)
			return false
		}
	}
	p.short, p.country = s, c
	return true
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
// language ("dial.from_indonesia", "dial.from_abroad", "dial.from_malaysia", "contact.toll_free",
// "contact.only_in_malaysia", "contact.only_in_indonesia", "contact.source_undated", and the month
// names "month.1" … "month.12" for a source dated by month); formatDate formats a full date in
// that language. Texts missing in the language are shown
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

		SourceTitle: e.sourceTitle.in(lang, def),
		SourceNews:  e.sourceNews,
	}
	if !e.verified.IsZero() {
		out.Verified = formatDate(e.verified)
	}
	if d := e.sourceDate; !d.t.IsZero() {
		switch {
		case e.sourceUndated:
			out.SourceDate = labels("contact.source_undated") + " " + formatDate(d.t)
		case d.prec == precYear:
			out.SourceDate = fmt.Sprint(d.t.Year())
		case d.prec == precMonth:
			out.SourceDate = labels(fmt.Sprintf("month.%d", int(d.t.Month()))) + " " + fmt.Sprint(d.t.Year())
		default:
			out.SourceDate = formatDate(d.t)
		}
	}
	for _, p := range e.phones {
		ph := Phone{WhatsApp: p.whatsapp, Emergency: p.emergency, Label: p.label.in(lang, def)}
		switch {
		case p.short != "":
			ph.Href = "tel:" + p.short
			sc := shortCountries[p.country]
			ph.Dial, ph.Note = []Dial{{Where: labels(sc.from), Number: p.short}}, labels(sc.only)
		case p.whatsapp:
			ph.Href = p.number.WhatsAppHref()
			ph.Dial, ph.Note = p.number.dial(p.tollFree, p.abroad, labels)
		default:
			ph.Href = p.number.TelHref(p.tollFree)
			ph.Dial, ph.Note = p.number.dial(p.tollFree, p.abroad, labels)
		}
		out.Phones = append(out.Phones, ph)
	}
	return out, nil
}

// Emergency returns the key of the first contact, in file order, with a phone marked
// emergency = true, and that phone's position among the contact's phones (as Localize lists
// them). ok is false when no phone is marked.
func (c *Contacts) Emergency() (key string, phone int, ok bool) {
	if c == nil {
		return "", 0, false
	}
	for _, k := range c.order {
		for i, p := range c.byKey[k].phones {
			if p.emergency {
				return k, i, true
			}
		}
	}
	return "", 0, false
}
