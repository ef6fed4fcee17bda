// Package tomlpos is the one way Pandu reads TOML (site.toml, front matter, data files, UI
// strings): it decodes with BurntSushi/toml and answers where each key and value is written, so
// that every message names file:line:col. The TOML library keeps positions only for its own
// errors, so this package finds them in the text the library has accepted: every [table] and
// [[array]] header, every key = value, the keys inside inline tables and every element of an
// array. Problem turns the library's syntax and type errors into positioned problems with a hint
// on how to fix them. Lines are 1-based lines of the file (TOML embedded in a file, like front
// matter, is decoded with the line it starts on); columns are 1-based and count characters.
package tomlpos

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Pos is a place in a file: 1-based line and column (in characters); zero when unknown.
type Pos struct{ Line, Col int }

// Elem is the path element for element i of an array: of an array of tables ([[a]] headers), of an
// inline array (a = [1, 2]), or of an array of inline tables (a = [{ b = 1 }]). Doc.Key("a",
// Elem(1), "b") is where b of the second element is written.
func Elem(i int) string { return "[" + strconv.Itoa(i) + "]" }

// Doc holds where the keys and values of one TOML text are written.
type Doc struct {
	text    string // the text without a byte order mark
	first   int    // file line of the text's first line
	entries []entry
	byPath  map[string]int // path -> index in entries, first definition
}

type entry struct {
	path       []string
	key, value Pos // value is zero for a [table] header or a dotted key's prefix
}

func pathKey(parts []string) string { return strings.Join(parts, "\x00") }

// Decode decodes a TOML file into v, as toml.Decode does, and scans where its keys are. The Doc is
// returned on errors too: Problem needs it.
func Decode(src []byte, v any) (*Doc, toml.MetaData, error) {
	return DecodeAt(src, 1, v)
}

// DecodeAt is Decode for TOML that starts on line first of its file (front matter: line 2).
func DecodeAt(src []byte, first int, v any) (*Doc, toml.MetaData, error) {
	md, err := toml.Decode(string(src), v)
	return scan(src, first), md, err
}

// scan finds where the keys of TOML text that starts on line first of its file are. It is meant
// for text the TOML library accepts; on anything else it skips to the next line rather than fail,
// and never panics.
func scan(src []byte, first int) *Doc {
	text := strings.TrimPrefix(string(src), "\ufeff") // the TOML library skips it too
	s := &scanner{src: text, line: first, doc: &Doc{text: text, first: first, byPath: map[string]int{}},
		arrays: map[string]int{}}
	s.run()
	return s.doc
}

// Key returns where the key at path is written (for a table, its header); zero when it is not.
func (d *Doc) Key(path ...string) Pos {
	if i, ok := d.byPath[pathKey(path)]; ok {
		return d.entries[i].key
	}
	return Pos{}
}

// Value returns where the value of the key at path starts: the opening quote of a string, the [ of
// an array. It is the key's place for a table written as a [header], zero when the key is not there.
func (d *Doc) Value(path ...string) Pos {
	if i, ok := d.byPath[pathKey(path)]; ok {
		e := d.entries[i]
		if e.value.Line > 0 {
			return e.value
		}
		return e.key
	}
	return Pos{}
}

// Line returns the line of the longest written prefix of path: the key's own line when it is
// written, else the line of the table or key that holds it ([a] for a.b when b is missing); 0 when
// no part of the path is written.
func (d *Doc) Line(path ...string) int {
	for n := len(path); n > 0; n-- {
		if i, ok := d.byPath[pathKey(path[:n])]; ok {
			return d.entries[i].key.Line
		}
	}
	return 0
}

// MetaLine returns the line of a key as the TOML library names it (toml.MetaData's Undecoded and
// Keys), whose paths have no element index: the first element of an array of tables that holds
// it. It falls back to Line when no element holds it.
func (d *Doc) MetaLine(key []string) int {
	for _, e := range d.entries {
		if len(e.path) < len(key) {
			continue
		}
		n := 0
		for _, p := range e.path {
			if isElem(p) {
				continue
			}
			if n == len(key) || p != key[n] {
				n = -1
				break
			}
			n++
		}
		if n == len(key) {
			return e.key.Line
		}
	}
	return d.Line(key...)
}

