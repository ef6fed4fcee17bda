package content

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"pandu/generator/diag"
	"pandu/generator/internal/tomlpos"
)

// FrontMatter is the TOML block between the +++ lines at the top of a content file.
type FrontMatter struct {
	Title          string         `toml:"title"`
	Description    string         `toml:"description"`
	Slug           string         `toml:"slug"`
	Weight         int            `toml:"weight"`
	Layout         string         `toml:"layout"`
	Draft          bool           `toml:"draft"`
	Aliases        []string       `toml:"aliases"`
	TranslationKey string         `toml:"translation_key"`
	TranslatedFrom string         `toml:"translated_from"`
	Sources        []Source       `toml:"sources"`
	Params         map[string]any `toml:"params"`
	// Handout is the guide's one-page summary for the trainers' kit; nil when it has none.
	Handout *Handout `toml:"handout"`

	// Dates: TOML dates, local dates or date-times are all accepted.
	DateValue     any `toml:"date"`
	LastmodValue  any `toml:"lastmod"`
	ReviewedValue any `toml:"reviewed"`

	date, lastmod, reviewed time.Time
	// aliasPos holds the file line and column of each alias, for messages.
	aliasPos [][2]int
	// keyPos and slugPos hold the file line and column of translation_key and slug, for messages.
	keyPos, slugPos [2]int
}

// AliasPos returns the line and column in the content file where alias i is written (0, 0 when
// unknown).
func (m *FrontMatter) AliasPos(i int) (line, col int) {
	if i < len(m.aliasPos) {
		return m.aliasPos[i][0], m.aliasPos[i][1]
	}
	return 0, 0
}

// Source is one entry of a page's sources list: where its facts come from.
type Source struct {
	Title string `toml:"title"`
	URL   string `toml:"url"`
}

// Handout is a guide's one-page summary for the trainers' kit: the things to remember
// (inline Markdown) and the help contacts (keys of content/_data/contacts.toml).
type Handout struct {
	Points   []string `toml:"points"`
	Contacts []string `toml:"contacts"`

	pointsLine, contactsLine int // lines of the content file, for messages
}

// PointsLine and ContactsLine return the line of the content file where points and contacts
// are written (the [handout] header when the key is missing).
func (h *Handout) PointsLine() int   { return h.pointsLine }
func (h *Handout) ContactsLine() int { return h.contactsLine }

// Limits of a handout.
const (
	HandoutMinPoints   = 3
	HandoutMaxPoints   = 5
	HandoutMaxContacts = 3
)

// KnownKeys lists the front matter keys, for error messages.
const KnownKeys = "title, description, slug, weight, date, lastmod, reviewed, layout, draft, aliases, translation_key, translated_from, [[sources]] (title, url), [handout] (points, contacts), [params]"

