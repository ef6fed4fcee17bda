package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

type result struct {
	URL      string
	Title    string
	Sections []string // hrefs of the section links
}

// search runs a query on a language's search page the way the header form does (?q=) and
// returns the results the script lists, and the status line.
func search(t *testing.T, s *server, ctx context.Context, page, q string) ([]result, string) {
	t.Helper()
	open(t, ctx, s.URL, page+"?q="+url.QueryEscape(q))
	waitFor(t, ctx, "search results for "+q, `document.getElementById("search-status").textContent !== ""`)
	var out struct {
		Results []result
		Status  string
	}
	err := eval(ctx, `({Status: document.getElementById("search-status").textContent,
		Results: Array.from(document.querySelectorAll("#search-results > li")).map(li => ({
			URL: li.querySelector("a").getAttribute("href"), Title: li.querySelector("a").textContent,
			Sections: Array.from(li.querySelectorAll(".hits a")).map(a => a.getAttribute("href"))}))})`, &out)
	if err != nil {
		t.Fatalf("reading results for %q: %v", q, err)
	}
	return out.Results, out.Status
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func stemValue(stems map[string]string, s string) bool {
	for _, v := range stems {
		if v == s {
			return true
		}
	}
	return false
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func urls(rs []result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

// TestSearchWordForms checks that the word forms of one stem find the same guides (ranked by how
// often each form occurs, so compared as sets), in Indonesian,
// Malay and English, and that a word the site does not have finds nothing.
func TestSearchWordForms(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := browser(t)
	cases := []struct {
		lang, page string
		groups     [][]string
	}{
		{"id", "/id/cari/", [][]string{
			{"bekerja", "pekerja", "pekerjaan", "kerja"},
			{"perlindungan", "lindung"},
			{"berangkat", "keberangkatan"},
		}},
		{"ms", "/ms/cari/", [][]string{{"bekerja", "pekerja", "pekerjaan", "kerja"}}},
		{"en", "/en/search/", [][]string{
			{"working", "worked", "works", "work"},
			{"employer", "employers", "employment"},
			{"protection", "protected", "protect"},
		}},
	}
	for _, c := range cases {
		var index struct {
			Stems map[string]string
			Docs  [][]any
		}
		readJSON(t, dir, c.page+"index.json", &index)
		words := map[string]bool{}
		for _, d := range index.Docs {
			for _, s := range d[2].([]any) {
				for _, w := range wordRE.FindAllString(strings.ToLower(s.([]any)[2].(string)), -1) {
					words[w] = true
				}
			}
		}
		for _, g := range c.groups {
			var first []string
			for i, q := range g {
				if _, ok := index.Stems[q]; !ok && !words[q] && !stemValue(index.Stems, q) {
					t.Errorf("%s: %q does not occur in the site, so it cannot show that forms find each other", c.lang, q)
				}
				// A space after the word: it is finished, so no prefix matches widen the results.
				rs, status := search(t, s, ctx, c.page, q+" ")
				if len(rs) == 0 {
					t.Errorf("%s: %q finds nothing (status %q)", c.lang, q, status)
					continue
				}
				if !strings.Contains(status, q) {
					t.Errorf("%s: the status line %q does not repeat the query %q", c.lang, status, q)
				}
				if i == 0 {
					first = sorted(urls(rs))
				} else if got := sorted(urls(rs)); !reflect.DeepEqual(got, first) {
					t.Errorf("%s: %q finds %v, but %q finds %v", c.lang, q, got, g[0], first)
				}
			}
		}
		rs, status := search(t, s, ctx, c.page, "zqxjvw")
		if len(rs) != 0 {
			t.Errorf("%s: a word the site does not have finds %v", c.lang, urls(rs))
		}
		if status == "" {
			t.Errorf("%s: no status line for a search without results", c.lang)
		}
	}
}

// TestSearchLinksToSections checks that a result links to the heading of the matching section.
func TestSearchLinksToSections(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := browser(t)
	rs, _ := search(t, s, ctx, "/id/cari/", "paspor")
	var href string
	for _, r := range rs {
		if len(r.Sections) > 0 {
			href = r.Sections[0]
			break
		}
	}
	if href == "" {
		t.Fatalf(`no result for "paspor" links to a section: %+v`, rs)
	}
	open(t, ctx, s.URL, href)
	id := href[strings.Index(href, "#")+1:]
	var found bool
	if err := eval(ctx, `document.getElementById(`+jsString(id)+`) !== null`, &found); err != nil || !found {
		t.Errorf("the result link %s leads to no element with id %q (%v)", href, id, err)
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestSearchWithoutJavaScript checks that with scripts off the search page lists every guide of
// its language, each a link.
func TestSearchWithoutJavaScript(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := browser(t)
	if err := chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(true)); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"/id/cari/", "/en/search/", "/ms/cari/"} {
		var index struct{ Docs [][]any }
		readJSON(t, dir, page+"index.json", &index)
		open(t, ctx, s.URL, page+"?q=kerja")
		var got []string
		if err := eval(ctx, `Array.from(document.querySelectorAll("#search-results > li > a")).map(a => a.getAttribute("href"))`, &got); err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, d := range index.Docs {
			want = append(want, d[0].(string))
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s without JavaScript lists %v; want every guide %v", page, got, want)
		}
	}
}

// TestSearchTyposPrefixSnippets checks, in the browser, that a misspelt word and the first letters
// of the last word find the guide the whole word finds; that a result
// shows a snippet with the matched words marked; and that the booklet, offline and search pages
// are never results.
func TestSearchTyposPrefixSnippets(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := browser(t)
	top := func(q string) string {
		rs, status := search(t, s, ctx, "/id/cari/", q)
		if len(rs) == 0 {
			t.Fatalf("%q finds nothing (%s)", q, status)
		}
		return rs[0].URL
	}
	want := top("kecelakaan")
	for _, q := range []string{"kecelakan", "kecelkaan", "kecela"} {
		if got := top(q); got != want {
			t.Errorf("%q: first result %s, want %s as for \"kecelakaan\"", q, got, want)
		}
	}
	var marks []string
	search(t, s, ctx, "/id/cari/", "paspor")
	if err := eval(ctx, `Array.from(document.querySelectorAll("#search-results .hits p mark")).map(m => m.textContent.toLowerCase())`, &marks); err != nil {
		t.Fatal(err)
	}
	if len(marks) == 0 {
		t.Error(`no snippet with a <mark> for "paspor"`)
	}
	for _, m := range marks {
		if !strings.HasPrefix(m, "paspor") {
			t.Errorf("snippet marks %q, which does not match \"paspor\"", m)
		}
	}
	for _, page := range []string{"/id/cari/", "/en/search/", "/ms/cari/"} {
		var index struct{ Docs [][]any }
		readJSON(t, dir, page+"index.json", &index)
		for _, d := range index.Docs {
			u := d[0].(string)
			if strings.HasPrefix(u, page) || strings.Contains(u, "/offline/") || strings.Contains(u, "/cetak/") || strings.Contains(u, "/print/") {
				t.Errorf("%sindex.json holds %s: booklet, offline and search pages are not results", page, u)
			}
		}
	}
}

// TestSearchIndexFetchedOnce checks that, once the service worker controls the site, a language's
// index is fetched from the network at most once however often the reader searches, and that the
// search then works without signal.
func TestSearchIndexFetchedOnce(t *testing.T) {
	dir := built(t)
	s := &server{dir: dir}
	var fetches atomic.Int32
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/index.json") {
			fetches.Add(1)
		}
		s.handle(w, r)
	}))
	defer s.Close()
	ctx := browser(t)
	open(t, ctx, s.URL, "/id/cari/")
	controlled(t, ctx)
	fetches.Store(0)
	for i := 0; i < 3; i++ {
		if rs, status := search(t, s, ctx, "/id/cari/", "paspor"); len(rs) == 0 {
			t.Fatalf("visit %d: no results (%s)", i+1, status)
		}
	}
	if n := fetches.Load(); n > 1 {
		t.Errorf("three visits of the search page fetched the index %d times; want at most once", n)
	}
	s.Offline()
	if rs, status := search(t, s, ctx, "/id/cari/", "gaji"); len(rs) == 0 {
		t.Errorf("offline, after searching online: no results (%s)", status)
	}
}
