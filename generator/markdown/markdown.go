package markdown

import (
	"bytes"
	"io"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"pandu/generator/data"
)

// Options configure a Converter once per site.
type Options struct {
	// Unsafe passes raw HTML in Markdown through to the page. When false (the default) raw HTML
	// is escaped and shown as text, so that the editor sees it and can remove it.
	Unsafe bool
	// Theme writes contact cards, callouts and checklist items (see Theme) when the Resolver of a
	// document has no Theme of its own.
	Theme Theme
}

// Resolver answers, for one page, the questions about the rest of the site that a page body
// raises. Document.Resolve calls it; the answers are stored in the Document for Render.
type Resolver interface {
	// Link maps a link destination that is not external (no scheme such as https:, mailto:, tel:,
	// and not starting with "//") to its final URL: relative ".md" paths (with optional #fragment),
	// "#fragment" on the same page, or site paths like "/id/x/". External links are not passed.
	Link(dest string) (string, error)
	// Image maps a local image destination to its URL and pixel size (0,0 if unknown).
	Image(dest string) (src string, width, height int, err error)
	// LawRef maps a law reference to its URL and the label shown to the reader ("Pasal 6 ayat (1) huruf j").
	LawRef(ref LawRef) (url, label string, err error)
	// Term maps a glossary key to the glossary entry's URL, the term's display text and a short definition.
	Term(key string) (url, text, definition string, err error)
	// Contact returns the contact card data, already in the page's language.
	Contact(key string) (*data.Contact, error)
	// Label returns a UI string in the page's language, e.g. "callout.warning", "callout.right",
	// "contact.phone", "contact.whatsapp", "contact.website", "contact.source", "contact.verified".
	Label(key string) string
}

// LawRef is a reference to an article of a law: [[UU18:6(1)j]] is {"UU18", "6", "1", "j"}.
// Paragraph and Letter are empty when the reference does not name them.
type LawRef struct {
	Law, Article, Paragraph, Letter string
}

// Converter parses and renders page bodies. It is safe for concurrent use after New.
type Converter struct {
	md    goldmark.Markdown
	theme Theme
}

// New returns a Converter configured with opts.
func New(opts Options) *Converter {
	rendererOpts := []renderer.Option{}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	c := &Converter{theme: opts.Theme}
	c.md = goldmark.New(
		goldmark.WithExtensions(
			// GitHub Flavored Markdown (extension.GFM), with table cells aligned by a class
			// (tableWraps) rather than a style attribute, which the site's
			// Content-Security-Policy would have to allow for every page.
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.TaskList,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnoteIDPrefix)),
			extension.DefinitionList,
			headingIDs,
			&linksExtension{unsafe: opts.Unsafe},
			&rawHTML{unsafe: opts.Unsafe},
			calloutExtension{themeRenderer{c}},
			quizzes,
			lawRefs,
			glossary,
			contactExtension{themeRenderer{c}},
			checklistExtension{themeRenderer{c}},
			tableWraps,
			steps,
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return c
}

// Parse parses a page body. src is the body after the front matter and lineOffset the number of
// lines of the file before the body, so that every Problem.Line is a line of the file. Parse never
// fails: malformed input is kept as text and reported by Document.Resolve. A body that would take
// very long to parse (see checkBudget) is not parsed: its document is empty and Resolve reports
// where it goes over the limit.
func (c *Converter) Parse(src []byte, lineOffset int) *Document {
	d := &Document{
		src:        src,
		lineOffset: lineOffset,
		lines:      newLineIndex(src),
		anchors:    map[string]bool{},
		dests:      map[ast.Node]string{},
	}
	if p, ok := checkBudget(src); !ok {
		d.root = ast.NewDocument()
		d.parseProbs = []posProblem{p}
		return d
	}
	pc := parser.NewContext(parser.WithIDs(newSlugIDs()))
	d.root = c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d.parseProbs = parseProblems(pc)
	d.index()
	d.takeQuiz()
	d.indexPlan()
	return d
}

// Render writes the HTML of d, using the answers stored by d.Resolve (a document that was not
// resolved renders with its links unchanged and fallback labels). Documents may be rendered
// concurrently, each by one goroutine.
func (c *Converter) Render(w io.Writer, d *Document) error {
	return render(c.md.Renderer(), w, d.src, d.root)
}

// render renders n with r into w: straight into it when w is a bytes.Buffer.
func render(r renderer.Renderer, w io.Writer, src []byte, n ast.Node) error {
	if b, ok := w.(*bytes.Buffer); ok {
		w = bufferWriter{b}
	}
	return r.Render(w, src, n)
}

// bufferWriter lets goldmark's renderer write into a bytes.Buffer directly (it is a
// util.BufWriter). Given any other writer, the renderer wraps it in a bufio.Writer of its own,
// made for each call, and copies every byte through it: a build rendered 15 MB of such buffers
// and copied 33 MB for 1,000 guides per language.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Flush() error  { return nil }
func (bufferWriter) Buffered() int { return 0 }
