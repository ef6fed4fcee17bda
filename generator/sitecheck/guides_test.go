package sitecheck

import (
	"testing"

	"pandu/generator/config"
	"pandu/generator/content"
)

// TestBundledGuidesComplete: every guide of the bundled site exists in every language (no
// fallback pages), and every guide page names its sources and the date its facts were checked.
func TestBundledGuidesComplete(t *testing.T) {
	cfg, err := config.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	s, problems := content.Load(cfg, content.Options{})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	guides := 0
	for _, p := range s.Pages {
		if p.Fallback {
			t.Errorf("%s has no %s translation (content/%s/%s is missing)", p.Source.File, p.Lang, p.Lang, p.Path)
			continue
		}
		if p.Kind != content.KindPage {
			continue
		}
		guides++
		if len(p.Sources) == 0 {
			t.Errorf("%s: no [[sources]] in the front matter", p.File)
		}
		if p.Reviewed().IsZero() {
			t.Errorf("%s: no reviewed date in the front matter", p.File)
		}
		if p.Description == "" {
			t.Errorf("%s: no description", p.File)
		}
	}
	if want := 12 * len(cfg.Ordered); guides != want {
		t.Errorf("%d guide pages, want %d (nine guides, the law page, the glossary and About, in every language)", guides, want)
	}
}
