package site

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestRegistryMatchesOutput: the registry of published paths that links are checked against is
// exactly what the build writes. Every file written is registered (a page, a static file or a
// producer's declared path), and every declared path is written.
func TestRegistryMatchesOutput(t *testing.T) {
	for _, src := range []string{fixture, "../.."} {
		t.Run(src, func(t *testing.T) {
			b, err := buildMemory(Options{Source: src, Minify: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			written := map[string]bool{}
			for _, rel := range b.out.Files() {
				written[rel] = true
				if !b.known(b.sitePath(rel)) {
					t.Errorf("%s is written, but no producer declares %s: links to it fail", rel, b.sitePath(rel))
				}
			}
			for u, disk := range b.published {
				if disk != "" || !strings.HasSuffix(u, "/") && path.Ext(u) == "" {
					continue // a page's resource or a static file; an alias without its slash
				}
				if rel := b.outPath(u); !written[rel] {
					t.Errorf("%s is declared, but the build writes no %s: links to it would pass and break", u, rel)
				}
			}
		})
	}
}

// TestLinksToEveryOutput: a guide may link to every file the build writes (the search page and
// its index, the offline page, offline.json, the manifests, feeds, the sitemap, the booklets,
// the kit, the 404 pages, the static files, ...) and the build accepts each link.
func TestLinksToEveryOutput(t *testing.T) {
	root := bundledSite(t)
	b, err := buildMemory(Options{Source: root, Minify: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	kinds := map[string]bool{}
	for _, rel := range b.out.Files() {
		if rel == ".pandu-output" {
			continue
		}
		// One link per folder and kind of file is enough to cover every producer and keeps the
		// page small; pages of the content are linked by the guides already.
		kind := path.Dir(path.Dir(rel)) + "|" + path.Ext(rel)
		if b.byURL[b.sitePath(rel)] != nil || kinds[kind] {
			continue
		}
		kinds[kind] = true
		links = append(links, fmt.Sprintf("- [%s](%s)", rel, b.sitePath(rel)))
	}
	sort.Strings(links)
	if len(links) < 10 {
		t.Fatalf("only %d outputs to link to: %v", len(links), links)
	}
	page := "+++\ntitle = \"Semua keluaran\"\ndescription = \"Tautan ke setiap berkas yang dibuat.\"\ndraft = false\n+++\n\n" + strings.Join(links, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(root, "content/id/semua-keluaran.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), Minify: true}); err != nil {
		t.Fatalf("a link to a generated file fails:\n%v\nlinks:\n%s", err, strings.Join(links, "\n"))
	}
	t.Logf("%d links to generated files accepted", len(links))
}
