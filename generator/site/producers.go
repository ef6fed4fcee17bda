package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"pandu/generator/content"
	"pandu/generator/diag"
)

// A producer makes one kind of output beside the pages. urls lists the site paths it writes,
// known before any page is rendered: they make up, with the pages and the static files, the
// registry of published paths that links are checked against (builder.known). write writes them,
// after every page. A test (TestRegistryMatchesOutput) checks that the files a build writes are
// exactly the ones declared, so a new output cannot be forgotten by the link checker.
type producer struct {
	name  string
	urls  func() []string
	write func() error
	// reads is what the producer reads of the pages beyond the site's structure and look.
	reads inputs
	// digests says the producer reads what the others wrote: it runs after them, and after
	// every update of the preview.
	digests bool
	// early says the producer reads only the site model and the layouts: it runs before the
	// pages are rendered, and the preview serves its files while they are (see demand).
	early bool
}

// producers lists the outputs around the pages. The first ones read only the site and run side
// by side, the longest first; the offline version comes after them (its build version digests
// every other file), then the hosting files (they hash the inline code of every page; not in the
// preview, which serves itself).
func (b *builder) producers() []producer {
	ps := []producer{
		{"search", b.searchURLs, b.writeSearch, readsText | readsFront, false, false},
		{"booklets and trainers' kits", b.bookletURLs, b.writeBooklets, readsText | readsFront, false, false},
		{"sitemap", b.sitemapURLs, b.writeSitemap, readsFront, false, false}, // dates
		{"robots.txt", b.robotsURLs, b.writeRobots, 0, false, false},
		{"feeds", b.feedURLs, b.writeFeeds, readsFront, false, false},
		{"404 pages and language chooser", b.specialURLs, b.writeSpecialPages, readsFront, false, true}, // the menu
		{aliasProducer, b.aliasURLs, b.writeAliases, readsFront, false, true},                           // the title
		{"offline version and manifests", b.offlineURLs, b.writeOffline, 0, true, false},
	}
	if !b.opts.Preview {
		ps = append(ps, producer{"hosting files", b.hostingURLs, b.writeHosting, 0, true, false})
	}
	return ps
}

// inputs is what a producer reads of the pages beyond the site's structure (which pages there
// are, their addresses, languages and translations) and its look (layouts, UI strings, static
// files, site.toml). A preview update that changes only texts, or texts and front matter, runs
// the producers that read what changed, and those that digest what the others wrote.
type inputs uint8

const (
	readsText  inputs = 1 << iota // the pages' texts
	readsFront                    // the pages' front matter: titles, descriptions, dates, weights
)

// aliasProducer is the producer of the redirect pages at old addresses: its paths are
// registered last, once checkAliases has made sure that no alias takes a path anything else
// publishes.
const aliasProducer = "alias redirects"

// declare registers the site paths of the pages, their resources and every producer (the
// static files are registered as they are copied); then it checks the aliases against them and
// registers the aliases. It returns the problems of the aliases.
func (b *builder) declare() {
	if len(b.byURL) == 0 {
		b.byURL = make(map[string]*content.Page, len(b.site.Pages))
	}
	for _, pg := range b.site.Pages {
		b.byURL[pg.URL] = pg
		for _, r := range pg.Resources {
			b.published[r.URL] = r.Abs
		}
	}
	b.declared = map[string][]string{}
	for _, p := range b.producers() {
		urls := p.urls()
		b.declared[p.name] = urls
		if p.name == aliasProducer {
			continue
		}
		for _, u := range urls {
			if _, ok := b.published[u]; !ok {
				b.published[u] = ""
			}
		}
	}
	b.checkAliases()
	for _, u := range b.declared[aliasProducer] {
		b.published[u] = ""
	}
}

// writeEarly runs the producers that read only the site model and the layouts, before the pages
// are rendered; the writeExtras that follows leaves them out. Its error is one of the build's
// problems.
func (b *builder) writeEarly() {
	b.earlyDone = true
	for _, p := range b.producers() {
		if p.early {
			if err := p.write(); err != nil {
				b.addProblems(diag.AsList(err))
				return
			}
		}
	}
}

// writeExtras runs every producer: those that read only the site side by side, then, in order,
// those that digest what the others wrote. It returns the first error in the producers' order.
// After writeEarly, it leaves the early ones out once.
func (b *builder) writeExtras() error { return b.writeExtrasFor(func(producer) bool { return true }) }

