package markdown

import (
	"strings"
	"testing"
)

// A guide placed in the booklet: anchors get the guide's prefix, links follow them, headings go
// down a level, site links and images are mapped; and the document is unchanged afterwards.
func TestRenderPlaced(t *testing.T) {
	src := "## Tiga\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[x](#tiga) [p](../persiapan/paspor.md) [[term:cpmi]] [[UU18:6]] Catatan[^1].\n\n" +
		"![peta](img/peta.png)\n\n[[contact:kp2mi]]\n\n###### Enam\n\n[^1]: Isi.\n"
	before, probs, d := convert(t, safe, src, 0)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	place := Placement{IDPrefix: "g3-", HeadingShift: 1,
		Link:  func(dest string) string { return "https://e.org" + dest },
		Image: func(src string) string { return "https://img.e.org" + src }}
	var b strings.Builder
	if err := safe.RenderPlaced(&b, d, place); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	// The scrollable table is named by its heading through aria-labelledby: the reference gets
	// the prefix like the heading's ID, or the region loses its name (axe-core
	// scrollable-region-focusable on /en/print/a5/).
	for _, want := range []string{`<h3 id="g3-tiga">Tiga</h3>`, `aria-labelledby="g3-tiga"`, `href="#g3-tiga"`,
		`href="https://e.org/id/persiapan/paspor/"`, `href="https://e.org/id/glosarium/#cpmi"`,
		`href="https://e.org/id/hukum/uu-18-2017/#pasal-6"`, `<sup id="g3-fnref:1"><a href="#g3-fn:1"`,
		`<li id="g3-fn:1">`, `href="#g3-fnref:1"`, `<img src="https://img.e.org/img/peta.5f3a.png"`,
		`<div class="contact" id="g3-contact-kp2mi">`, `<h6 id="g3-enam">Enam</h6>`} {
		if !strings.Contains(got, want) {
			t.Errorf("placed body lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, `id="tiga"`) || strings.Contains(got, "<h2") {
		t.Errorf("placed body keeps the page's own anchors or levels:\n%s", got)
	}
	b.Reset()
	if err := safe.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	if b.String() != before {
		t.Errorf("the document changed after RenderPlaced:\n got: %s\nwant: %s", b.String(), before)
	}

	// PageURL: same-page links go to the page (then through Link), without the prefix.
	b.Reset()
	if err := safe.RenderPlaced(&b, d, Placement{IDPrefix: "h-g3-", PageURL: "/id/x/", Link: place.Link}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<a href="https://e.org/id/x/#tiga">x</a>`) || !strings.Contains(b.String(), `<h2 id="h-g3-tiga">`) {
		t.Errorf("PageURL:\n%s", b.String())
	}
}

// A data URL a Placement sets is the site's own image inlined: kept whatever its type, while
// the same URL written in Markdown is refused.
func TestRenderPlacedDataImage(t *testing.T) {
	_, _, d := convert(t, safe, "![peta](img/peta.png)\n", 0)
	var b strings.Builder
	svg := "data:image/svg+xml;base64,PHN2Zy8+"
	if err := safe.RenderPlaced(&b, d, Placement{Image: func(string) string { return svg }}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<img src="`+svg+`"`) {
		t.Errorf("placed data URL dropped: %s", b.String())
	}
	b.Reset()
	if err := safe.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "data:") || strings.Contains(b.String(), placedAttr) {
		t.Errorf("the placement stayed: %s", b.String())
	}
	if _, probs, _ := convert(t, safe, "![x]("+svg+")\n", 0); len(probs) == 0 {
		t.Error("a data:image/svg+xml URL in Markdown is accepted")
	}
}
