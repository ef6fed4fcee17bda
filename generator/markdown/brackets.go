package markdown

import (
	"bytes"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Law references, glossary terms and contacts share one syntax, [[prefix:...]] on one line.
// Each has its own inline parser triggered on '['. They run before goldmark's link parser and
// return nil (letting it try) for anything that is not theirs.

// scanDoubleBracket returns what is between "[[" and the first "]]" of line, and the length of
// the whole construct; ok is false if line does not start with a closed "[[...]]".
//
// It is called at every '[' of a paragraph, so it must not look past the next '[' or line end
// (where the construct cannot close any more): searching the whole rest of the line each time
// made a run of n '[' cost n²/2 steps.
func scanDoubleBracket(line []byte) (inner []byte, n int, ok bool) {
	if len(line) < 4 || line[0] != '[' || line[1] != '[' {
		return nil, 0, false
	}
	i := 2
	defer func() { bracketScanned.Add(int64(i)) }()
	for ; i+1 < len(line); i++ {
		switch line[i] {
		case '[', '\n':
			return nil, 0, false
		case ']':
			if line[i+1] == ']' {
				return line[2:i], i + 2, true
			}
		}
	}
	return nil, 0, false
}

// bracketScanned counts the bytes scanDoubleBracket looked at, for the test that keeps it linear.
var bracketScanned atomic.Int64

// isKey reports whether s is a data key: ASCII letters, digits, '-' and '_'.
func isKey(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// insideLink reports whether n is inside a link, where another <a> must not be opened.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
	}
	return false
}

// writeText writes s escaped for HTML text or attributes.
func writeText(w util.BufWriter, s string) {
	_, _ = w.Write(util.EscapeHTML([]byte(s)))
}

// writeURL writes url escaped for an href attribute; a dangerous URL (javascript: and such) is
// dropped.
func writeURL(w util.BufWriter, url string) {
	u := util.URLEscape([]byte(url), false)
	if html.IsDangerousURL(u) {
		return
	}
	_, _ = w.Write(util.EscapeHTML(u))
}

// writeLink writes <a class="class" href="url">text</a>, or just the text when the node is
// inside another link.
// parseKeyRef consumes a reference [[PREFIX...]] at the reader's position and returns the text
// inside the brackets and what follows the prefix. It consumes nothing and returns ok=false when
// the text there is not such a reference, so that other parsers (goldmark's links) can try.
func parseKeyRef(block text.Reader, prefix []byte) (inner, rest []byte, ok bool) {
	line, _ := block.PeekLine()
	inner, n, ok := scanDoubleBracket(line)
	if !ok || !bytes.HasPrefix(inner, prefix) {
		return nil, nil, false
	}
	block.Advance(n)
	return inner, inner[len(prefix):], true
}

func writeLink(w util.BufWriter, n ast.Node, class, url, text string) {
	if insideLink(n) {
		writeText(w, text)
		return
	}
	_, _ = w.WriteString(`<a class="` + class + `" href="`)
	writeURL(w, url)
	_, _ = w.WriteString(`">`)
	writeText(w, text)
	_, _ = w.WriteString(`</a>`)
}
