package markdown

import (
	"io"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Placement says how a page body is placed inside another document, such as a guide inside the
// printed booklet: its anchors get a prefix so that they do not collide with the other guides',
// its headings go down levels under the document's own, and its links and images are pointed
// elsewhere. RenderPlaced applies it while it renders, to the document's nodes, not to HTML text.
type Placement struct {
	// IDPrefix goes before every anchor of the page (heading, footnote and contact card IDs) and
	// before the fragment of every link to one of them ("#costs" becomes "#g3-costs").
	IDPrefix string
	// HeadingShift is added to every heading's level (at most h6): 1 turns an h2 into an h3.
	HeadingShift int
	// Link maps the destination of a link to a site path ("/id/x/", "/id/x/#y"), including
	// glossary terms and law references; nil keeps them. Same-page and external links are not
	// passed.
	Link func(dest string) string
	// Image maps the source of an image at a site path ("/id/x/peta.png"); nil keeps it.
	Image func(src string) string
	// PageURL, when set, is the site path of the page whose anchors the body's same-page links
	// ("#x") point at: they become PageURL + "#x" (see RenderElsewhere), then go through Link
	// like any site path; IDPrefix is then not put before them.
	PageURL string
}

// placedImage marks an image whose source a Placement set (placedAttr): the site made it, so a
// data URL of any image type (SVG, AVIF) is kept, which the renderer otherwise drops.
type placedImage struct{}

// placedAttr is the attribute that holds placedImage{}; it is never written to the page, and
// Markdown attributes, which are text, can never hold placedImage{}.
const placedAttr = "pandu-placed"

// placed reports whether a Placement set the source of image n.
func placed(n ast.Node) bool {
	v, ok := n.AttributeString(placedAttr)
	_, mark := v.(placedImage)
	return ok && mark
}

// footnotePrefixKey is the document metadata key of the footnote ID prefix of RenderPlaced.
const footnotePrefixKey = "pandu.footnote-id-prefix"

// footnoteIDPrefix gives goldmark's footnote renderer the ID prefix of the placement being
// rendered, if any.
func footnoteIDPrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if p, ok := doc.Meta()[footnotePrefixKey].(string); ok {
			return []byte(p)
		}
	}
	return nil
}

// RenderPlaced writes the HTML of d like Render, placed as p says. It changes the document while
// it renders and puts it back after, so it must not run concurrently with Resolve, Render or Quiz
// on the same Document.
func (c *Converter) RenderPlaced(w io.Writer, d *Document, p Placement) error {
	restore := d.place(p)
	defer restore()
	return c.Render(w, d)
}

// place applies p to the nodes of d and returns a function that undoes it.
func (d *Document) place(p Placement) func() {
	var undo []func()
	link := func(dest string) (string, bool) {
		switch {
		case strings.HasPrefix(dest, "#"):
			return "#" + p.IDPrefix + dest[1:], p.IDPrefix != ""
		case strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") && p.Link != nil:
			return p.Link(dest), true
		}
		return dest, false
	}
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			level, id := n.Level, attrOr(n, "id")
			n.Level = min(n.Level+p.HeadingShift, 6)
			if s := attrString(id); id != nil && s != "" && p.IDPrefix != "" {
				n.SetAttributeString("id", []byte(p.IDPrefix+s))
			}
			undo = append(undo, func() {
				n.Level = level
				if id != nil {
					n.SetAttributeString("id", id)
				}
			})
		case *contactBlock:
			id := n.id
			n.id = p.IDPrefix + id
			undo = append(undo, func() { n.id = id })
		case *ast.Link:
			old := n.Destination
			dest := string(old)
			if p.PageURL != "" && strings.HasPrefix(dest, "#") {
				dest = p.PageURL + dest
			}
			if dest, ok := link(dest); ok || dest != string(old) {
				n.Destination = []byte(dest)
				undo = append(undo, func() { n.Destination = old })
			}
		case *termNode:
			old := n.url
			if dest, ok := link(old); ok {
				n.url = dest
				undo = append(undo, func() { n.url = old })
			}
		case *lawRefNode:
			old := n.url
			if dest, ok := link(old); ok {
				n.url = dest
				undo = append(undo, func() { n.url = old })
			}
		case *ast.Image:
			old := n.Destination
			if src := string(old); strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "//") && p.Image != nil {
				n.Destination = []byte(p.Image(src))
				n.SetAttributeString(placedAttr, placedImage{})
				undo = append(undo, func() {
					n.Destination = old
					dropAttribute(n, placedAttr)
				})
			}
		}
		return ast.WalkContinue, nil
	})
	if doc, ok := d.root.(*ast.Document); ok && p.IDPrefix != "" {
		doc.AddMeta(footnotePrefixKey, p.IDPrefix)
		undo = append(undo, func() { delete(doc.Meta(), footnotePrefixKey) })
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}
