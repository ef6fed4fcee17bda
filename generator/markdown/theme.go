package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
)

// Theme writes the markup of the parts of a page body that a designer styles: contact cards,
// callouts and checklist items. The site hands in its layouts (layouts/partials/NAME.html); the
// renderers of this package only build the small typed value a partial receives (ContactCard,
// Callout, ChecklistItem), so that the look of a page is changed in the layouts, not in Go.
type Theme interface {
	// Render executes the partial layouts/partials/<partial>.html with data and writes the result
	// to w. A missing partial is an error that names the file and what it receives.
	Render(w io.Writer, partial string, data any) error
}

// ThemeResolver is a Resolver that also knows the Theme of the page's language (partials may use
// the language's UI strings). Resolve stores it for Render; without it Options.Theme is used.
type ThemeResolver interface {
	Resolver
	Theme() Theme
}

// Partial describes a partial the renderers of this package need: its name (the file is
// layouts/partials/<Name>.html) and what it receives.
type Partial struct {
	Name, Receives string
}

// Partials are the partials a site's layouts must have to render page bodies.
var Partials = []Partial{
	{"contact", "a markdown.ContactCard (.ID, .Name, .Note, .Hours, .Phones, .Website, .Email, .Source; .Unknown when the contact was not found)"},
	{"callout", "a markdown.Callout (.Kind, .Title, .Body)"},
	{"checklist", "a markdown.ChecklistItem (.Checked, .Text)"},
}

// Callout is what layouts/partials/callout.html receives: one callout ("> [!WARNING]").
type Callout struct {
	Kind  string        // lowercase kind: note, tip, important, warning, caution, right, help
	Title string        // the kind's title in the text's language ("Peringatan")
	Body  template.HTML // the callout's content, rendered
}

// ChecklistItem is what layouts/partials/checklist.html receives: the check box and text of one
// item of a checklist ("- [ ] Paspor"); the list item around it is written by the list.
type ChecklistItem struct {
	Checked bool          // written "- [x]"
	Text    template.HTML // the item's text after the box, rendered
}

// themed is embedded in our nodes that render through the Theme: Resolve stores the theme of
// the page's language in it.
type themed struct {
	theme Theme
}

func (t *themed) setTheme(st *resolveState) { t.theme = st.theme }

// themeRenderer is embedded in our node renderers that render through the Theme.
type themeRenderer struct {
	c *Converter
}

// render executes partial with data, using the theme stored by Resolve or else Options.Theme.
func (r themeRenderer) render(w io.Writer, t themed, partial string, data any) error {
	theme := t.theme
	if theme == nil {
		theme = r.c.theme
	}
	if theme == nil {
		return fmt.Errorf("layouts/partials/%s.html: no theme to render it with (markdown.Options.Theme is not set)", partial)
	}
	return theme.Render(w, partial, data)
}

// children renders the children of n, for a partial that wraps them.
func (r themeRenderer) children(src []byte, n ast.Node) (template.HTML, error) {
	var b bytes.Buffer
	var rr renderer.Renderer = r.c.md.Renderer()
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if err := render(rr, &b, src, c); err != nil {
			return "", err
		}
	}
	return template.HTML(b.String()), nil
}
