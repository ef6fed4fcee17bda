package sourcefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mkRoot(t *testing.T) (string, *Root) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	os.MkdirAll(filepath.Join(dir, "static/css"), 0o755)
	os.WriteFile(filepath.Join(dir, "static/css/site.css"), []byte("body{}"), 0o644)
	os.WriteFile(filepath.Join(dir, "static/robots.txt"), []byte("ok"), 0o644)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, r
}

func wantProblem(t *testing.T, err error, path, text string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want a *sourcefs.Error", err, err)
	}
	if e.Path != path || !strings.Contains(e.Problem, text) {
		t.Errorf("error %q, want path %q and %q", err, path, text)
	}
}

// TestSymlinkOutside (review H1): a link to a file outside the site is never read.
func TestSymlinkOutside(t *testing.T) {
	dir, r := mkRoot(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("SECRET_TOKEN=hunter2"), 0o644)
	for name, target := range map[string]string{"env.txt": "/proc/self/environ", "passwd.txt": "/etc/passwd", "secret.txt": secret} {
		os.Symlink(target, filepath.Join(dir, "static", name))
		data, err := r.ReadFile(filepath.Join(dir, "static", name), 1<<20)
		if data != nil {
			t.Errorf("%s: read %d bytes through a link out of the site", name, len(data))
		}
		wantProblem(t, err, "static/"+name, "outside the site folder")
	}
	files, errs := r.Walk(filepath.Join(dir, "static"))
	if len(errs) != 3 {
		t.Errorf("walk: %d errors, want 3: %v", len(errs), errs)
	}
	if len(files) != 2 {
		t.Errorf("walk: files %v", files)
	}
	// A link to a folder outside: its files are not listed, the link is an error.
	os.Symlink(filepath.Dir(secret), filepath.Join(dir, "static", "outdir"))
	files, errs = r.Walk(filepath.Join(dir, "static"))
	for _, f := range files {
		if strings.HasPrefix(f.Rel, "outdir") {
			t.Errorf("walked into a folder outside the site: %s", f.Rel)
		}
	}
	if len(errs) != 4 {
		t.Errorf("walk with a linked folder outside: %d errors, want 4", len(errs))
	}
}

// TestSymlinkInside: links that stay inside the site work, for files and folders, under the
// link's own name; a loop is an error (review L5).
func TestSymlinkInside(t *testing.T) {
	dir, r := mkRoot(t)
	os.MkdirAll(filepath.Join(dir, "shared/img"), 0o755)
	os.WriteFile(filepath.Join(dir, "shared/img/a.png"), []byte("png"), 0o644)
	os.Symlink("../shared/img", filepath.Join(dir, "static/img"))
	os.Symlink("robots.txt", filepath.Join(dir, "static/robots2.txt"))
	files, errs := r.Walk(filepath.Join(dir, "static"))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var rels []string
	for _, f := range files {
		rels = append(rels, f.Rel)
	}
	if got := strings.Join(rels, " "); got != "css/site.css img/a.png robots.txt robots2.txt" {
		t.Errorf("walk: %s", got)
	}
	if b, err := r.ReadFile(filepath.Join(dir, "static/img/a.png"), 100); err != nil || string(b) != "png" {
		t.Errorf("read through a linked folder: %q %v", b, err)
	}
	os.Symlink(".", filepath.Join(dir, "static/css/loop"))
	_, errs = r.Walk(filepath.Join(dir, "static"))
	if len(errs) != 1 {
		t.Fatalf("loop: errors %v", errs)
	}
	wantProblem(t, errs[0], "static/css/loop", "loop")
}

// TestSizeLimit (review H2, L9): a file over the limit is an error naming it.
func TestSizeLimit(t *testing.T) {
	dir, r := mkRoot(t)
	big := filepath.Join(dir, "static", "big.md")
	os.WriteFile(big, make([]byte, 2000), 0o644)
	if _, err := r.ReadFile(big, 2000); err != nil {
		t.Errorf("a file at the limit: %v", err)
	}
	_, err := r.ReadFile(big, 1999)
	wantProblem(t, err, "static/big.md", "over the limit")
}

func TestMissing(t *testing.T) {
	dir, r := mkRoot(t)
	_, err := r.ReadFile(filepath.Join(dir, "nope.md"), 10)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	_, errs := r.Walk(filepath.Join(dir, "nope"))
	if len(errs) != 1 || !errors.Is(errs[0], fs.ErrNotExist) {
		t.Errorf("missing folder: %v", errs)
	}
}
