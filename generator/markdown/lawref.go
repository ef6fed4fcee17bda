package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindLawRef is the NodeKind of lawRefNode.
var kindLawRef = ast.NewNodeKind("LawRef")

// lawRefNode is a law reference, [[UU18:6(1)j]].
type lawRefNode struct {
	ast.BaseInline
	Ref       LawRef
	Raw       string // the source between the brackets, "UU18:6(1)j"
	Malformed bool

	url, label string // set by resolve
	resolved   bool
}

func (n *lawRefNode) Kind() ast.NodeKind { return kindLawRef }

func (n *lawRefNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Raw": n.Raw, "Malformed": fmt.Sprint(n.Malformed)}, nil)
}

func (n *lawRefNode) plainText() string {
	if n.resolved {
		return n.label
	}
	return n.Raw
}

func (n *lawRefNode) resolve(st *resolveState) {
	n.resolved = false
	if n.Malformed {
		st.problem(n, "malformed law reference [[%s]]: write [[LAW:ARTICLE]], [[LAW:ARTICLE(PARAGRAPH)]] or [[LAW:ARTICLE(PARAGRAPH)LETTER]], e.g. [[UU18:6(1)j]]", n.Raw)
		return
	}
	url, label, err := st.r.LawRef(n.Ref)
	if err != nil {
		st.problem(n, "law reference [[%s]]: %v", n.Raw, err)
		return
	}
	n.url, n.label, n.resolved = url, label, true
}

// parseLawRef parses what follows "LAW:" in a law reference: ARTICLE, ARTICLE(PARAGRAPH),
// ARTICLE(PARAGRAPH)LETTER or ARTICLE LETTER, where ARTICLE is digits with an optional capital
// letter (88A), PARAGRAPH digits and LETTER one of a-z.
func parseLawRef(s string) (article, paragraph, letter string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return "", "", "", false
	}
	if i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	article, s = s[:i], s[i:]
	if strings.HasPrefix(s, "(") {
		j := 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == 1 || j >= len(s) || s[j] != ')' {
			return "", "", "", false
		}
		paragraph, s = s[1:j], s[j+1:]
	}
	if len(s) == 1 && s[0] >= 'a' && s[0] <= 'z' {
		letter, s = s, ""
	}
	return article, paragraph, letter, s == ""
}

// lawRefParser parses [[LAW:...]] where LAW is a letter followed by letters and digits, other
// than "term" and "contact". A reference that does not follow the grammar becomes a malformed
// node (a problem at Resolve, shown as text); "[[x://...]]" is left alone.
type lawRefParser struct{}

func (lawRefParser) Trigger() []byte { return []byte{'['} }

func (lawRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	inner, n, ok := scanDoubleBracket(line)
	if !ok {
		return nil
	}
	colon := strings.IndexByte(string(inner), ':')
	if colon < 1 {
		return nil
	}
	law, rest := string(inner[:colon]), string(inner[colon+1:])
	for i, c := range law {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return nil
		}
	}
	if lower := strings.ToLower(law); lower == "term" || lower == "contact" || strings.HasPrefix(rest, "//") {
		return nil
	}
	block.Advance(n)
	node := &lawRefNode{Raw: string(inner)}
	article, paragraph, letter, ok := parseLawRef(rest)
	if !ok {
		node.Malformed = true
		return node
	}
	node.Ref = LawRef{Law: law, Article: article, Paragraph: paragraph, Letter: letter}
	return node
}

// lawRefHTMLRenderer renders <a class="lawref" href="URL">LABEL</a>, or the source text when
// the reference could not be resolved.
type lawRefHTMLRenderer struct{}

func (lawRefHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindLawRef, renderLawRef)
}

func renderLawRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*lawRefNode)
		if n.resolved {
			writeLink(w, n, "lawref", n.url, n.label)
		} else {
			writeText(w, "[["+n.Raw+"]]")
		}
	}
	return ast.WalkSkipChildren, nil
}

type lawRefExtension struct{}

// lawRefs adds law references [[UU18:6(1)j]].
var lawRefs goldmark.Extender = lawRefExtension{}

func (lawRefExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(lawRefParser{}, 52)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(lawRefHTMLRenderer{}, 500)))
}
