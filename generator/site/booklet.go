package site

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/markdown"
	"pandu/generator/qr"
	"pandu/generator/templates"
)

// The trainers' print edition. For each language it writes, under /<lang>/<print_slug>/:
//
//   - index.html: the booklet for A4 paper (cover, table of contents, every guide of
//     site.toml [print] guides on new pages, each with a QR code to its online page);
//   - a5/index.html: the same booklet for A5 paper (named CSS page "a5");
//   - pandu-<lang>.html: the offline pack, the same booklet as one self-contained file (CSS
//     inlined, QR codes and icons as inline SVG, images as data URLs), to send by WhatsApp or
//     Bluetooth and open from file:// without a network;
//   - booklet-a4.pdf and booklet-a5.pdf when Options.PDFDir holds them (`pandu pdf`).
//
// Links inside the booklet to guides that are in it jump within the file; heading IDs are
// prefixed per guide ("g3-costs") so that the guides' IDs do not collide; links to other pages
// of the site become absolute URLs.

// Booklet is what layouts/booklet.html and layouts/pack.html get as .Booklet (see PrintView).
type Booklet struct {
	Title    string // site title in the booklet's language
	LangName string
	Size     string // "a4", "a5" or "pack"
	URL      string // site path of the A4 booklet page
	A5URL    string // site path of the A5 booklet page
	PackURL  string // site path of the offline pack
	PackName string // file name of the offline pack
	PDFA4    string // site path of the A4 PDF, "" when it was not made
	PDFA5    string // site path of the A5 PDF, "" when it was not made
	Edition  time.Time
	Law      string        // the law the guides follow (site.toml params.law_version: text, or a table of texts per language)
	HomeAbs  string        // absolute URL of the language's home
	QR       template.HTML // QR code of HomeAbs
	// NoAddress says that base_url is a placeholder: the booklet has no QR codes and no web
	// addresses of its guides (they would be dead on paper), and says so on its cover.
	NoAddress bool
	Help      template.HTML // contact cards of the contacts with a phone number
	Others    []BookletContact
	Guides    []*BookletGuide

	readAsset func(name string) ([]byte, bool, error) // a published static file, for InlineCSS
}

// InlineCSS returns the published stylesheets of the site named (static paths, e.g.
// "css/site.css"), one after the other, for the offline pack's <style>: layouts/pack.html names
// them. A name the site does not have is left out.
func (bk *Booklet) InlineCSS(names ...string) (template.CSS, error) {
	var css strings.Builder
	for _, name := range names {
		data, ok, err := bk.readAsset(name)
		if err != nil {
			return "", err
		}
		if ok {
			css.Write(data)
			css.WriteByte('\n')
		}
	}
	return template.CSS(css.String()), nil
}

// BookletContact is a contact that is not on the cover: listed after the contents by name, its
// first number as dialled (where it has one) and its website.
type BookletContact struct {
	Name, Phone, Website string
}

// BookletGuide is one guide of a booklet.
type BookletGuide struct {
	ID       string // anchor of the guide in the booklet: "g1"
	Title    string
	Lang     string // language of the text (the source language for an untranslated guide)
	Fallback bool
	AbsURL   string
	QR       template.HTML
	Reviewed time.Time // last fact check, else last update
	Checked  bool      // Reviewed is a fact check (front matter reviewed), not only an update
	Body     template.HTML

	packBody template.HTML // Body for the offline pack: the site's images inlined as data URLs
}

// BookletPages are the site paths of one language's print edition.
type BookletPages struct {
	Lang string
	A4   string // the A4 booklet page
	A5   string // the A5 booklet page
	Pack string // the offline pack
	// PDFA4 and PDFA5 are the published PDFs, "" when the build had none.
	PDFA4, PDFA5 string
}

// bookletPDF names the PDF file of a paper size.
func bookletPDF(size string) string { return "booklet-" + size + ".pdf" }

// printSlug is the folder of the print edition in a language.
func (b *builder) printSlug(lang string) string {
	s, err := b.catalog.T(lang, "print_slug")
	if err != nil || s == "" {
		return "print"
	}
	return s
}

// bookletURL is the site path of a language's booklet page, "" when the site has no booklet.
func (b *builder) bookletURL(lang string) string {
	if len(b.cfg.Print.Guides) == 0 {
		return ""
	}
	return b.site.ByLang[lang].Home.URL + b.printSlug(lang) + "/"
}

