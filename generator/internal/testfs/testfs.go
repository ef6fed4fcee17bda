// Package testfs holds file helpers shared by the tests of several packages: copying a site into
// a temporary folder so that a test can change it.
package testfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// CopyDir copies every file below src to the same place below dst, creating folders.
func CopyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
