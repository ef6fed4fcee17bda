package templates

import (
	"fmt"
	"testing"
)

func TestSiblingWindow(t *testing.T) {
	pages := func(n int) []PageLink {
		out := make([]PageLink, n)
		for i := range out {
			out[i] = PageLink{URL: fmt.Sprintf("/p%d/", i)}
		}
		return out
	}
	span := func(w []PageLink) string {
		return w[0].URL + ".." + w[len(w)-1].URL
	}
	small := pages(MaxSiblings)
	if w, all := SiblingWindow(small, 3); len(w) != MaxSiblings || all != 0 {
		t.Errorf("small section: %d pages, all %d", len(w), all)
	}
	big := pages(5000)
	for _, tc := range []struct {
		at   int
		want string
	}{
		{0, "/p0/../p14/"},
		{3, "/p0/../p14/"},
		{100, "/p93/../p107/"},
		{4999, "/p4985/../p4999/"},
		{4993, "/p4985/../p4999/"},
	} {
		w, all := SiblingWindow(big, tc.at)
		if len(w) != MaxSiblings || all != 5000 || span(w) != tc.want {
			t.Errorf("page %d: %s (%d pages), all %d; want %s", tc.at, span(w), len(w), all, tc.want)
		}
	}
}
