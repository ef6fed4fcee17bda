package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestDangerousScheme(t *testing.T) {
	for dest, want := range map[string]string{
		"javascript:alert(1)": "javascript:", "JAVASCRIPT:alert(1)": "javascript:", " java\tscript:x": "javascript:",
		"jav&#x61;script:alert(13)": "javascript:", "&#106;avascript:x": "javascript:", "vbscript:msgbox": "vbscript:",
		"data:text/html;base64,PHNjcmlwdD4=": "data:", "DATA:text/html,x": "data:",
		"data:image/png;base64,iVBOR": "", "https://example.org/": "", "/id/x/": "", "mailto:a@b.org": "", "tel:+62": "",
		"javascript-guide.md": "",
	} {
		if got := DangerousScheme(dest); got != want {
			t.Errorf("DangerousScheme(%q) = %q, want %q", dest, got, want)
		}
	}
}

// L1: a link or image that would run script is a build error at its line, in safe and unsafe
// mode, never a silently emptied href.
func TestDangerousLinksAreErrors(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		c := New(Options{Unsafe: unsafe, Theme: testTheme})
		src := "Intro.\n\n[a](javascript:alert(1)) and [b](JAVASCRIPT:alert(2))\n\n[c](vbscript:x)\n\n" +
			"[d](data:text/html;base64,PHNjcmlwdD4=)\n\n![e](javascript:alert(3))\n\n[f](jav&#x61;script:alert(13))\n\n<javascript:alert(5)>\n"
		_, problems, _ := convert(t, c, src, 3)
		var got []string
		for _, p := range problems {
			got = append(got, fmt.Sprintf("%d: %s", p.Line, p.Message))
		}
		text := strings.Join(got, "\n")
		for _, want := range []string{"6: link to a javascript: URL", "8: link to a vbscript: URL", "10: link to a data: URL",
			"12: link to a javascript: URL", "14: link to a javascript: URL", "16: link to a javascript: URL"} {
			if !strings.Contains(text, want) {
				t.Errorf("unsafe=%v: missing %q in:\n%s", unsafe, want, text)
			}
		}
		if n := strings.Count("\n"+text, "\n6: link to a javascript:"); n != 2 {
			t.Errorf("unsafe=%v: line 6 has two links, %d problems:\n%s", unsafe, n, text)
		}
		if strings.Contains(text, "broken link") {
			t.Errorf("unsafe=%v: confusing broken-link error:\n%s", unsafe, text)
		}
	}
}
