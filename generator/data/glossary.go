package data

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"pandu/generator/diag"
)

// Term is one glossary entry.
type Term struct {
	Key        string // the entry's [key], used in [[term:key]]
	Term       string // the word as readers see it: "CPMI"
	Full       string // optional expansion: "Calon Pekerja Migran Indonesia"
	Definition string
	Line       int // line of the entry's [key] header
}

// Glossary is the glossary of one language.
type Glossary struct {
	Lang   string
	Terms  map[string]*Term // by key
	Sorted []*Term          // by Term, case-insensitive, then Key
	File   string           // relative name, for problems
}

var termFields = []string{"term", "full", "definition"}

// LoadGlossary reads and checks the glossary file of one language (content/_data/glossary/<lang>.toml).
// file is the path to read, relName the name used in problems. It always returns a usable Glossary
// holding every entry with a valid key, even when there are problems.
func LoadGlossary(file, relName, lang string) (*Glossary, diag.List) {
	src, err := os.ReadFile(file)
	if err != nil {
		g := &Glossary{Lang: lang, Terms: map[string]*Term{}, File: relName}
		return g, diag.List{{File: relName, Message: fmt.Sprintf("cannot read the glossary: %v", err),
			Hint: "Create it with one [key] section per term, with term = \"...\" and definition = \"...\"."}}
	}
	return ParseGlossary(src, relName, lang)
}

// ParseGlossary is LoadGlossary on the file's contents.
func ParseGlossary(src []byte, relName, lang string) (*Glossary, diag.List) {
	g := &Glossary{Lang: lang, Terms: map[string]*Term{}, File: relName}
	f, probs := decodeFile(src, relName)
	if f == nil {
		return g, probs
	}
	errf := func(line int, hint, format string, args ...any) {
		probs.Add(diag.Problem{File: relName, Line: line, Message: fmt.Sprintf(format, args...), Hint: hint})
	}
	for _, key := range f.order {
		line := f.pos.Line(key)
		entry, ok := f.root[key].(map[string]any)
		if !ok {
			errf(line, fmt.Sprintf("Each term is a section:\n[%s]\nterm = \"...\"\ndefinition = \"...\"", suggestKey(key)),
				"%q is not a glossary entry: it is %s, not a [%s] section", key, tomlType(f.root[key]), key)
			continue
		}
		if !keyPattern.MatchString(key) {
			hint := "A key may use only " + keyRule + "."
			if s := suggestKey(key); s != "" {
				hint += fmt.Sprintf(" Write [%s] (and [[term:%s]] in guides).", s, s)
			}
			errf(line, hint, "glossary key [%s] is not valid", key)
			continue
		}
		t := &Term{Key: key, Line: line}
		for _, u := range unknownFields(entry, termFields) {
			errf(f.pos.Line(key, u), unknownHint(u, termFields), "unknown key %q in glossary entry [%s]", u, key)
		}
		str := func(field string, required bool, what string) string {
			v, present := entry[field]
			s, isStr := v.(string)
			s = strings.TrimSpace(s)
			switch {
			case present && !isStr:
				errf(f.pos.Line(key, field), fmt.Sprintf("Write it in quotes: %s = \"...\"", field),
					"%s of [%s] must be text, not %s", field, key, tomlType(v))
			case required && s == "":
				errf(f.pos.Line(key, field), fmt.Sprintf("Add %s = \"...\": %s.", field, what),
					"glossary entry [%s] has no %s", key, field)
			}
			return s
		}
		t.Term = str("term", true, "the word as readers see it")
		t.Full = str("full", false, "")
		t.Definition = str("definition", true, "one or two plain sentences saying what it means")
		if t.Term == "" {
			t.Term = key // keeps [[term:key]] working while the build reports the problem
		}
		g.Terms[key] = t
		g.Sorted = append(g.Sorted, t)
	}
	sort.Slice(g.Sorted, func(i, j int) bool { return lessTerm(g.Sorted[i], g.Sorted[j]) })

	// The same word defined twice is almost always a copy-paste mistake.
	byWord := map[string]*Term{}
	for _, t := range sortedByLine(g.Sorted) {
		w := strings.ToLower(t.Term)
		if first, ok := byWord[w]; ok {
			probs.Add(diag.Problem{File: relName, Line: t.Line, Warning: true,
				Message: fmt.Sprintf("term %q of [%s] is also defined by [%s] (line %d)", t.Term, t.Key, first.Key, first.Line),
				Hint:    "Keep one entry and use its key everywhere, or give the terms different words."})
			continue
		}
		byWord[w] = t
	}
	probs.Sort()
	return g, probs
}

func lessTerm(a, b *Term) bool {
	la, lb := strings.ToLower(a.Term), strings.ToLower(b.Term)
	if la != lb {
		return la < lb
	}
	if a.Term != b.Term {
		return a.Term < b.Term
	}
	return a.Key < b.Key
}

func sortedByLine(ts []*Term) []*Term {
	out := append([]*Term(nil), ts...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// CompareGlossaries warns about entries that are not in every language: a key of source (the
// source language's glossary) missing from another glossary is reported at that glossary's file;
// a key of another glossary missing from source is reported at source's file. Nil glossaries are
// skipped.
func CompareGlossaries(source *Glossary, others ...*Glossary) diag.List {
	var probs diag.List
	if source == nil {
		return nil
	}
	for _, o := range others {
		if o == nil || o == source {
			continue
		}
		for _, key := range sortedKeys(source.Terms) {
			if _, ok := o.Terms[key]; ok {
				continue
			}
			t := source.Terms[key]
			probs.Add(diag.Problem{File: o.File, Warning: true,
				Message: fmt.Sprintf("glossary entry [%s] (%q, %s line %d) is missing in %s", key, t.Term, source.File, t.Line, o.Lang),
				Hint: fmt.Sprintf("Add [%s] with term and definition in %s; until then [[term:%s]] on %s pages stops the build.",
					key, o.Lang, key, o.Lang)})
		}
		for _, key := range sortedKeys(o.Terms) {
			if _, ok := source.Terms[key]; ok {
				continue
			}
			t := o.Terms[key]
			probs.Add(diag.Problem{File: source.File, Warning: true,
				Message: fmt.Sprintf("glossary entry [%s] of %s (%q, %s line %d) is missing in %s, the source language",
					key, o.Lang, t.Term, o.File, t.Line, source.Lang),
				Hint: fmt.Sprintf("Add [%s] to %s, or remove it from %s if it is not needed.", key, source.File, o.File)})
		}
	}
	probs.Sort()
	return probs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
