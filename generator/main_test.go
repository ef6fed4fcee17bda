package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitStatus: 0 success, 1 content errors, 2 wrong usage; one summary line on success.
func TestExitStatus(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root)
	dest := filepath.Join(t.TempDir(), "public")
	var out, errb bytes.Buffer
	if code := run([]string{"build", "--source", root, "--dest", dest}, &out, &errb); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errb.String())
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "built 21 pages (id 7, en 7, ms 7)") {
		t.Errorf("summary: %q", out.String())
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"nonsense"}, 2},
		{[]string{"build", "--no-such-flag"}, 2},
		{[]string{"build", "extra"}, 2},
		{[]string{"new"}, 2},
		{[]string{"version"}, 0},
		{[]string{"help"}, 0},
	} {
		out.Reset()
		errb.Reset()
		if code := run(tc.args, &out, &errb); code != tc.code {
			t.Errorf("pandu %v: exit %d, want %d", tc.args, code, tc.code)
		}
	}
	os.WriteFile(filepath.Join(root, "content/id/panduan/paspor.md"), []byte("+++\ntitle = \n+++\n"), 0o644)
	errb.Reset()
	if code := run([]string{"build", "--source", root, "--dest", dest}, &out, &errb); code != 1 {
		t.Errorf("broken content: exit %d", code)
	}
	if !strings.Contains(errb.String(), "content/id/panduan/paspor.md:2:") || !strings.Contains(errb.String(), "previous output is unchanged") {
		t.Errorf("error output: %s", errb.String())
	}
}

// TestNew writes a page with filled-in front matter that builds, and refuses to overwrite.
func TestNew(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root)
	var out, errb bytes.Buffer
	if code := run([]string{"new", "--source", root, "content/en/panduan/biaya-baru.md"}, &out, &errb); code != 0 {
		t.Fatalf("new: exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(filepath.Join(root, "content/en/panduan/biaya-baru.md"))
	if err != nil || !strings.Contains(string(b), `title = "Biaya baru"`) || !strings.Contains(string(b), "draft = true") {
		t.Errorf("new page: %s %v", b, err)
	}
	if code := run([]string{"build", "--source", root, "--dest", filepath.Join(t.TempDir(), "p"), "--drafts"}, &out, &errb); code != 0 {
		t.Errorf("the new page does not build: %s", errb.String())
	}
	if code := run([]string{"new", "--source", root, "content/en/panduan/biaya-baru.md"}, &out, &errb); code != 1 {
		t.Errorf("overwriting an existing page: exit %d", code)
	}
	if code := run([]string{"new", "--source", root, "content/fr/x.md"}, &out, &errb); code != 1 {
		t.Errorf("unknown language: exit %d", code)
	}
}
