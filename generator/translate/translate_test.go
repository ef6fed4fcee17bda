package translate

import (
	"math/rand"
	"strings"
	"testing"

	"pandu/generator/content"
)

func page(t *testing.T, src string) *content.Page {
	t.Helper()
	p, problems := content.ParsePage("id", "x.md", []byte(src))
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHashIgnoresWhitespace(t *testing.T) {
	base := page(t, "+++\ntitle = \"Paspor Anda\"\ndescription = \"Paspor milik Anda.\"\n+++\n\nParagraf satu\nbaris dua.\n\n## Hak\n\nTeks.\n")
	same := []string{
		"+++\ntitle = \"  Paspor   Anda \"\ndescription = \"Paspor milik\\nAnda.\"\n+++\nParagraf satu baris dua.\n\n\n\n## Hak\n\n   Teks.   \n\n\n",
		"+++\r\ntitle = \"Paspor Anda\"\r\ndescription = \"Paspor milik Anda.\"\r\n+++\r\n\r\nParagraf satu\r\nbaris dua.\r\n\r\n## Hak\r\n\r\nTeks.\r\n",
		"+++\ntitle = \"Paspor Anda\"\ndescription = \"Paspor milik Anda.\"\nweight = 3\nreviewed = 2026-01-01\n+++\n\nParagraf satu\n\tbaris dua.\n\n## Hak\n\nTeks.",
	}
	for i, s := range same {
		if got, want := Hash(page(t, s)), Hash(base); got != want {
			t.Errorf("whitespace-only variant %d: hash %s, want %s", i, got, want)
		}
	}
	different := []string{
		"+++\ntitle = \"Paspor Kamu\"\ndescription = \"Paspor milik Anda.\"\n+++\n\nParagraf satu\nbaris dua.\n\n## Hak\n\nTeks.\n",
		"+++\ntitle = \"Paspor Anda\"\ndescription = \"Paspor Anda.\"\n+++\n\nParagraf satu\nbaris dua.\n\n## Hak\n\nTeks.\n",
		"+++\ntitle = \"Paspor Anda\"\ndescription = \"Paspor milik Anda.\"\n+++\n\nParagraf satu\nbaris dua.\n\n## Hak\n\nTeks lain.\n",
		"+++\ntitle = \"Paspor Anda\"\ndescription = \"Paspor milik Anda.\"\n+++\n\nParagrafsatu\nbaris dua.\n\n## Hak\n\nTeks.\n",
		// Moving words between title and description is a change.
		"+++\ntitle = \"Paspor\"\ndescription = \"Anda Paspor milik Anda.\"\n+++\n\nParagraf satu\nbaris dua.\n\n## Hak\n\nTeks.\n",
	}
	for i, s := range different {
		if Hash(page(t, s)) == Hash(base) {
			t.Errorf("changed variant %d has the same hash", i)
		}
	}
	if h := Hash(base); len(h) != HashLen {
		t.Errorf("hash %q: want %d hex digits", h, HashLen)
	}
}

func TestText(t *testing.T) {
	p := page(t, "+++\ntitle = \" Paspor  Anda\"\n+++\n\n\nSatu   dua\n  tiga\n\n\n\n## Hak\n\n")
	want := "title: Paspor Anda\ndescription:\n\nSatu dua\ntiga\n\n## Hak\n"
	if got := Text(p); got != want {
		t.Errorf("Text:\n%q\nwant\n%q", got, want)
	}
	empty := page(t, "+++\ntitle = \"T\"\n+++\n")
	if got, want := Text(empty), "title: T\ndescription:\n"; got != want {
		t.Errorf("Text of an empty body: %q, want %q", got, want)
	}
}

// TestCollapseIsFields checks that collapse is strings.Fields joined by spaces, which the
// versions recorded in translations were made with, for every kind of space and invalid UTF-8.
func TestCollapseIsFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\tc\n", "\u00a0x\u0085y\u2003z\u3000", "a\xffb \xc3", "\v\fx\r\n", "é  ü", "x\u200by"} {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
	parts := []string{" ", "\t", "\n", "a", "bc", "\u00a0", "\u2028", "é", "\xff", "\xe2\x80", "\u3000", "ß"}
	r := rand.New(rand.NewSource(1))
	for range 5000 {
		var b strings.Builder
		for range r.Intn(12) {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		s := b.String()
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}
