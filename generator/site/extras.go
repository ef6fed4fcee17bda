package site

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
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
func (b *builder) writeSitemap() error {
	urls := make([]sitemapURL, 0, len(b.site.Pages))
	plain := true // no value needs escaping (see plainSitemap)
	// Each page's address shows in its own entry and in each of its translations': made once.
	abs := make(map[*content.Page]string, len(b.site.Pages))
	absURL := func(pg *content.Page) string {
		u, ok := abs[pg]
		if !ok {
			u = b.cfg.AbsURL(pg.URL)
			abs[pg] = u
		}
		return u
	}
	for i, pg := range b.site.Pages {
		if i%1024 == 0 && b.stopped() { // a preview update a newer edit stops (Session.Interrupt)
			return errStopped
		}
		if pg.Fallback {
			continue
		}
		u := sitemapURL{Loc: absURL(pg)}
		if t := pg.Lastmod(); !t.IsZero() {
			u.Lastmod = t.Format("2006-01-02")
		}
		for _, t := range pg.Translations {
			if t.Fallback {
				continue
			}
			u.Links = append(u.Links, sitemapLink{Rel: "alternate", Hreflang: t.Lang, Href: absURL(t)})
		}
		if len(u.Links) < 2 {
			u.Links = nil
		}
		plain = plain && u.plain()
		urls = append(urls, u)
	}
	if plain && b.opts.Minify {
		return b.writeRaw(config.FileName, "sitemap.xml", plainSitemap(urls))
	}
	data, err := encodedSitemap(urls)
	if err != nil {
		return err
	}
	return b.write(config.FileName, "sitemap.xml", data) // minified as written, when minifying
}

// encodedSitemap writes the sitemap of urls with the XML encoder, which escapes what must be.
func encodedSitemap(urls []sitemapURL) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(sitemapStart + "\n")
	enc := xml.NewEncoder(&buf)
	for _, u := range urls {
		if err := enc.EncodeElement(u, xml.StartElement{Name: xml.Name{Local: "url"}}); err != nil {
			return nil, err
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes(), nil
}

const sitemapStart = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`

// plain reports whether no value of u has a character XML escapes: then plainSitemap writes it
// as the XML encoder and the minifier together would, in a fraction of their time (a sitemap
// lists every page, and the preview writes it again after every change of the site's shape).
// A build that does not minify writes the encoder's text.
func (u sitemapURL) plain() bool {
	if !plainXML(u.Loc) || !plainXML(u.Lastmod) {
		return false
	}
	for _, l := range u.Links {
		if !plainXML(l.Rel) || !plainXML(l.Hreflang) || !plainXML(l.Href) {
			return false
		}
	}
	return true
}

func plainXML(s string) bool {
	return !strings.ContainsAny(s, "&<>\"'\t\n\r") && utf8.ValidString(s)
}

// plainSitemap writes the sitemap of urls, whose values are all plain, minified.
func plainSitemap(urls []sitemapURL) []byte {
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + sitemapStart
	size := len(head) + len("</urlset>")
	for _, u := range urls {
		size += len("<url><loc></loc></url>") + len(u.Loc)
		if u.Lastmod != "" {
			size += len("<lastmod></lastmod>") + len(u.Lastmod)
		}
		for _, l := range u.Links {
			size += len(`<xhtml:link rel="" hreflang="" href=""/>`) + len(l.Rel) + len(l.Hreflang) + len(l.Href)
		}
	}
	// One allocation of the file's size (megabytes on a large site); a miscount only costs a
	// larger buffer as append grows it.
	buf := make([]byte, 0, size)
	buf = append(buf, head...)
	for _, u := range urls {
		buf = append(buf, "<url><loc>"...)
		buf = append(buf, u.Loc...)
		buf = append(buf, "</loc>"...)
		if u.Lastmod != "" {
			buf = append(buf, "<lastmod>"...)
			buf = append(buf, u.Lastmod...)
			buf = append(buf, "</lastmod>"...)
		}
		for _, l := range u.Links {
			buf = append(buf, `<xhtml:link rel="`...)
			buf = append(buf, l.Rel...)
			buf = append(buf, `" hreflang="`...)
			buf = append(buf, l.Hreflang...)
			buf = append(buf, `" href="`...)
			buf = append(buf, l.Href...)
			buf = append(buf, `"/>`...)
		}
		buf = append(buf, "</url>"...)
	}
	return append(buf, "</urlset>"...)
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
