package sitecheck

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/config"
	"pandu/generator/content"
)

// TestBundledEmergencyBeforeTOC: a guide that opens with a HELP callout or an emergency section
// ({#darurat}) shows that help before its table of contents, so that a reader in danger sees it
// on a phone's first screen instead of below a long list of sections.
func TestBundledEmergencyBeforeTOC(t *testing.T) {
	dest := buildBundled(t)
	cfg, err := config.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	s, problems := content.Load(cfg, content.Options{})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range s.Pages {
		if p.Kind != content.KindPage || p.Fallback {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimSpace(string(p.Body)), "\n")
		if !strings.HasPrefix(first, "> [!HELP]") && !(strings.HasPrefix(first, "## ") && strings.Contains(first, "{#darurat}")) {
			continue
		}
		html, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(strings.Trim(p.URL, "/")), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		help := bytes.Index(html, []byte("callout-help"))
		toc := bytes.Index(html, []byte(`class="toc"`))
		if help < 0 {
			t.Errorf("%s: opens with a HELP callout, but its page has none", p.File)
			continue
		}
		if toc >= 0 && toc < help {
			t.Errorf("%s: the table of contents comes before the opening HELP callout", p.File)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no guide opens with a HELP callout or an emergency section: is this the bundled site?")
	}
}
