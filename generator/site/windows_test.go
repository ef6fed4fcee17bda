package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWindowsSaves: a site saved by Windows editors (every Markdown and TOML file with CRLF line
// ends, and a UTF-8 byte order mark as Notepad used to write) in a folder whose path has spaces
// ("Dokumen Saya") builds to exactly the golden output of the plain fixture.
func TestWindowsSaves(t *testing.T) {
	src := filepath.Join(t.TempDir(), "Dokumen Saya", "situs pandu")
	converted := 0
	err := filepath.WalkDir(fixture, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if ext := filepath.Ext(p); ext == ".md" || ext == ".toml" {
			b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
			b = append([]byte("\xef\xbb\xbf"), b...)
			converted++
		}
		rel, _ := filepath.Rel(fixture, p)
		out := filepath.Join(src, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if converted < 10 {
		t.Fatalf("only %d files converted: is the fixture there?", converted)
	}
	dest := filepath.Join(src, "public")
	if _, err := build(t, src, dest, false); err != nil {
		t.Fatalf("a site with CRLF and byte order marks does not build:\n%v", err)
	}
	got, want := readTree(t, dest), readTree(t, "testdata/golden")
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("missing output file %s", name)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs from golden (CRLF or BOM reached the output?):\n%s", name, firstDiff(g, w))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected output file %s", name)
		}
	}
}

// firstDiff shows the lines around the first difference of got and want.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q", i+1, gl, wl)
		}
	}
	return "(same lines)"
}
