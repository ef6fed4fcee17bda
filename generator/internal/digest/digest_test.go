package digest

import (
	"strings"
	"testing"
	"time"
)

type link struct {
	Title string
	URL   string
	Pages []link
}

type view struct {
	Title  string
	Parent *link
	Menu   []link
	Params map[string]any
	Date   time.Time
	Body   []byte
	hidden int
	cache  *map[string]string `digest:"-"` // filled as the value is used
}

func sample() view {
	var pages []link
	for _, t := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
		pages = append(pages, link{Title: "Hak pekerja migran di Malaysia " + t, URL: "/id/panduan/hak-pekerja-migran-" + t + "/"})
	}
	return view{Title: "x", Parent: &link{Title: "s", Pages: pages}, Menu: pages[:2],
		Params: map[string]any{"icon": "phone", "weight": 3, "steps": true},
		Date:   time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), Body: []byte("text"), hidden: 1}
}

func TestSameDataSameDigest(t *testing.T) {
	a, b := sample(), sample() // equal data at other addresses, maps filled in another order
	if NewMemo().Sum(a) != NewMemo().Sum(b) {
		t.Fatal("equal values have different digests")
	}
	m := NewMemo()
	first := m.Sum(a)
	if m.Sum(a) != first || m.Sum(b) != first {
		t.Fatal("a memo changed the digest")
	}
}

func TestEveryChangeShows(t *testing.T) {
	base := NewMemo().Sum(sample())
	changes := map[string]func(v *view){
		"title":          func(v *view) { v.Title = "y" },
		"deep field":     func(v *view) { v.Parent.Pages[8].URL = "/z/" },
		"list length":    func(v *view) { v.Parent.Pages = v.Parent.Pages[:8] },
		"nil pointer":    func(v *view) { v.Parent = nil },
		"empty vs nil":   func(v *view) { v.Menu = v.Menu[:0] },
		"map value":      func(v *view) { v.Params["weight"] = 4 },
		"map value type": func(v *view) { v.Params["weight"] = int64(3) },
		"map key":        func(v *view) { delete(v.Params, "steps"); v.Params["step"] = true },
		"time":           func(v *view) { v.Date = v.Date.Add(time.Second) },
		"zone":           func(v *view) { v.Date = v.Date.In(time.FixedZone("WIB", 7*3600)) },
		"bytes":          func(v *view) { v.Body = []byte("texT") },
		"unexported":     func(v *view) { v.hidden = 2 },
		"string bounds": func(v *view) {
			v.Menu[0].Title, v.Menu[0].URL = v.Menu[0].Title+"/id", "/panduan/hak-pekerja-migran-a/"
		},
	}
	for name, change := range changes {
		v := sample()
		change(&v)
		if NewMemo().Sum(v) == base {
			t.Errorf("%s: the digest did not change", name)
		}
	}
}

// A field tagged digest:"-" is not data: what it holds does not change the digest.
func TestSkippedField(t *testing.T) {
	v := sample()
	before := NewMemo().Sum(v)
	v.cache = &map[string]string{"footer": "<footer>"}
	if NewMemo().Sum(v) != before {
		t.Error("a field tagged digest:\"-\" changed the digest")
	}
}

func TestMemoReadsSharedPartsOnce(t *testing.T) {
	v := sample()
	m := NewMemo()
	m.Sum(v)
	n := 0
	m.seen.Range(func(_, _ any) bool { n++; return true })
	// The parent's pages are long enough to be remembered; the parent (which holds their
	// digest) and the menu are too short.
	// The digest is the same as a memo that remembers nothing gives.
	if m.Sum(v) != NewMemo().Sum(v) {
		t.Fatal("a remembered part changed the digest")
	}
	if n != 1 {
		t.Fatalf("memo holds %d parts, want 1", n)
	}
}

// SumAt digests what its pointer points to now: a value its caller fills again at the same
// address gets the digest of its new data, and the same digest as Sum of the value.
func TestSumAtReadsAgain(t *testing.T) {
	type box struct {
		Text  string
		Items []string
	}
	long := strings.Repeat("x", 2*rememberMin) // long enough that Sum(&b) would remember b
	m := NewMemo()
	b := &box{Text: long, Items: []string{"a"}}
	first := m.SumAt(b)
	if first != NewMemo().Sum(*b) {
		t.Fatal("SumAt(&v) differs from Sum(v)")
	}
	b.Text = long + "y"
	if m.SumAt(b) == first {
		t.Fatal("SumAt gave the old digest for new data at the same address")
	}
}
