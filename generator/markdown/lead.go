package markdown

import (
	"bytes"
	"io"

	"github.com/yuin/goldmark/ast"
)

// emergencyID is the heading ID guides give their "in danger now?" section.
const emergencyID = "darurat"

// leadNodes returns the top-level blocks that form the page's emergency lead: what a reader in
// danger must see before anything else, above the table of contents on a small screen.
//
// A body has a lead when its opening text (the blocks before the first level-2 heading) holds a
// HELP callout: the lead is that opening text. Otherwise, when the first level-2 section is the
// emergency section (ID "darurat") or starts with a HELP callout, the lead is the opening text
// and that whole section. Any other body has no lead.
func (d *Document) leadNodes() []ast.Node {
	var intro []ast.Node
	n := d.root.FirstChild()
	for ; n != nil && !isSectionHeading(n); n = n.NextSibling() {
		intro = append(intro, n)
	}
	for _, b := range intro {
		if isHelpCallout(b) {
			return intro
		}
	}
	if n == nil {
		return nil
	}
	h := n
	if st, ok := n.(*stepNode); ok {
		// A step holds its whole section: its heading first, then the blocks under it.
		sh := stepHeadingOf(st)
		if sh == nil {
			return nil
		}
		if attrString(attrOr(sh, "id")) == emergencyID || hasHelpCalloutAfterHeading(st) {
			return append(intro, st)
		}
		return nil
	}
	id, _ := h.AttributeString("id")
	idb, _ := id.([]byte)
	first := h.NextSibling()
	if string(idb) != emergencyID && (first == nil || !isHelpCallout(first)) {
		return nil
	}
	lead := append(intro, h)
	for b := h.NextSibling(); b != nil && !isSectionHeading(b); b = b.NextSibling() {
		lead = append(lead, b)
	}
	return lead
}

func isSectionHeading(n ast.Node) bool {
	if _, ok := n.(*stepNode); ok {
		return true
	}
	h, ok := n.(*ast.Heading)
	return ok && h.Level <= 2
}

// hasHelpCalloutAfterHeading reports whether a step's first block after its heading is a HELP
// callout.
func hasHelpCalloutAfterHeading(st *stepNode) bool {
	h := st.FirstChild()
	return h != nil && h.NextSibling() != nil && isHelpCallout(h.NextSibling())
}

func isHelpCallout(n ast.Node) bool {
	c, ok := n.(*calloutNode)
	return ok && c.CalloutKind == "help"
}

// RenderSplit writes the HTML of d like Render, split in two: the emergency lead (see
// leadNodes; empty when the page has none) and the rest of the body. Layouts put the lead
// before the table of contents so that help is on a phone's first screen.
func (c *Converter) RenderSplit(d *Document) (lead, rest []byte, err error) {
	var all bytes.Buffer
	all.Grow(len(d.src) * 3 / 2) // HTML is longer than its Markdown: grown once, not doubled
	if err := c.Render(&all, d); err != nil {
		return nil, nil, err
	}
	nodes := d.leadNodes()
	if len(nodes) == 0 {
		return nil, all.Bytes(), nil
	}
	var lb bytes.Buffer
	if err := c.renderNodes(&lb, d, nodes); err != nil {
		return nil, nil, err
	}
	// The lead is rendered node by node; it must be exactly the start of the whole body, or
	// the page is not split at all.
	if !bytes.HasPrefix(all.Bytes(), lb.Bytes()) {
		return nil, all.Bytes(), nil
	}
	return all.Bytes()[:lb.Len()], all.Bytes()[lb.Len():], nil
}

func (c *Converter) renderNodes(w io.Writer, d *Document, nodes []ast.Node) error {
	r := c.md.Renderer()
	for _, n := range nodes {
		if err := render(r, w, d.src, n); err != nil {
			return err
		}
	}
	return nil
}
