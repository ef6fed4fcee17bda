package sitecheck

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/data"
)

// TestBundledGuidesComplete: every guide of the bundled site exists in every language (no
// fallback pages), every guide page names its sources, the date its facts were checked and a
// description, and every guide the printed booklet lists exists. It counts no guides, so that
// adding a guide needs no change here: adding one without its translations fails.
func TestBundledGuidesComplete(t *testing.T) {
	cfg, err := config.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	s, problems := content.Load(cfg, content.Options{})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	def := s.ByLang[cfg.DefaultLanguage]
	guides := 0
	for _, p := range s.Pages {
		if p.Fallback {
			t.Errorf("%s has no %s translation (content/%s/%s is missing)", p.Source.File, p.Lang, p.Lang, p.Path)
			continue
		}
		if p.Kind != content.KindPage {
			continue
		}
		if p.Lang == cfg.DefaultLanguage {
			guides++
		}
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
	if guides == 0 {
		t.Fatalf("no guide pages in content/%s: is the bundled site where this test looks?", cfg.DefaultLanguage)
	}
	// Every source guide has a real translation in every other language (checked from the
	// source side too, so that a guide missing from a language is named by its source file).
	for _, p := range def.ByPath {
		if p.Kind != content.KindPage || p.Fallback {
			continue
		}
		for _, l := range cfg.Ordered {
			if tr := p.Translation(l.Code); tr == nil || tr.Fallback {
				t.Errorf("%s: no %s translation: write content/%s/%s", p.File, l.Code, l.Code, p.Path)
			}
		}
	}
	// Every guide of the booklet exists, as a guide, in every language.
	if len(cfg.Print.Guides) == 0 {
		t.Error("site.toml lists no [print] guides")
	}
	for _, g := range cfg.Print.Guides {
		rel := strings.TrimPrefix(path.Clean(g), "/")
		for _, l := range s.Languages {
			if p := l.ByPath[rel]; p == nil || p.Kind != content.KindPage || p.Fallback {
				t.Errorf("site.toml [print] guides lists %q, which is not a guide in content/%s/", g, l.Code)
			}
		}
	}
}

// TestBundledContactsDated: every contact of the bundled site loads without problems and its card
// shows, in every language, who published the source, the source's own date and when it was
// checked (a source newer than its check date is already a load problem).
func TestBundledContactsDated(t *testing.T) {
	cfg, err := config.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, l := range cfg.Ordered {
		langs = append(langs, l.Code)
	}
	file := filepath.Join("../..", "content", content.DataDir, "contacts.toml")
	c, problems := data.LoadContacts(file, "content/_data/contacts.toml", langs, cfg.DefaultLanguage)
	for _, p := range problems {
		t.Errorf("%v", p) // warnings too: a missing translation of a note is a gap in the card
	}
	if len(c.Keys()) == 0 {
		t.Fatal("no contacts")
	}
	checked := func(tm time.Time) string { return tm.Format("2006-01-02") }
	for _, key := range c.Keys() {
		for _, lang := range langs {
			card, err := c.Localize(key, lang, func(k string) string { return k }, checked)
			if err != nil {
				t.Fatal(err)
			}
			if card.Source == "" || card.SourceTitle == "" || card.SourceDate == "" || card.Verified == "" {
				t.Errorf("contact [%s] (%s): source %q, source_title %q, source_date %q, verified %q: all are required",
					key, lang, card.Source, card.SourceTitle, card.SourceDate, card.Verified)
			}
		}
	}
}
