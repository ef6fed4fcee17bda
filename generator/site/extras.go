package site

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/templates"
)

type sitemapURL struct {
	Loc     string        `xml:"loc"`
	Lastmod string        `xml:"lastmod,omitempty"`
	Links   []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// writeSitemap lists every indexable page with its translations as xhtml:link alternates.
// Fallback pages (no translation yet) are left out: they are noindex.
//
// A minified sitemap whose values need no escaping (see plainXML), which is every site's whose
// addresses and language codes are plain, is written as the pages are listed, without keeping
// its entries: a site of 20,000 guides per language has a sitemap of 30 MB. It is what the XML
// encoder and the minifier together would write, in a fraction of their time (the preview
// writes it again after every change of the site's shape). Other sitemaps are the encoder's.
func (b *builder) writeSitemap() error {
	size, plain, err := b.sitemapSize()
	if err != nil {
		return err
	}
	if !plain || !b.opts.Minify {
		return b.encodeSitemap()
	}
	f, err := b.stream(config.FileName, "sitemap.xml")
	if err != nil {
		return err
	}
	f.Grow(size) // the preview's, kept whole: made once, of its size
	buf := append(make([]byte, 0, 2*sitemapPiece), sitemapHead...)
	err = b.eachSitemapPage(func(pg *content.Page, alts []*content.Page) error {
		buf = b.appendSitemapURL(buf, pg, alts)
		if len(buf) < sitemapPiece {
			return nil
		}
		_, err := f.Write(buf)
		buf = buf[:0]
		return err
	})
	if err == nil {
		_, err = f.Write(append(buf, "</urlset>"...))
	}
	if err == nil {
		err = f.Close()
	}
	if errors.Is(err, errStopped) {
		return err
	}
	return writeProblem(config.FileName, "sitemap.xml", err)
}

// sitemapPiece is about how much of the sitemap is made before it is handed to the writer.
const sitemapPiece = 32 << 10

const (
	sitemapStart = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`
	sitemapHead  = `<?xml version="1.0" encoding="UTF-8"?>` + sitemapStart
	sitemapAlt   = `<xhtml:link rel="alternate" hreflang="`
)

// eachSitemapPage calls fn with each page the sitemap lists, in the site's order, and the pages
// its entry links as alternates: its translations that are not fallbacks, itself among them, or
// none when it has no other. It stops at fn's first error.
func (b *builder) eachSitemapPage(fn func(pg *content.Page, alts []*content.Page) error) error {
	var alts []*content.Page
	for i, pg := range b.site.Pages {
		if i%1024 == 0 && b.stopped() { // a preview update a newer edit stops (Session.Interrupt)
			return errStopped
		}
		if pg.Fallback {
			continue
		}
		alts = alts[:0]
		for _, t := range pg.Translations {
			if !t.Fallback {
				alts = append(alts, t)
			}
		}
		if len(alts) < 2 {
			alts = alts[:0]
		}
		if err := fn(pg, alts); err != nil {
			return err
		}
	}
	return nil
}

// sitemapSize returns the length of the sitemap appendSitemapURL writes, and whether no value in
// it needs escaping.
func (b *builder) sitemapSize() (size int, plain bool, err error) {
	base := b.cfg.BaseURL
	plain = plainXML(base)
	for _, l := range b.site.Languages {
		plain = plain && plainXML(l.Code)
	}
	size = len(sitemapHead) + len("</urlset>")
	err = b.eachSitemapPage(func(pg *content.Page, alts []*content.Page) error {
		loc := b.cfg.BelowBase(pg.URL)
		plain = plain && plainXML(loc)
		size += len("<url><loc></loc></url>") + len(base) + len(loc)
		if !pg.Lastmod().IsZero() {
			size += len("<lastmod>2006-01-02</lastmod>")
		}
		for _, t := range alts {
			size += len(sitemapAlt+`" href=""/>`) + len(t.Lang) + len(base) + len(b.cfg.BelowBase(t.URL))
		}
		return nil
	})
	return size, plain, err
}

// appendSitemapURL appends the sitemap's entry of pg, whose values are plain, minified.
func (b *builder) appendSitemapURL(buf []byte, pg *content.Page, alts []*content.Page) []byte {
	buf = append(buf, "<url><loc>"...)
	buf = append(append(buf, b.cfg.BaseURL...), b.cfg.BelowBase(pg.URL)...)
	buf = append(buf, "</loc>"...)
	if t := pg.Lastmod(); !t.IsZero() {
		buf = append(buf, "<lastmod>"...)
		buf = t.AppendFormat(buf, "2006-01-02")
		buf = append(buf, "</lastmod>"...)
	}
	for _, t := range alts {
		buf = append(buf, sitemapAlt...)
		buf = append(buf, t.Lang...)
		buf = append(buf, `" href="`...)
		buf = append(append(buf, b.cfg.BaseURL...), b.cfg.BelowBase(t.URL)...)
		buf = append(buf, `"/>`...)
	}
	return append(buf, "</url>"...)
}

// encodeSitemap writes the sitemap with the XML encoder, which escapes what must be (minified
// as written, when minifying).
func (b *builder) encodeSitemap() error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(sitemapStart + "\n")
	enc := xml.NewEncoder(&buf)
	err := b.eachSitemapPage(func(pg *content.Page, alts []*content.Page) error {
		u := sitemapURL{Loc: b.cfg.AbsURL(pg.URL)}
		if t := pg.Lastmod(); !t.IsZero() {
			u.Lastmod = t.Format("2006-01-02")
		}
		for _, t := range alts {
			u.Links = append(u.Links, sitemapLink{Rel: "alternate", Hreflang: t.Lang, Href: b.cfg.AbsURL(t.URL)})
		}
		if err := enc.EncodeElement(u, xml.StartElement{Name: xml.Name{Local: "url"}}); err != nil {
			return err
		}
		buf.WriteByte('\n')
		return nil
	})
	if err != nil {
		return err
	}
	buf.WriteString("</urlset>\n")
	return b.write(config.FileName, "sitemap.xml", buf.Bytes())
}

