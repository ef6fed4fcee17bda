package site

import (
	"path"
	"reflect"
	"testing"

	"pandu/generator/content"
)

// TestPatchViewsMatchesNew edits the front matter of a guide and of a section in place, as the
// preview's fast path does (new titles, weights, icons: the order of their lists changes), and
// checks that patchViews leaves the shared view data as making it again from the model would.
func TestPatchViewsMatchesNew(t *testing.T) {
	b, err := buildMemory(Options{Source: "../.."}, nil)
	if b == nil || err != nil {
		t.Fatalf("building the bundled site: %v", err)
	}
	b.views().all()
	id := b.site.ByLang["id"]
	guide, section := id.ByPath[benchPage], id.ByPath[path.Dir(benchPage)+"/_index.md"]
	if guide == nil || section == nil {
		t.Fatalf("the bundled site has no %s or its section", benchPage)
	}
	var edited []*content.Page
	edit := func(pg *content.Page, title string, weight int) {
		fm := *pg.FrontMatter
		fm.Title, fm.Weight = title, weight
		fm.Params = map[string]any{"icon": "phone"}
		for _, p := range b.site.Pages { // the page and its fallback copies
			if p == pg || p.Fallback && p.Source == pg {
				p.FrontMatter = &fm
				edited = append(edited, p)
			}
		}
	}
	edit(guide, "A guide first in its section", 1)
	edit(section, "Zz last section", 1000)
	b.site.Reorder()
	if id.Home.Sections[len(id.Home.Sections)-1] != section || section.Pages[0] != guide {
		t.Fatal("the edits did not move the guide and the section")
	}
	b.patchViews(edited)
	// Where a list sits in the cache may differ; what each page's view reads may not.
	patched, fresh := b.views(), b.newViewCache().all()
	for _, pg := range b.site.Pages {
		if got, want := patched.link(pg), fresh.link(pg); got != want {
			t.Errorf("%s: link %+v, want %+v", pg.URL, got, want)
		}
		if got, want := patched.at(pg), fresh.at(pg); got != want {
			t.Errorf("%s: at %d among its parent's pages, want %d", pg.URL, got, want)
		}
		got, want := patched.of(pg.Lang).sections[pg], fresh.of(pg.Lang).sections[pg]
		if (got == nil) != (want == nil) || got != nil && (!reflect.DeepEqual(got.link, want.link) ||
			!reflect.DeepEqual(got.sections, want.sections) || !reflect.DeepEqual(got.crumbs, want.crumbs)) {
			t.Errorf("%s: the section's link, pages, sections or breadcrumbs differ from the model's", pg.URL)
		}
	}
	for code, lv := range fresh.langs {
		if !reflect.DeepEqual(patched.of(code).menu, lv.menu) {
			t.Errorf("%s: menu %v, want %v", code, patched.of(code).menu, lv.menu)
		}
	}
}
