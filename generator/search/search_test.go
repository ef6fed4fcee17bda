package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
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

// file is the JSON form of an Index, as the browser reads it.
type file struct {
	Lang  string              `json:"lang"`
	Docs  [][]any             `json:"docs"`
	Stems map[string]string   `json:"stems"`
	Syn   map[string][]string `json:"syn"`
	Stop  []string            `json:"stop"`
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
	ix := Build("id", pages())
	f := decode(t, ix)
	term := func(w string) string {
		if s, ok := f.Stems[w]; ok {
			return s
		}
		if _, ok := ix.Stem(w); ok {
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
	// "kerja" is a stem of the content (page 0's title and section 1); a word no page has is not.
	if _, ok := ix.Stem("kerja"); !ok {
		t.Error(`"kerja" is not an index term`)
	}
	if _, ok := ix.Stem("kapal"); ok {
		t.Error(`"kapal" is an index term, but no page has it`)
	}
}

// TestSectionTextAndDescription checks that the file carries each section's text (the browser
// ranks and quotes it) and the page's description.
func TestSectionTextAndDescription(t *testing.T) {
	ps := pages()
	ps[0].Description = "Ringkasan  hak."
	f := decode(t, Build("id", ps))
	secs := f.Docs[0][2].([]any)
	if got := secs[1].([]any)[2]; got != "Pekerjaan Anda diatur kontrak." {
		t.Errorf("text of section 1 = %q", got)
	}
	if got := f.Docs[0][3]; got != "Ringkasan hak." {
		t.Errorf("description = %q, want the front matter's with spaces folded", got)
	}
}

func TestSynonyms(t *testing.T) {
	ix := Build("id", pages())
	unknown := ix.SetSynonyms([]Synonym{
		{Reader: "TKI", Means: []string{"pekerja migran", "pmi"}, Ref: 3},
		{Reader: "Medical  Check-up", Means: []string{"dokumen"}, Ref: 4},
		{Reader: "calo", Means: []string{"zzz"}, Quiet: true},
		{Reader: "tki", Means: []string{"perlindungan"}, Ref: 5},
	})
	f := decode(t, ix)
	// Phrases of the guides become their terms joined by a space; entries for one reader's
	// word add up; a word no page has is reported with its entry, unless the entry is quiet.
	if got := f.Syn["tki"]; len(got) != 2 || got[0] != "kerja migran" || got[1] != "lindung" {
		t.Errorf(`syn["tki"] = %q, want ["kerja migran" "lindung"]`, got)
	}
	if got := f.Syn["medical check-up"]; len(got) != 1 || got[0] != "dokumen" {
		t.Errorf(`syn["medical check-up"] = %q (reader's phrase lower-cased, spaces folded)`, got)
	}
	if _, ok := f.Syn["calo"]; ok {
		t.Error(`"calo" means only a word no page has: it should be left out`)
	}
	if len(unknown) != 1 || unknown[0].Word != "pmi" || unknown[0].Synonym.Ref != 3 {
		t.Errorf("unknown = %+v, want pmi of the entry at line 3", unknown)
	}
}

func TestStopwordsInFile(t *testing.T) {
	f := decode(t, Build("id", pages()))
	if len(f.Stop) == 0 || len(Stopwords("xx")) != 0 {
		t.Errorf("stop words: id %d, unknown language %d", len(f.Stop), len(Stopwords("xx")))
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

// TestAccumulatorEqualsMerge: adding the pages in any order writes the index file Merge gives
// in page order, also where pages in two languages stem a word differently (the first page's
// stem wins).
func TestAccumulatorEqualsMerge(t *testing.T) {
	ps := pages()
	ps = append(ps, Page{URL: "/id/en-fallback/", Title: "Working abroad", Lang: "en",
		Sections: []Section{{Text: "workers working pekerjaan"}}})
	ps = append([]Page{{URL: "/id/first/", Title: "Pekerjaan", Lang: "id", Sections: []Section{{Text: "working"}}}}, ps...)
	analyses := make([]*Analysis, len(ps))
	for i, p := range ps {
		analyses[i] = Analyze("id", p)
	}
	want, err := Merge("id", ps, analyses, nil).JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		var file bytes.Buffer
		acc, err := NewAccumulator("id", len(ps), &file)
		if err != nil {
			t.Fatal(err)
		}
		add := func(i int) {
			p := ps[i] // a copy: Add takes its entry
			acc.Add(i, &p, analyses[i])
			if p.enc != nil {
				t.Errorf("page %d kept its entry", i)
			}
		}
		for _, i := range order[:len(order)-1] {
			add(i)
		}
		if err := acc.Close(acc.Index()); err == nil {
			t.Error("closed with a page missing")
		}
		add(order[len(order)-1])
		if err := acc.Close(acc.Index()); err != nil {
			t.Fatal(err)
		}
		if got := file.String(); got != string(want) {
			t.Errorf("order %v: accumulated index differs from Merge:\n%s\nwant\n%s", order, got, want)
		}
	}
	// A page added twice is an error, not a second entry.
	acc, err := NewAccumulator("id", 2, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		p := ps[0]
		acc.Add(0, &p, analyses[0])
	}
	if err := acc.Close(acc.Index()); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a page added twice: %v", err)
	}
}

// A page encoded ahead (the preview keeps its pages so) gives the index file the same bytes as
// one encoded with the file, and keeps no text of its own beside its entry.
func TestEncodedPagesSameFile(t *testing.T) {
	ps := append(pages(), Page{URL: "/id/c/", Title: "Kosong <b> & \"kutip\""})
	want, err := Build("id", ps).JSON()
	if err != nil {
		t.Fatal(err)
	}
	analyses := make([]*Analysis, len(ps))
	for i := range ps {
		analyses[i] = Analyze("id", ps[i])
		if i%2 == 0 {
			if err := ps[i].Encode(); err != nil {
				t.Fatal(err)
			}
			if ps[i].Sections != nil {
				t.Errorf("page %d keeps its sections once encoded", i)
			}
		}
	}
	got, err := Merge("id", ps, analyses, nil).JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("with encoded pages:\n%s\nwant\n%s", got, want)
	}
	if !json.Valid(got) || bytes.Contains(got, []byte("\\u003c")) {
		t.Errorf("not the compact JSON the browser reads: %s", got)
	}
}

// Merge gives up when its stop function says so, also in the middle of a language's pages,
// and otherwise asks it now and then while it makes the same index as without one.
func TestMergeStops(t *testing.T) {
	var ps []Page
	for i := 0; i < 5*mergeStride; i++ {
		ps = append(ps, Page{URL: fmt.Sprintf("/id/p%d/", i), Title: fmt.Sprintf("Pekerja %d", i),
			Sections: []Section{{Text: fmt.Sprintf("bekerja di luar negeri kata%d", i)}}})
	}
	analyses := make([]*Analysis, len(ps))
	for i := range ps {
		analyses[i] = Analyze("id", ps[i])
	}
	asked := 0
	if ix := Merge("id", ps, analyses, func() bool { asked++; return asked == 3 }); ix != nil {
		t.Errorf("Merge went on after its stop function said stop (asked %d times)", asked)
	}
	if asked != 3 {
		t.Errorf("stop asked %d times before Merge gave up, want 3", asked)
	}
	asked = 0
	got, err := Merge("id", ps, analyses, func() bool { asked++; return false }).JSON()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Merge("id", ps, analyses, nil).JSON()
	if !bytes.Equal(got, want) || asked < len(ps)/mergeStride {
		t.Errorf("with a stop function that never stops: same file %v, asked %d times", bytes.Equal(got, want), asked)
	}

	// The file of a merged index is written by the preview after the merge: it stops too.
	asked, stopAt := 0, 0
	ix := Merge("id", ps, analyses, func() bool { asked++; return stopAt > 0 && asked >= stopAt })
	if ix == nil {
		t.Fatal("Merge stopped with a stop function that had not said stop")
	}
	stopAt = asked + 2 // the second question JSON asks, after the first mergeStride entries
	if data, err := ix.JSON(); !errors.Is(err, ErrStopped) || data != nil {
		t.Errorf("JSON went on after the stop function said stop: %d bytes, error %v", len(data), err)
	}
	if asked != stopAt {
		t.Errorf("stop asked %d times, want %d", asked, stopAt)
	}
}

// BenchmarkAnalyze tokenizes and stems the pages of the test index, as a build does for every
// page: go test -run '^$' -bench Analyze ./generator/search
func BenchmarkAnalyze(b *testing.B) {
	ps := pages()
	for i := range ps {
		for k := range ps[i].Sections {
			ps[i].Sections[k].Text = strings.Repeat(ps[i].Sections[k].Text+" ", 40)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range ps {
			Analyze("id", p)
		}
	}
}

// OneSpace makes white space what strings.Fields and one space between make of it, Unicode
// spaces and broken UTF-8 included.
func TestOneSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb\n c", "\u00a0a\u2003b\u00a0",
		"kata\u0085kata", "é  è", "a\xffb \xff", "  \n\t ", "x\r\ny", "a\u200bb", "ß \u3000 ü"} {
		if got, want := OneSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("OneSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestEncodeKeepsOwnLength checks that an encoded page holds its entry and little more, also
// when escapes make the entry longer than its text (the preview keeps every page so), and that
// the entry's size is known before it is encoded.
func TestEncodeKeepsOwnLength(t *testing.T) {
	for _, text := range []string{"plain words of a guide", `"quoted" \ words`, strings.Repeat("kata \x01", 100)} {
		p := Page{URL: "/id/x/", Title: "Judul", Sections: []Section{{Text: text}, {ID: "b", Title: "B", Text: text}}}
		var want bytes.Buffer
		if err := encodeTo(&want, p.entry()); err != nil {
			t.Fatal(err)
		}
		if size := p.size(); size <= want.Len() && !strings.Contains(text, "\x01") {
			// The encoder's buffer is made once, of this size: with the encoder's newline it
			// must hold the entry, or it grows to three times that.
			t.Errorf("size %d for an entry of %d bytes", size, want.Len())
		}
		if err := p.Encode(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(p.enc, want.Bytes()) {
			t.Errorf("Encode gave %q, want %q", p.enc, want.Bytes())
		}
		if spare := cap(p.enc) - len(p.enc); spare > len(p.enc)/8+16 { // more than its size class
			t.Errorf("an entry of %d bytes keeps %d more", len(p.enc), spare)
		}
	}
}
