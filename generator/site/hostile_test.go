package site

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestHostileInputs (review H1, H2, C1): links out of the site, special files and files over the
// size limit fail the build with the file's name, never reach the output, and leave the previous
// output byte-identical. The preview server builds through the same code (Session), so the same
// files are refused there.
func TestHostileInputs(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links and FIFOs need a Unix system")
	}
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte("+++\ntitle = \"SECRET OUTSIDE\"\n+++\nsecret\n"), 0o644)
	for _, tc := range []struct {
		name  string
		make  func(src string) error
		file  string
		want  string
		serve bool
	}{
		{"static link to environ", func(src string) error {
			return os.Symlink("/proc/self/environ", filepath.Join(src, "static/env.txt"))
		}, "static/env.txt", "outside the site folder", true},
		{"static link to passwd", func(src string) error {
			return os.Symlink("/etc/passwd", filepath.Join(src, "static/passwd.txt"))
		}, "static/passwd.txt", "outside the site folder", true},
		{"content link outside", func(src string) error {
			return os.Symlink(secret, filepath.Join(src, "content/id/panduan/leak.md"))
		}, "content/id/panduan/leak.md", "outside the site folder", true},
		{"link to /dev/zero", func(src string) error {
			return os.Symlink("/dev/zero", filepath.Join(src, "static/zero.png"))
		}, "static/zero.png", "outside the site folder", false},
		{"fifo", func(src string) error {
			return mkfifo(filepath.Join(src, "content/id/panduan/fifo.md"))
		}, "content/id/panduan/fifo.md", "named pipe", true},
		{"markdown over the limit", func(src string) error {
			cfg, _ := os.ReadFile(filepath.Join(src, "site.toml"))
			os.WriteFile(filepath.Join(src, "site.toml"), append(cfg, []byte("\n[limits]\nmarkdown_bytes = 100\n")...), 0o644)
			return nil
		}, "content/", "over the limit", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, dest, before := builtFixture(t)
			if err := tc.make(src); err != nil {
				t.Skip(err)
			}
			_, err := Build(Options{Source: src, Dest: dest, Minify: true})
			if err == nil || !strings.Contains(err.Error(), tc.file) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v; want %s and %q", err, tc.file, tc.want)
			}
			unchanged(t, before, dest)
			if tc.serve {
				if _, _, err := Open(Options{Source: src, Drafts: true}); err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("preview: error %v; want %q", err, tc.want)
				}
			}
		})
	}
}
