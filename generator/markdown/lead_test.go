package markdown

import (
	"strings"
	"testing"
)

func TestRenderSplit(t *testing.T) {
	cases := []struct {
		name, src, lead string
	}{
		{name: "help callout first", src: "> [!HELP]\n> Telepon 999.\n\n[[contact:sos]]\n\nIntro.\n\n## Satu\n\nTeks.\n",
			lead: "callout-help|contact-sos|Intro."},
		{name: "help callout after an intro paragraph", src: "Intro.\n\n> [!HELP]\n> Telepon 999.\n\n## Satu\n\nTeks.\n",
			lead: "Intro.|callout-help"},
		{name: "emergency section first", src: "## Dalam bahaya? {#darurat}\n\n> [!HELP]\n> Telepon 999.\n\n[[contact:sos]]\n\nLalu KBRI.\n\n## Masalah\n\nTeks.\n",
			lead: "id=\"darurat\"|callout-help|contact-sos|Lalu KBRI."},
		{name: "intro then a section opening with a help callout", src: "Intro.\n\n## Sekarang {#sekarang}\n\n> [!HELP]\n> Telepon 999.\n\n1. KBRI\n\n## Izin\n\nTeks.\n",
			lead: "Intro.|id=\"sekarang\"|callout-help|KBRI"},
		{name: "emergency section without a callout", src: "## Darurat {#darurat}\n\nTelepon 999.\n\n## Lain\n\nTeks.\n",
			lead: "id=\"darurat\"|Telepon 999."},
		{name: "warning callout is no lead", src: "> [!WARNING]\n> Awas.\n\n## Satu\n\nTeks.\n"},
		{name: "help callout further down is no lead", src: "Intro.\n\n## Satu\n\nTeks.\n\n> [!HELP]\n> Telepon 999.\n"},
		{name: "no headings at all", src: "Teks.\n\n> [!NOTE]\n> Catatan.\n"},
		{name: "help callout on a page without headings", src: "> [!HELP]\n> Telepon 999.\n\nTeks.\n",
			lead: "callout-help|Teks."},
	}
	c := safe
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := c.Parse([]byte(tc.src), 0)
			if probs := d.Resolve(fakeResolver{}); len(probs) > 0 {
				t.Fatalf("problems: %v", probs)
			}
			var whole strings.Builder
			if err := c.Render(&whole, d); err != nil {
				t.Fatal(err)
			}
			lead, rest, err := c.RenderSplit(d)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(lead) + string(rest); got != whole.String() {
				t.Fatalf("lead+rest differs from the whole body:\n%s\nwant\n%s", got, whole.String())
			}
			if tc.lead == "" {
				if len(lead) != 0 {
					t.Fatalf("lead = %q, want none", lead)
				}
				return
			}
			for _, want := range strings.Split(tc.lead, "|") {
				if !strings.Contains(string(lead), want) {
					t.Errorf("lead lacks %q:\n%s", want, lead)
				}
			}
			if strings.Contains(string(lead), "Teks.") && strings.Contains(tc.src, "## ") {
				t.Errorf("lead runs into the next section:\n%s", lead)
			}
			if len(rest) > 0 && !strings.HasPrefix(strings.TrimSpace(string(rest)), "<h2") {
				t.Errorf("rest does not start at the next section: %q", rest)
			}
		})
	}
}