func plainXML(s string) bool {
	return !strings.ContainsAny(s, "&<>\"'\t\n\r") && utf8.ValidString(s)
}

func (b *builder) writeRobots() error {
	s := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", b.cfg.AbsURL("sitemap.xml"))
	return b.writeRaw(config.FileName, "robots.txt", []byte(s))
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated,omitempty"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated,omitempty"`
	Summary string   `xml:"summary,omitempty"`
}

// FeedSize is the number of entries in each language's feed.
const FeedSize = 20

// writeFeeds writes an Atom feed per language of the most recently updated guides. Its dates come
// from the content, never from the clock, so that two builds are identical.
func (b *builder) writeFeeds() error {
	for _, l := range b.site.Languages {
		var pages []*content.Page
		for _, pg := range l.Pages {
			if pg.Kind == content.KindPage && !pg.Fallback {
				pages = append(pages, pg)
			}
		}
		sort.SliceStable(pages, func(i, j int) bool {
			a, c := pages[i].Lastmod(), pages[j].Lastmod()
			if !a.Equal(c) {
				return a.After(c)
			}
			return pages[i].URL < pages[j].URL
		})
		if len(pages) > FeedSize {
			pages = pages[:FeedSize]
		}
		feedURL := b.cfg.AbsURL(l.Home.URL + "feed.xml")
		f := atomFeed{Lang: l.Code, Title: l.Title, ID: feedURL, Author: atomAuthor{Name: l.Title},
			Links: []atomLink{{Rel: "self", Href: feedURL}, {Rel: "alternate", Href: b.cfg.AbsURL(l.Home.URL)}}}
		// The feed's date is its newest entry's, else the newest date of any page of the
		// language; an undated entry takes the feed's date. Without any date, updated is left
		// out rather than made up.
		newest := newestOf(pages)
		if newest.IsZero() {
			newest = newestOf(l.Pages)
		}
		for _, pg := range pages {
			t := pg.Lastmod()
			if t.IsZero() {
				t = newest
			}
			f.Entries = append(f.Entries, atomEntry{Title: pg.Title, ID: b.cfg.AbsURL(pg.URL),
				Link: atomLink{Href: b.cfg.AbsURL(pg.URL)}, Updated: atomTime(t), Summary: pg.Description})
		}
		f.Updated = atomTime(newest)
		out, err := xml.MarshalIndent(f, "", " ")
		if err != nil {
			return err
		}
		if err := b.write(config.FileName, b.outPath(l.Home.URL+"feed.xml"), append([]byte(xml.Header), out...)); err != nil {
			return err
		}
	}
	return nil
}

// newestOf returns the latest Lastmod of pages (zero when none has a date).
func newestOf(pages []*content.Page) time.Time {
	var newest time.Time
	for _, pg := range pages {
		if t := pg.Lastmod(); t.After(newest) {
			newest = t
		}
	}
	return newest
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC).Format(time.RFC3339)
}

var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Abs}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p><a href="{{.URL}}">{{.Title}}</a></p>
</body>
</html>
`))

