package markdown

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Step-by-step guides (front matter [params] steps = true) show their steps as a vertical line of
// numbered circles. A step is a level-2 section whose heading starts with its number:
// "## Langkah 1: Mendaftar", "## Step 2: Selection", "## 3. Training". MarkSteps wraps each such
// heading and the blocks under it in <div class="step">, and gives the heading class="step-h" and
// data-step="N"; the stylesheet draws the circle from data-step and the line along the divs. The
// headings stay headings (the table of contents, links and screen readers see no difference), and
// printed booklets get the same HTML.

// stepHeading matches a step heading's text: an optional word, the step number, then ":" or ".".
var stepHeading = regexp.MustCompile(`^(?:\pL+\s+)?(\d{1,3})[.:](?:\s|$)`)

// kindStep is the NodeKind of stepNode.
var kindStep = ast.NewNodeKind("Step")

// stepNode is one step: its heading and the blocks up to the next level-1 or level-2 heading.
type stepNode struct {
	ast.BaseBlock
}

func (n *stepNode) Kind() ast.NodeKind { return kindStep }

func (n *stepNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// MarkSteps marks the numbered level-2 sections of d as steps (see stepNode) and returns how many
// it found. When it finds none, Resolve reports it, so that an editor who asked for steps learns
// why none are shown. Call it once, right after Parse, before the document is resolved.
func (d *Document) MarkSteps() int {
	var heads []*ast.Heading
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			if m := stepHeading.FindStringSubmatch(inlineText(h, d.src)); m != nil {
				h.SetAttributeString("class", []byte("step-h"))
				h.SetAttributeString("data-step", []byte(m[1]))
				heads = append(heads, h)
			}
		}
	}
	if len(heads) == 0 {
		d.parseProbs = append(d.parseProbs, posProblem{pos: 0, msg: `the front matter asks for steps (steps = true), ` +
			`but no level-2 heading starts with a step number: write "## Langkah 1: …", "## Step 1: …" or "## 1. …", or remove steps = true`})
		return 0
	}
	for _, h := range heads {
		step := &stepNode{}
		step.SetBlankPreviousLines(h.HasBlankPreviousLines())
		parent := h.Parent()
		var blocks []ast.Node
		for b := ast.Node(h); b != nil; b = b.NextSibling() {
			if hb, ok := b.(*ast.Heading); ok && b != h && hb.Level <= 2 {
				break
			}
			blocks = append(blocks, b)
		}
		parent.InsertBefore(parent, h, step)
		for _, b := range blocks {
			step.AppendChild(step, b) // AppendChild removes b from its old parent first
		}
	}
	return len(heads)
}

// stepHeadingOf returns the heading of a step.
func stepHeadingOf(n *stepNode) *ast.Heading {
	h, _ := n.FirstChild().(*ast.Heading)
	return h
}

type stepRenderer struct{}

func (stepRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindStep, renderStep)
}

func renderStep(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="step">` + "\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

type stepExtension struct{}

// steps renders the steps that MarkSteps marks.
var steps goldmark.Extender = stepExtension{}

func (stepExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(stepRenderer{}, 500)))
}
