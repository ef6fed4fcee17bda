package site

import (
	"bytes"
	"path/filepath"
	"sync"
	"testing"

	"pandu/generator/content"
)

// parseCounter counts how often each text is parsed.
type parseCounter struct {
	mu    sync.Mutex
	count map[*content.Page]int
}

func (pc *parseCounter) parsed(c *content.Page) {
	pc.mu.Lock()
	pc.count[c]++
	pc.mu.Unlock()
}

func (pc *parseCounter) reset() map[*content.Page]int {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	out := pc.count
	pc.count = map[*content.Page]int{}
	return out
}

// openCounted opens a preview session on a copy of the fixture that counts the texts parsed.
func openCounted(t *testing.T) (string, *Session, *parseCounter) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	pc := &parseCounter{count: map[*content.Page]int{}}
	session, _, err := Open(Options{Source: root, Minify: true, parsed: pc.parsed})
	if err != nil {
		t.Fatal(err)
	}
	return root, session, pc
}

// TestParseOncePerText checks that a build parses each text once: a fallback copy in another
// language uses its source's document instead of parsing the same body again. Only a later
// output (booklets, the trainers' kit) parses a text again, and keeps that document; and a text
// that links to anchors of pages not parsed yet is parsed again to check them.
// The preview keeps no other document, and its fast path parses the edited text once.
func TestParseOncePerText(t *testing.T) {
	root, session, pc := openCounted(t)
	b := session.b.Load()
	counts := pc.reset()
	fallbacks := 0
	for _, pg := range b.site.Pages {
		if pg.Fallback {
			fallbacks++
			if counts[pg] != 0 {
				t.Errorf("the fallback copy %s parsed its source's text", pg.URL)
			}
			continue
		}
		want := 1
		if b.later[pg] {
			want++ // its links to anchors of pages not parsed yet are checked after the pass
		}
		if b.docs[pg] != nil {
			want++ // parsed again for the booklets or the kit, and kept
		}
		if counts[pg] != want {
			t.Errorf("%s: its text was parsed %d times, want %d", pg.URL, counts[pg], want)
		}
	}
	if fallbacks == 0 {
		t.Fatal("the fixture has no fallback pages to check")
	}
	if n := len(b.docs); n == 0 || n >= len(b.site.Pages)/2 {
		t.Errorf("the preview keeps %d documents of %d pages: only those of booklets and kit", n, len(b.site.Pages))
	}
	if len(b.resolved) > len(b.docs) {
		t.Errorf("%d resolutions kept for %d documents", len(b.resolved), len(b.docs))
	}
	// The fast path: the edited page has fallback copies in ms.
	const edited = "content/id/panduan/biaya/index.md"
	appendTo(t, root, edited, "\nTambahan baru.\n")
	ch, err := session.Update([]string{edited}, nil)
	if err != nil || ch.Full {
		t.Fatalf("update: %v %+v", err, ch)
	}
	b = session.b.Load()
	for c, n := range pc.reset() {
		if c.File == edited && n != 1 {
			t.Errorf("the edited text was parsed %d times", n)
		}
	}
	for _, p := range []string{"id/panduan/biaya/index.html", "ms/panduan/biaya/index.html"} {
		if page, _ := b.out.File(p); !bytes.Contains(page, []byte("Tambahan baru.")) {
			t.Errorf("%s does not show the edit", p)
		}
	}
	if len(b.resolved) > len(b.docs) {
		t.Errorf("after the edit, %d resolutions kept for %d documents", len(b.resolved), len(b.docs))
	}
}

// TestDiskBuildDropsText checks that a build for disk frees each text's Markdown once its pages
// are written, but for the texts a later step parses again: every parse sees the whole text,
// and the output is the same as a build's that keeps every text, for the fixture and the
// bundled site (whose translations compare their source's version).
func TestDiskBuildDropsText(t *testing.T) {
	for _, src := range []string{fixture, "../.."} {
		var files [2]map[string][]byte
		for i, keep := range []bool{false, true} {
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Build(Options{Source: src, Dest: dest, Minify: true, keepTexts: keep}); err != nil {
				t.Fatal(err)
			}
			files[i] = readTree(t, dest)
		}
		for rel, data := range files[1] {
			if !bytes.Equal(files[0][rel], data) {
				t.Errorf("%s: %s differs when the build drops the texts it rendered", src, rel)
			}
		}
		if len(files[0]) != len(files[1]) {
			t.Errorf("%s: %d files, %d when the build keeps every text", src, len(files[0]), len(files[1]))
		}
	}

	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	var mu sync.Mutex
	first := map[*content.Page]int{} // the length of each text when it was first parsed
	again := 0
	hook := func(c *content.Page) {
		mu.Lock()
		defer mu.Unlock()
		n, seen := first[c]
		if !seen {
			first[c] = len(c.Body)
			return
		}
		again++
		if len(c.Body) != n {
			t.Errorf("%s was parsed again with %d bytes of its %d", c.File, len(c.Body), n)
		}
	}
	if _, err := Build(Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), Minify: true, parsed: hook}); err != nil {
		t.Fatal(err)
	}
	if again == 0 {
		t.Fatal("no text was parsed again: the fixture has no booklet, handout or session plan")
	}
	dropped, kept := 0, 0
	for c, n := range first {
		switch {
		case n > 0 && c.Body == nil:
			dropped++
		case n > 0:
			kept++
		}
	}
	if dropped == 0 || kept == 0 {
		t.Errorf("%d texts dropped and %d kept: want some of each (the texts parsed again are kept)", dropped, kept)
	}
}
