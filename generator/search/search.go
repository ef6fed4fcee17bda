// Package search owns the per-language search index: the compact JSON file the search page's
// script loads. It turns pages (URL, title and the h2/h3 sections of their text) into a list of
// documents with their sections' text, the word→stem table for every word of the language's
// content whose stem differs from the word, and the synonyms readers type for the guides' words.
// The stemmers of package stem are the only implementation that decides what a word's stem is:
// the browser looks a query word up in the table and never stems by itself. The browser builds
// its inverted index from the sections' text (so the file carries the text once, for ranking and
// for snippets alike) and ranks with BM25; see static/js/search.js.
//
// A build writes each file as its pages come (Accumulator), keeping no page's entry longer than
// it must; the preview keeps every page encoded (Page.Encode) and writes the file again after an
// edit (Merge, Index.JSON). Both give the same bytes.
package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"pandu/generator/search/stem"
)

// Section is one part of a page: the text before the first heading (ID "") or an h2/h3 heading
// and the text under it.
type Section struct {
	ID, Title, Text string
}

// Page is one page to index.
type Page struct {
	URL   string
	Title string
	// Description is the page's summary (front matter): it counts like a heading.
	Description string
	// Lang is the language the text is written in (a fallback page shows the source language's
	// text); it chooses the stemmer. Empty means the index's language.
	Lang     string
	Sections []Section
	// enc is the page as the index file writes it, once Encode has made it.
	enc []byte
}

// Encode makes the page's entry of the index file now and drops its sections' text, which the
// entry holds: a caller that rebuilds an index after one page changed (the preview) keeps the
// other pages encoded, and the index file is written without encoding every page again. Analyze
// the page first: an encoded page has no sections left to analyze.
//
// The preview keeps every page of a language this way: the entry is kept at its own length,
// where the sections' text (built up in strings.Builders) holds up to twice what it needs.
func (p *Page) Encode() error {
	var buf bytes.Buffer
	buf.Grow(p.size())
	room := buf.Cap()
	if err := encodeTo(&buf, p.entry()); err != nil {
		return err
	}
	p.enc, p.Sections = buf.Bytes(), nil
	if buf.Cap() != room { // control characters made it outgrow size: the buffer grew
		p.enc = bytes.Clone(p.enc)
	}
	return nil
}

// Equal reports whether q gives the same entry of an index file as p.
func (p *Page) Equal(q *Page) bool {
	return p.URL == q.URL && p.Title == q.Title && p.Description == q.Description && p.Lang == q.Lang &&
		bytes.Equal(p.enc, q.enc) && slices.Equal(p.Sections, q.Sections)
}

// entry is the page's entry in the index file: URL, title, sections, description.
func (p *Page) entry() []any {
	secs := make([][3]string, 0, len(p.Sections))
	for i, s := range p.Sections {
		title := s.Title
		if i == 0 {
			title = p.Title
		}
		secs = append(secs, [3]string{s.ID, strings.TrimSpace(title), OneSpace(s.Text)})
	}
	if len(secs) == 0 {
		secs = append(secs, [3]string{"", p.Title, ""})
	}
	return []any{p.URL, p.Title, secs, OneSpace(p.Description)}
}

// size is the length of the page's entry in the index file, or a little more, with room for
// the newline the encoder writes after it: only control characters, rare in text, take more.
func (p *Page) size() int {
	if p.enc != nil {
		return len(p.enc)
	}
	// ["url","title",[sections],"desc"] and the newline; ["id","title","text"] and a comma for
	// each section, or one section with only the title.
	n := jsonLen(p.URL) + 2*jsonLen(p.Title) + jsonLen(p.Description) + 15
	if len(p.Sections) == 0 {
		n += 10
	}
	for i, s := range p.Sections {
		n += jsonLen(s.ID) + jsonLen(s.Text) + 11
		if i > 0 { // the first section's title is the page's
			n += jsonLen(s.Title)
		}
	}
	return n
}

