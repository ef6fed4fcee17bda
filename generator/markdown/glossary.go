package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindTerm is the NodeKind of termNode.
var kindTerm = ast.NewNodeKind("GlossaryTerm")

// termNode is a glossary term, [[term:key]] or [[term:key|own words]].
type termNode struct {
	ast.BaseInline
	Key       string
	Words     string // the editor's own words; "" for the glossary's term
	Raw       string // the source between the brackets
	Malformed bool

	url, text, definition string // set by resolve
	resolved, first       bool   // first: first use of the key on the page, rendered as a link
}

func (n *termNode) Kind() ast.NodeKind { return kindTerm }

func (n *termNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Key": n.Key, "Words": n.Words, "Malformed": fmt.Sprint(n.Malformed)}, nil)
}

// display returns the text the reader sees.
func (n *termNode) display() string {
	switch {
	case n.Words != "":
		return n.Words
	case n.resolved:
		return n.text
	case n.Malformed:
		return "[[" + n.Raw + "]]"
	}
	return n.Key
}

func (n *termNode) plainText() string { return n.display() }

func (n *termNode) resolve(st *resolveState) {
	n.resolved, n.first = false, false
	if n.Malformed {
		st.problem(n, "malformed glossary term [[%s]]: write [[term:key]] or [[term:key|your own words]]", n.Raw)
		return
	}
	url, text, def, err := st.r.Term(n.Key)
	if err != nil {
		st.problem(n, "glossary term %q: %v", n.Key, err)
		return
	}
	n.url, n.text, n.definition, n.resolved = url, text, def, true
	if !st.terms[n.Key] && !insideLink(n) {
		st.terms[n.Key] = true
		n.first = true
	}
}

// termParser parses [[term:key]] and [[term:key|own words]].
type termParser struct{}

var termPrefix = []byte("term:")

func (termParser) Trigger() []byte { return []byte{'['} }

func (termParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	inner, rest, ok := parseKeyRef(block, termPrefix)
	if !ok {
		return nil
	}
	node := &termNode{Raw: string(inner)}
	key, words, _ := bytes.Cut(rest, []byte("|"))
	key = bytes.TrimSpace(key)
	if !isKey(key) {
		node.Malformed = true
		return node
	}
	node.Key = string(key)
	node.Words = string(bytes.TrimSpace(unescape(words)))
	return node
}

// termHTMLRenderer renders the first use of a term as <a class="term" href="URL">TEXT</a> and
// later uses as plain text.
type termHTMLRenderer struct{}

func (termHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTerm, renderTerm)
}

func renderTerm(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*termNode)
		if n.resolved && n.first {
			writeLink(w, n, "term", n.url, n.display())
		} else {
			writeText(w, n.display())
		}
	}
	return ast.WalkSkipChildren, nil
}

type glossaryExtension struct{}

// glossary adds glossary terms [[term:key]].
var glossary goldmark.Extender = glossaryExtension{}

func (glossaryExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(termParser{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(termHTMLRenderer{}, 500)))
}
