package markdown

import (
	"bytes"
	"fmt"
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

// calloutIcons are small inline SVG icons, one per kind, drawn with stroke="currentColor".
var calloutIcons = map[string]string{
	"note":      `<circle cx="12" cy="12" r="10"/><path d="M12 16v-4M12 8h.01"/>`,
	"tip":       `<path d="M9 18h6M10 22h4M12 2a7 7 0 0 0-4 12.7V17h8v-2.3A7 7 0 0 0 12 2z"/>`,
	"important": `<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/><path d="M12 7v4M12 14h.01"/>`,
	"warning":   `<path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h16.9a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"/><path d="M12 9v4M12 17h.01"/>`,
	"caution":   `<path d="M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9z"/><path d="M12 8v4M12 16h.01"/>`,
	"right":     `<path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"/><path d="m9 12 2 2 4-4"/>`,
	"help":      `<circle cx="12" cy="12" r="10"/><path d="M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01"/>`,
}

const svgOpen = `<svg class="callout-icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">`

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
}

func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"CalloutKind": n.CalloutKind}, nil)
}

func (n *calloutNode) resolve(st *resolveState) {
	n.title = st.r.Label("callout." + n.CalloutKind)
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
	} else if _, ok := calloutIcons[kind]; !ok {
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

// calloutHTMLRenderer renders
// <aside class="callout callout-KIND" role="note"><p class="callout-title"><svg/>TITLE</p>...</aside>.
type calloutHTMLRenderer struct{}

func (calloutHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, renderCallout)
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*calloutNode)
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	title := n.title
	if title == "" {
		title = calloutFallbackTitles[n.CalloutKind]
	}
	_, _ = w.WriteString(`<aside class="callout callout-` + n.CalloutKind + `" role="note">` + "\n")
	_, _ = w.WriteString(`<p class="callout-title">` + svgOpen + calloutIcons[n.CalloutKind] + `</svg>`)
	writeText(w, title)
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

type calloutExtension struct{}

// callouts adds callouts: GitHub's alert syntax "> [!WARNING]" with our kinds RIGHT and HELP.
var callouts goldmark.Extender = calloutExtension{}

func (calloutExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(calloutParagraphTransformer{}, 50)),
		parser.WithASTTransformers(util.Prioritized(calloutASTTransformer{}, 50)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutHTMLRenderer{}, 500)))
}
