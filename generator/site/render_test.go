package site

import (
	"slices"
	"testing"

	"pandu/generator/content"
)

// TestGroupPages checks that each group holds the pages showing one text, the page whose text it
// is first, its fallback copies after it in the order given, even when a copy comes before its
// source.
func TestGroupPages(t *testing.T) {
	a := &content.Page{Lang: "id", Path: "a.md"}
	b := &content.Page{Lang: "id", Path: "b.md"}
	aEn := &content.Page{Lang: "en", Path: "a.md", Fallback: true, Source: a}
	aMs := &content.Page{Lang: "ms", Path: "a.md", Fallback: true, Source: a}
	bEn := &content.Page{Lang: "en", Path: "b.md", Fallback: true, Source: b}
	c := &content.Page{Lang: "en", Path: "c.md"}
	groups, index := groupPages([]*content.Page{aEn, b, c, a, bEn, aMs})
	want := [][]*content.Page{{a, aEn, aMs}, {b, bEn}, {c}}
	if len(groups) != len(want) {
		t.Fatalf("%d groups, want %d", len(groups), len(want))
	}
	for i := range want {
		if !slices.Equal(groups[i], want[i]) {
			t.Errorf("group %d: %v, want %v", i, groups[i], want[i])
		}
		if index[want[i][0]] != i {
			t.Errorf("index of %s: %d, want %d", want[i][0].Path, index[want[i][0]], i)
		}
	}
	// The groups share one array: a group that grows must not write into the next.
	groups[0] = append(groups[0], c)
	if groups[1][0] != b {
		t.Error("a group's append wrote into the next group")
	}
}
