package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// watchDir starts a watcher on a fresh site folder and returns a function that waits for the next
// burst of changed paths.
func watchDir(t *testing.T) (string, func() []string) {
	t.Helper()
	return watchDirWith(t, Watch)
}

// watchDirWith is watchDir with another way to start the watcher.
func watchDirWith(t *testing.T, start func(string, func([]string), func(error)) (*Watcher, error)) (string, func() []string) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/id", "layouts", "static", "i18n"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "content/id/a.md"), []byte("a"), 0o644)
	bursts := make(chan []string, 16)
	w, err := start(root, func(p []string) { bursts <- p }, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	next := func() []string {
		t.Helper()
		select {
		case b := <-bursts:
			return b
		case <-time.After(5 * time.Second):
			t.Fatal("no change reported")
			return nil
		}
	}
	return root, next
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatchEdits(t *testing.T) {
	root, next := watchDir(t)
	j := func(p []string) string { return strings.Join(p, " ") }

	// A save in several writes is one burst.
	f, _ := os.OpenFile(filepath.Join(root, "content/id/a.md"), os.O_WRONLY|os.O_TRUNC, 0)
	f.WriteString("one ")
	f.WriteString("two")
	f.Close()
	if got := j(next()); got != "content/id/a.md" {
		t.Errorf("edit: %s", got)
	}

	// vim: a write probe, the original renamed to a backup, a new file written, the backup removed.
	write(t, root, "content/id/4913", "")
	os.Remove(filepath.Join(root, "content/id/4913"))
	os.Rename(filepath.Join(root, "content/id/a.md"), filepath.Join(root, "content/id/a.md~"))
	write(t, root, "content/id/a.md", "vim")
	os.Remove(filepath.Join(root, "content/id/a.md~"))
	if got := j(next()); got != "content/id/a.md" {
		t.Errorf("vim save: %s", got)
	}

	// VS Code and others: a temporary file renamed over the original.
	write(t, root, "content/id/a.md.tmp", "code")
	os.Rename(filepath.Join(root, "content/id/a.md.tmp"), filepath.Join(root, "content/id/a.md"))
	if got := j(next()); got != "content/id/a.md" {
		t.Errorf("atomic save: %s", got)
	}

	// A folder created later, with a file in it; then an edit inside it is seen too.
	os.MkdirAll(filepath.Join(root, "content/id/baru"), 0o755)
	write(t, root, "content/id/baru/b.md", "b")
	if got := j(next()); got != "content/id/baru/b.md" {
		t.Errorf("new folder: %s", got)
	}
	write(t, root, "content/id/baru/b.md", "b2")
	if got := j(next()); got != "content/id/baru/b.md" {
		t.Errorf("edit in new folder: %s", got)
	}

	// Rename and delete.
	os.Rename(filepath.Join(root, "content/id/baru/b.md"), filepath.Join(root, "content/id/baru/c.md"))
	if got := j(next()); got != "content/id/baru/b.md content/id/baru/c.md" {
		t.Errorf("rename: %s", got)
	}
	os.Remove(filepath.Join(root, "content/id/a.md"))
	if got := j(next()); got != "content/id/a.md" {
		t.Errorf("delete: %s", got)
	}

	// Other inputs, and files that do not matter.
	write(t, root, "notes.txt", "x")
	write(t, root, "layouts/page.html", "x")
	if got := j(next()); got != "layouts/page.html" {
		t.Errorf("layout: %s", got)
	}
	write(t, root, "site.toml", "x")
	if got := j(next()); got != "site.toml" {
		t.Errorf("site.toml: %s", got)
	}
}

// TestWatchCutSave: a save that empties the file and writes it a moment later (a busy machine
// cut it in two) is one burst, reported once the text is there; a file really left empty is
// reported too.
func TestWatchCutSave(t *testing.T) {
	const gap = 20 * time.Millisecond // more than the quiet time, less than the one for empty files
	var text string                   // a.md's text when the watcher reported the last burst
	root, next := watchDirWith(t, func(root string, onChange func([]string), onError func(error)) (*Watcher, error) {
		report := func(p []string) {
			data, _ := os.ReadFile(filepath.Join(root, "content/id/a.md"))
			text = string(data)
			onChange(p)
		}
		return watch(root, 4*time.Millisecond, time.Second, 2*time.Second, report, onError)
	})
	f, err := os.OpenFile(filepath.Join(root, "content/id/a.md"), os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(gap)
	f.WriteString("saved")
	f.Close()
	if got := strings.Join(next(), " "); got != "content/id/a.md" || text != "saved" {
		t.Errorf("cut save: reported %q with the file holding %q, want content/id/a.md holding \"saved\"", got, text)
	}
	write(t, root, "content/id/b.md", "b") // the next burst must be this one, not the save's second half
	if got := strings.Join(next(), " "); got != "content/id/b.md" {
		t.Errorf("after the cut save: %s, want content/id/b.md", got)
	}
	write(t, root, "content/id/a.md", "")
	if got := strings.Join(next(), " "); got != "content/id/a.md" || text != "" {
		t.Errorf("emptied file: %q holding %q", got, text)
	}
}

// TestWatchLinkedContent: content/ may be a symbolic link to a folder elsewhere (a shared corpus).
func TestWatchLinkedContent(t *testing.T) {
	real := t.TempDir()
	os.MkdirAll(filepath.Join(real, "id"), 0o755)
	root := t.TempDir()
	if err := os.Symlink(real, filepath.Join(root, "content")); err != nil {
		t.Skip("no symlinks here")
	}
	bursts := make(chan []string, 4)
	w, err := Watch(root, func(p []string) { bursts <- p }, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write(t, real, "id/a.md", "x")
	select {
	case b := <-bursts:
		if strings.Join(b, " ") != "content/id/a.md" {
			t.Errorf("got %v", b)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a save inside the linked folder was not seen")
	}
}

// L6: editor and sed temporary files are not changes of the site; files the build does not read
// in layouts/ and i18n/ neither.
func TestRelevant(t *testing.T) {
	for rel, want := range map[string]bool{
		"site.toml": true, "content/id/x.md": true, "content/id/b/pic.png": true, "layouts/page.html": true,
		"layouts/partials/toc.html": true, "i18n/id.toml": true, "static/css/site.css": true,
		"layouts/sedGYvWfq": false, "content/id/sedAb12Cd": false, "i18n/id.toml~": false, "layouts/.page.html.swp": false,
		"layouts/notes.txt": false, "i18n/README": false, "content/id/4913": false, "public/id/index.html": false,
		// Issue 15: every common editor's temporary and lock files, in content/ and static/ too.
		"content/id/.x.md.swp": false, "content/id/x.md.swo": false, "content/id/x.md~": false,
		"content/id/.#x.md": false, "content/id/#x.md#": false, "content/id/x.md.tmp": false,
		"static/css/site.css.tmp": false, "content/id/.~lock.x.md#": false, "static/.~lock.a.odt#": false,
		"content/id/sedQ1w2E3": false, "static/img/sedXy9z8w": false, "static/4913": false,
		"content/id/x.md___jb_tmp___": false, "content/id/x.md___jb_old___": false,
		"content/id/x.md.kate-swp": false, "static/css/site.css.crswap": false, "site.toml~": false,
		".site.toml.swp": false, "content/id/sedation.md": true, "static/img/sed.png": true,
	} {
		if got := relevant(rel); got != want {
			t.Errorf("relevant(%q) = %v, want %v", rel, got, want)
		}
	}
	for rel, want := range map[string]bool{"layouts/partials": true, "content/id/new": true, "content/id/.git": false, "public/x": false} {
		if got := relevantDir(rel); got != want {
			t.Errorf("relevantDir(%q) = %v, want %v", rel, got, want)
		}
	}
}
