package templates

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// Layouts get plain views, not the content model: neither this package nor any package it
// imports may import generator/content.
func TestNoContentModel(t *testing.T) {
	seen := map[string]bool{}
	var walk func(imp, dir string, from []string)
	walk = func(imp, dir string, from []string) {
		if seen[imp] {
			return
		}
		seen[imp] = true
		if imp == "pandu/generator/content" {
			t.Errorf("templates imports the content model: %s", strings.Join(append(from, imp), " -> "))
			return
		}
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, next := range pkg.Imports {
			if rest, ok := strings.CutPrefix(next, "pandu/"); ok {
				walk(next, filepath.Join("../..", filepath.FromSlash(rest)), append(from, imp))
			}
		}
	}
	walk("pandu/generator/templates", ".", nil)
	if len(seen) < 3 {
		t.Errorf("found only %d packages: the walk is broken", len(seen))
	}
}
