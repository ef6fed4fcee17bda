package markdown

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func FuzzParseRender(f *testing.F) {
	for _, seed := range []string{
		benchPage,
		"## Hak Anda {#hak}\n\n## Hak Anda\n\n[x](a.md#b) ![i](img/peta.png)\n",
		"> [!WARNING]\n> [[UU18:6(1)j]] [[term:cpmi|x]] [[contact:kp2mi]]\n\n[[contact:web]]\n",
		"- [ ] a\n- [x] [[term:cpmi]]\n\nT[^1]\n\n[^1]: n\n\nA\n: b\n\n|a|b|\n|-|-|\n|1|2|\n",
		"> [!FOO]\n\n[[UU18:]] [[term:]] [[contact:]] <b>x</b>\n\n<div>\n",
		"[[[[UU18:6]]]] [a [[UU18:6]]](x.md) \\[[x]] [[x:y]]",
	} {
		f.Add(seed, 3)
	}
	safe := New(Options{Theme: testTheme})
	unsafe := New(Options{Unsafe: true, Theme: testTheme})
	f.Fuzz(func(t *testing.T, src string, offset int) {
		for _, c := range []*Converter{safe, unsafe} {
			d := c.Parse([]byte(src), offset)
			last := offset + 1
			for _, p := range d.Resolve(fakeResolver{}) {
				if p.Line < offset+1 || p.Line < last || p.Message == "" {
					t.Fatalf("bad problem %+v after line %d", p, last)
				}
				last = p.Line
			}
			if err := c.Render(io.Discard, d); err != nil {
				t.Fatal(err)
			}
			_ = d.TOC(1, 6)
			// The sections hold the words of the plain text, in order, each text one-spaced.
			var words []string
			for _, s := range d.Sections() {
				if s.Text != strings.Join(strings.Fields(s.Text), " ") {
					t.Fatalf("section text %q is not one-spaced", s.Text)
				}
				words = append(append(words, strings.Fields(s.Title)...), strings.Fields(s.Text)...)
			}
			if plain := strings.Fields(d.PlainText()); !slices.Equal(words, plain) {
				t.Fatalf("sections' words %q, plain text's %q", words, plain)
			}
		}
	})
}
