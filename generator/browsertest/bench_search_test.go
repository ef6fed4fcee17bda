package browsertest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pagefindBin is where `make bench-search` installs Pagefind (generator/bench/search/package.json).
const pagefindBin = "../bench/search/node_modules/.bin/pagefind"

// meter counts the bytes of the answers' bodies per path.
type meter struct {
	mu    sync.Mutex
	paths map[string]int
}

// take returns the bytes sent for paths matching re since the last take, and forgets all.
func (m *meter) take(re *regexp.Regexp) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for p, b := range m.paths {
		if re.MatchString(p) {
			n += b
		}
	}
	m.paths = map[string]int{}
	return n
}

// gzipped serves h's answers gzip-compressed when they are text (HTML, CSS, JavaScript, JSON), as
// any static host does, and counts the bytes it sends: the bytes a phone receives.
func gzipped(h http.Handler, m *meter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		body := rec.Body.Bytes()
		ct := rec.Header().Get("Content-Type")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && (strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json")) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			body = buf.Bytes()
			w.Header().Set("Content-Encoding", "gzip")
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		m.mu.Lock()
		m.paths[r.URL.Path] += len(body)
		m.mu.Unlock()
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}

// pagefindIndex runs Pagefind on the guides of the built site (the pages our index holds: no
// home, section, booklet, offline or search pages), each page's <main> marked as its body the way
// a site using Pagefind would mark it, and writes Pagefind's files to dir/pagefind.
func pagefindIndex(t *testing.T, dir string) {
	t.Helper()
	bin, err := filepath.Abs(pagefindBin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("Pagefind is not installed at %s: run `make bench-search` (npm ci in generator/bench/search)", bin)
	}
	staging := t.TempDir()
	for _, page := range searchPages {
		var index struct{ Docs [][]any }
		readJSON(t, dir, page+"index.json", &index)
		for _, d := range index.Docs {
			rel := filepath.FromSlash(strings.TrimPrefix(d[0].(string), "/"))
			html, err := os.ReadFile(filepath.Join(dir, rel, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			html = bytes.Replace(html, []byte("<main"), []byte("<main data-pagefind-body"), 1)
			if err := os.MkdirAll(filepath.Join(staging, rel), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(staging, rel, "index.html"), html, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command(bin, "--site", staging, "--output-path", filepath.Join(dir, "pagefind"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pagefind: %v\n%s", err, out)
	}
}

// TestBenchSearch is `make bench-search`: on the same built site and the same evaluation set it
// runs our search (search.js in Chromium) and Pagefind 1.6.0 (its JavaScript API in the same
// Chromium, reading the first five results as its default UI shows them), and prints top-1 and
// top-3 per language and split for both, and the bytes each transfers (gzip where a host would
// compress): for the first query of a fresh page, and per query over the whole set in one visit.
func TestBenchSearch(t *testing.T) {
	if os.Getenv("PANDU_BENCH_SEARCH") != "1" {
		t.Skip("PANDU_BENCH_SEARCH=1 (make bench-search) runs the search benchmark")
	}
	dir := built(t)
	pagefindIndex(t, dir)
	qs := loadEval(t)
	var keys []string
	seen := map[string]bool{}
	for _, q := range qs {
		for _, k := range q.Want {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	urls := guideURLs(t, dir, keys)
	s := &server{dir: dir}
	m := &meter{paths: map[string]int{}}
	s.Server = httptest.NewServer(gzipped(http.HandlerFunc(s.handle), m))
	defer s.Close()
	ctx := browser(t)
	// Every visit is a first visit: no HTTP cache, no service worker.
	if err := chromedp.Run(ctx, network.Enable(), network.SetCacheDisabled(true), network.SetBypassServiceWorker(true)); err != nil {
		t.Fatal(err)
	}

	engines := []struct {
		name, run string
		files     *regexp.Regexp
	}{
		{"pandu", `q => window.panduSearch(q)`, regexp.MustCompile(`/js/search\.[0-9a-f]+\.js$|/index\.json$`)},
		{"pagefind", `async q => { const pf = window.__pf || (window.__pf = await import("/pagefind/pagefind.js"));
				const r = await pf.search(q);
				return (await Promise.all(r.results.slice(0, 5).map(x => x.data()))).map(d => d.url); }`,
			regexp.MustCompile(`^/pagefind/`)},
	}
	langs := []string{"id", "en", "ms"}
	for _, e := range engines {
		got := make([][]string, len(qs))
		type bytesUsed struct{ first, total, n int }
		used := map[string]*bytesUsed{}
		for _, lang := range langs {
			var texts []string
			var idx []int
			for i, q := range qs {
				if q.Lang == lang {
					texts = append(texts, q.Query)
					idx = append(idx, i)
				}
			}
			m.take(e.files)
			open(t, ctx, s.URL, searchPages[lang])
			var first []string
			if err := eval(ctx, `(`+e.run+`)(`+jsString(texts[0])+`)`, &first); err != nil {
				t.Fatalf("%s on %s: %v", e.name, searchPages[lang], err)
			}
			firstBytes := m.take(e.files)
			arg, _ := json.Marshal(texts[1:])
			var rest [][]string
			if err := eval(ctx, `(async (qs) => { const run = `+e.run+`, out = [];
				for (const q of qs) out.push(await run(q));
				return out; })(`+string(arg)+`)`, &rest); err != nil {
				t.Fatalf("%s on %s: %v", e.name, searchPages[lang], err)
			}
			res := append([][]string{first}, rest...)
			for j, i := range idx {
				got[i] = res[j]
			}
			used[lang] = &bytesUsed{firstBytes, firstBytes + m.take(e.files), len(texts)}
		}
		scores, _ := evalRun(qs, urls, got)
		for _, l := range langs {
			for _, split := range []string{"tune", "heldout", "all"} {
				line := fmt.Sprintf("%-8s %s %-7s %s", e.name, l, split, scores[l][split])
				t.Log(line)
			}
			u := used[l]
			t.Logf("%-8s %s bytes: first query %d B; %d queries in one visit %d B = %d B per query",
				e.name, l, u.first, u.n, u.total, u.total/u.n)
		}
	}
}
