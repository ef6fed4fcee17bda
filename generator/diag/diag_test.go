package diag

import "testing"

// A file name with a line break or a byte that is not UTF-8 (M5) is shown quoted, on one line.
func TestPrintableFile(t *testing.T) {
	for file, want := range map[string]string{
		"content/id/x.md":           "content/id/x.md:2:3: m",
		"content/id/new\nline.md":   `"content/id/new\nline.md":2:3: m`,
		"content/id/bad\xff.md":     `"content/id/bad\xff.md":2:3: m`,
		"content/id/hak-pékerja.md": "content/id/hak-pékerja.md:2:3: m",
	} {
		if got := (Problem{File: file, Line: 2, Column: 3, Message: "m"}).Error(); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
