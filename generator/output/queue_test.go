package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Files are written to disk by one goroutine after WriteFile returns: a failed write comes back
// from a later write or from Commit, naming the file that failed, and nothing is published.
func TestWriteErrorNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	w, err := New(dir, dest, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRaw("a", []byte("a file where a folder must go")); err != nil {
		t.Fatal(err)
	}
	w.WriteRaw("a/b.html", []byte("<p>b</p>")) // fails in the writer, maybe after it returns
	for i := 0; i < 3*queueLength; i++ {
		if err = w.WriteFile(fmt.Sprintf("c/%d.txt", i), []byte("c")); err != nil {
			break
		}
	}
	if err == nil {
		err = w.Commit()
	} else {
		w.Abort()
	}
	var we *WriteError
	if !errors.As(err, &we) || we.Rel != "a/b.html" || err.Error() != "cannot write a/b.html: not a directory" {
		t.Fatalf("error %v, want the write of a/b.html", err)
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a build whose write failed published %s (%v)", dest, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.new-*")); len(left) > 0 {
		t.Errorf("temporary output left behind: %v", left)
	}
	w.Abort() // after Commit or Abort: does nothing more
}

// Read, Replace and reused buffers see the files in the order they were written.
func TestQueuedWritesInOrder(t *testing.T) {
	dir := t.TempDir()
	w, err := New(dir, filepath.Join(dir, "public"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	buf := []byte("first version")
	for i := 0; i < 2*queueLength; i++ {
		if err := w.WriteFile(fmt.Sprintf("p/%d/index.txt", i), buf); err != nil {
			t.Fatal(err)
		}
		copy(buf, "later version") // WriteFile keeps no reference to what it was given
	}
	if got, err := w.Read("p/0/index.txt"); err != nil || string(got) != "first version" {
		t.Errorf("a write took the caller's buffer after WriteFile returned: %q, %v", got, err)
	}
	if err := w.Replace("p/0/index.txt", []byte("second version")); err != nil {
		t.Fatal(err)
	}
	got, err := w.Read("p/0/index.txt")
	if err != nil || string(got) != "second version" {
		t.Errorf("Read after Replace = %q, %v", got, err)
	}
	got, err = w.Read(fmt.Sprintf("p/%d/index.txt", 2*queueLength-1))
	if err != nil || !bytes.Equal(got, []byte("later version")) {
		t.Errorf("Read of the last file = %q, %v", got, err)
	}
}
