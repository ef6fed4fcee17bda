package markdown

import (
	"strings"
	"testing"
)

func TestTableWrap(t *testing.T) {
	src := "## Tiga program {#tiga}\n\nTeks.\n\n### Iuran\n\n| A | B |\n|--|--|\n| 1 | 2 |\n\n> [!NOTE]\n> | C |\n> |--|\n> | 3 |\n"
	got, probs, _ := convert(t, safe, src, 0)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	// Each table scrolls in its own focusable, named region; the label is the nearest heading
	// before it, also for a table inside a callout.
	if n := strings.Count(got, `<div class="tw" role="region" tabindex="0" aria-labelledby="iuran">`+"\n<table>"); n != 2 {
		t.Errorf("want both tables wrapped and labelled by #iuran, got %d:\n%s", n, got)
	}
	if strings.Count(got, "</table>\n</div>") != 2 {
		t.Errorf("wrapper not closed after each table:\n%s", got)
	}
}

func TestMarkSteps(t *testing.T) {
	src := "Intro.\n\n## Langkah 1: Daftar {#daftar}\n\nSatu.\n\n### Rincian\n\nDua.\n\n" +
		"## Langkah 2: Seleksi\n\n- a\n- b\n\n## 3. Pelatihan\n\nTiga.\n\n## Sesudahnya\n\nAkhir.\n\n## Langkah ke-4 bukan langkah\n\nX.\n"
	d := safe.Parse([]byte(src), 10)
	if n := d.MarkSteps(); n != 3 {
		t.Fatalf("MarkSteps found %d steps, want 3", n)
	}
	if probs := d.Resolve(fakeResolver{}); len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	var b strings.Builder
	if err := safe.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	want := "<p>Intro.</p>\n" +
		"<div class=\"step\">\n<h2 id=\"daftar\" class=\"step-h\" data-step=\"1\">Langkah 1: Daftar</h2>\n<p>Satu.</p>\n<h3 id=\"rincian\">Rincian</h3>\n<p>Dua.</p>\n</div>\n" +
		"<div class=\"step\">\n<h2 id=\"langkah-2-seleksi\" class=\"step-h\" data-step=\"2\">Langkah 2: Seleksi</h2>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</div>\n" +
		"<div class=\"step\">\n<h2 id=\"3-pelatihan\" class=\"step-h\" data-step=\"3\">3. Pelatihan</h2>\n<p>Tiga.</p>\n</div>\n" +
		"<h2 id=\"sesudahnya\">Sesudahnya</h2>\n<p>Akhir.</p>\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("steps:\n got: %q\nwant prefix: %q", got, want)
	}
	// The headings are still the page's headings: the table of contents is unchanged.
	if toc := d.TOC(2, 3); len(toc) != 5 || toc[0].ID != "daftar" || len(toc[0].Children) != 1 {
		t.Errorf("TOC changed: %+v", toc)
	}
}

func TestMarkStepsNone(t *testing.T) {
	d := safe.Parse([]byte("## Pendaftaran\n\nTeks.\n"), 12)
	if n := d.MarkSteps(); n != 0 {
		t.Fatalf("MarkSteps found %d steps in a page without numbered headings", n)
	}
	probs := d.Resolve(fakeResolver{})
	if len(probs) != 1 || probs[0].Line != 13 || !strings.Contains(probs[0].Message, "steps = true") {
		t.Fatalf("want one problem on line 13 about steps = true, got %+v", probs)
	}
}

func TestStepsLead(t *testing.T) {
	// A step page whose first step is the emergency section keeps its lead, and only that step.
	src := "Intro.\n\n## Langkah 1: Dalam bahaya {#darurat}\n\nTelepon 999.\n\n## Langkah 2: Lain\n\nTeks.\n"
	d := safe.Parse([]byte(src), 0)
	d.MarkSteps()
	d.Resolve(fakeResolver{})
	lead, rest, err := safe.RenderSplit(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lead), "Telepon 999.") || strings.Contains(string(lead), "Teks.") || !strings.HasSuffix(string(lead), "</div>\n") {
		t.Errorf("lead = %q", lead)
	}
	if !strings.HasPrefix(string(rest), `<div class="step">`) {
		t.Errorf("rest = %q", rest)
	}
}
