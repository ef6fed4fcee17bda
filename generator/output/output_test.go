package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"pandu/generator/sourcefs"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriterCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "old.txt"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dest, Marker), nil, 0o644) // an earlier Pandu build

	w, err := New(dir, dest, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFile("a/index.html", []byte("<!DOCTYPE html>\n<html lang=\"id\">  <head><title>x</title></head> <body>  <p>a  b</p> </body></html>")); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFile("a/index.html", []byte("again")); err == nil || !strings.Contains(err.Error(), "two things write one file: a/index.html") {
		t.Errorf("duplicate write: %v", err)
	}
	if err := w.WriteFile("../escape", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "escape")); err == nil {
		t.Error("a ../ path was written outside the output")
	}
	// Before Commit the old output is untouched.
	if _, err := os.Stat(filepath.Join(dest, "old.txt")); err != nil {
		t.Fatal("old output touched before commit")
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(dest, "a/index.html"))
	if !strings.Contains(string(html), `<html lang="id">`) || strings.Contains(string(html), "  ") {
		t.Errorf("minified html = %q", html)
	}
	if _, err := os.Stat(filepath.Join(dest, "escape")); err != nil {
		t.Error("a ../ path must be written inside the output")
	}
	if _, err := os.Stat(filepath.Join(dest, "old.txt")); err == nil {
		t.Error("old file survived: the new output must replace the old one")
	}
	if l := leftovers(dir); len(l) != 0 {
		t.Errorf("leftovers %v", l)
	}

	w2, _ := New(dir, dest, true)
	w2.WriteFile("b.txt", []byte("b"))
	w2.Abort()
	if _, err := os.Stat(filepath.Join(dest, "a/index.html")); err != nil {
		t.Error("abort touched the output")
	}
	if l := leftovers(dir); len(l) != 0 {
		t.Errorf("abort left %v", l)
	}
}

// leftovers lists what builds left beside dir/public, except the lock file (kept on purpose:
// removing a lock file while another process waits on it would let two builds run at once).
func leftovers(dir string) []string {
	var out []string
	all, _ := filepath.Glob(filepath.Join(dir, ".public*"))
	for _, p := range all {
		if filepath.Base(p) != ".public.lock" {
			out = append(out, p)
		}
	}
	return out
}

func TestCopyStaticFingerprints(t *testing.T) {
	dir := t.TempDir()
	static := filepath.Join(dir, "static")
	os.MkdirAll(filepath.Join(static, "css"), 0o755)
	os.WriteFile(filepath.Join(static, "css/site.css"), []byte("body {  color : #ff0000 ; }\n"), 0o644)
	os.WriteFile(filepath.Join(static, "robots.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(static, ".hidden"), []byte("x"), 0o644)
	w, _ := New(dir, filepath.Join(dir, "public"), true)
	defer w.Abort()
	root, _ := sourcefs.Open(dir)
	assets, err := w.CopyStatic(root, static, 1<<20, "/")
	if err != nil {
		t.Fatal(err)
	}
	css := assets["css/site.css"]
	if !strings.HasPrefix(css, "/css/site.") || !strings.HasSuffix(css, ".css") || len(css) != len("/css/site.12345678.css") {
		t.Errorf("fingerprinted url %q", css)
	}
	data, _ := w.Read(strings.TrimPrefix(css, "/"))
	if string(data) != "body{color:red}" {
		t.Errorf("minified css %q", data)
	}
	if assets["robots.txt"] != "/robots.txt" {
		t.Errorf("plain file %q", assets["robots.txt"])
	}
	if _, ok := assets[".hidden"]; ok {
		t.Error("hidden file copied")
	}
}

// TestWriteRawParts checks that a file written in parts is their bytes one after the other, on
// disk and in memory, with the checksum of those bytes, and that its path is claimed like any
// other's.
func TestWriteRawParts(t *testing.T) {
	parts := [][]byte{[]byte(`{"docs":[`), []byte(`["/a/"]`), []byte(","), []byte(strings.Repeat("x", 300<<10)), []byte("]}")}
	want := bytes.Join(parts, nil)
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	disk, err := New(dir, dest, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []*Writer{disk, NewMemory(true)} {
		if err := w.WriteRawParts("id/cari/index.json", parts); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRawParts("id/cari/index.json", parts); !errors.Is(err, ErrWrittenTwice) {
			t.Errorf("writing the parts again: %v, want ErrWrittenTwice", err)
		}
		if sum, _ := w.Sum("id/cari/index.json"); sum != sha256.Sum256(want) {
			t.Error("the checksum is not the parts' bytes'")
		}
		if w == disk {
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dest, "id", "cari", "index.json"))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("on disk: %d bytes (%v), want the parts' %d", len(got), err, len(want))
			}
		} else if got, _ := w.File("id/cari/index.json"); !bytes.Equal(got, want) {
			t.Errorf("in memory: %d bytes, want the parts' %d", len(got), len(want))
		}
	}
}
