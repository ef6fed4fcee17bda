package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// M5: a Unicode slug is kept, and every output that lists its URL writes it percent-encoded the
// same way, while the file on disk keeps the Unicode name.
func TestUnicodeSlugEncodedEverywhere(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	page := "+++\ntitle = \"Unik\"\nslug = \"hak-pékerja\"\ndate = 2026-11-30\ndescription = \"d\"\n+++\n\n## Bagian\n\nTeks unik.\n"
	if err := os.WriteFile(filepath.Join(src, "content/id/panduan/unik.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, false); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dest)
	if files["id/panduan/hak-pékerja/index.html"] == nil {
		t.Fatal("page not written under its Unicode name")
	}
	const enc = "/id/panduan/hak-p%c3%a9kerja/"
	for _, f := range []string{"id/panduan/index.html", "id/panduan/hak-pékerja/index.html", "sitemap.xml", "id/feed.xml", "id/offline.json"} {
		if f == "id/offline.json" && files[f] == nil {
			continue // the fixture has no service worker
		}
		text := string(files[f])
		if !strings.Contains(text, enc) {
			t.Errorf("%s does not hold %s", f, enc)
		}
		if strings.Contains(text, "/id/panduan/hak-pékerja/") {
			t.Errorf("%s holds the unencoded URL", f)
		}
	}
	var index string
	for name, b := range files {
		if strings.HasSuffix(name, "index.json") && strings.HasPrefix(name, "id/") {
			index = string(b)
		}
	}
	if !strings.Contains(index, enc) {
		t.Errorf("search index does not hold %s", enc)
	}
}
