// Package translate owns drift detection for translations: the version of a source page that a
// translation was made from (the short content hash in its translated_from front matter key), the
// store of source texts under content/_data/translations/ that those versions point to (so that an
// editor sees a diff of what changed), the status report of translated, missing and drifted pages,
// missing UI strings and overdue reviews (as text, JSON or an HTML page), and --mark-synced, which
// records that a translation is up to date again. It needs no version control: everything it reads
// is in the site folder.
package translate

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"pandu/generator/content"
)

// HashLen is the number of hex digits of a version hash.
const HashLen = 12

// collapse turns every run of whitespace (newlines included) into one space and trims the ends.
func collapse(s string) string { return string(appendCollapsed(nil, s)) }

// appendCollapsed appends s to buf as collapse returns it: the words of strings.Fields, joined
// by single spaces, without making a list of them (a page's body is hashed for every
// translation of it).
func appendCollapsed(buf []byte, s string) []byte {
	start := len(buf)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				space = true
			} else {
				if space && len(buf) > start {
					buf = append(buf, ' ')
				}
				space = false
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && len(buf) > start {
				buf = append(buf, ' ')
			}
			space = false
			buf = append(buf, s[i:i+n]...)
		}
		i += n
	}
	return buf
}

// asciiSpace marks the ASCII bytes unicode.IsSpace (and so strings.Fields) counts as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Hash returns the version of a page's text: the first HashLen hex digits of the SHA-256 of its
// title, description and body, each with runs of whitespace collapsed to one space and trimmed, so
// that re-wrapping, indenting or blank lines do not make a new version.
func Hash(p *content.Page) string {
	return hashParts(p.Title, p.Description, string(p.Body))
}

func hashParts(title, description, body string) string {
	buf := make([]byte, 0, len(title)+len(description)+len(body)+2)
	buf = appendCollapsed(buf, title)
	buf = append(buf, '\n')
	buf = appendCollapsed(buf, description)
	buf = append(buf, '\n')
	buf = appendCollapsed(buf, body)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])[:HashLen]
}

// Text returns the normalised text of a page, the form kept in the store and compared in diffs:
// a title line, a description line, a blank line, then the body with each line's whitespace
// collapsed, runs of blank lines reduced to one and no blank lines at either end. Two texts that
// differ only in whitespace have the same Hash.
func Text(p *content.Page) string {
	var b strings.Builder
	field := func(name, value string) {
		b.WriteString(name + ":")
		if v := collapse(value); v != "" {
			b.WriteString(" " + v)
		}
		b.WriteString("\n")
	}
	field("title", p.Title)
	field("description", p.Description)
	blank := true // drop blank lines at the start of the body
	pending := false
	for _, line := range strings.Split(string(p.Body), "\n") {
		line = collapse(line)
		if line == "" {
			if !blank {
				pending = true
			}
			continue
		}
		if pending || b.Len() > 0 && blank {
			b.WriteByte('\n')
		}
		pending, blank = false, false
		b.WriteString(line + "\n")
	}
	return b.String()
}

// HasFile reports whether a page was read from a file. Sections without an _index.md and homes
// without one are made up by the content model; they have no text to translate.
func HasFile(p *content.Page) bool { return p != nil && !p.Fallback && p.BodyLine > 0 }

// SourceOf returns the source-language page a translation was made from: the page with the same
// translation key in the default language def. It returns nil when p is itself in def, is a
// fallback or made-up page, or has no source page.
func SourceOf(p *content.Page, def string) *content.Page {
	if !HasFile(p) || p.Lang == def {
		return nil
	}
	src := p.Translation(def)
	if !HasFile(src) {
		return nil
	}
	return src
}

// Drifted reports whether translation tr was made from another version of its source page src
// than the current one, or records no version at all (an unknown version is not known to be
// current).
func Drifted(tr, src *content.Page) bool { return tr.TranslatedFrom != Hash(src) }
