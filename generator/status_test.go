package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"pandu/generator/internal/testfs"
	"path/filepath"
	"strings"
	"testing"
)

func runStatus(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"status"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// copyFixture copies the translate package's fixture site into a temporary folder.
func copyFixture(t *testing.T) string {
	dst := t.TempDir()
	testfs.CopyDir(t, filepath.Join("translate", "testdata", "site"), dst)
	return dst
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStatusStrictExitCodes(t *testing.T) {
	root := copyFixture(t)
	if code, out, _ := runStatus(t, "--source", root); code != 0 || !strings.Contains(out, "English (en): 0 up to date, 3 changed in the source, 2 not translated") {
		t.Errorf("status without --strict: exit %d\n%s", code, out)
	}
	if code, _, errOut := runStatus(t, "--source", root, "--strict"); code != 1 || !strings.Contains(errOut, "missing or out of date") {
		t.Errorf("--strict with gaps: exit %d, stderr %q", code, errOut)
	}

	// Fill every gap: translate the missing pages and UI string, then mark everything synced.
	write(t, root, "content/en/panduan/_index.md", "+++\ntitle = \"Guides\"\n+++\n\nAll guides.\n")
	write(t, root, "content/en/panduan/kontrak.md", "+++\ntitle = \"Work contract\"\n+++\n\nRead the contract before you sign.\n")
	write(t, root, "i18n/ms.toml", "home = \"Laman utama\"\nreviewed = \"Terakhir disemak\"\n")
	var all []string
	for _, l := range []string{"en", "ms"} {
		filepath.WalkDir(filepath.Join(root, "content", l), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(p, "hanya-ms") {
				all = append(all, p) // absolute paths are accepted too
			}
			return err
		})
	}
	if code, out, errOut := runStatus(t, append([]string{"--source", root, "--mark-synced"}, all...)...); code != 0 ||
		strings.Count(out, ": synced with ") != len(all) {
		t.Fatalf("--mark-synced: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runStatus(t, "--source", root, "--strict"); code != 0 || !strings.Contains(out, "All translations are up to date.") {
		t.Errorf("--strict on a synced site: exit %d\n%s%s", code, out, errOut)
	}

	// A changed source fails --strict again; --json says which page.
	write(t, root, "content/id/panduan/kontrak.md", "+++\ntitle = \"Kontrak kerja\"\n+++\n\nBaca kontrak dengan teliti sebelum tanda tangan.\n")
	code, out, _ := runStatus(t, "--source", root, "--strict", "--json")
	if code != 1 {
		t.Errorf("--strict after a source edit: exit %d", code)
	}
	var rep struct {
		Languages []struct {
			Code    string
			Drifted []struct{ File, Diff string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	var drifted []string
	for _, l := range rep.Languages {
		for _, d := range l.Drifted {
			drifted = append(drifted, d.File)
			if !strings.Contains(d.Diff, "+Baca kontrak dengan teliti sebelum tanda tangan.") {
				t.Errorf("%s: diff %q", d.File, d.Diff)
			}
		}
	}
	if strings.Join(drifted, " ") != "content/en/panduan/kontrak.md content/ms/panduan/kontrak.md" {
		t.Errorf("drifted after editing kontrak: %v", drifted)
	}
}

func TestStatusUsage(t *testing.T) {
	root := copyFixture(t)
	for _, args := range [][]string{
		{"--nope"},
		{"--source", root, "content/en/_index.md"},
		{"--review-months", "-3"},
	} {
		if code, _, _ := runStatus(t, args...); code != 2 {
			t.Errorf("status %v: exit %d, want 2", args, code)
		}
	}
	// Paths relative to the site root work from another folder; errors name the file.
	code, _, errOut := runStatus(t, "--source", root, "--mark-synced", "content/id/panduan/paspor.md")
	if code != 1 || !strings.Contains(errOut, "content/id/panduan/paspor.md: this is a source page") {
		t.Errorf("--mark-synced on a source page: exit %d, %q", code, errOut)
	}
	if code, out, _ := runStatus(t, "--source", root, "--mark-synced", "content/en/panduan/paspor.md"); code != 0 ||
		!strings.HasPrefix(out, "content/en/panduan/paspor.md: synced with content/id/panduan/paspor.md") {
		t.Errorf("--mark-synced: exit %d, %q", code, out)
	}
	if code, _, errOut := runStatus(t, "--source", filepath.Join(root, "nowhere")); code != 1 || !strings.Contains(errOut, "site.toml") {
		t.Errorf("missing site: exit %d, %q", code, errOut)
	}
}

// TestBundledSiteTranslationsInSync keeps the bundled site honest: every translation records the
// version of its source page. After changing a source guide and its translations, run
// `go run ./generator status --mark-synced content/<lang>/...md` for each updated translation.
func TestBundledSiteTranslationsInSync(t *testing.T) {
	code, out, errOut := runStatus(t, "--source", "..", "--strict")
	if code != 0 {
		t.Errorf("status --strict on the bundled site: exit %d\n%s%s", code, out, errOut)
	}
}

// Issue 15: a site with load errors still gets its report, which lists the errors with file and
// line; the exit status is 1, and the JSON has them too.
func TestStatusWithLoadErrors(t *testing.T) {
	root := copyFixture(t)
	write(t, root, "content/en/rusak.md", "+++\ntitle = \"Broken\"\nweigth = 2\n+++\n\nText.\n")
	code, out, errOut := runStatus(t, "--source", root)
	if code != 1 || !strings.Contains(errOut, "the site has 1 errors") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "content/en/rusak.md:3:") || !strings.Contains(out, "English (en): 0 up to date, 3 changed in the source, 2 not translated") {
		t.Errorf("the report lacks the error or the rest of the site:\n%s", out)
	}
	code, out, _ = runStatus(t, "--source", root, "--json")
	var rep struct{ Errors []string }
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || len(rep.Errors) != 1 || !strings.HasPrefix(rep.Errors[0], "content/en/rusak.md:3:") {
		t.Errorf("--json: exit %d, %v, errors %q", code, err, rep.Errors)
	}
}
