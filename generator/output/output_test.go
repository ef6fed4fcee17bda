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

// TestStream checks that a file written as a stream is its pieces one after the other, on disk
// (in chunks appended by the queue) and in memory, with the checksum and size of those bytes;
// that its path is claimed like any other's; that Inspect sees a streamed HTML file whole; that
// a stream dropped in memory leaves nothing, and a build on disk with a stream left open is not
// published.
func TestStream(t *testing.T) {
	pieces := [][]byte{[]byte(`{"docs":[`), []byte(`["/a/"]`), []byte(","), []byte(strings.Repeat("x", streamChunk+100)),
		[]byte(","), []byte(strings.Repeat("y", 3*streamChunk)), []byte("]}")}
	want := bytes.Join(pieces, nil)
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	disk, err := New(dir, dest, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []*Writer{disk, NewMemory(true)} {
		s, err := w.Stream("id/cari/index.json")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pieces {
			if _, err := s.Write(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Write([]byte("x")); err == nil {
			t.Error("a write after Close was taken")
		}
		if _, err := w.Stream("id/cari/index.json"); !errors.Is(err, ErrWrittenTwice) {
			t.Errorf("streaming the file again: %v, want ErrWrittenTwice", err)
		}
		if sum, _ := w.Sum("id/cari/index.json"); sum != sha256.Sum256(want) {
			t.Error("the checksum is not the pieces' bytes'")
		}
		if n := w.Size("id/cari/index.json"); n != len(want) {
			t.Errorf("size %d, want %d", n, len(want))
		}
		if w == disk {
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dest, "id", "cari", "index.json"))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("on disk: %d bytes (%v), want the pieces' %d", len(got), err, len(want))
			}
		} else if got, _ := w.File("id/cari/index.json"); !bytes.Equal(got, want) {
			t.Errorf("in memory: %d bytes, want the pieces' %d", len(got), len(want))
		}
	}

	// In memory, a stream dropped before Close (a stopped preview update) leaves nothing.
	mem := NewMemory(true)
	s, err := mem.Stream("sitemap.xml")
	if err != nil {
		t.Fatal(err)
	}
	s.Grow(10)
	s.Write([]byte("<urlset>"))
	if _, ok := mem.File("sitemap.xml"); ok || mem.Len() != 0 {
		t.Error("an unclosed stream left a file in memory")
	}
	if _, err := mem.Stream("sitemap.xml"); err != nil {
		t.Errorf("the path of a dropped stream: %v", err)
	}

	// A build whose stream is not closed is not published: the previous output stays.
	w, err := New(dir, dest, true)
	if err != nil {
		t.Fatal(err)
	}
	s, err = w.Stream("id/cari/index.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write(bytes.Repeat([]byte("z"), 2*streamChunk)); err != nil {
		t.Fatal(err)
	}
	// An HTML file is seen whole by Inspect, on disk too.
	var seen []byte
	w.Inspect(func(rel string, data []byte) { seen = append(seen, data...) })
	page, err := w.Stream("id/cari/index.html")
	if err != nil {
		t.Fatal(err)
	}
	html := bytes.Repeat([]byte("<p>a</p>"), streamChunk/4)
	page.Write(html)
	if err := page.Close(); err != nil || !bytes.Equal(seen, html) {
		t.Errorf("Inspect saw %d bytes of the %d streamed (%v)", len(seen), len(html), err)
	}
	if err := w.Commit(); err == nil || !strings.Contains(err.Error(), "unfinished") {
		t.Errorf("commit with an open stream: %v, want an error", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "id", "cari", "index.json")); !bytes.Equal(got, want) {
		t.Error("a failed commit changed the previous output")
	}
}
