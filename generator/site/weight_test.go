package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"pandu/generator/config"
	"pandu/generator/i18n"
)

// PageBudget is the most an HTML page and the stylesheets it links may weigh together, gzip
// compressed: one TCP initial window (10 segments of 1,460 bytes), so that a page arrives in one
// round trip on a slow connection.
const PageBudget = 14600

// ScriptBudgets are the most the optional scripts may weigh, gzip compressed: search.js on the
// search page, and the read-aloud script, which loads on every guide after the page (defer).
var ScriptBudgets = map[string]int{"js/listen.js": 2048, "js/search.js": SearchScriptBudget}

var stylesheetLink = regexp.MustCompile(`<link[^>]*\brel="?stylesheet"?[^>]*>`)
var hrefAttr = regexp.MustCompile(`\bhref="?([^" >]+)`)

// pageWeight returns the gzip size of an HTML page plus the gzip sizes of the stylesheets it links.
func pageWeight(root string, html []byte) (int, error) {
	n := gzipSize(html)
	for _, link := range stylesheetLink.FindAll(html, -1) {
		m := hrefAttr.FindSubmatch(link)
		if m == nil {
			continue
		}
		href := string(m[1])
		if strings.Contains(href, "://") || strings.HasPrefix(href, "//") {
			return 0, fmt.Errorf("links the external stylesheet %s", href)
		}
		css, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(href, "/"))))
		if err != nil {
			return 0, fmt.Errorf("links %s: %v", href, err)
		}
		n += gzipSize(css)
	}
	return n, nil
}

// TestPageWeight builds the bundled site (the repository root) as published and checks that every
// HTML page plus the CSS it needs fits in PageBudget.
func TestPageWeight(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: "../..", Dest: dest, Minify: true})
	if err != nil {
		t.Fatalf("building the bundled site failed:\n%v", err)
	}
	// The print edition (every guide of a language in one booklet, for paper and for sending as a
	// file) is a download, not a page read over the network: it is left out of the budget.
	cfg, err := config.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := i18n.Load("../..", cfg)
	var exempt []string
	for _, l := range cfg.Ordered {
		if cat.Has(l.Code, "print_slug") {
			slug, _ := cat.T(l.Code, "print_slug")
			exempt = append(exempt, l.Code+"/"+slug+"/")
		}
	}
	type page struct {
		rel  string
		size int
	}
	var pages []page
	err = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		html, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		for _, e := range exempt {
			if strings.HasPrefix(rel, e) {
				return nil
			}
		}
		n, err := pageWeight(dest, html)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		pages = append(pages, page{rel, n})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 50 {
		t.Fatalf("only %d HTML pages in the bundled site; expected every guide in three languages", len(pages))
	}
	sort.Slice(pages, func(i, j int) bool {
		return pages[i].size > pages[j].size || pages[i].size == pages[j].size && pages[i].rel < pages[j].rel
	})
	for _, p := range pages {
		if p.size > PageBudget {
			t.Errorf("%s weighs %d bytes gzip with its CSS, over the budget of %d by %d: shorten the page (split the guide) or trim the CSS",
				p.rel, p.size, PageBudget, p.size-PageBudget)
		}
	}
	t.Logf("heaviest page %s: %d of %d bytes (gzip, with its CSS); build summary says %s (%d)", pages[0].rel, pages[0].size, PageBudget, res.Heaviest, res.HeaviestGzip)
	// The build's own figure: the page it names weighs what it says.
	for _, p := range pages {
		if p.rel == res.Heaviest && p.size != res.HeaviestGzip {
			t.Errorf("the build reports %s at %d bytes gzip with its CSS, but it weighs %d", res.Heaviest, res.HeaviestGzip, p.size)
		}
	}
	if res.Heaviest == "" {
		t.Error("the build reports no heaviest page")
	}
	for rel, budget := range ScriptBudgets {
		matches, _ := filepath.Glob(filepath.Join(dest, filepath.FromSlash(strings.TrimSuffix(rel, ".js")+".*.js")))
		if len(matches) != 1 {
			t.Errorf("%s: want one fingerprinted copy in the output, found %q", rel, matches)
			continue
		}
		js, err := os.ReadFile(matches[0])
		if err != nil {
			t.Fatal(err)
		}
		if n := gzipSize(js); n > budget {
			t.Errorf("%s weighs %d bytes gzip, over its budget of %d", rel, n, budget)
		} else {
			t.Logf("%s: %d of %d bytes gzip", rel, n, budget)
		}
	}
}

// SearchScriptBudget is the most static/js/search.js may weigh as published, gzip compressed.
const SearchScriptBudget = 3072

// gzipSize reuses its writers: the size it gives is the length of a new level-6 gzip of the
// same bytes, also for calls after one another and side by side.
func TestGzipSize(t *testing.T) {
	inputs := [][]byte{nil, []byte("a"), bytes.Repeat([]byte("<p>Hak pekerja migran.</p>\n"), 4000)}
	var wg sync.WaitGroup
	for k := 0; k < 4; k++ {
		for _, in := range inputs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				w, _ := gzip.NewWriterLevel(&buf, 6)
				_, _ = w.Write(in)
				_ = w.Close()
				if got := gzipSize(in); got != buf.Len() {
					t.Errorf("gzipSize of %d bytes = %d, want %d", len(in), got, buf.Len())
				}
			}()
		}
	}
	wg.Wait()
}
