package site

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pandu/generator/templates"
)

var siblingsNav = regexp.MustCompile(`(?s)<nav class="?siblings"?.*?</nav>`)

// TestLongSectionListsNearestSiblings: a guide lists the guides of its section nearest to it and
// a link to the section, not every guide (a section of n guides made n² output: 1,000 guides
// took 36 s and 184 MB). Built with the bundled site's layouts.
func TestLongSectionListsNearestSiblings(t *testing.T) {
	root := bundledSite(t)
	const n = 40
	gen := filepath.Join(root, "content/id/gen")
	os.MkdirAll(gen, 0o755)
	os.WriteFile(filepath.Join(gen, "_index.md"), []byte("+++\ntitle = \"Gen\"\n+++\n"), 0o644)
	for i := 0; i < n; i++ {
		page := fmt.Sprintf("+++\ntitle = \"Gen %d\"\nweight = %d\n+++\n\nIsi %d.\n", i, i+1, i)
		os.WriteFile(filepath.Join(gen, fmt.Sprintf("p%02d.md", i)), []byte(page), 0o644)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	out := readTree(t, dest)
	for _, tc := range []struct {
		page        string
		first, last int
	}{{"id/gen/p00/index.html", 0, 14}, {"id/gen/p20/index.html", 13, 27}, {"id/gen/p39/index.html", 25, 39}} {
		nav := siblingsNav.Find(out[tc.page])
		items := strings.Count(string(nav), "<li>")
		if items != templates.MaxSiblings+1 {
			t.Errorf("%s lists %d items, want %d siblings and the section", tc.page, items, templates.MaxSiblings)
		}
		for _, want := range []string{fmt.Sprintf(">Gen %d<", tc.first), fmt.Sprintf(">Gen %d<", tc.last),
			`aria-current="page"`, `<a href="/id/gen/">Semua 40 panduan di bagian ini</a>`} {
			if !strings.Contains(string(nav), want) {
				t.Errorf("%s: siblings lack %q:\n%s", tc.page, want, nav)
			}
		}
		for _, not := range []string{fmt.Sprintf(">Gen %d<", tc.first-1), fmt.Sprintf(">Gen %d<", tc.last+1)} {
			if strings.Contains(string(nav), not) {
				t.Errorf("%s: siblings hold %q", tc.page, not)
			}
		}
	}
	// The English fallback copies list the English section, with its own words.
	if nav := siblingsNav.Find(out["en/gen/p20/index.html"]); !strings.Contains(string(nav), "All 40 guides in this section") {
		t.Errorf("fallback page siblings:\n%s", nav)
	}
	// Sections that fit show every guide and no link (the bundled site's output is unchanged).
	if nav := siblingsNav.Find(out["id/hak/hak-pekerja-migran/index.html"]); len(nav) == 0 || strings.Contains(string(nav), "Semua") {
		t.Errorf("small section:\n%s", nav)
	}
}