// absURL makes an absolute URL of a site path (which already holds the base path).
func (b *builder) absURL(sitePath string) string {
	u, err := url.Parse(b.cfg.BaseURL)
	if err != nil {
		return b.cfg.AbsURL(sitePath)
	}
	return u.Scheme + "://" + u.Host + "/" + strings.TrimLeft(sitePath, "/")
}

// writeBooklets writes the print edition of every language.
func (b *builder) writeBooklets() error {
	b.booklets, b.kits = nil, nil // the kits are written with the booklets (writeKit)
	if len(b.cfg.Print.Guides) == 0 {
		return nil
	}
	var problems diag.List
	for _, l := range b.site.Languages {
		if err := b.writeBooklet(l); err != nil {
			problems.Merge(diag.AsList(err))
		}
	}
	return problems.Err()
}

func (b *builder) writeBooklet(l *content.Language) error {
	bk, err := b.booklet(l)
	if err != nil {
		return err
	}
	for _, size := range []string{"a4", "a5"} {
		src := ""
		if b.opts.PDFDir != "" {
			src = filepath.Join(b.opts.PDFDir, l.Code, bookletPDF(size))
			if _, err := os.Stat(src); err != nil {
				src = ""
			}
		}
		if src == "" {
			continue
		}
		u := bk.URL + bookletPDF(size)
		data, err := os.ReadFile(src) // made by pandu pdf, not a source file
		if err != nil {
			return err
		}
		if err := b.writeRaw(src, b.outPath(u), data); err != nil {
			return err
		}
		if size == "a4" {
			bk.PDFA4 = u
		} else {
			bk.PDFA5 = u
		}
	}
	for _, size := range []string{"a4", "a5"} {
		page := *bk
		page.Size = size
		v := b.bookletView(l, &page)
		html, err := b.layouts.Execute(l.Code, "booklet", v)
		if err != nil {
			return err
		}
		if err := b.write("layouts/booklet.html", b.outPath(v.URL), html); err != nil {
			return err
		}
	}
	b.booklets = append(b.booklets, BookletPages{Lang: l.Code, A4: bk.URL, A5: bk.A5URL, Pack: bk.PackURL, PDFA4: bk.PDFA4, PDFA5: bk.PDFA5})
	if err := b.writeKit(l, bk); err != nil {
		return err
	}
	pack := *bk
	pack.Size = "pack"
	pack.Guides = make([]*BookletGuide, len(bk.Guides))
	for i, g := range bk.Guides {
		c := *g
		c.Body = g.packBody
		pack.Guides[i] = &c
	}
	v := b.bookletView(l, &pack)
	v.URL, v.AbsURL = bk.PackURL, b.absURL(bk.PackURL)
	html, err := b.layouts.ExecuteOwn(l.Code, "pack", v)
	if err != nil {
		return err
	}
	return b.write("layouts/pack.html", b.outPath(bk.PackURL), html)
}

// bookletView is the View of a booklet page (Size "a4" or "a5") or of the offline pack.
func (b *builder) bookletView(l *content.Language, bk *Booklet) *PrintView {
	v := &PrintView{View: b.specialView(l.Code, "booklet"), Booklet: bk}
	v.Title = b.catalog.Label(l.Code, "print_title")
	v.URL = bk.URL
	if bk.Size == "a5" {
		v.URL = bk.A5URL
	}
	v.AbsURL = b.absURL(v.URL)
	v.Canonical = b.absURL(bk.URL)
	v.NoIndex = bk.Size != "a4"
	v.Switcher = nil
	for _, o := range b.site.Languages {
		v.Switcher = append(v.Switcher, templates.LangLink{Lang: b.langView(o.Code), URL: b.bookletURL(o.Code), Current: o.Code == l.Code, Exists: true})
		if bk.Size == "a4" {
			v.Alternates = append(v.Alternates, templates.Alternate{Hreflang: o.Code, Href: b.absURL(b.bookletURL(o.Code))})
		}
	}
	return v
}