func isElem(p string) bool {
	if len(p) < 3 || p[0] != '[' || p[len(p)-1] != ']' {
		return false
	}
	_, err := strconv.Atoi(p[1 : len(p)-1])
	return err == nil
}

// valueOnLine is where the value of a key named last, written on a line, starts; zero when no
// such key is written there.
func (d *Doc) valueOnLine(line int, last string) Pos {
	for _, e := range d.entries {
		if e.key.Line == line && e.value.Line > 0 && e.path[len(e.path)-1] == last {
			return e.value
		}
	}
	return Pos{}
}

func (d *Doc) add(path []string, key, value Pos) {
	k := pathKey(path)
	if _, ok := d.byPath[k]; ok {
		return
	}
	d.byPath[k] = len(d.entries)
	d.entries = append(d.entries, entry{path: append([]string(nil), path...), key: key, value: value})
}

// maxDepth bounds the nesting of inline arrays and tables the scanner follows.
const maxDepth = 200

type scanner struct {
	src       string
	i         int
	line      int
	lineStart int // byte offset where the current line starts
	doc       *Doc
	arrays    map[string]int // number of [[…]] elements seen, by path
	table     []string       // path of the current table
}

func (s *scanner) pos() Pos {
	return Pos{s.line, utf8.RuneCountInString(s.src[s.lineStart:s.i]) + 1}
}

func (s *scanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *scanner) newline() {
	s.i++
	s.line++
	s.lineStart = s.i
}

func (s *scanner) run() {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\n':
			s.newline()
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '#':
			s.skipLine()
		case c == '[':
			s.header()
		default:
			s.keyValue()
		}
	}
}

// skipLine moves to the newline that ends the current line (not past it).
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *scanner) header() {
	at := s.pos()
	array := s.peek(1) == '['
	if array {
		s.i += 2
	} else {
		s.i++
	}
	keys, _, ok := s.dottedKey()
	if !ok || len(keys) == 0 {
		s.skipLine()
		return
	}
	var path []string
	for n, k := range keys {
		path = append(path, k)
		s.doc.add(path, at, Pos{}) // [a.b] also places a when a has no header of its own
		last := n == len(keys)-1
		if last && array {
			ak := pathKey(path)
			idx := s.arrays[ak]
			s.arrays[ak] = idx + 1
			path = append(path, Elem(idx))
			break
		}
		if last {
			break
		}
		if cnt := s.arrays[pathKey(path)]; cnt > 0 {
			path = append(path, Elem(cnt-1))
		}
	}
	s.doc.add(path, at, Pos{})
	s.table = path
	s.skipLine() // the closing brackets and any comment
}

// keyValue reads key = value at the top level or in a table.
func (s *scanner) keyValue() {
	if !s.pair(s.table, 0) {
		s.skipLine()
	}
}

// pair reads one key = value below path and records both; false when the text is not one.
func (s *scanner) pair(path []string, depth int) bool {
	keys, at, ok := s.dottedKey()
	s.spaces()
	if !ok || len(keys) == 0 || s.peek(0) != '=' {
		return false
	}
	s.i++
	s.spaces()
	full := append([]string(nil), path...)
	for n, k := range keys {
		full = append(full, k)
		if n < len(keys)-1 {
			s.doc.add(full, at[n], Pos{})
		}
	}
	s.doc.add(full, at[len(keys)-1], s.pos())
	s.value(full, depth)
	return true
}

