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

// kindTaskLabel is the NodeKind of taskLabel.
var kindTaskLabel = ast.NewNodeKind("TaskLabel")

// taskLabel wraps the check box of a task list item and the text after it in a <label>, so
// that the whole line ticks the box.
type taskLabel struct {
	ast.BaseInline
	themed
}

func (n *taskLabel) Kind() ast.NodeKind { return kindTaskLabel }

func (n *taskLabel) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (n *taskLabel) resolve(st *resolveState) { n.setTheme(st) }

// checklistTransformer gives task list items the class "task" and their lists the class
// "checklist", and wraps each item's box and text in a taskLabel.
type checklistTransformer struct{}

func (checklistTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var boxes []*east.TaskCheckBox
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*east.TaskCheckBox); ok && entering {
			boxes = append(boxes, b)
		}
		return ast.WalkContinue, nil
	})
	for _, box := range boxes {
		parent := box.Parent()
		item := parent.Parent()
		if item == nil || item.Parent() == nil {
			continue
		}
		item.SetAttributeString("class", []byte("task"))
		item.Parent().SetAttributeString("class", []byte("checklist"))
		label := &taskLabel{}
		label.SetPos(box.Pos())
		for c := ast.Node(box); c != nil; {
			next := c.NextSibling()
			label.AppendChild(label, c)
			c = next
		}
		parent.AppendChild(parent, label)
	}
}

// checklistHTMLRenderer renders the box and text of a checklist item with
// layouts/partials/checklist.html (enabled check boxes: they can be ticked on screen and print as
// empty boxes).
type checklistHTMLRenderer struct{ themeRenderer }

func (r checklistHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTaskLabel, r.renderTaskLabel)
	// A box outside a label (never made by checklistTransformer) is rendered with no markup, so
	// that GFM's disabled box does not appear either.
	reg.Register(east.KindTaskCheckBox, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

func (r checklistHTMLRenderer) renderTaskLabel(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*taskLabel)
	item := ChecklistItem{}
	if box, ok := n.FirstChild().(*east.TaskCheckBox); ok {
		item.Checked = box.IsChecked
	}
	text, err := r.children(src, n)
	if err != nil {
		return ast.WalkStop, err
	}
	item.Text = text
	return ast.WalkSkipChildren, r.render(w, n.themed, "checklist", item)
}

// checklistExtension turns GFM task lists into printable checklists.
type checklistExtension struct{ themeRenderer }

func (e checklistExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(checklistTransformer{}, 300)))
	// Priority 100 wins over the GFM task list renderer (500), which draws disabled boxes.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(checklistHTMLRenderer(e), 100)))
}