// SplitFrontMatter separates "+++\nTOML\n+++\nbody". It returns the TOML, the body, and the number
// of file lines before the body. A file without front matter, or with YAML front matter, is an
// error that says how to write TOML front matter.
func SplitFrontMatter(file string, src []byte) (fm, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")) // UTF-8 byte order mark
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	first = bytes.TrimRight(first, "\r \t")
	switch string(first) {
	case "+++":
	case "---":
		return nil, nil, 0, diag.Problem{File: file, Line: 1, Column: 1,
			Message: "front matter is YAML (---); Pandu reads TOML front matter between +++ lines",
			Hint:    "write it like this:\n+++\ntitle = \"Page title\"\ndescription = \"...\"\n+++"}
	default:
		return nil, nil, 0, diag.Problem{File: file, Line: 1, Column: 1,
			Message: "the file does not start with front matter",
			Hint:    "start the file with:\n+++\ntitle = \"Page title\"\n+++"}
	}
	line := 1
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		line++
		if string(bytes.TrimRight(l, "\r \t")) == "+++" {
			fm = rest[:off]
			if end < 0 {
				body = nil
			} else {
				body = rest[off+end+1:]
			}
			return fm, body, line, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, nil, 0, diag.Problem{File: file, Line: 1, Column: 1,
		Message: "front matter is not closed", Hint: "add a line with +++ after the last front matter key"}
}

// ParseFrontMatter decodes and checks the TOML front matter. The TOML starts on line 2 of file.
func ParseFrontMatter(file string, fm []byte) (*FrontMatter, diag.List) {
	var problems diag.List
	m := &FrontMatter{}
	keys, md, err := tomlpos.DecodeAt(fm, 2, m)
	if err != nil {
		problems.Merge(typeProblems(file, fm, keys, err))
		return nil, problems
	}
	for _, key := range md.Undecoded() {
		if len(key) > 0 && key[0] == "params" {
			continue
		}
		msg := fmt.Sprintf("unknown front matter key %q", key.String())
		if len(key) > 1 && key[0] == "sources" {
			msg = fmt.Sprintf("unknown key %q in a [[sources]] entry (use title and url)", key[len(key)-1])
		}
		if len(key) > 1 && key[0] == "handout" {
			msg = fmt.Sprintf("unknown key %q in [handout] (use points and contacts)", key[len(key)-1])
		}
		problems.Add(diag.Problem{File: file, Line: keys.MetaLine(key), Column: 1, Message: msg,
			Hint: "known keys: " + KnownKeys + "; put anything else under [params]"})
	}
	if strings.TrimSpace(m.Title) == "" {
		problems.Add(diag.Problem{File: file, Line: 1, Message: "title is missing", Hint: `add title = "..." to the front matter`})
	}
	for _, d := range []struct {
		name string
		v    any
		dst  *time.Time
	}{{"date", m.DateValue, &m.date}, {"lastmod", m.LastmodValue, &m.lastmod}, {"reviewed", m.ReviewedValue, &m.reviewed}} {
		if d.v == nil {
			continue
		}
		t, err := toTime(d.v)
		if err != nil {
			problems.Add(diag.Problem{File: file, Line: keys.Line(d.name), Column: 1,
				Message: fmt.Sprintf("%s: %v", d.name, err), Hint: d.name + " = 2026-11-26 (a date without quotes)"})
			continue
		}
		*d.dst = t
	}
	for i, s := range m.Sources {
		if s.Title == "" || s.URL == "" {
			problems.Add(diag.Problem{File: file, Line: keys.Line("sources", tomlpos.Elem(i)), Column: 1,
				Message: fmt.Sprintf("source %d needs both title and url", i+1), Hint: "[[sources]]\ntitle = \"...\"\nurl = \"https://...\""})
			continue
		}
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			at := keys.Value("sources", tomlpos.Elem(i), "url")
			problems.Add(diag.Problem{File: file, Line: at.Line, Column: at.Col,
				Message: fmt.Sprintf("source %d: url %q is not a web address", i+1, s.URL),
				Hint:    `a source's url must start with https:// (or http://): url = "https://..."`})
		}
	}
	if h := m.Handout; h != nil {
		line := keys.Line("handout", "points") // the [handout] header when points is missing
		h.pointsLine, h.contactsLine = line, keys.Line("handout", "contacts")
		if keys.Key("handout", "contacts").Line == 0 {
			h.contactsLine = line
		}
		if n := len(h.Points); n < HandoutMinPoints || n > HandoutMaxPoints {
			problems.Add(diag.Problem{File: file, Line: line, Column: 1,
				Message: fmt.Sprintf("the handout has %d points: give it %d to %d", n, HandoutMinPoints, HandoutMaxPoints),
				Hint:    "[handout]\npoints = [\"First thing to remember.\", \"Second.\", \"Third.\"]"})
		}
		for i, p := range h.Points {
			if strings.TrimSpace(p) == "" {
				problems.Add(diag.Problem{File: file, Line: line, Column: 1,
					Message: fmt.Sprintf("handout point %d is empty", i+1), Hint: "write a short sentence, or remove it"})
			}
		}
		if n := len(h.Contacts); n > HandoutMaxContacts {
			problems.Add(diag.Problem{File: file, Line: h.contactsLine, Column: 1,
				Message: fmt.Sprintf("the handout lists %d contacts: keep at most %d (it must fit on one page)", n, HandoutMaxContacts),
				Hint:    "keep the contacts a reader of this guide needs most"})
		}
	}
	if m.Slug != "" {
		if why := SegmentProblem(m.Slug); why != "" {
			at := keys.Value("slug")
			problems.Add(diag.Problem{File: file, Line: at.Line, Column: at.Col,
				Message: fmt.Sprintf("slug %q cannot be a URL: %s", m.Slug, why),
				Hint:    fmt.Sprintf("use lowercase words joined by hyphens, for example slug = %q", SuggestSlug(m.Slug))})
		}
	}
	for i := range m.Aliases {
		at := keys.Value("aliases", tomlpos.Elem(i))
		if at.Line == 0 {
			at = keys.Value("aliases")
		}
		m.aliasPos = append(m.aliasPos, [2]int{at.Line, at.Col})
	}
	if at := keys.Value("translation_key"); at.Line > 0 {
		m.keyPos = [2]int{at.Line, at.Col}
	}
	if at := keys.Value("slug"); at.Line > 0 {
		m.slugPos = [2]int{at.Line, at.Col}
	}
	for i, a := range m.Aliases {
		norm, why := NormalizeAlias(a)
		if why != "" {
			line, col := m.AliasPos(i)
			problems.Add(diag.Problem{File: file, Line: line, Column: col,
				Message: fmt.Sprintf("alias %q cannot be used: %s", a, why),
				Hint:    `an alias is an old address of this page on this site: aliases = ["/id/old-name/"]`})
			continue
		}
		m.Aliases[i] = norm
	}
	return m, problems
}

// typeProblems reports the error of decoding fm and, when it is a value of the wrong type, every
// other such value too (the TOML decoder stops at the first): the line of each is blanked in turn
// and the rest decoded again, so the editor fixes them all in one go.
func typeProblems(file string, fm []byte, keys *tomlpos.Doc, err error) diag.List {
	var problems diag.List
	lines := strings.Split(string(fm), "\n")
	for i := 0; err != nil && i < len(lines); i++ {
		p := keys.Problem(file, err)
		if i > 0 && (tomlpos.IsSyntax(err) || p.Line < 2 || p.Line-1 > len(lines)) {
			break // the blanked lines made the rest unreadable: report what was found
		}
		problems.Add(p)
		if tomlpos.IsSyntax(err) || p.Line < 2 || p.Line-1 > len(lines) {
			break
		}
		lines[p.Line-2] = ""
		err = toml.Unmarshal([]byte(strings.Join(lines, "\n")), &FrontMatter{})
	}
	problems.Sort() // the decoder meets keys in no fixed order
	return problems
}

func toTime(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t, nil
	case string:
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05"} {
			if p, err := time.Parse(layout, t); err == nil {
				return p, nil
			}
		}
		return time.Time{}, fmt.Errorf("%q is not a date", t)
	}
	return time.Time{}, errors.New("not a date")
}