func (s *scanner) spaces() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// blanks skips spaces, newlines and comments between the parts of an inline array or table.
func (s *scanner) blanks() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			s.newline()
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// dottedKey reads keys separated by dots, bare or quoted, with spaces around the dots, and where
// each starts.
func (s *scanner) dottedKey() ([]string, []Pos, bool) {
	var keys []string
	var at []Pos
	for {
		s.spaces()
		p := s.pos()
		k, ok := s.simpleKey()
		if !ok {
			return keys, at, false
		}
		keys, at = append(keys, k), append(at, p)
		s.spaces()
		if s.peek(0) != '.' {
			return keys, at, true
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func (s *scanner) simpleKey() (string, bool) {
	switch s.peek(0) {
	case '"':
		s.i++
		var b strings.Builder
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch c {
			case '"':
				s.i++
				return b.String(), true
			case '\n':
				return "", false
			case '\\':
				s.i++
				s.escape(&b)
			default:
				b.WriteByte(c)
				s.i++
			}
		}
		return "", false
	case '\'':
		s.i++
		start := s.i
		for s.i < len(s.src) && s.src[s.i] != '\'' && s.src[s.i] != '\n' {
			s.i++
		}
		if s.peek(0) != '\'' {
			return "", false
		}
		k := s.src[start:s.i]
		s.i++
		return k, true
	}
	start := s.i
	for s.i < len(s.src) && isBare(s.src[s.i]) {
		s.i++
	}
	return s.src[start:s.i], s.i > start
}

var (
	simpleEscapes = map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b, '"': '"', '\\': '\\'}
	hexEscapes    = map[byte]int{'x': 2, 'u': 4, 'U': 8}
)

// escape decodes the escape sequence after a backslash in a basic string.
func (s *scanner) escape(b *strings.Builder) {
	c := s.peek(0)
	if c == '\n' || c == 0 {
		return // not an escape: the key is cut off, and simpleKey sees the newline
	}
	s.i++
	if r, ok := simpleEscapes[c]; ok {
		b.WriteByte(r)
		return
	}
	n := hexEscapes[c]
	if n == 0 || s.i+n > len(s.src) {
		return
	}
	v, err := strconv.ParseUint(s.src[s.i:s.i+n], 16, 32)
	if err != nil {
		return
	}
	s.i += n
	b.WriteRune(rune(v))
}

// value moves past the value of the key at path, which may span lines (arrays, inline tables,
// multi-line strings), recording the keys of inline tables and the elements of arrays.
func (s *scanner) value(path []string, depth int) {
	switch c := s.peek(0); {
	case c == '"' || c == '\'':
		s.skipString(c)
	case c == '[' && depth < maxDepth:
		s.i++
		for n := 0; ; n++ {
			s.blanks()
			if s.i >= len(s.src) || s.src[s.i] == ']' {
				break
			}
			el := append(path[:len(path):len(path)], Elem(n))
			at := s.pos()
			s.doc.add(el, at, at)
			before := s.i
			s.value(el, depth+1)
			s.blanks()
			if s.peek(0) == ',' {
				s.i++
			} else if s.i == before || s.peek(0) != ']' {
				break // not an array the library accepts: give up on it
			}
		}
		if s.peek(0) == ']' {
			s.i++
		}
	case c == '{' && depth < maxDepth:
		s.i++
		for {
			s.blanks()
			if s.i >= len(s.src) || s.src[s.i] == '}' {
				break
			}
			if !s.pair(path, depth+1) {
				break
			}
			s.blanks()
			if s.peek(0) != ',' {
				break
			}
			s.i++
		}
		if s.peek(0) == '}' {
			s.i++
		}
	default: // a number, date, boolean: up to what ends it
		for s.i < len(s.src) && !strings.ContainsRune(",]}#\n\r", rune(s.src[s.i])) {
			if (s.src[s.i] == ' ' || s.src[s.i] == '\t') && !s.dateTimeSpace() {
				break
			}
			_, size := utf8.DecodeRuneInString(s.src[s.i:])
			s.i += size
		}
	}
}

// dateTimeSpace reports whether the space at s.i separates a date from its time (1979-05-27
// 07:32:00), which TOML allows in place of the T.
func (s *scanner) dateTimeSpace() bool {
	return s.src[s.i] == ' ' && s.i >= 10 && s.src[s.i-3] == '-' && s.peek(1) >= '0' && s.peek(1) <= '9' &&
		s.peek(3) == ':'
}

func (s *scanner) skipString(q byte) {
	if s.peek(1) == q && s.peek(2) == q { // multi-line
		s.i += 3
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch {
			case c == '\\' && q == '"':
				s.i++
				if s.peek(0) == '\n' {
					s.newline()
				} else if s.i < len(s.src) {
					s.i++
				}
			case c == '\n':
				s.newline()
			case c == q && s.peek(1) == q && s.peek(2) == q:
				s.i += 3
				for extra := 0; extra < 2 && s.peek(0) == q; extra++ { // """" ends with a quote
					s.i++
				}
				return
			default:
				s.i++
			}
		}
		return
	}
	s.i++
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\\' && q == '"' && s.peek(1) != '\n':
			s.i = min(s.i+2, len(s.src))
		case c == q:
			s.i++
			return
		case c == '\n':
			return
		default:
			s.i++
		}
	}
}
