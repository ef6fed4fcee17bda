package site

import (
	"bytes"
	"path/filepath"
	"testing"

	"pandu/generator/content"
	"pandu/generator/markdown"
)

// fallbacksShareParse checks that every text was parsed once: a fallback copy in another language
// uses its source's document instead of parsing the same body again.
func fallbacksShareParse(t *testing.T, b *builder) {
	t.Helper()
	fallbacks := 0
	texts := map[*markdown.Document]*content.Page{}
	for _, pg := range b.site.Pages {
		doc := b.docs[pg]
		if doc == nil {
			t.Fatalf("%s has no document", pg.URL)
		}
		if pg.Fallback {
			fallbacks++
		}
		if c, ok := texts[doc]; ok && c != pg.Content() {
			t.Errorf("%s and %s share a document but not a text", pg.URL, c.URL)
		}
		texts[doc] = pg.Content()
		if doc != b.docs[pg.Content()] {
			t.Errorf("%s (fallback %v) parsed its text again", pg.URL, pg.Fallback)
		}
	}
	if fallbacks == 0 {
		t.Fatal("the fixture has no fallback pages to check")
	}
}

func TestParseOncePerText(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	session, _, err := Open(Options{Source: root, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	fallbacksShareParse(t, session.b.Load())
	// The preview's fast path keeps sharing: the edited page has fallback copies in ms.
	appendTo(t, root, "content/id/panduan/biaya/index.md", "\nTambahan baru.\n")
	ch, err := session.Update([]string{"content/id/panduan/biaya/index.md"}, nil)
	if err != nil || ch.Full {
		t.Fatalf("update: %v %+v", err, ch)
	}
	fallbacksShareParse(t, session.b.Load())
	for _, p := range []string{"id/panduan/biaya/index.html", "ms/panduan/biaya/index.html"} {
		if page, _ := session.b.Load().out.File(p); !bytes.Contains(page, []byte("Tambahan baru.")) {
			t.Errorf("%s does not show the edit", p)
		}
	}
}