// jsonLen is the length of s as a JSON string without its quotes, for s without control
// characters: '"' and '\' are escaped.
func jsonLen(s string) int {
	return len(s) + strings.Count(s, `"`) + strings.Count(s, `\`)
}

// encodeTo writes v as compact JSON without escaping <, > and &, and without a final newline.
func encodeTo(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

// Index is the search index of one language.
type Index struct {
	Lang  string
	pages []Page
	// terms holds every stem of the content. (The browser builds its inverted index from the
	// sections' text; the build needs only to know which words occur.)
	terms map[string]struct{}
	// stems maps a word of the content to its stem, only where they differ.
	stems map[string]string
	// syn maps what readers type (a word, or words joined by one space) to index terms.
	syn map[string][]string
	// stop is Merge's: JSON gives up when it says so.
	stop func() bool
}

// ErrStopped is JSON's error when the stop function given to Merge asked it to give up.
var ErrStopped = errors.New("search: stopped")

// Equal reports whether b found the same stems and words as a.
func (a *Analysis) Equal(b *Analysis) bool {
	return a == b || a != nil && b != nil && slices.Equal(a.terms, b.terms) && slices.Equal(a.stems, b.stems)
}

// MinWordLength is the length (in bytes) below which words are not indexed.
const MinWordLength = 2

// Build indexes pages for lang. Pages keep their order, and so do their sections: the page title
// counts as part of the first section.
func Build(lang string, pages []Page) *Index {
	analyses := make([]*Analysis, len(pages))
	for i, p := range pages {
		analyses[i] = Analyze(lang, p)
	}
	return Merge(lang, pages, analyses, nil)
}

// Analysis is what indexing one page found: the stems of its words and the words whose stem
// differs from them. It depends on the page alone, so a caller that rebuilds the index after one
// page changed can keep the other pages' analyses. It is small: a build keeps one per page until
// it writes the index.
type Analysis struct {
	terms []string    // distinct stems, in order of first appearance
	stems [][2]string // word, stem: in order of first appearance, only where they differ
}

// Analyze tokenizes and stems one page. lang is the index's language; a page whose text is in
// another language (Page.Lang) is stemmed in that language.
func Analyze(lang string, p Page) *Analysis {
	textLang := p.Lang
	if textLang == "" {
		textLang = lang
	}
	stemOf := stem.For(textLang)
	memo := stemMemo(textLang)
	sc := scratches.Get().(*scratch)
	defer sc.put()
	seenWord, seenStem := sc.words, sc.stems
	// The lists grow in the scratch's room; the Analysis gets copies of their length.
	terms, stems := sc.terms[:0], sc.pairs[:0]
	add := func(w string) {
		if len(w) < MinWordLength {
			return
		}
		// The word in lower case, made (as strings.ToLower makes it) only when the page has not
		// had it yet: most capitals start a sentence, and the word recurs.
		switch lower, ascii := asciiLower(w, sc.buf[:0]); {
		case !ascii:
			w = strings.ToLower(w)
		case lower != nil:
			sc.buf = lower
			if _, ok := seenWord[string(lower)]; ok {
				return
			}
			w = string(lower)
		}
		if _, ok := seenWord[w]; ok {
			return // its stem is recorded already
		}
		seenWord[w] = struct{}{}
		st, ok := memo.get(w)
		if !ok {
			st = stemOf(w)
			memo.set(w, st)
		}
		if st != w {
			stems = append(stems, [2]string{w, st})
		}
		if _, ok := seenStem[st]; !ok {
			seenStem[st] = struct{}{}
			terms = append(terms, st)
		}
	}
	stem.EachRawWord(p.Title, add)
	stem.EachRawWord(p.Description, add)
	for _, sec := range p.Sections {
		stem.EachRawWord(sec.Title, add)
		stem.EachRawWord(sec.Text, add)
	}
	sc.terms, sc.pairs = terms, stems
	return &Analysis{terms: exact(terms), stems: exact(stems)}
}

// exact returns a copy of s of its length, nil when it is empty.
func exact[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// scratch is the sets and lists Analyze fills for one page, kept for the next page: a build
// analyses thousands of pages, and making the sets again for each was a sixth of what the build
// allocated.
type scratch struct {
	words, stems map[string]struct{}
	buf          []byte      // a word being lower-cased
	terms        []string    // Analysis.terms as they grow
	pairs        [][2]string // Analysis.stems as they grow
}

// asciiLower reports whether w is ASCII, and if so and it has capitals, returns it lower-cased
// in buf's room; nil when w is lower case already.
func asciiLower(w string, buf []byte) ([]byte, bool) {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return nil, true
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, true
}

var scratches = sync.Pool{New: func() any {
	return &scratch{words: make(map[string]struct{}, 256), stems: make(map[string]struct{}, 256)}
}}

// put empties the sets (keeping their room) and gives them back.
func (sc *scratch) put() {
	clear(sc.words)
	clear(sc.stems)
	// The words are the page's: the pool keeps no string alive. Past the lists' lengths their
	// room was cleared by an earlier put.
	clear(sc.terms)
	clear(sc.pairs)
	scratches.Put(sc)
}

// memos remembers the stem of every word seen, per language: a site repeats its words on every
// page, and stemming (Snowball for English especially) costs far more than a lookup.
var memos sync.Map // language -> *memo

// memo is one language's words and their stems. A plain map under a lock, not a sync.Map: a
// sync.Map key is an interface, and putting each word of a build in one cost an allocation.
type memo struct {
	mu    sync.RWMutex
	stems map[string]string
}

func (m *memo) get(w string) (string, bool) {
	m.mu.RLock()
	st, ok := m.stems[w]
	m.mu.RUnlock()
	return st, ok
}

func (m *memo) set(w, st string) {
	m.mu.Lock()
	m.stems[w] = st
	m.mu.Unlock()
}

func stemMemo(lang string) *memo {
	if m, ok := memos.Load(lang); ok {
		return m.(*memo)
	}
	m, _ := memos.LoadOrStore(lang, &memo{stems: map[string]string{}})
	return m.(*memo)
}

// Merge builds the index of pages from their analyses (analyses[i] belongs to pages[i]).
//
// stop (nil: never) is asked every mergeStride pages whether to give up, and Merge then returns
// nil; the index's JSON asks it too (ErrStopped). The preview merges a language's index again
// after every edit of a guide's text, tens of milliseconds on a site of thousands of guides: a
// newer edit must not wait for it.
func Merge(lang string, pages []Page, analyses []*Analysis, stop func() bool) *Index {
	ix := &Index{Lang: lang, pages: pages, terms: map[string]struct{}{}, stems: map[string]string{}, stop: stop}
	for i, a := range analyses {
		if stop != nil && i%mergeStride == 0 && stop() {
			return nil
		}
		for _, ws := range a.stems {
			if _, known := ix.stems[ws[0]]; !known {
				ix.stems[ws[0]] = ws[1]
			}
		}
		for _, t := range a.terms {
			ix.terms[t] = struct{}{}
		}
	}
	return ix
}

// mergeStride is how many pages Merge adds between two questions to its stop function: well
// under a millisecond of work.
const mergeStride = 64

// Accumulator collects the pages of one language's index as they are made, in any order and
// from several goroutines, and writes the index file as they come: each page's entry as soon as
// every page before it in index order is written. Of the analyses it keeps only what the index
// needs: the stems that occur, and each word's stem. The file is the one Merge's index gives
// (JSON), made without keeping a page's entry or Analysis longer than it must: a build of tens
// of thousands of pages would hold hundreds of megabytes of them.
type Accumulator struct {
	mu    sync.Mutex
	lang  string
	terms map[string]struct{}
	stems map[string]pageStem
	// The file: w, the number of its pages, the position of the next entry to write, the
	// entries that came before one ahead of them, and the first error.
	w       io.Writer
	n, next int
	pending map[int][]byte
	err     error
	buf     bytes.Buffer // an entry written as it is encoded
}

// pageStem is a word's stem and the first page (in index order) that gave it: pages whose text
// is in another language stem some words differently, and Merge keeps the first page's stem.
type pageStem struct {
	page int
	stem string
}

// NewAccumulator returns an Accumulator of a language's index of n pages, which writes the index
// file to w.
func NewAccumulator(lang string, n int, w io.Writer) (*Accumulator, error) {
	head, err := fileHead(lang)
	if err != nil {
		return nil, err
	}
	c := &Accumulator{lang: lang, terms: map[string]struct{}{}, stems: map[string]pageStem{}, w: w, n: n,
		pending: map[int][]byte{}}
	c.fail(c.writeFile(head))
	return c, nil
}

// Add adds the page at position i of the index and its analysis, and takes the page's entry:
// p keeps its URL, title and description, not its sections or encoded entry. The entry is
// written now when every page before it is, else encoded (Encode) and kept until they are.
func (c *Accumulator) Add(i int, p *Page, a *Analysis) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ws := range a.stems {
		if have, ok := c.stems[ws[0]]; !ok || i < have.page {
			c.stems[ws[0]] = pageStem{i, ws[1]}
		}
	}
	for _, t := range a.terms {
		c.terms[t] = struct{}{}
	}
	switch _, held := c.pending[i]; {
	case i < c.next || i >= c.n || held:
		c.fail(fmt.Errorf("search index %s: page %d of %d added twice or out of range", c.lang, i, c.n))
	case i > c.next:
		if p.enc == nil {
			c.fail(p.Encode())
		}
		c.pending[i] = p.enc
	default:
		c.write(p)
		for enc, ok := c.pending[c.next]; ok; enc, ok = c.pending[c.next] {
			delete(c.pending, c.next)
			c.write(&Page{enc: enc})
		}
	}
	p.enc, p.Sections = nil, nil
}

// write writes the next page's entry: encoded already, or encoded now into a buffer the
// Accumulator reuses.
func (c *Accumulator) write(p *Page) {
	if c.next > 0 {
		c.fail(c.writeFile(comma))
	}
	c.next++
	if p.enc != nil {
		c.fail(c.writeFile(p.enc))
		return
	}
	c.buf.Reset()
	if err := encodeTo(&c.buf, p.entry()); err != nil {
		c.fail(err)
		return
	}
	c.fail(c.writeFile(c.buf.Bytes()))
}

// writeFile writes b to the file unless a write failed before.
func (c *Accumulator) writeFile(b []byte) error {
	if c.err != nil {
		return nil
	}
	_, err := c.w.Write(b)
	return err
}

// fail keeps err when it is the first error.
func (c *Accumulator) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// comma separates the entries of the index file's documents.
var comma = []byte{','}

// Index returns the index of what was added, without its pages (they are in the file): its
// synonyms are set on it (SetSynonyms), and Close writes the rest of the file from it.
func (c *Accumulator) Index() *Index {
	c.mu.Lock()
	defer c.mu.Unlock()
	ix := &Index{Lang: c.lang, terms: c.terms, stems: make(map[string]string, len(c.stems))}
	for w, s := range c.stems {
		ix.stems[w] = s.stem
	}
	return ix
}

// Close writes the end of the file from ix (see Index). It returns the first error writing the
// file, and an error when a page was not added.
func (c *Accumulator) Close(ix *Index) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	if c.next != c.n {
		return fmt.Errorf("search index %s: %d of %d pages were added", c.lang, c.next, c.n)
	}
	tail, err := ix.fileTail()
	if err != nil {
		return err
	}
	_, err = c.w.Write(tail)
	return err
}

// Stem returns the stem the index gives a word of the content, and whether the word occurs.
func (ix *Index) Stem(word string) (string, bool) {
	if s, ok := ix.stems[word]; ok {
		return s, true
	}
	_, ok := ix.terms[word]
	return word, ok
}

// Terms returns the number of distinct stems in the index.
func (ix *Index) Terms() int { return len(ix.terms) }

// JSON returns the index file. Field names are short: the file travels to phones.
//
//	{"lang":"id",
//	 "docs":[["/id/x/","Title",[["","Title","text…"],["hak-anda","Hak Anda","text…"]],"Description"], ...],
//	 "stems":{"bekerja":"kerja", ...},       // word -> stem where they differ
//	 "syn":{"tki":["pmi","kerja migran"]},     // reader's word(s) -> index terms or phrases
//	 "stop":["yang","di",...]}                 // query words that carry no topic
//
// encoding/json writes map keys sorted, so the output is deterministic. It returns ErrStopped
// when the stop function given to Merge asks it to give up: on the bench corpus the file of a
// language is 20 MB, and copying it into new memory took the preview 60 ms, while a newer edit
// waited.
func (ix *Index) JSON() ([]byte, error) {
	head, err := fileHead(ix.Lang)
	if err != nil {
		return nil, err
	}
	tail, err := ix.fileTail()
	if err != nil {
		return nil, err
	}
	size := len(head) + len(ix.pages) + len(tail)
	for i := range ix.pages {
		size += ix.pages[i].size()
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	buf.Write(head)
	for i := range ix.pages {
		if ix.stop != nil && i%mergeStride == 0 && ix.stop() {
			return nil, ErrStopped
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		if p := &ix.pages[i]; p.enc != nil {
			buf.Write(p.enc)
		} else if err := encodeTo(buf, p.entry()); err != nil {
			return nil, err
		}
	}
	buf.Write(tail)
	return buf.Bytes(), nil
}

// fileHead is the index file up to its first page's entry.
func fileHead(lang string) ([]byte, error) {
	var head bytes.Buffer
	head.WriteString(`{"lang":`)
	if err := encodeTo(&head, lang); err != nil {
		return nil, err
	}
	head.WriteString(`,"docs":[`)
	return head.Bytes(), nil
}

// fileTail is the index file after its last page's entry: the stems, synonyms and stop words.
func (ix *Index) fileTail() ([]byte, error) {
	syn := ix.syn
	if syn == nil {
		syn = map[string][]string{}
	}
	stop := Stopwords(ix.Lang)
	if stop == nil {
		stop = []string{}
	}
	var tail bytes.Buffer
	for _, part := range []struct {
		key string
		v   any
	}{{`],"stems":`, ix.stems}, {`,"syn":`, syn}, {`,"stop":`, stop}} {
		tail.WriteString(part.key)
		if err := encodeTo(&tail, part.v); err != nil {
			return nil, err
		}
	}
	tail.WriteByte('}')
	return tail.Bytes(), nil
}

// OneSpace returns s with every run of white space made one space and none at either end. Text
// that is so already is returned as it is, not copied.
func OneSpace(s string) string {
	prevSpace := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		if c >= utf8.RuneSelf || space && (c != ' ' || prevSpace) {
			return oneSpace(s) // Unicode spaces, or something to fix
		}
		prevSpace = space
	}
	if prevSpace && len(s) > 0 {
		return oneSpace(s) // a trailing space
	}
	return s
}

// oneSpace is strings.Join(strings.Fields(s), " ") in one pass and one string.
func oneSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	owed := false // a space goes before the next word
	for i := 0; i < len(s); {
		c, size := s[i], 1
		var space bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space:
			owed = b.Len() > 0
		default:
			if owed {
				b.WriteByte(' ')
				owed = false
			}
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Words returns every word of the content the index has a table entry for, sorted (for tests
// and diagnostics).
func (ix *Index) Words() []string {
	out := make([]string, 0, len(ix.stems))
	for w := range ix.stems {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// Synonym is what readers type (Reader: a word or a phrase) and the words of the guides it stands
// for (Means: words or phrases).
type Synonym struct {
	Reader string
	Means  []string
	// Quiet entries (made from the glossary) skip words no page has without a report.
	Quiet bool
	// Ref is returned with each Unknown, to name the entry (file and line) in a warning.
	Ref any
}

// Unknown is a word of a synonym that no page of the language has: it cannot find anything.
type Unknown struct {
	Synonym Synonym
	Word    string
}

// MaxPhrase is the most words a reader's phrase in the synonyms may have.
const MaxPhrase = 4

// SetSynonyms gives the index the synonyms of its language: each reader's word or phrase finds
// the terms of the words it stands for; a phrase of the guides becomes its terms joined by one
// space, and finds only a guide that has all of them. Entries for the same reader's words add up. It returns
// the words of the entries that occur on no page (a word of a quiet entry is left out silently).
func (ix *Index) SetSynonyms(entries []Synonym) []Unknown {
	var unknown []Unknown
	syn := map[string][]string{}
	for _, e := range entries {
		key := strings.Join(stem.Tokenize(e.Reader), " ")
		if key == "" || len(strings.Fields(key)) > MaxPhrase {
			continue
		}
		have := map[string]bool{}
		for _, t := range syn[key] {
			have[t] = true
		}
		for _, m := range e.Means {
			var phrase []string
			for _, w := range stem.Tokenize(m) {
				t, ok := ix.Stem(w)
				if !ok {
					if !e.Quiet {
						unknown = append(unknown, Unknown{e, w})
					}
					phrase = nil
					break
				}
				phrase = append(phrase, t)
			}
			if t := strings.Join(phrase, " "); t != "" && !have[t] {
				have[t] = true
				syn[key] = append(syn[key], t)
			}
		}
	}
	for k, v := range syn {
		if len(v) == 0 {
			delete(syn, k)
		}
	}
	ix.syn = syn
	return unknown
}
