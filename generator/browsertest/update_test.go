package browsertest

import (
	"os"
	"pandu/generator/internal/testfs"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/site"
)

// copySite copies the bundled site's sources (not its output) to dst.
func copySite(t *testing.T, dst string) {
	t.Helper()
	for _, name := range []string{"content", "layouts", "static", "i18n"} {
		testfs.CopyDir(t, filepath.Join(root, name), filepath.Join(dst, name))
	}
	data, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "site.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNewBuildReplacesCache visits a guide, publishes a new build in which its title changed, and
// checks that the new service worker takes over, keeps the guide in its new version (readable
// offline) and deletes the old build's cache.
func TestNewBuildReplacesCache(t *testing.T) {
	ctx := browser(t)
	src := t.TempDir()
	copySite(t, src)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Source: src, Dest: dest, Minify: true}); err != nil {
		t.Fatal(err)
	}
	s := serve(t, dest)
	guide := "/id/hak/hak-pekerja-migran/"
	open(t, ctx, s.URL, guide)
	controlled(t, ctx)
	var before []string
	if err := eval(ctx, `caches.keys()`, &before); err != nil || len(before) != 1 {
		t.Fatalf("caches before the new build: %v (%v); want one", before, err)
	}

	file := filepath.Join(src, "content", "id", "hak", "hak-pekerja-migran.md")
	md, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const newTitle = "Hak Anda: edisi baru"
	lines := strings.Split(string(md), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "title = ") {
			lines[i] = `title = "` + newTitle + `"`
			break
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(site.Options{Source: src, Dest: dest, Minify: true}); err != nil {
		t.Fatal(err)
	}
	if err := eval(ctx, `navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)`, new(bool)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new build's worker to replace the old cache",
		`caches.keys().then(ks => ks.length === 1 && ks[0] !== `+jsString(before[0])+`)`)

	s.Offline()
	if h1, _ := open(t, ctx, s.URL, guide); h1 != newTitle {
		t.Errorf("offline after the new build, %s shows %q, want the new title %q", guide, h1, newTitle)
	}
}
