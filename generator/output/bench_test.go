package output

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
)

// benchPage is a page like the ones a build writes: a layout around about 4 KB of text.
var benchPage = func() []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html lang=\"id\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>Halaman</title>\n" +
		"  <link rel=\"stylesheet\" href=\"/css/site.0123abcd.css\">\n</head>\n<body>\n  <nav class=\"menu\">\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "    <a href=\"/id/bagian-%d/\" class=\"item\">Bagian %d</a>\n", i, i)
	}
	b.WriteString("  </nav>\n  <main>\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "    <h2 id=\"bagian-%d\">Bagian %d</h2>\n    <p>Pekerja migran berhak atas informasi yang benar   tentang pekerjaan, gaji, dan  perjanjian kerja sebelum berangkat (%d).</p>\n", i, i, i)
	}
	b.WriteString("  </main>\n</body>\n</html>\n")
	return b.Bytes()
}()

// BenchmarkMinify is the minify stage: one page's HTML.
func BenchmarkMinify(b *testing.B) {
	w := NewMemory(true)
	b.SetBytes(int64(len(benchPage)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.Minify("index.html", benchPage); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite is the write stage: minifying and writing pages, each in its own folder, into a
// build's temporary output on disk (what a build pays per page in system calls).
func BenchmarkWrite(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	w, err := New(b.TempDir(), dest, true)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Abort()
	b.SetBytes(int64(len(benchPage)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := w.WriteFile(fmt.Sprintf("id/bagian-%d/halaman-%d/index.html", i%40, i), benchPage); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
