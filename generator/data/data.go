// Package data loads the site's data files under content/_data: the glossary of each language and
// the contact directory, and checks them.
package data

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"pandu/generator/diag"
	"pandu/generator/internal/tomlpos"
)

// keyPattern is what an entry key must look like: it is written by editors in [[term:key]] and
// [[contact:key]] and becomes part of URLs and HTML ids.
var keyPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

const keyRule = "lowercase letters a-z, digits and single hyphens"

// suggestKey turns a bad key into one that follows keyPattern ("Kontrak Kerja" -> "kontrak-kerja").
func suggestKey(k string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(k) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// tomlFile is a parsed data file: its top-level tables, in file order, and where each key is.
type tomlFile struct {
	root  map[string]any
	order []string // top-level keys in the order they first appear
	pos   *tomlpos.Doc
}

// decodeFile parses TOML. On a syntax error it returns nil and the problem, with line and column.
func decodeFile(src []byte, relName string) (*tomlFile, diag.List) {
	root := map[string]any{}
	pos, md, err := tomlpos.Decode(src, &root)
	if err != nil {
		p := pos.Problem(relName, err)
		p.Hint = tomlHint
		return nil, diag.List{p}
	}
	f := &tomlFile{root: root, pos: pos}
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		if !seen[k[0]] {
			seen[k[0]] = true
			f.order = append(f.order, k[0])
		}
	}
	var rest []string // not expected: every key is in md.Keys; kept so nothing is ever lost
	for k := range root {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	f.order = append(f.order, rest...)
	return f, nil
}

const tomlHint = `Check the TOML near this place: text goes in "double quotes", each key = value on its own line,
each entry starts with its [key] header on a line of its own, and dates are written without quotes (2026-11-26).`

// unknownFields reports, in sorted order, the keys of table that are not in allowed.
func unknownFields(table map[string]any, allowed []string) []string {
	var out []string
	for k := range table {
		if !slices.Contains(allowed, k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// unknownHint says which keys are allowed, suggesting the closest one to the unknown key.
func unknownHint(key string, allowed []string) string {
	h := "Allowed keys here: " + strings.Join(allowed, ", ") + "."
	if s := closest(key, allowed); s != "" {
		h = fmt.Sprintf("Did you mean %q? ", s) + h
	}
	return h
}

// closest returns the candidate nearest to s in edit distance, if it is near enough to be a typo.
func closest(s string, candidates []string) string {
	best, bestD := "", 0
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := editDistance(ls, c)
		if best == "" || d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(best)/3) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// tomlType names a decoded TOML value for messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case bool:
		return "true/false"
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "a list"
	}
	return "a date or time"
}
