package data

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// positions maps TOML key paths to the 1-based line where they are defined. The TOML library does
// not export positions, so scanPositions finds them in the file text. A path is the keys from the
// top, joined by pathKey; an element of an array of tables ([[contact.phones]]) adds "#0", "#1", …
// after the array's key.
type positions map[string]int

func pathKey(parts ...string) string { return strings.Join(parts, "\x00") }

// line returns the line of the longest recorded prefix of the path: the key itself when it has a
// line of its own, else the table or key that holds it; 0 when nothing matches.
func (p positions) line(parts ...string) int {
	for n := len(parts); n > 0; n-- {
		if l, ok := p[pathKey(parts[:n]...)]; ok {
			return l
		}
	}
	return 0
}

func (p positions) setOnce(parts []string, line int) {
	k := pathKey(parts...)
	if _, ok := p[k]; !ok {
		p[k] = line
	}
}

// scanPositions records the line of every [table] and [[array]] header and of every key = value
// outside inline values. It is meant for text the TOML parser has accepted; on anything else it
// skips to the next line rather than fail.
func scanPositions(src []byte) positions {
	s := &posScanner{src: string(src), line: 1, pos: positions{}, arrays: map[string]int{}}
	s.run()
	return s.pos
}

type posScanner struct {
	src    string
	i      int
	line   int
	pos    positions
	arrays map[string]int // number of [[…]] elements seen, by path
	table  []string       // path of the current table
}

func (s *posScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *posScanner) run() {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\n':
			s.line++
			s.i++
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
func (s *posScanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *posScanner) header() {
	line := s.line
	array := s.peek(1) == '['
	if array {
		s.i += 2
	} else {
		s.i++
	}
	keys, ok := s.dottedKey()
	if !ok || len(keys) == 0 {
		s.skipLine()
		return
	}
	var path []string
	for n, k := range keys {
		path = append(path, k)
		s.pos.setOnce(path, line) // [a.b] also places a when a has no header of its own
		last := n == len(keys)-1
		if last && array {
			ak := pathKey(path...)
			idx := s.arrays[ak]
			s.arrays[ak] = idx + 1
			path = append(path, "#"+strconv.Itoa(idx))
			break
		}
		if last {
			break
		}
		if cnt := s.arrays[pathKey(path...)]; cnt > 0 {
			path = append(path, "#"+strconv.Itoa(cnt-1))
		}
	}
	s.pos.setOnce(path, line)
	s.table = path
	s.skipLine() // the closing brackets and any comment
}

func (s *posScanner) keyValue() {
	line := s.line
	keys, ok := s.dottedKey()
	s.spaces()
	if !ok || len(keys) == 0 || s.peek(0) != '=' {
		s.skipLine()
		return
	}
	s.i++
	path := append([]string(nil), s.table...)
	for _, k := range keys {
		path = append(path, k)
		s.pos.setOnce(path, line)
	}
	s.skipValue()
}

func (s *posScanner) spaces() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// dottedKey reads keys separated by dots, bare or quoted, with spaces around the dots.
func (s *posScanner) dottedKey() ([]string, bool) {
	var keys []string
	for {
		s.spaces()
		k, ok := s.simpleKey()
		if !ok {
			return keys, false
		}
		keys = append(keys, k)
		s.spaces()
		if s.peek(0) != '.' {
			return keys, true
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func (s *posScanner) simpleKey() (string, bool) {
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
func (s *posScanner) escape(b *strings.Builder) {
	c := s.peek(0)
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
	s.i += n
	if err == nil {
		b.WriteRune(rune(v))
	}
}

// skipValue moves past the value of a key = value, which may span lines (arrays, inline tables,
// multi-line strings), to the newline that ends it.
func (s *posScanner) skipValue() {
	depth := 0
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n':
			if depth <= 0 {
				return
			}
			s.line++
			s.i++
		case c == '#':
			s.skipLine()
		case c == '[' || c == '{':
			depth++
			s.i++
		case c == ']' || c == '}':
			depth--
			s.i++
		case c == '"' || c == '\'':
			s.skipString(c)
		default:
			_, size := utf8.DecodeRuneInString(s.src[s.i:])
			s.i += size
		}
	}
}

func (s *posScanner) skipString(q byte) {
	if s.peek(1) == q && s.peek(2) == q { // multi-line
		s.i += 3
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch {
			case c == '\\' && q == '"':
				if s.peek(1) == '\n' {
					s.line++
				}
				s.i += 2
			case c == '\n':
				s.line++
				s.i++
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
		case c == '\\' && q == '"':
			s.i += 2
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
