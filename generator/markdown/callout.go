package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// calloutKinds are the kinds of callout, in the order they are listed to editors: GitHub's
// alerts and ours (RIGHT: a right the reader has; HELP: where to get help).
var calloutKinds = []string{"note", "tip", "important", "warning", "caution", "right", "help"}

// calloutFallbackTitles are used when the document was not resolved or the Resolver has no label.
var calloutFallbackTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
	"caution": "Caution", "right": "Your right", "help": "Help",
}

// kindCallout is the NodeKind of calloutNode.
var kindCallout = ast.NewNodeKind("Callout")

// calloutNode is a blockquote whose first line was [!KIND].
type calloutNode struct {
	ast.BaseBlock
	CalloutKind string // lowercase: "warning"

	title string // set by resolve
	themed
}

func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"CalloutKind": n.CalloutKind}, nil)
}

func (n *calloutNode) resolve(st *resolveState) {
	n.title = st.r.Label("callout." + n.CalloutKind)
	n.setTheme(st)
}

var calloutKey = parser.NewContextKey()

// calloutParagraphTransformer finds [!KIND] on the first line of the first paragraph of a
// blockquote, removes that line and marks the blockquote for calloutASTTransformer. It runs
// before inline parsing, so the marker never becomes a link.
type calloutParagraphTransformer struct{}

func (calloutParagraphTransformer) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	bq, ok := p.Parent().(*ast.Blockquote)
	if !ok || bq.FirstChild() != p || p.Lines().Len() == 0 {
		return
	}
	lines := p.Lines()
	first := lines.At(0)
	raw := first.Value(reader.Source())
	v := bytes.TrimSpace(raw)
	if len(v) < 4 || v[0] != '[' || v[1] != '!' || v[len(v)-1] != ']' {
		return
	}
	kind := strings.ToLower(string(v[2 : len(v)-1]))
	for _, c := range kind {
		if c < 'a' || c > 'z' {
			return
		}
	}
	if kind == "quiz" {
		// Not a callout: a quiz question, checked by quizASTTransformer.
		markQuiz(pc, bq, max(first.Start+bytes.Index(raw, v)-first.Padding, first.Start))
	} else if !slices.Contains(calloutKinds, kind) {
		pos := first.Start + bytes.Index(raw, v) - first.Padding
		addProblem(pc, max(pos, first.Start), fmt.Sprintf("unknown callout kind %q: use one of %s",
			v[2:len(v)-1], strings.ToUpper(strings.Join(calloutKinds, ", "))))
		return
	}
	if kind != "quiz" {
		marked := pc.ComputeIfAbsent(calloutKey, func() any { return map[ast.Node]string{} }).(map[ast.Node]string)
		marked[bq] = kind
	}
	if lines.Len() == 1 {
		bq.RemoveChild(bq, p)
		return
	}
	lines.SetSliced(1, lines.Len())
	p.SetLines(lines)
}

// calloutASTTransformer replaces the blockquotes marked by calloutParagraphTransformer with
// callout nodes.
type calloutASTTransformer struct{}

func (calloutASTTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	marked, _ := pc.Get(calloutKey).(map[ast.Node]string)
	if len(marked) == 0 {
		return
	}
	pc.Set(calloutKey, nil)
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if bq, ok := n.(*ast.Blockquote); ok && entering && marked[bq] != "" {
			quotes = append(quotes, bq)
		}
		return ast.WalkContinue, nil
	})
	for _, bq := range quotes {
		c := &calloutNode{CalloutKind: marked[bq]}
		c.SetPos(bq.Pos())
		c.SetBlankPreviousLines(bq.HasBlankPreviousLines())
		for child := bq.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		bq.Parent().ReplaceChild(bq.Parent(), bq, c)
	}
}

// calloutHTMLRenderer renders callouts with layouts/partials/callout.html.
type calloutHTMLRenderer struct{ themeRenderer }

func (r calloutHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, r.renderCallout)
}

func (r calloutHTMLRenderer) renderCallout(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*calloutNode)
	title := n.title
	if title == "" {
		title = calloutFallbackTitles[n.CalloutKind]
	}
	body, err := r.children(src, n)
	if err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, r.render(w, n.themed, "callout", Callout{Kind: n.CalloutKind, Title: title, Body: body})
}

// calloutExtension adds callouts: GitHub's alert syntax "> [!WARNING]" with our kinds RIGHT and HELP.
type calloutExtension struct{ themeRenderer }

func (e calloutExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(calloutParagraphTransformer{}, 50)),
		parser.WithASTTransformers(util.Prioritized(calloutASTTransformer{}, 50)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutHTMLRenderer(e), 500)))
}
