package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A table wider than a phone scrolls sideways inside its own box. A scrollable box must be
// reachable and scrollable by keyboard and named for screen readers (WCAG 2.1.1; axe-core's
// scrollable-region-focusable), so every table is wrapped in
//
//	<div class="tw" role="region" tabindex="0" aria-labelledby="HEADING-ID">
//
// named by the heading above it, or, when no heading comes before the table, by the UI string
// "table" of the page's language. The table itself keeps display: table, so that its rows and
// cells stay a table for screen readers.
//
// A column aligned in Markdown (|:--|, |:-:|, |--:|) has the class text-left, text-center or
// text-right on its cells (the site's stylesheet aligns them). goldmark's own way, a style
// attribute, would make the Content-Security-Policy allow inline styles for the whole site, and
// it adds to the attribute each time a parsed text is rendered again (page, then booklet).

// kindTableWrap is the NodeKind of tableWrap.
var kindTableWrap = ast.NewNodeKind("TableWrap")

// tableWrap holds one table and knows the heading that names it.
type tableWrap struct {
	ast.BaseBlock
	heading *ast.Heading // the nearest heading before the table, nil if none
	label   string       // the resolved fallback label, when heading is nil
}

func (n *tableWrap) Kind() ast.NodeKind { return kindTableWrap }

func (n *tableWrap) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (n *tableWrap) resolve(st *resolveState) {
	if n.heading == nil {
		n.label = st.r.Label("table")
	}
}

// tableWrapTransformer wraps every table in a tableWrap. It runs after the heading IDs are set.
type tableWrapTransformer struct{}

func (tableWrapTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var tables []ast.Node
	headingBefore := map[ast.Node]*ast.Heading{}
	var last *ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			last = n
			return ast.WalkSkipChildren, nil
		case *east.Table:
			tables = append(tables, n)
			headingBefore[n] = last
			return ast.WalkContinue, nil // to its cells
		case *east.TableCell:
			if class, ok := alignClass[n.Alignment]; ok {
				n.SetAttributeString("class", []byte(class))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		w := &tableWrap{heading: headingBefore[t]}
		w.SetBlankPreviousLines(t.HasBlankPreviousLines())
		parent := t.Parent()
		parent.ReplaceChild(parent, t, w)
		w.AppendChild(w, t)
	}
}

// alignClass is the class of a table cell by its column's alignment.
var alignClass = map[east.Alignment]string{east.AlignLeft: "text-left", east.AlignCenter: "text-center", east.AlignRight: "text-right"}

type tableWrapRenderer struct{}

func (tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableWrap, renderTableWrap)
}

func renderTableWrap(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	n := node.(*tableWrap)
	_, _ = w.WriteString(`<div class="tw" role="region" tabindex="0"`)
	if id, ok := headingID(n.heading); ok {
		_, _ = w.WriteString(` aria-labelledby="`)
		writeText(w, id)
	} else {
		label := n.label
		if label == "" {
			label = "Table"
		}
		_, _ = w.WriteString(` aria-label="`)
		writeText(w, label)
	}
	_, _ = w.WriteString("\">\n")
	return ast.WalkContinue, nil
}

// headingID returns the id attribute of h, if it has one.
func headingID(h *ast.Heading) (string, bool) {
	if h == nil {
		return "", false
	}
	id := attrString(attrOr(h, "id"))
	return id, id != "" && id != "<nil>"
}

type tableWrapExtension struct{}

// tableWraps makes wide tables scrollable by keyboard and names them (see tableWrap).
var tableWraps goldmark.Extender = tableWrapExtension{}

func (tableWrapExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tableWrapTransformer{}, 900)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableWrapRenderer{}, 500)))
}
