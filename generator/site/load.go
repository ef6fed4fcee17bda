package site

import (
	"os"
	"path/filepath"

	"pandu/generator/content"
	"pandu/generator/data"
	"pandu/generator/diag"
	"pandu/generator/sourcefs"
)

// readData reads the data file rel ("content/_data/glossary/id.toml"). It returns false when the
// site has no such file, or when it cannot be read (a problem naming it is added).
func (b *builder) readData(rel string) ([]byte, bool) {
	file := filepath.Join(b.opts.Source, filepath.FromSlash(rel))
	if _, err := os.Stat(file); err != nil {
		return nil, false
	}
	src, err := b.src.ReadFile(file, b.cfg.MaxMarkdown())
	if err != nil {
		b.problems.Add(sourcefs.Problem(err, rel))
		return nil, false
	}
	return src, true
}

// loadData reads the glossaries, the search synonyms and the contacts under content/_data/.
func (b *builder) loadData() {
	dir := "content/" + content.DataDir + "/"
	b.glossaries = map[string]*data.Glossary{}
	var langs []string
	for _, l := range b.cfg.Ordered {
		langs = append(langs, l.Code)
		rel := dir + "glossary/" + l.Code + ".toml"
		src, ok := b.readData(rel)
		if !ok {
			continue
		}
		g, p := data.ParseGlossary(src, rel, l.Code)
		b.problems.Merge(p)
		if g != nil {
			b.glossaries[l.Code] = g
		}
	}
	if src := b.glossaries[b.cfg.DefaultLanguage]; src != nil {
		var others []*data.Glossary
		for _, l := range b.cfg.Ordered {
			if g := b.glossaries[l.Code]; g != nil && g != src {
				others = append(others, g)
			}
		}
		b.problems.Merge(data.CompareGlossaries(src, others...))
	}
	b.synonyms = map[string][]data.Synonym{}
	for _, l := range b.cfg.Ordered {
		rel := dir + "synonyms/" + l.Code + ".toml"
		src, ok := b.readData(rel)
		if !ok {
			continue
		}
		syn, p := data.ParseSynonyms(src, rel)
		b.problems.Merge(p)
		b.synonyms[l.Code] = syn
	}
	if src, ok := b.readData(dir + "contacts.toml"); ok {
		c, p := data.ParseContacts(src, dir+"contacts.toml", langs, b.cfg.DefaultLanguage)
		b.problems.Merge(p)
		b.contacts = c
	}
}

// staticProblem reports a problem found while copying static/: each file that could not be read
// is a problem of its own, naming the file.
func staticProblem(err error) error {
	var list diag.List
	for _, e := range unjoin(err) {
		list.Add(sourcefs.Problem(e, "static"))
	}
	return list.Err()
}

// unjoin returns the errors joined in err (errors.Join), or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
