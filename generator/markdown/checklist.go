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
}

func (n *taskLabel) Kind() ast.NodeKind { return kindTaskLabel }

func (n *taskLabel) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

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

// checklistHTMLRenderer renders enabled check boxes (they can be ticked on screen; they print
// as empty boxes) inside a <label>.
type checklistHTMLRenderer struct{}

func (checklistHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, renderTaskCheckBox)
	reg.Register(kindTaskLabel, renderTaskLabel)
}

func renderTaskCheckBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if node.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input type="checkbox" checked> `)
		} else {
			_, _ = w.WriteString(`<input type="checkbox"> `)
		}
	}
	return ast.WalkContinue, nil
}

func renderTaskLabel(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<label>")
	} else {
		_, _ = w.WriteString("</label>")
	}
	return ast.WalkContinue, nil
}

type checklistExtension struct{}

// checklists turns GFM task lists into printable checklists.
var checklists goldmark.Extender = checklistExtension{}

func (checklistExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(checklistTransformer{}, 300)))
	// Priority 100 wins over the GFM task list renderer (500), which draws disabled boxes.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(checklistHTMLRenderer{}, 100)))
}