// checkAliases reports, before anything is written, every alias that would overwrite or hide a
// file the build publishes: a static file or a folder of static files (/css/), a generated page
// (the booklet, the search page) or file. Aliases were already checked against the URLs of pages
// and each other when the content loaded (content.Load), and normalised to end in /.
func (b *builder) checkAliases() {
	taken := map[string]string{} // lowercase site path -> what publishes it
	for u, disk := range b.published {
		what := "a file the build writes"
		if disk != "" {
			what = "the file " + b.sourceName(disk)
		}
		taken[strings.ToLower(u)] = what
		// Every folder above a published file is taken too: a redirect page would land in it.
		for d := path.Dir(strings.TrimSuffix(u, "/")); d != "/" && d != "."; d = path.Dir(d) {
			key := strings.ToLower(d + "/")
			if _, ok := taken[key]; !ok {
				taken[key] = "the folder of " + what
			}
		}
	}
	for _, pg := range b.site.Pages {
		for i, a := range pg.Aliases {
			what, ok := taken[strings.ToLower(a)]
			if !ok {
				what, ok = taken[strings.ToLower(strings.TrimSuffix(a, "/"))]
			}
			if !ok {
				continue
			}
			line, col := pg.AliasPos(i)
			b.problems.Add(diag.Problem{File: pg.File, Line: line, Column: col,
				Message: fmt.Sprintf("alias %s would overwrite %s", a, what),
				Hint:    "an alias must be an old URL that nothing else on the site uses"})
		}
	}
}

// sourceName is a file on disk as a path relative to the site root, for messages.
func (b *builder) sourceName(disk string) string {
	if rel, err := filepath.Rel(b.opts.Source, disk); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return disk
}

// writeAliases writes a redirect page at every old URL a page lists in aliases. Every alias that
// cannot be written is reported, at its line in the front matter.
func (b *builder) writeAliases() error {
	var problems diag.List
	for _, pg := range b.site.Pages {
		for i, a := range pg.Aliases {
			var buf bytes.Buffer
			err := aliasPage.Execute(&buf, map[string]string{"Lang": pg.Lang, "Title": pg.Title, "URL": pg.URL, "Abs": b.cfg.AbsURL(pg.URL)})
			if err != nil {
				return err
			}
			if err := b.write(pg.File, b.outPath(a), buf.Bytes()); err != nil {
				for _, p := range diag.AsList(err) {
					if p.File == pg.File && p.Line == 0 {
						p.Line, p.Column = pg.AliasPos(i)
						p.Hint = "remove the alias, or give the page that writes the same file another slug"
					}
					problems.Add(p)
				}
			}
		}
	}
	return problems.Err()
}

