package output

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// site makes a site folder with sources and returns it.
func site(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"content/id", "layouts", "static", "i18n"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
		os.WriteFile(filepath.Join(root, d, "keep.txt"), []byte("source"), 0o644)
	}
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("x"), 0o644)
	return root
}

// build publishes a tiny output with one file holding text.
func build(t *testing.T, root, dest, text string) error {
	t.Helper()
	w, err := New(root, dest, false)
	if err != nil {
		return err
	}
	if err := w.WriteFile("index.html", []byte(text)); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// TestDestRefused (review C1): a build never replaces sources, the site, or a folder it did not
// write, and leaves such a folder exactly as it was.
func TestDestRefused(t *testing.T) {
	root := site(t)
	precious := filepath.Join(t.TempDir(), "precious")
	os.MkdirAll(filepath.Join(precious, ".git"), 0o755)
	os.WriteFile(filepath.Join(precious, "thesis.txt"), []byte("my thesis"), 0o644)
	notEmpty := filepath.Join(t.TempDir(), "other-site")
	os.MkdirAll(filepath.Join(notEmpty, "content"), 0o755)
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(filepath.Join(root, "content"), link)

	for _, tc := range []struct{ dest, want string }{
		{precious, "not empty and was not written by Pandu"},
		{notEmpty, "not empty and was not written by Pandu"},
		{filepath.Join(root, "content/id"), "inside the site folder"},
		{filepath.Join(root, "content"), "inside the site folder"},
		{filepath.Join(root, "layouts"), "inside the site folder"},
		{filepath.Join(root, "static"), "inside the site folder"},
		{filepath.Join(root, "i18n"), "inside the site folder"},
		{filepath.Join(root, "public/id"), "inside the site folder"},
		{filepath.Join(root, "new-folder"), "inside the site folder"},
		{root, "site folder or holds it"},
		{filepath.Dir(root), "site folder or holds it"},
		{string(filepath.Separator), "root of the file system"},
		{file, "is a file"},
		{link, "inside the site folder"},
	} {
		err := build(t, root, tc.dest, "new")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("dest %s: err %v, want %q", tc.dest, err, tc.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(precious, "thesis.txt")); string(b) != "my thesis" {
		t.Error("the unrelated folder was changed")
	}
	for _, d := range []string{"content/id", "layouts", "static", "i18n"} {
		if b, _ := os.ReadFile(filepath.Join(root, d, "keep.txt")); string(b) != "source" {
			t.Errorf("%s was changed", d)
		}
	}
}

// TestDestAccepted: a new, empty or earlier Pandu output folder is replaced, and every output
// holds the marker that allows the next build to replace it.
func TestDestAccepted(t *testing.T) {
	root := site(t)
	empty := filepath.Join(t.TempDir(), "empty")
	os.MkdirAll(empty, 0o755)
	for _, dest := range []string{
		filepath.Join(root, "public"),
		filepath.Join(root, "public", "..", "public"), // review L7: not cleaned before
		empty,
		filepath.Join(t.TempDir(), "new", "deeper"),
	} {
		for i := 0; i < 2; i++ { // the second build replaces the first
			if err := build(t, root, dest, fmt.Sprint("build ", i)); err != nil {
				t.Fatalf("dest %s, build %d: %v", dest, i, err)
			}
			if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != fmt.Sprint("build ", i) {
				t.Errorf("dest %s, build %d: index.html = %q", dest, i, b)
			}
			if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
				t.Errorf("dest %s: no marker", dest)
			}
		}
		if l := leftoversOf(dest); len(l) != 0 {
			t.Errorf("dest %s: leftovers %v", dest, l)
		}
	}
}

func leftoversOf(dest string) []string {
	var out []string
	base := filepath.Base(filepath.Clean(dest))
	all, _ := filepath.Glob(filepath.Join(filepath.Dir(filepath.Clean(dest)), "."+base+".*"))
	for _, p := range all {
		if !strings.HasSuffix(p, ".lock") {
			out = append(out, p)
		}
	}
	return out
}

// TestSymlinkDest (review M4): a destination that is a symbolic link (a web root elsewhere) gets
// the new build at its target, and stays a link.
func TestSymlinkDest(t *testing.T) {
	root := site(t)
	www := filepath.Join(t.TempDir(), "www", "site")
	os.MkdirAll(www, 0o755)
	dest := filepath.Join(root, "public")
	if err := os.Symlink(www, dest); err != nil {
		t.Skip(err)
	}
	if err := build(t, root, dest, "new"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(dest); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a folder")
	}
	if b, _ := os.ReadFile(filepath.Join(www, "index.html")); string(b) != "new" {
		t.Errorf("the link's target has %q", b)
	}
}

// TestMoveInto: a mount point's files are replaced in place; files the new build lacks go.
func TestMoveInto(t *testing.T) {
	dst := t.TempDir()
	os.MkdirAll(filepath.Join(dst, "old/sub"), 0o755)
	os.WriteFile(filepath.Join(dst, "old/sub/x.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dst, "index.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dst, "a"), []byte("file becomes folder"), 0o644)
	src := filepath.Join(dst, stagingPrefix+"1")
	os.MkdirAll(filepath.Join(src, "a"), 0o755)
	os.WriteFile(filepath.Join(src, "a/b.html"), []byte("new"), 0o644)
	os.WriteFile(filepath.Join(src, "index.html"), []byte("new"), 0o644)
	if err := moveInto(src, dst); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(src)
	var got []string
	filepath.Walk(dst, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dst, p)
			got = append(got, filepath.ToSlash(rel)+"="+string(b))
		}
		return nil
	})
	if strings.Join(got, " ") != "a/b.html=new index.html=new" {
		t.Errorf("after moveInto: %v", got)
	}
}

// TestLockSerialises (review M3): a second build of the same destination waits for the first.
func TestLockSerialises(t *testing.T) {
	root := site(t)
	dest := filepath.Join(root, "public")
	w1, err := New(root, dest, false)
	if err != nil {
		t.Fatal(err)
	}
	w1.WriteFile("index.html", []byte("first"))
	done := make(chan error)
	go func() { done <- build(t, root, dest, "second") }()
	// The second build cannot get past New while the first holds the lock, however long we wait;
	// give it the chance to run, then check it is still waiting.
	for i := 0; i < 50; i++ {
		runtime.Gosched()
	}
	select {
	case err := <-done:
		t.Fatalf("second build finished while the first held the lock: %v", err)
	default:
	}
	if err := w1.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "second" {
		t.Errorf("index.html = %q, want the second build's", b)
	}
	if l := leftoversOf(dest); len(l) != 0 {
		t.Errorf("leftovers %v", l)
	}
}

// TestRecover (review M1, M2): a build finds what killed builds left: the previous output moved
// aside with no output in its place is put back, and temporary folders are removed.
func TestRecover(t *testing.T) {
	root := site(t)
	dest := filepath.Join(root, "public")
	if err := build(t, root, dest, "old"); err != nil {
		t.Fatal(err)
	}
	os.Rename(dest, filepath.Join(root, ".public.old")) // killed between the two renames
	os.MkdirAll(filepath.Join(root, ".public.new-123/id"), 0o755)
	os.MkdirAll(filepath.Join(root, ".public.new-456"), 0o755)
	w, err := New(root, dest, false)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "old" {
		t.Errorf("the previous output was not restored before the build: %q", b)
	}
	if len(w.Notes()) != 2 {
		t.Errorf("notes %q", w.Notes())
	}
	w.WriteFile("index.html", []byte("new"))
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if l := leftoversOf(dest); len(l) != 0 {
		t.Errorf("leftovers %v", l)
	}
}
