package data

import (
	"fmt"
	"strings"

	"pandu/generator/diag"
)

// Synonym is one entry of a language's search synonyms (content/_data/synonyms/<lang>.toml): a
// word or phrase readers type, and the words the guides use for the same thing.
type Synonym struct {
	Reader string   // what the reader types: "tki", "medical check up"
	Means  []string // words or phrases of the guides: "pekerja migran", "pmi"
	Line   int      // line of the entry in the file
}

const synonymHint = `Write one entry per line: the reader's word = the guides' words, e.g.
tki = ["pekerja migran", "pmi"]
"medical check up" = "pemeriksaan kesehatan"`

// ParseSynonyms parses a synonyms file: top-level keys are what readers type, each value a string
// or a list of strings with the words the guides use. Entries come back in file order.
func ParseSynonyms(src []byte, relName string) ([]Synonym, diag.List) {
	f, probs := decodeFile(src, relName)
	if f == nil {
		return nil, probs
	}
	var out []Synonym
	for _, key := range f.order {
		line := f.pos.Line(key)
		bad := func(format string, args ...any) {
			probs.Add(diag.Problem{File: relName, Line: line, Message: fmt.Sprintf(format, args...), Hint: synonymHint})
		}
		s := Synonym{Reader: strings.TrimSpace(key), Line: line}
		switch v := f.root[key].(type) {
		case string:
			s.Means = []string{v}
		case []any:
			for _, e := range v {
				str, ok := e.(string)
				if !ok {
					bad("synonym %q: every word in the list must be text in quotes", key)
					continue
				}
				s.Means = append(s.Means, str)
			}
		default:
			bad("synonym %q is %s: it must be text or a list of texts", key, tomlType(f.root[key]))
			continue
		}
		var kept []string
		for _, m := range s.Means {
			if m = strings.TrimSpace(m); m != "" {
				kept = append(kept, m)
			}
		}
		s.Means = kept
		if s.Reader == "" || len(s.Means) == 0 {
			bad("synonym %q has an empty side", key)
			continue
		}
		out = append(out, s)
	}
	return out, probs
}
