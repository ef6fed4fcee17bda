package browsertest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// evalFile is the search evaluation set: queries as readers type them, with the guides (by
// translation key) that should come first.
const evalFile = "../search/testdata/queries.tsv"

type evalQuery struct {
	Lang, Split, Query string
	Want               []string // translation keys
	Line               int
}

func loadEval(t testing.TB) []evalQuery {
	t.Helper()
	f, err := os.Open(evalFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalQuery
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "lang\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 4 || (c[1] != "tune" && c[1] != "heldout") {
			t.Fatalf("%s:%d: want 4 tab-separated columns (lang, tune|heldout, query, keys), got %q", evalFile, n, line)
		}
		out = append(out, evalQuery{Lang: c[0], Split: c[1], Query: c[2], Want: strings.Fields(c[3]), Line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var alternateRE = regexp.MustCompile(`<link rel="?alternate"? hreflang="?([a-z-]+)"? href="?https?://[^/"]+([^" >]*)`)

// guideURLs maps language and translation key to the guide's site path, from the Indonesian
// page's hreflang links (the Indonesian path is the key without ".md").
func guideURLs(t testing.TB, dir string, keys []string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, key := range keys {
		idPath := "/id/" + strings.TrimSuffix(key, ".md") + "/"
		html, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(idPath), "index.html"))
		if err != nil {
			t.Fatalf("%s: the evaluation set names %s, which the site does not have: %v", evalFile, key, err)
		}
		for _, m := range alternateRE.FindAllStringSubmatch(string(html), -1) {
			if out[m[1]] == nil {
				out[m[1]] = map[string]string{}
			}
			out[m[1]][key] = m[2]
		}
		if out["id"] == nil || out["id"][key] == "" {
			t.Fatalf("%s has no hreflang links", idPath)
		}
	}
	return out
}

// evalScore is top-1 and top-3 hits of one language and split.
type evalScore struct{ N, Top1, Top3 int }

func (s evalScore) String() string {
	if s.N == 0 {
		return "n=0"
	}
	return fmt.Sprintf("top-1 %3.0f %%  top-3 %3.0f %%  (n=%d)", 100*float64(s.Top1)/float64(s.N), 100*float64(s.Top3)/float64(s.N), s.N)
}

// evalRun scores ranked result URLs (per query, in the order of qs) and returns the scores by
// language and split ("all" for both) and a line for every query whose guide is not in the top 3.
func evalRun(qs []evalQuery, urls map[string]map[string]string, got [][]string) (map[string]map[string]*evalScore, []string) {
	scores := map[string]map[string]*evalScore{}
	var misses []string
	for i, q := range qs {
		want := map[string]bool{}
		for _, k := range q.Want {
			want[urls[q.Lang][k]] = true
		}
		rank := 0
		for j, u := range got[i] {
			if want[u] {
				rank = j + 1
				break
			}
		}
		if scores[q.Lang] == nil {
			scores[q.Lang] = map[string]*evalScore{"tune": {}, "heldout": {}, "all": {}}
		}
		for _, split := range []string{q.Split, "all"} {
			s := scores[q.Lang][split]
			s.N++
			if rank == 1 {
				s.Top1++
			}
			if rank >= 1 && rank <= 3 {
				s.Top3++
			}
		}
		if rank == 0 || rank > 3 {
			top := got[i]
			if len(top) > 3 {
				top = top[:3]
			}
			misses = append(misses, fmt.Sprintf("%s:%d: %s %q (%s): want %v, rank %d, got %v", evalFile, q.Line, q.Lang, q.Query, q.Split, q.Want, rank, top))
		}
	}
	return scores, misses
}

func langsOf(scores map[string]map[string]*evalScore) []string {
	var out []string
	for l := range scores {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// searchPages maps each language to its search page, from the built site's index files.
var searchPages = map[string]string{"id": "/id/cari/", "en": "/en/search/", "ms": "/ms/cari/"}

// TestSearchEval runs every query of the evaluation set through search.js in Chromium (the code
// readers run) and fails when fewer than 90 % of a language's queries have a wanted guide in the
// top three. It prints top-1 and top-3 per language and split, and every miss.
func TestSearchEval(t *testing.T) {
	dir := built(t)
	qs := loadEval(t)
	keySet := map[string]bool{}
	for _, q := range qs {
		for _, k := range q.Want {
			keySet[k] = true
		}
	}
	var keys []string
	for k := range keySet {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	urls := guideURLs(t, dir, keys)
	s := serve(t, dir)
	ctx := browser(t)
	got := make([][]string, len(qs))
	for lang, page := range searchPages {
		var texts []string
		var idx []int
		for i, q := range qs {
			if q.Lang == lang {
				texts = append(texts, q.Query)
				idx = append(idx, i)
			}
		}
		open(t, ctx, s.URL, page)
		arg, _ := json.Marshal(texts)
		var res [][]string
		if err := eval(ctx, `Promise.all(`+string(arg)+`.map(q => window.panduSearch(q)))`, &res); err != nil {
			t.Fatalf("%s: running the queries: %v", page, err)
		}
		for j, i := range idx {
			got[i] = res[j]
		}
	}
	scores, misses := evalRun(qs, urls, got)
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	for _, l := range langsOf(scores) {
		for _, split := range []string{"tune", "heldout", "all"} {
			t.Logf("%s %-7s %s", l, split, scores[l][split])
		}
		if a := scores[l]["all"]; a.Top3*10 < a.N*9 {
			t.Errorf("%s: %d of %d queries have a wanted guide in the top 3 (%s); want at least 90 %%", l, a.Top3, a.N, a)
		}
	}
}