// booklet assembles a language's booklet from the rendered guides.
func (b *builder) booklet(l *content.Language) (*Booklet, error) {
	src, _ := b.src.ReadFile(filepath.Join(b.opts.Source, config.FileName), b.cfg.MaxMarkdown())
	base := b.bookletURL(l.Code)
	bk := &Booklet{Title: l.Title, LangName: l.Name, Size: "a4", URL: base, A5URL: base + "a5/",
		PackName: "pandu-" + l.Code + ".html", HomeAbs: b.absURL(l.Home.URL)}
	bk.PackURL = base + bk.PackName
	bk.readAsset = b.readAsset
	// A trainer who prints a booklet of a site without its real address would hand out dead QR
	// codes: leave them out (the build warns once, `pandu pdf` refuses). The preview serves at
	// its own address, whose QR codes a phone on the same network can open.
	if placeholder, _ := b.cfg.PlaceholderBaseURL(); placeholder && !b.opts.Preview {
		bk.NoAddress = true
	}
	bk.Law = lawVersion(b.cfg.Params["law_version"], l.Code, b.cfg.DefaultLanguage)
	var problems diag.List
	guideIDs := map[string]string{} // site path of a guide -> its anchor in the booklet
	var pages []*content.Page
	for i, p := range b.cfg.Print.Guides {
		pg := l.ByPath[printGuidePath(p)]
		if pg == nil || pg.Kind != content.KindPage {
			problems.Add(diag.Problem{File: config.FileName, Line: printGuideLine(src, p),
				Message: fmt.Sprintf("[print] guides: %q is not a guide in content/%s/", p, l.Code),
				Hint:    "write the path of a guide inside the language folder, like \"hak/hak-pekerja-migran.md\", or remove it from the list"})
			continue
		}
		guideIDs[pg.URL] = "g" + strconv.Itoa(i+1)
		pages = append(pages, pg)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	for _, pg := range pages {
		id := guideIDs[pg.URL]
		c := pg.Content()
		g := &BookletGuide{ID: id, Title: c.Title, Lang: c.Lang, Fallback: pg.Fallback, AbsURL: b.absURL(pg.URL)}
		g.Reviewed, g.Checked = c.Reviewed(), true
		if g.Reviewed.IsZero() {
			g.Reviewed, g.Checked = c.Lastmod(), false
		}
		for _, t := range []time.Time{c.Reviewed(), c.Lastmod()} {
			if t.After(bk.Edition) {
				bk.Edition = t
			}
		}
		if !bk.NoAddress {
			svg, err := qr.SVG(g.AbsURL, g.AbsURL)
			if err != nil {
				return nil, err
			}
			g.QR = template.HTML(svg)
		}
		doc := b.doc(pg)
		b.resolveFor(pg, doc)
		place := b.guidePlacement(id, guideIDs, bk.NoAddress)
		images := false // the guide shows an image of the site: the pack renders it again, inlined
		toURL := place.Image
		place.Image = func(src string) string { images = true; return toURL(src) }
		var body bytes.Buffer
		if err := b.md.RenderPlaced(&body, doc, place); err != nil {
			return nil, diag.Problem{File: pg.File, Message: "rendering Markdown: " + err.Error()}
		}
		g.Body, g.packBody = template.HTML(body.String()), template.HTML(body.String())
		if images {
			place.Image = b.inlineImage
			body.Reset()
			if err := b.md.RenderPlaced(&body, doc, place); err != nil {
				return nil, diag.Problem{File: pg.File, Message: "rendering Markdown: " + err.Error()}
			}
			g.packBody = template.HTML(body.String())
		}
		bk.Guides = append(bk.Guides, g)
	}
	if !bk.NoAddress {
		svg, err := qr.SVG(bk.HomeAbs, bk.HomeAbs)
		if err != nil {
			return nil, err
		}
		bk.QR = template.HTML(svg)
	}
	help, others, err := b.helpContacts(l)
	if err != nil {
		return nil, err
	}
	bk.Help, bk.Others = template.HTML(help), others
	return bk, nil
}

// lawVersion is site.toml's params.law_version in a language: one text for every language, or a
// table with a text per language (the default language's text where one is missing).
func lawVersion(v any, lang, defaultLang string) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if s, ok := v[lang].(string); ok {
			return s
		}
		s, _ := v[defaultLang].(string)
		return s
	}
	return ""
}

// printGuidePath is the path inside a language folder of a guide site.toml [print] guides lists
// ("/persiapan/x.md" and "persiapan/./x.md" name "persiapan/x.md").
func printGuidePath(p string) string { return strings.TrimPrefix(path.Clean(p), "/") }

// printGuideLine finds the line of site.toml that lists a print guide, for messages.
func printGuideLine(src []byte, guide string) int {
	for i, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, `"`+guide+`"`) {
			return i + 1
		}
	}
	return 0
}

