package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/content"
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
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "built 24 pages (id 8, en 8, ms 8)") {
		t.Errorf("summary: %q", out.String())
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"preview", "extra"}, 2},
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

// M13: the source title is written escaped: a title with a line break and quotes cannot add
// front matter keys to the new page.
func TestNewEscapesTitle(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root)
	os.MkdirAll(filepath.Join(root, "content/id/tes"), 0o755)
	os.WriteFile(filepath.Join(root, "content/id/tes/t.md"), []byte("+++\ntitle = \"Judul\\ndraft = false\\nslug = \\\"injected\\\" \\\\ \\u0001\"\n+++\nbody\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"new", "--source", root, "content/en/tes/t.md"}, &out, &errb); code != 0 {
		t.Fatalf("new: exit %d: %s", code, errb.String())
	}
	b, _ := os.ReadFile(filepath.Join(root, "content/en/tes/t.md"))
	p, problems := content.ParsePage("en", "tes/t.md", b)
	if problems.Err() != nil {
		t.Fatalf("the new page does not parse: %v\n%s", problems.Err(), b)
	}
	if p.Slug != "" || !p.Draft || p.Title != "T" {
		t.Errorf("keys injected: slug %q draft %v title %q\n%s", p.Slug, p.Draft, p.Title, b)
	}
	if !strings.Contains(string(b), `# translate: "Judul\ndraft = false\nslug = \"injected\" \\ \u0001"`) {
		t.Errorf("source title not shown escaped:\n%s", b)
	}
}

// M13, L6: pandu new refuses paths the build would not read or could not make a URL of, and its
// errors do not talk about publishing.
func TestNewRefusesBadPaths(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root)
	for _, tc := range []struct{ path, want string }{
		{"content/id/.hidden/x.md", `content/id/.hidden/x.md: the folder name ".hidden" cannot be a URL: it starts with a dot`},
		{"content/id/a b/c.md", `the folder name "a b" cannot be a URL: it contains a space`},
		{"content/id/tes/c?.md", `the file name "c?" cannot be a URL`},
		{"content/id/tes/Hak Saya.md", "for example hak-saya.md"},
	} {
		var out, errb bytes.Buffer
		if code := run([]string{"new", "--source", root, tc.path}, &out, &errb); code != 1 {
			t.Errorf("%s: exit %d", tc.path, code)
		}
		if !strings.Contains(errb.String(), tc.want) || strings.Contains(errb.String(), "published") {
			t.Errorf("%s: %s", tc.path, errb.String())
		}
		if _, err := os.Stat(filepath.Join(root, tc.path)); err == nil {
			t.Errorf("%s was created", tc.path)
		}
	}
}
