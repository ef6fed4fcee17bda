package markdown

import (
	"bytes"
	"strings"

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

func writeInlines(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeInline(b, c, src)
	}
}

func writeInline(b *strings.Builder, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		b.Write(v)
		if n.HardLineBreak() {
			b.WriteByte('\n')
		} else if n.SoftLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		b.Write(n.Value)
	case *ast.AutoLink:
		b.Write(n.Label(src))
	case *ast.Image, *ast.RawHTML:
		// not read: images are described by their alt text on screen only
	case plainTexter:
		b.WriteString(n.plainText())
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
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			var b strings.Builder
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			if t := strings.TrimSpace(b.String()); t != "" {
				fn(n, t)
			}
			return ast.WalkSkipChildren, nil
		case plainTexter:
			if t := n.plainText(); t != "" {
				fn(n.(ast.Node), t)
			}
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock {
			if fc := n.FirstChild(); fc != nil && fc.Type() == ast.TypeInline {
				if t := inlineText(n, src); t != "" || n.Kind() == ast.KindHeading {
					fn(n, t)
				}
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
}
