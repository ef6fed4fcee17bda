package site

import (
	"regexp"
	"testing"
)

// TestInTagAttr checks the attribute scanner against the regular expressions it replaces.
func TestInTagAttr(t *testing.T) {
	style := regexp.MustCompile(`<[a-zA-Z][^>]*\sstyle=`)
	handler := regexp.MustCompile(`<[a-zA-Z][^>]*\son[a-z]+=`)
	for _, in := range []string{
		``, `<p>on=1 style=x</p>`, `<p style="x">`, `<p class=a style=x>`, `<div\nstyle=x>`,
		`<a onclick=x>`, `<a href=x on=y>`, `<a data-onclick=x>`, `<a x onmouseover=y>`,
		`text onclick=x`, `< a onclick=x>`, `<b <a onclick=x`, `<p>go on</p><i style`,
		`<img src=x onerror=y`, `<p>x</p> style=y`, `<svg><g style=a></g></svg>`, `<a	onload=x>`,
		`<p title="a > b" style=x>`, `<a>on</a><b onx=`, `<1 onclick=x>`, `x<y onfocus=z`,
	} {
		if got, want := inTagAttr([]byte(in), "style", false), style.MatchString(in); got != want {
			t.Errorf("style in %q: got %v, want %v", in, got, want)
		}
		if got, want := inTagAttr([]byte(in), "on", true), handler.MatchString(in); got != want {
			t.Errorf("handler in %q: got %v, want %v", in, got, want)
		}
	}
}