// writeSpecialPages renders the 404 page of each language, the root 404.html (default language)
// and the root index.html, which lets the reader choose a language without JavaScript.
func (b *builder) writeSpecialPages() error {
	for _, l := range b.site.Languages {
		v := b.specialView(l.Code, "404")
		html, err := b.layouts.Execute(l.Code, "404", v)
		if err != nil {
			return err
		}
		if err := b.write("layouts/404.html", b.outPath(l.Home.URL+"404.html"), html); err != nil {
			return err
		}
		if l.Code == b.cfg.DefaultLanguage {
			if err := b.write("layouts/404.html", "404.html", html); err != nil {
				return err
			}
		}
	}
	def := b.cfg.DefaultLanguage
	v := b.specialView(def, "root")
	v.Canonical = b.cfg.BaseURL
	v.AbsURL = b.cfg.BaseURL
	v.URL = b.cfg.BasePath()
	v.NoIndex = false
	v.Menu = nil
	for _, l := range b.site.Languages {
		v.Alternates = append(v.Alternates, templates.Alternate{Hreflang: l.Code, Href: b.cfg.AbsURL(l.Home.URL)})
	}
	v.Alternates = append(v.Alternates, templates.Alternate{Hreflang: "x-default", Href: b.cfg.BaseURL})
	layout := "root"
	if !b.layouts.Has(layout) {
		layout = "home"
	}
	html, err := b.layouts.Execute(def, layout, v)
	if err != nil {
		return err
	}
	return b.write("layouts/"+layout+".html", "index.html", html)
}

// heaviest returns the HTML page whose gzip size plus its stylesheets' is the largest. Gzip size
// follows raw size closely, so only the largest pages by raw size are compressed: the build stays
// cheap on sites with thousands of pages. (The page-weight test checks every page.)
func (b *builder) heaviest() (string, int) {
	css := map[string]int{} // stylesheet URL -> gzip size; a page counts the ones it links
	for rel, u := range b.assets {
		if strings.HasSuffix(rel, ".css") {
			if data, err := b.out.Read(strings.TrimPrefix(u, b.cfg.BasePath())); err == nil {
				css[`href="`+u+`"`] = gzipSize(data)
			}
		}
	}
	type sized struct {
		rel  string
		size int
	}
	var pages []sized
	for _, pg := range b.site.Pages {
		rel := b.outPath(pg.URL)
		pages = append(pages, sized{rel, b.out.Size(rel)})
	}
	sort.Slice(pages, func(i, j int) bool {
		if pages[i].size != pages[j].size {
			return pages[i].size > pages[j].size
		}
		return pages[i].rel < pages[j].rel
	})
	if len(pages) > heaviestCandidates {
		pages = pages[:heaviestCandidates]
	}
	gz := make([]int, len(pages)) // each candidate's size with its stylesheets; -1: unreadable
	b.forEach(len(pages), func(i int) {
		data, err := b.out.Read(pages[i].rel)
		if err != nil {
			gz[i] = -1
			return
		}
		n := gzipSize(data)
		for link, size := range css {
			if bytes.Contains(data, []byte(link)) {
				n += size
			}
		}
		gz[i] = n
	})
	best, bestSize := "", 0
	for i, p := range pages {
		if n := gz[i]; n >= 0 && (n > bestSize || (n == bestSize && p.rel < best)) {
			best, bestSize = p.rel, n
		}
	}
	return best, bestSize
}

// heaviestCandidates is how many of the largest pages heaviest compresses.
const heaviestCandidates = 50

// gzipSize is the gzip (level 6) size of data.
func gzipSize(data []byte) int {
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	var n counter
	w.Reset(&n)
	_, _ = w.Write(data)
	_ = w.Close()
	return int(n)
}

// gzipWriters keeps gzip writers for gzipSize: each holds about a megabyte of state, which a new
// writer would allocate and clear for every page weighed.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, 6)
	return w
}}

// counter is an io.Writer that counts the bytes written to it, and keeps none.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}
