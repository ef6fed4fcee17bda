package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// plainTexter is implemented by our own inline and block nodes that have a plain-text form.
type plainTexter interface {
	plainText() string
}

// inlineText returns the plain text of the inline children of n.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeInlines(&b, n, src)
	return strings.TrimSpace(b.String())
}

// textWriter is what plain text is written to: a strings.Builder, or a spacer.
type textWriter interface {
	Write(p []byte) (int, error)
	WriteByte(c byte) error
	WriteString(s string) (int, error)
}

func writeInlines(b textWriter, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeInline(b, c, src)
	}
}

func writeInline(b textWriter, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		_, _ = b.Write(v)
		if n.HardLineBreak() {
			_ = b.WriteByte('\n')
		} else if n.SoftLineBreak() {
			_ = b.WriteByte(' ')
		}
	case *ast.String:
		_, _ = b.Write(n.Value)
	case *ast.AutoLink:
		_, _ = b.Write(n.Label(src))
	case *ast.Image, *ast.RawHTML:
		// not read: images are described by their alt text on screen only
	case plainTexter:
		_, _ = b.WriteString(n.plainText())
	default:
		writeInlines(b, n, src)
	}
}

// unescape resolves backslash escapes and character references in Markdown text.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') >= 0 {
		v = util.UnescapePunctuations(v)
	}
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveNumericReferences(v)
		v = util.ResolveEntityNames(v)
	}
	return v
}

// blockTexts calls fn, in document order, for every block that holds text (paragraphs, headings,
// list items, table cells, code blocks, contact cards) with that text. Empty blocks are skipped.
func blockTexts(root ast.Node, src []byte, fn func(n ast.Node, text string)) {
	textBlocks(root, func(n ast.Node) {
		var b strings.Builder
		writeBlockText(&b, n, src)
		t := b.String()
		if _, ok := n.(plainTexter); !ok {
			t = strings.TrimSpace(t)
		}
		if t != "" || n.Kind() == ast.KindHeading {
			fn(n, t)
		}
	})
}

// textBlocks calls fn, in document order, for every block that holds text: code blocks, our
// blocks with a plain-text form, and blocks of inline content. writeBlockText writes its text.
func textBlocks(root ast.Node, fn func(n ast.Node)) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, plainTexter:
			fn(n)
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock {
			if fc := n.FirstChild(); fc != nil && fc.Type() == ast.TypeInline {
				fn(n)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
}

// writeBlockText writes the plain text of a block textBlocks found.
func writeBlockText(w textWriter, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			_, _ = w.Write(seg.Value(src))
		}
	case plainTexter:
		_, _ = w.WriteString(n.plainText())
	default:
		writeInlines(w, n, src)
	}
}

// spacer collects plain text with every run of white space (Unicode's, as unicode.IsSpace says)
// made one space, and none at either end: the search index keeps a section's text so, and
// making it so as it is written saves building it twice.
type spacer struct {
	b    strings.Builder
	owed bool // white space came after the last word written
}

// String returns the text collected.
func (s *spacer) String() string { return s.b.String() }

// Reset empties the spacer.
func (s *spacer) Reset() { s.b.Reset(); s.owed = false }

// Space puts white space after what is written so far: blocks of text are apart.
func (s *spacer) Space() { s.owed = true }

func (s *spacer) WriteByte(c byte) error {
	_, _ = s.Write([]byte{c})
	return nil
}

// Write is WriteString for bytes, which it only reads before it returns.
func (s *spacer) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return s.WriteString(unsafe.String(&p[0], len(p)))
}

func (s *spacer) WriteString(str string) (int, error) {
	for i := 0; i < len(str); {
		// The run of characters from i that are not white space, written at once.
		j := i
		for j < len(str) {
			c, size := str[j], 1
			if c < utf8.RuneSelf {
				if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
					break
				}
			} else {
				var r rune
				if r, size = utf8.DecodeRuneInString(str[j:]); unicode.IsSpace(r) {
					break
				}
			}
			j += size
		}
		if j > i {
			if s.owed && s.b.Len() > 0 {
				s.b.WriteByte(' ')
			}
			s.owed = false
			s.b.WriteString(str[i:j])
			i = j
			continue
		}
		// White space at i: one character of it.
		s.owed = true
		_, size := utf8.DecodeRuneInString(str[i:])
		i += size
	}
	return len(str), nil
}
