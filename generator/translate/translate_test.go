package translate

import (
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
