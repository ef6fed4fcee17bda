package markdown

import (
	"bytes"
	"cmp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"pandu/generator/data"
)

// kindContact is the NodeKind of contactNode, kindContactBlock that of contactBlock.
var (
	kindContact      = ast.NewNodeKind("Contact")
	kindContactBlock = ast.NewNodeKind("ContactBlock")
)

// contactRef is a [[contact:key]] and, once resolved, the contact's data.
type contactRef struct {
	Key       string
	Raw       string // the source between the brackets
	Malformed bool

	contact *data.Contact  // set by resolve
	labels  *contactLabels // set by resolve
}

// contactLabels are the UI strings of contact cards in the page's language.
type contactLabels struct {
	phone, whatsapp, emergency, website, source, sourceNews, verified string
}

func (c *contactRef) resolveRef(st *resolveState, n ast.Node) {
	c.contact = nil
	if c.Malformed {
		st.problem(n, "malformed contact [[%s]]: write [[contact:key]]", c.Raw)
		return
	}
	contact, err := st.r.Contact(c.Key)
	if err != nil {
		st.problem(n, "contact %q: %v", c.Key, err)
		return
	}
	if contact == nil {
		st.problem(n, "contact %q: not found", c.Key)
		return
	}
	if st.labels == nil {
		st.labels = &contactLabels{
			phone:      st.r.Label("contact.phone"),
			whatsapp:   st.r.Label("contact.whatsapp"),
			emergency:  st.r.Label("contact.emergency"),
			website:    st.r.Label("contact.website"),
			source:     st.r.Label("contact.source"),
			sourceNews: st.r.Label("contact.source_news"),
			verified:   st.r.Label("contact.verified"),
		}
	}
	c.contact, c.labels = contact, st.labels
}

func (c *contactRef) plainText() string {
	if c.contact != nil {
		return c.contact.Name
	}
	return c.Key
}

// contactNode is a contact inside a sentence.
type contactNode struct {
	ast.BaseInline
	contactRef
}

func (n *contactNode) Kind() ast.NodeKind { return kindContact }

func (n *contactNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Key": n.Key}, nil)
}

func (n *contactNode) resolve(st *resolveState) { n.resolveRef(st, n) }

// contactBlock is a contact on a line of its own: a contact card.
type contactBlock struct {
	ast.BaseBlock
	contactRef
	id string
}

func (n *contactBlock) Kind() ast.NodeKind { return kindContactBlock }

func (n *contactBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Key": n.Key, "ID": n.id}, nil)
}

func (n *contactBlock) resolve(st *resolveState) { n.resolveRef(st, n) }

// contactParser parses [[contact:key]].
type contactParser struct{}

var contactPrefix = []byte("contact:")

func (contactParser) Trigger() []byte { return []byte{'['} }

func (contactParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	inner, rest, ok := parseKeyRef(block, contactPrefix)
	if !ok {
		return nil
	}
	node := &contactNode{contactRef: contactRef{Raw: string(inner)}}
	key := bytes.TrimSpace(rest)
	if !isKey(key) {
		node.Malformed = true
		return node
	}
	node.Key = string(key)
	return node
}

// contactBlockTransformer turns a paragraph that holds nothing but a contact into a card, with
// the ID "contact-KEY" (made unique on the page).
type contactBlockTransformer struct{}

func (contactBlockTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var paras []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if c, ok := p.FirstChild().(*contactNode); ok && p.ChildCount() == 1 && !c.Malformed {
				paras = append(paras, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		c := p.FirstChild().(*contactNode)
		b := &contactBlock{contactRef: c.contactRef}
		b.SetPos(c.Pos())
		b.id = string(pc.IDs().Generate([]byte("contact-"+c.Key), kindContactBlock))
		b.SetBlankPreviousLines(p.HasBlankPreviousLines())
		p.Parent().ReplaceChild(p.Parent(), p, b)
	}
}

// contactHTMLRenderer renders contact cards and inline contacts.
type contactHTMLRenderer struct{}

func (contactHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindContact, renderContact)
	reg.Register(kindContactBlock, renderContactBlock)
}

// dials returns how to dial p; a phone without Dial forms is shown by its number.
func dials(p data.Phone) []data.Dial {
	if len(p.Dial) > 0 {
		return p.Dial
	}
	number := strings.TrimPrefix(p.Href, "tel:")
	if rest, ok := strings.CutPrefix(p.Href, "https://wa.me/"); ok {
		number = "+" + rest
	}
	return []data.Dial{{Number: number}}
}

// renderContact renders <a class="contact-inline" href="{first phone or website}">Name (number)</a>.
func renderContact(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*contactNode)
	c := n.contact
	if c == nil {
		writeText(w, "[["+n.Raw+"]]")
		return ast.WalkSkipChildren, nil
	}
	label, href := c.Name, c.Website
	if len(c.Phones) > 0 {
		href = c.Phones[0].Href
		if d := dials(c.Phones[0]); d[0].Number != "" {
			label += " (" + d[0].Number + ")"
		}
	}
	if href == "" || insideLink(n) {
		_, _ = w.WriteString(`<span class="contact-inline">`)
		writeText(w, label)
		_, _ = w.WriteString(`</span>`)
	} else {
		writeLink(w, n, "contact-inline", href, label)
	}
	return ast.WalkSkipChildren, nil
}

func renderContactBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*contactBlock)
	_, _ = w.WriteString(`<div class="contact" id="`)
	writeText(w, n.id)
	_, _ = w.WriteString("\">\n")
	c := n.contact
	if c == nil {
		_, _ = w.WriteString(`<p class="contact-name">`)
		writeText(w, "[["+n.Raw+"]]")
		_, _ = w.WriteString("</p>\n</div>\n")
		return ast.WalkSkipChildren, nil
	}
	l := n.labels
	para := func(class, s string) {
		if s != "" {
			_, _ = w.WriteString(`<p class="` + class + `">`)
			writeText(w, s)
			_, _ = w.WriteString("</p>\n")
		}
	}
	labelSpan := func(s string) {
		if s != "" {
			_, _ = w.WriteString(`<span class="contact-label">`)
			writeText(w, s)
			_, _ = w.WriteString(`</span> `)
		}
	}
	para("contact-name", c.Name)
	para("contact-note", c.Note)
	if len(c.Phones) > 0 {
		_, _ = w.WriteString("<ul class=\"contact-phones\">\n")
		for _, p := range c.Phones {
			class, label, item := "tel", l.phone, "contact-tel"
			switch {
			case p.WhatsApp:
				class, label, item = "whatsapp", l.whatsapp, "contact-whatsapp"
			case p.Emergency:
				label, item = cmp.Or(l.emergency, l.phone), "contact-tel contact-emergency"
			}
			if p.Label != "" {
				label = p.Label
			}
			_, _ = w.WriteString(`<li class="` + item + `">`)
			labelSpan(label)
			for i, d := range dials(p) {
				if i > 0 {
					_ = w.WriteByte(' ')
				}
				_, _ = w.WriteString(`<span class="dial">`)
				if d.Where != "" {
					_, _ = w.WriteString(`<span class="dial-where">`)
					writeText(w, d.Where)
					_, _ = w.WriteString(`</span> `)
				}
				_, _ = w.WriteString(`<a class="` + class + `" href="`)
				writeURL(w, p.Href)
				if p.WhatsApp {
					_, _ = w.WriteString(`" rel="noopener`)
				}
				_, _ = w.WriteString(`">`)
				writeText(w, d.Number)
				_, _ = w.WriteString(`</a></span>`)
			}
			if p.Note != "" {
				_, _ = w.WriteString(` <span class="phone-note">`)
				writeText(w, p.Note)
				_, _ = w.WriteString(`</span>`)
			}
			_, _ = w.WriteString("</li>\n")
		}
		_, _ = w.WriteString("</ul>\n")
	}
	para("contact-hours", c.Hours)
	if c.Website != "" {
		_, _ = w.WriteString(`<p class="contact-website">`)
		labelSpan(l.website)
		_, _ = w.WriteString(`<a href="`)
		writeURL(w, c.Website)
		_, _ = w.WriteString(`" rel="noopener">`)
		display := strings.TrimPrefix(strings.TrimPrefix(c.Website, "https://"), "http://")
		writeText(w, strings.TrimSuffix(display, "/"))
		_, _ = w.WriteString("</a></p>\n")
	}
	if c.Email != "" {
		_, _ = w.WriteString(`<p class="contact-email"><a href="mailto:`)
		writeURL(w, c.Email)
		_, _ = w.WriteString(`">`)
		writeText(w, c.Email)
		_, _ = w.WriteString("</a></p>\n")
	}
	if c.Source != "" || c.Verified != "" {
		_, _ = w.WriteString(`<p class="contact-source"><small>`)
		label := l.source
		if c.SourceNews {
			label = cmp.Or(l.sourceNews, l.source)
		}
		title := c.SourceTitle
		if title == "" {
			title, label = cmp.Or(label, c.Source), ""
		}
		if label != "" {
			writeText(w, label+": ")
		}
		switch {
		case c.Source != "" && isExternal([]byte(c.Source)):
			_, _ = w.WriteString(`<a href="`)
			writeURL(w, c.Source)
			_, _ = w.WriteString(`" rel="noopener">`)
			writeText(w, title)
			_, _ = w.WriteString(`</a>`)
		case c.SourceTitle != "":
			writeText(w, title)
		case c.Source != "":
			writeText(w, strings.TrimPrefix(title+": "+c.Source, ": "))
		}
		if c.SourceDate != "" {
			writeText(w, ", "+c.SourceDate)
		}
		if c.Verified != "" {
			if c.Source != "" || c.SourceTitle != "" {
				_, _ = w.WriteString(" · ")
			}
			writeText(w, strings.TrimSpace(l.verified+" "+c.Verified))
		}
		_, _ = w.WriteString("</small></p>\n")
	}
	_, _ = w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

type contactExtension struct{}

// contacts adds contacts [[contact:key]]: a card on a line of its own, a link in a sentence.
var contacts goldmark.Extender = contactExtension{}

func (contactExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(contactParser{}, 51)),
		parser.WithASTTransformers(util.Prioritized(contactBlockTransformer{}, 200)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(contactHTMLRenderer{}, 500)))
}