// helpContacts renders the cards of the cover's contacts (site.toml [print] cover_contacts, or
// every contact with a phone number) and lists the others by name, first number and website.
func (b *builder) helpContacts(l *content.Language) (string, []BookletContact, error) {
	if b.contacts == nil {
		return "", nil, nil
	}
	cover := b.cfg.Print.CoverContacts
	if len(cover) > 0 {
		src, _ := os.ReadFile(filepath.Join(b.opts.Source, config.FileName))
		var problems diag.List
		for _, key := range cover {
			if !b.contacts.Has(key) {
				problems.Add(diag.Problem{File: config.FileName, Line: printGuideLine(src, key),
					Message: fmt.Sprintf("[print] cover_contacts lists %q, which is not in content/_data/contacts.toml", key),
					Hint:    "use a key of contacts.toml: " + strings.Join(b.contacts.Keys(), ", ")})
			}
		}
		if err := problems.Err(); err != nil {
			return "", nil, err
		}
	}
	var md strings.Builder
	var others []BookletContact
	r := &resolver{b: b, page: l.Home, textLang: l.Code}
	onCover := map[string]bool{}
	for _, key := range cover {
		onCover[key] = true
	}
	keys := cover
	if len(keys) == 0 {
		keys = b.contacts.Keys()
	}
	for _, key := range keys {
		c, err := r.Contact(key)
		if err != nil {
			return "", nil, diag.Problem{File: "content/_data/contacts.toml", Message: err.Error()}
		}
		if len(cover) > 0 || len(c.Phones) > 0 {
			md.WriteString("[[contact:" + key + "]]\n\n")
		} else {
			others = append(others, BookletContact{Name: c.Name, Website: c.Website})
		}
	}
	if len(cover) > 0 {
		for _, key := range b.contacts.Keys() {
			if onCover[key] {
				continue
			}
			c, err := r.Contact(key)
			if err != nil {
				return "", nil, diag.Problem{File: "content/_data/contacts.toml", Message: err.Error()}
			}
			o := BookletContact{Name: c.Name, Website: c.Website}
			if len(c.Phones) > 0 && len(c.Phones[0].Dial) > 0 {
				d := c.Phones[0].Dial[0]
				o.Phone = strings.TrimSpace(d.Where + " " + d.Number)
			}
			others = append(others, o)
		}
	}
	if md.Len() == 0 {
		return "", others, nil
	}
	doc := b.md.Parse([]byte(md.String()), 0)
	r.doc = doc
	if probs := doc.Resolve(r); len(probs) > 0 {
		return "", nil, diag.Problem{File: "content/_data/contacts.toml", Message: probs[0].Message}
	}
	var out bytes.Buffer
	// The cover's cards get IDs of their own ("cover-contact-KEY"): a guide of the booklet may
	// show the same card.
	if err := b.md.RenderPlaced(&out, doc, markdown.Placement{IDPrefix: "cover-"}); err != nil {
		return "", nil, err
	}
	return out.String(), others, nil
}

// guidePlacement places a guide's body in the booklet (see markdown.Placement): its anchors get
// the guide's prefix ("g3-costs"), links to guides in the booklet become in-file anchors, other
// site links absolute URLs (site paths while the base URL is a placeholder: see
// Booklet.NoAddress), images absolute URLs, and headings go down one level (the guide's title is
// the booklet's h2).
func (b *builder) guidePlacement(id string, guideIDs map[string]string, noAddress bool) markdown.Placement {
	return markdown.Placement{
		IDPrefix:     id + "-",
		HeadingShift: 1,
		Link: func(dest string) string {
			p, frag, _ := strings.Cut(dest, "#")
			if to, ok := guideIDs[p]; ok {
				if frag != "" {
					return "#" + to + "-" + frag
				}
				return "#" + to
			}
			if noAddress {
				return dest // a placeholder address would be printed after the link on paper
			}
			return b.absURL(dest)
		},
		Image: b.absURL,
	}
}

// inlineImage makes a data URL of one of the site's own images (a site path), so that the
// offline pack asks for nothing outside itself; an image that is not a file of the site gets its
// absolute URL.
func (b *builder) inlineImage(src string) string {
	disk := b.diskPath(src)
	if disk == "" {
		return b.absURL(src)
	}
	data, err := b.src.ReadFile(disk, b.cfg.MaxFile())
	if err != nil {
		return b.absURL(src)
	}
	return "data:" + mime.TypeByExtension(path.Ext(disk)) + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// readAsset reads a static file of the site as published (minified), by its static path
// ("css/site.css"); ok is false when the site has no such file.
func (b *builder) readAsset(name string) (data []byte, ok bool, err error) {
	u, ok := b.assets[name]
	if !ok {
		return nil, false, nil
	}
	data, err = b.out.Read(strings.TrimPrefix(u, b.cfg.BasePath()))
	return data, err == nil, err
}
