package templates

import (
	"strings"
	"testing"
)

func TestIcon(t *testing.T) {
	set, err := load(t, map[string]string{
		"baseof.html":  `{{block "main" .}}{{end}}`,
		"home.html":    `{{define "main"}}{{with index .Params "icon"}}{{icon .}}{{end}}T{{end}}`,
		"section.html": `{{define "main"}}s{{end}}`,
		"page.html":    `{{define "main"}}p{{end}}`,
		"404.html":     `{{define "main"}}404{{end}}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := set.Execute("id", "home", map[string]any{"Params": map[string]any{"icon": "lifebuoy"}})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	// Inline, decorative, drawn in the text colour: no request, hidden from screen readers.
	if !strings.HasPrefix(got, `<svg class="icon" viewBox="0 0 24 24"`) || !strings.Contains(got, `aria-hidden="true" focusable="false"`) ||
		!strings.Contains(got, `stroke="currentColor"`) || !strings.HasSuffix(got, "</svg>T") {
		t.Errorf("icon = %s", got)
	}
	if out, err := set.Execute("id", "home", map[string]any{"Params": map[string]any{}}); err != nil || string(out) != "T" {
		t.Errorf("no icon: %q, %v", out, err)
	}
	_, err = set.Execute("id", "home", map[string]any{"Params": map[string]any{"icon": "lifeboat"}})
	if err == nil || !strings.Contains(err.Error(), `unknown icon "lifeboat"`) || !strings.Contains(err.Error(), "book, briefcase, checklist, lifebuoy, scale") {
		t.Errorf("unknown icon error = %v", err)
	}
}
