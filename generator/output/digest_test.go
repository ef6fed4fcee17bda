package output

import (
	"path/filepath"
	"testing"
)

func TestDigestAndReplace(t *testing.T) {
	build := func(page string) (*Writer, string) {
		w, err := New(t.TempDir(), filepath.Join(t.TempDir(), "public"), false)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(w.Abort)
		if err := w.WriteFile("a/index.html", []byte(page)); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteFile("sw.js", []byte(`var v = "x";`)); err != nil {
			t.Fatal(err)
		}
		return w, w.Digest("sw.js")
	}
	w, d1 := build("<p>one</p>")
	if _, d := build("<p>one</p>"); d != d1 {
		t.Errorf("the same files give digests %s and %s", d1, d)
	}
	if _, d := build("<p>two</p>"); d == d1 {
		t.Error("a changed page leaves the digest unchanged")
	}
	if err := w.Replace("sw.js", []byte(`var v = "`+d1+`";`)); err != nil {
		t.Fatal(err)
	}
	if d := w.Digest("sw.js"); d != d1 {
		t.Errorf("replacing a skipped file changed the digest: %s -> %s", d1, d)
	}
	if d := w.Digest(); d == d1 {
		t.Error("the digest ignores a file that is not skipped")
	}
	got, err := w.Read("sw.js")
	if err != nil || string(got) != `var v = "`+d1+`";` {
		t.Errorf("after Replace, sw.js holds %q (%v)", got, err)
	}
	if w.Size("sw.js") != len(got) {
		t.Errorf("Size after Replace = %d, want %d", w.Size("sw.js"), len(got))
	}
	if err := w.Replace("nothing.js", []byte("x")); err == nil {
		t.Error("Replace of a file never written succeeded")
	}
}
