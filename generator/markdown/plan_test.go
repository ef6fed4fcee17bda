package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestSessions(t *testing.T) {
	src := "## Sesi 2 jam {#dua-jam minutes=120}\n\nIntro.\n\n" +
		"### Pembukaan {#dua-jam-buka minutes=20}\n\n- Siapa?\n\n" +
		"### Paspor {#dua-jam-paspor minutes=100 guide=\"persiapan/paspor.md\"}\n\n" +
		"**Bermain peran:** ...\n\n## Lain\n\n### Bukan bagian\n"
	html, probs, d := convert(t, safe, src, 3)
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if strings.Contains(html, "minutes") || strings.Contains(html, "guide=") {
		t.Errorf("plan attributes rendered: %s", html)
	}
	want := []Session{{ID: "dua-jam", Title: "Sesi 2 jam", Minutes: 120, Line: 4, Parts: []SessionPart{
		{ID: "dua-jam-buka", Title: "Pembukaan", Minutes: 20, Line: 8},
		{ID: "dua-jam-paspor", Title: "Paspor", Minutes: 100, Guide: "persiapan/paspor.md", Line: 12},
	}}}
	if got := d.Sessions(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sessions\n got: %+v\nwant: %+v", got, want)
	}
}

func TestSessionProblems(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"sum", "## S {#s minutes=120}\n\n### A {#a minutes=20}\n\n### B {#b minutes=90}\n",
			`1:1: the session "S" is 120 minutes, but its parts (### headings with minutes=) add up to 110 minutes`},
		{"no parts", "## S {#s minutes=60}\n",
			`1:1: the session "S" is 60 minutes, but its parts (### headings with minutes=) add up to 0 minutes`},
		{"part after a heading without minutes", "## S {#s minutes=10}\n\n### A {#a minutes=10}\n\n## T\n\n### B {#b minutes=5}\n",
			`7:1: this part (### heading with minutes=) is not in a session`},
		{"not a number", "## S {#s minutes=zwei}\n", `1:1: minutes=zwei is not a whole number of minutes`},
		{"fraction", "## S {#s minutes=10}\n\n### A {#a minutes=9.5}\n", `3:1: minutes=9.5 is not a whole number of minutes`},
		{"level 4", "## S {#s minutes=10}\n\n### A {#a minutes=10}\n\n#### X {#x minutes=3}\n", `5:1: minutes= on a level-4 heading`},
		{"guide without minutes", "## S\n\n### A {#a guide=\"persiapan/paspor.md\"}\n", `3:1: guide="persiapan/paspor.md" on a heading without minutes=`},
		{"guide not md", "## S {#s minutes=10}\n\n### A {#a minutes=10 guide=\"../paspor\"}\n", `3:1: guide=../paspor is not a guide's file`},
		{"guide missing", "## S {#s minutes=10}\n\n### A {#a minutes=10 guide=\"persiapan/visa.md\"}\n", `3:1: the part "A" names guide="persiapan/visa.md": no such page`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, probs, _ := convert(t, safe, tc.src, 0)
			var got []string
			for _, p := range probs {
				got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Column, p.Message))
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("problems of %q\n got: %q\nwant: %q", tc.src, got, tc.want)
			}
		})
	}
}
