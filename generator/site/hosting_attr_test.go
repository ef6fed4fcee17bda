package site

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// TestTagAttrs checks the attribute scanner against the regular expressions it replaces, on
// chosen cases and on random mixes of tags, attributes and text.
func TestTagAttrs(t *testing.T) {
	style := regexp.MustCompile(`<[a-zA-Z][^>]*\sstyle=`)
	handler := regexp.MustCompile(`<[a-zA-Z][^>]*\son[a-z]+=`)
	check := func(in string) {
		t.Helper()
		gotStyle, gotHandler := tagAttrs([]byte(in))
		if want := style.MatchString(in); gotStyle != want {
			t.Errorf("style in %q: got %v, want %v", in, gotStyle, want)
		}
		if want := handler.MatchString(in); gotHandler != want {
			t.Errorf("handler in %q: got %v, want %v", in, gotHandler, want)
		}
	}
	for _, in := range []string{
		``, `<p>on=1 style=x</p>`, `<p style="x">`, `<p class=a style=x>`, `<div\nstyle=x>`,
		`<a onclick=x>`, `<a href=x on=y>`, `<a data-onclick=x>`, `<a x onmouseover=y>`,
		`text onclick=x`, `< a onclick=x>`, `<b <a onclick=x`, `<p>go on</p><i style`,
		`<img src=x onerror=y`, `<p>x</p> style=y`, `<svg><g style=a></g></svg>`, `<a	onload=x>`,
		`<p title="a > b" style=x>`, `<a>on</a><b onx=`, `<1 onclick=x>`, `x<y onfocus=z`,
	} {
		check(in)
	}
	parts := []string{"<p", "<a", "<", ">", " ", "\n", "style=", "style", "on", "onclick=", "onx", "=", "a", "\"", "<1"}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.Intn(12); k > 0; k-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		check(b.String())
	}
}
