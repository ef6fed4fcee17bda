package markdown

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// slugIDs is a parser.IDs that makes readable, stable IDs ("Hak Anda" -> "hak-anda") and keeps
// them unique within one document ("hak-anda", "hak-anda-1", ...).
type slugIDs struct {
	used map[string]bool
}

var _ parser.IDs = (*slugIDs)(nil)

func newSlugIDs() *slugIDs {
	return &slugIDs{used: map[string]bool{}}
}

// Generate implements parser.IDs: it returns a new unique ID made from value.
func (s *slugIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slugify(value)
	if base == "" {
		base = "section"
		if kind != ast.KindHeading {
			base = "id"
		}
	}
	return []byte(s.unique(base))
}

// Put implements parser.IDs: it marks value as used.
func (s *slugIDs) Put(value []byte) {
	s.used[string(value)] = true
}

func (s *slugIDs) unique(base string) string {
	if !s.used[base] {
		s.used[base] = true
		return base
	}
	for i := 1; ; i++ {
		id := base + "-" + strconv.Itoa(i)
		if !s.used[id] {
			s.used[id] = true
			return id
		}
	}
}

// slugify lowercases s, keeps letters, digits and the combining marks that belong to them, and
// turns every other run of characters into one "-", trimmed at both ends. Latin letters lose their
// accents ("é" -> "e", Vietnamese "ệ" -> "e"), whether the editor typed them precomposed or as a
// letter followed by combining accents; the marks of other scripts are part of their letters and
// stay (Hindi "समाधान", not "सम-ध-न"). The text is put in NFC first, so the same words always give
// the same ID.
func slugify(s []byte) string {
	b := make([]byte, 0, len(s))
	dash := false
	latin := false // the last letter kept was Latin: a combining mark after it is an accent
	for _, r := range norm.NFC.String(string(s)) {
		if unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) {
			if len(b) == 0 || dash || latin {
				continue // an accent of a Latin letter, or a mark without a letter
			}
			b = utf8.AppendRune(b, r)
			continue
		}
		r = unicode.ToLower(r)
		folded, ok := accentFold[r]
		if !ok && unicode.Is(unicode.Latin, r) {
			// Any other accented Latin letter: its base letter (NFD without the marks).
			if d := norm.NFD.String(string(r)); d != string(r) {
				base, _ := utf8.DecodeRuneInString(d)
				folded, ok = string(base), unicode.Is(unicode.Latin, base)
			}
		}
		if !ok && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = true
			continue
		}
		if dash && len(b) > 0 {
			b = append(b, '-')
		}
		dash = false
		latin = unicode.Is(unicode.Latin, r)
		if ok {
			b = append(b, folded...)
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// accentFold folds the lowercase Latin letters with accents that editors are likely to type.
var accentFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// validID reports whether an explicit ID is usable in URLs and CSS: letters (with their combining
// marks), digits, '-', '_'.
func validID(id []byte) bool {
	if len(id) == 0 {
		return false
	}
	for i, r := range string(id) {
		mark := i > 0 && unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !mark && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// headingIDTransformer gives every heading an ID: explicit {#id} attributes are checked first
// (invalid or duplicate ones are problems), then the others get IDs made from their text.
type headingIDTransformer struct{}

func (headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	ids := pc.IDs()
	explicit := map[string]int{} // id -> position of its heading
	var li *lineIndex
	for _, h := range headings {
		v, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		id, _ := v.([]byte)
		switch prev, dup := explicit[string(id)]; {
		case !validID(id):
			addProblem(pc, h.Pos(), fmt.Sprintf("invalid heading id %q: use only letters, digits, \"-\" and \"_\"", attrString(v)))
			dropAttribute(h, "id")
		case dup:
			if li == nil {
				l := newLineIndex(src)
				li = &l
			}
			line, _ := li.position(prev)
			addProblem(pc, h.Pos(), fmt.Sprintf("duplicate heading id %q: already used by the heading on line %d of the body", id, line))
			dropAttribute(h, "id")
		default:
			explicit[string(id)] = h.Pos()
			ids.Put(id)
		}
	}
	for _, h := range headings {
		if _, ok := h.AttributeString("id"); !ok {
			h.SetAttributeString("id", ids.Generate([]byte(inlineText(h, src)), ast.KindHeading))
		}
	}
}

// attrString formats an attribute value for a message.
func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// dropAttribute removes one attribute from n.
func dropAttribute(n ast.Node, name string) {
	attrs := n.Attributes()
	n.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != name {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

type headingIDExtension struct{}

// headingIDs gives headings readable, unique IDs; {#id} attributes need parser.WithAttribute.
var headingIDs goldmark.Extender = headingIDExtension{}

func (headingIDExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headingIDTransformer{}, 100)))
}
