package markdown

import (
	"bytes"
	"cmp"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
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
	themed
}

func (n *contactBlock) Kind() ast.NodeKind { return kindContactBlock }

func (n *contactBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Key": n.Key, "ID": n.id}, nil)
}

func (n *contactBlock) resolve(st *resolveState) {
	n.resolveRef(st, n)
	n.setTheme(st)
}

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

// contactHTMLRenderer renders inline contacts, and contact cards with
// layouts/partials/contact.html.
type contactHTMLRenderer struct{ themeRenderer }

func (r contactHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindContact, renderContact)
	reg.Register(kindContactBlock, r.renderContactBlock)
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

// ContactCard is what layouts/partials/contact.html receives: one contact card
// ("[[contact:key]]" on a line of its own), its texts already in the page's language.
type ContactCard struct {
	ID      string // the card's anchor, unique on the page: "contact-kp2mi"
	Key     string // the key in contacts.toml
	Unknown string // the source text "[[contact:x]]" when the contact was not found; the fields below are then empty
	Name    string
	Note    string
	Hours   string
	Phones  []ContactPhone
	Website *ContactWebsite // nil when the contact has no website
	Email   string
	Source  *ContactSource // nil when the contact names no source and no check date
}

// ContactPhone is one number of a contact card.
type ContactPhone struct {
	Kind  string       // "tel", "whatsapp" or "emergency" (a number such as 999)
	Label string       // what the number is: the contact's own label, else the UI string of its kind ("Telepon")
	Href  template.URL // "tel:+622129244800" or "https://wa.me/6281138001000"
	Dials []data.Dial  // how a reader dials it (at least one): .Where ("Dari luar negeri", may be empty) and .Number
	Note  string       // e.g. "Bebas pulsa"
}

// ContactWebsite is the website of a contact card.
type ContactWebsite struct {
	Label string // UI string "Situs web"
	URL   string
	Text  string // the address without scheme and final slash: "kp2mi.go.id"
}

// ContactSource says where a contact card's data comes from and when it was checked.
type ContactSource struct {
	Label    string // "Sumber" or "Sumber berita" before the title, "" when the label is the title itself
	URL      string // the source's address when it is a web page (Text is then its link), else ""
	Text     string // the source's title (or address)
	Date     string // the source's own date, formatted; may be empty
	Verified string // "diperiksa 26 November 2026", "" when not given
	Sep      bool   // a separator goes between the source and Verified
}

// card builds the data of a contact card.
func (n *contactBlock) card() ContactCard {
	card := ContactCard{ID: n.id, Key: n.Key}
	c := n.contact
	if c == nil {
		card.Unknown = "[[" + n.Raw + "]]"
		return card
	}
	l := n.labels
	card.Name, card.Note, card.Hours, card.Email = c.Name, c.Note, c.Hours, c.Email
	for _, p := range c.Phones {
		ph := ContactPhone{Kind: "tel", Label: l.phone, Href: template.URL(p.Href), Dials: dials(p), Note: p.Note}
		switch {
		case p.WhatsApp:
			ph.Kind, ph.Label = "whatsapp", l.whatsapp
		case p.Emergency:
			ph.Kind, ph.Label = "emergency", cmp.Or(l.emergency, l.phone)
		}
		if p.Label != "" {
			ph.Label = p.Label
		}
		if html.IsDangerousURL([]byte(p.Href)) {
			ph.Href = ""
		}
		card.Phones = append(card.Phones, ph)
	}
	if c.Website != "" {
		display := strings.TrimPrefix(strings.TrimPrefix(c.Website, "https://"), "http://")
		card.Website = &ContactWebsite{Label: l.website, URL: c.Website, Text: strings.TrimSuffix(display, "/")}
	}
	if c.Source != "" || c.Verified != "" {
		src := &ContactSource{Label: l.source, Date: c.SourceDate}
		if c.SourceNews {
			src.Label = cmp.Or(l.sourceNews, l.source)
		}
		title := c.SourceTitle
		if title == "" {
			title, src.Label = cmp.Or(src.Label, c.Source), ""
		}
		switch {
		case c.Source != "" && isExternal([]byte(c.Source)):
			src.URL, src.Text = c.Source, title
		case c.SourceTitle != "":
			src.Text = title
		case c.Source != "":
			src.Text = strings.TrimPrefix(title+": "+c.Source, ": ")
		}
		if c.Verified != "" {
			src.Verified = strings.TrimSpace(l.verified + " " + c.Verified)
			src.Sep = c.Source != "" || c.SourceTitle != ""
		}
		card.Source = src
	}
	return card
}

func (r contactHTMLRenderer) renderContactBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*contactBlock)
	return ast.WalkSkipChildren, r.render(w, n.themed, "contact", n.card())
}

// contactExtension adds contacts [[contact:key]]: a card on a line of its own, a link in a sentence.
type contactExtension struct{ themeRenderer }

func (e contactExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(contactParser{}, 51)),
		parser.WithASTTransformers(util.Prioritized(contactBlockTransformer{}, 200)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(contactHTMLRenderer(e), 500)))
}
