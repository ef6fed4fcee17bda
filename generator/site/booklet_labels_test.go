package site

import (
	"strings"
	"testing"

	"pandu/generator/config"
)

// A guide's scrollable table is named by a heading through aria-labelledby; in the booklet the
// heading's ID gets the guide's prefix, so the reference must get it too, or the region loses its
// name (axe-core scrollable-region-focusable on /en/print/a5/).
func TestRewriteGuideLabelledBy(t *testing.T) {
	b := &builder{cfg: &config.Config{BaseURL: "https://e.org/"}}
	in := `<h2 id="tiga">Tiga</h2><div class="tw" role="region" tabindex="0" aria-labelledby="tiga satu"><table></table></div><a href="#tiga">x</a>`
	got := b.rewriteGuide(in, "g3", nil, false)
	for _, want := range []string{`<h3 id="g3-tiga">`, `aria-labelledby="g3-tiga g3-satu"`, `href="#g3-tiga"`} {
		if !strings.Contains(got, want) {
			t.Errorf("rewritten guide lacks %s:\n%s", want, got)
		}
	}
}