// writeExtrasAfter runs, as writeExtras does, the producers that read what an update changed,
// and those that digest what the others wrote.
func (b *builder) writeExtrasAfter(changed inputs) error {
	return b.writeExtrasFor(func(p producer) bool { return p.reads&changed != 0 || p.digests })
}

// writeExtrasFor is writeExtras for the producers run says to run.
func (b *builder) writeExtrasFor(run func(producer) bool) error {
	var side, after []producer
	early := b.earlyDone
	b.earlyDone = false
	for _, p := range b.producers() {
		if p.early && early || !run(p) {
			continue
		}
		if p.digests {
			after = append(after, p)
		} else {
			side = append(side, p)
		}
	}
	errs := make([]error, len(side))
	b.forEach(len(side), func(i int) {
		if b.stopped() { // a preview update a newer edit stops (Session.Interrupt)
			errs[i] = errStopped
			return
		}
		errs[i] = side[i].write()
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for _, p := range after {
		if b.stopped() {
			return errStopped
		}
		if err := p.write(); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) sitemapURLs() []string { return []string{b.cfg.BasePath() + "sitemap.xml"} }

func (b *builder) robotsURLs() []string { return []string{b.cfg.BasePath() + "robots.txt"} }

func (b *builder) feedURLs() []string {
	var out []string
	for _, l := range b.site.Languages {
		out = append(out, l.Home.URL+"feed.xml")
	}
	return out
}

// aliasURLs are the old addresses of pages, with and without their final slash: both answer.
func (b *builder) aliasURLs() []string {
	var out []string
	for _, pg := range b.site.Pages {
		for _, a := range pg.Aliases {
			out = append(out, a, strings.TrimSuffix(a, "/"))
		}
	}
	return out
}

func (b *builder) specialURLs() []string {
	out := []string{b.cfg.BasePath() + "404.html", b.cfg.BasePath(), b.cfg.BasePath() + "index.html"}
	for _, l := range b.site.Languages {
		out = append(out, l.Home.URL+"404.html")
	}
	return out
}

// bookletURLs: each language's A4 and A5 booklet, its offline pack, its trainers' kit (with the
// kit layout), and the PDFs `pandu pdf` made when the build publishes them.
func (b *builder) bookletURLs() []string {
	var out []string
	for _, l := range b.site.Languages {
		u := b.bookletURL(l.Code)
		if u == "" {
			continue
		}
		out = append(out, u, u+"a5/", u+"pandu-"+l.Code+".html")
		if b.opts.PDFDir != "" {
			for _, size := range []string{"a4", "a5"} {
				if exists(filepath.Join(b.opts.PDFDir, l.Code, bookletPDF(size))) {
					out = append(out, u+bookletPDF(size))
				}
			}
		}
		if b.layouts.Has("kit") {
			out = append(out, u+kitSlug)
			if b.opts.PDFDir != "" && exists(filepath.Join(b.opts.PDFDir, l.Code, KitPDF(l.Code))) {
				out = append(out, u+KitPDF(l.Code))
			}
		}
	}
	return out
}

// searchURLs: each language's index, and its search page with the search layout.
func (b *builder) searchURLs() []string {
	var out []string
	for _, l := range b.site.Languages {
		u := b.searchURL(l.Code)
		out = append(out, u+"index.json")
		if b.layouts.Has("search") {
			out = append(out, u)
		}
	}
	return out
}

// offlineURLs: with a service worker (static/sw.js), each language's list of pages to save,
// its web app manifest and, with the offline layout, its offline page.
func (b *builder) offlineURLs() []string {
	if !exists(filepath.Join(b.opts.Source, "static", "sw.js")) {
		return nil
	}
	out := []string{b.cfg.BasePath() + "sw.js"} // the static file, which it completes
	for _, l := range b.site.Languages {
		home := l.Home.URL
		out = append(out, home+"offline.json", home+"manifest.webmanifest")
		if b.layouts.Has("offline") {
			out = append(out, home+"offline/")
		}
	}
	return out
}

func (b *builder) hostingURLs() []string {
	var out []string
	for _, name := range HostingFiles {
		out = append(out, b.cfg.BasePath()+name)
	}
	return out
}

// exists reports whether a file is there (a missing file is the only "no").
func exists(p string) bool {
	_, err := os.Stat(p)
	return !errors.Is(err, fs.ErrNotExist)
}
