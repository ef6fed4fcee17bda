package search

import (
	"bytes"
	"encoding/json"
	"testing"
)

func pages() []Page {
	return []Page{
		{URL: "/id/a/", Title: "Hak pekerja", Sections: []Section{
			{Text: "Setiap pekerja migran berhak atas perlindungan."},
			{ID: "kerja", Title: "Bekerja di Malaysia", Text: "Pekerjaan Anda diatur kontrak."},
		}},
		{URL: "/id/b/", Title: "Berangkat", Sections: []Section{
			{Text: "Sebelum keberangkatan, periksa dokumen."},
			{ID: "lindung", Title: "Lindungi diri", Text: "Pelindungan dari negara."},
		}},
	}
}

// decode parses the index file the browser gets.
func decode(t *testing.T, ix *Index) file {
	t.Helper()
	data, err := ix.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("index is not JSON: %v\n%s", err, data)
	}
	return f
}

func TestWordFormsShareATerm(t *testing.T) {
	f := decode(t, Build("id", pages()))
	term := func(w string) string {
		if s, ok := f.Stems[w]; ok {
			return s
		}
		if _, ok := f.Terms[w]; ok {
			return w
		}
		t.Fatalf("word %q is neither in the table nor an index term", w)
		return ""
	}
	groups := [][]string{
		{"bekerja", "pekerja", "pekerjaan"},
		{"perlindungan", "pelindungan", "lindungi"},
		{"berangkat", "keberangkatan"},
	}
	for _, g := range groups {
		want := term(g[0])
		for _, w := range g[1:] {
			if got := term(w); got != want {
				t.Errorf("%q has index term %q, %q has %q: they would not find each other", g[0], want, w, got)
			}
		}
	}
	// "kerja" is in both page 0's title (section 0) and section 1.
	if got := f.Terms["kerja"]; len(got) != 4 || got[0] != 0 || got[1] != 0 || got[2] != 0 || got[3] != 1 {
		t.Errorf(`postings of "kerja" = %v, want [0 0 0 1] (page 0 sections 0 and 1, each once)`, got)
	}
}

func TestTableOnlyWhereStemDiffers(t *testing.T) {
	f := decode(t, Build("id", pages()))
	for w, s := range f.Stems {
		if w == s {
			t.Errorf("table entry %q -> %q: the word is its own stem and should be left out", w, s)
		}
	}
	if _, ok := f.Stems["dokumen"]; ok {
		t.Error(`"dokumen" is a root and needs no table entry`)
	}
}

func TestDocsAndSections(t *testing.T) {
	f := decode(t, Build("id", pages()))
	if len(f.Docs) != 2 || f.Docs[1][0] != "/id/b/" || f.Docs[1][1] != "Berangkat" {
		t.Fatalf("docs = %v", f.Docs)
	}
	secs := f.Docs[0][2].([]any)
	first, second := secs[0].([]any), secs[1].([]any)
	if first[0] != "" || first[1] != "Hak pekerja" || second[0] != "kerja" || second[1] != "Bekerja di Malaysia" {
		t.Errorf("sections of the first page = %v; want the page title for the text before the first heading", secs)
	}
}

func TestEnglish(t *testing.T) {
	ix := Build("en", []Page{{URL: "/en/a/", Title: "Working abroad", Sections: []Section{{Text: "Workers and employers sign an employment contract. He worked."}}}})
	for _, pair := range [][2]string{{"working", "worked"}, {"employers", "employment"}} {
		a, okA := ix.Stem(pair[0])
		b, okB := ix.Stem(pair[1])
		if !okA || !okB || a != b {
			t.Errorf("%q -> %q (%v), %q -> %q (%v): want one stem", pair[0], a, okA, pair[1], b, okB)
		}
	}
}

func TestFallbackTextUsesItsLanguage(t *testing.T) {
	ix := Build("en", []Page{{URL: "/en/x/", Title: "Pekerjaan", Lang: "id"}})
	if s, _ := ix.Stem("pekerjaan"); s != "kerja" {
		t.Errorf(`an Indonesian text on an English page: "pekerjaan" -> %q, want "kerja"`, s)
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := Build("id", pages()).JSON()
	for i := 0; i < 5; i++ {
		b, _ := Build("id", pages()).JSON()
		if !bytes.Equal(a, b) {
			t.Fatal("two builds of the same pages differ")
		}
	}
}
