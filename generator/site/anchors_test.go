package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/diag"
)

// TestAnchorsCheckedAcrossPages: a build parses and renders pages in one pass, so a link to an
// anchor of a page not parsed yet is checked after the pass. Every such broken link is reported,
// once, with its line and column, whichever page was rendered first; the good ones pass.
func TestAnchorsCheckedAcrossPages(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	const n = 40
	dir := filepath.Join(src, "content/id/rantai")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "_index.md"), []byte("+++\ntitle = \"Rantai\"\n+++\n"), 0o644)
	for i := 0; i < n; i++ {
		next := (i + n/2) % n
		body := fmt.Sprintf("+++\ntitle = \"Halaman %d\"\n+++\n\n## Ada {#ada}\n\nKe [berikut](h%02d.md#ada) dan [salah](h%02d.md#tidak-ada-%d).\n", i, next, next, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("h%02d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := build(t, src, filepath.Join(t.TempDir(), "p"), true)
	if err == nil {
		t.Fatal("build succeeded; want the broken anchors reported")
	}
	list := diag.AsList(err)
	if len(list) != n {
		t.Fatalf("want %d problems, got %d:\n%v", n, len(list), err)
	}
	for i := 0; i < n; i++ {
		next := (i + n/2) % n
		want := fmt.Sprintf(`content/id/rantai/h%02d.md:7:30: broken link "h%02d.md#tidak-ada-%d": content/id/rantai/h%02d.md has no heading or anchor #tidak-ada-%d`,
			i, next, i, next, i)
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}
