package site

import (
	"testing"

	"pandu/generator/templates"
)

// benchPage is the guide the layout benchmark renders: a long guide with a help lead, a table of
// contents, a quiz, sources and siblings.
const benchPage = "bantuan/jika-ada-masalah.md"

// BenchmarkPageLayout executes layouts/page.html for one guide of the bundled site ("layout"),
// and builds its view ("view"), so that a change making the layouts or their views costlier
// shows. Run it with: go test -run '^$' -bench PageLayout ./generator/site
func BenchmarkPageLayout(bm *testing.B) {
	b, err := buildMemory(Options{Source: "../..", Minify: true}, nil)
	if b == nil || err != nil {
		bm.Fatalf("building the bundled site: %v", err)
	}
	pg := b.site.ByLang[b.cfg.DefaultLanguage].ByPath[benchPage]
	if pg == nil {
		bm.Fatalf("the bundled site has no %s", benchPage)
	}
	doc := b.doc(pg)
	b.resolveFor(pg, doc)
	lead, rest, err := b.md.RenderSplit(doc)
	if err != nil {
		bm.Fatal(err)
	}
	quiz, err := b.pageQuiz(pg, doc)
	if err != nil {
		bm.Fatal(err)
	}
	v := b.view(pg, doc, lead, rest)
	v.Quiz = quiz
	bm.Run("layout", func(bm *testing.B) {
		bm.ReportAllocs()
		for bm.Loop() {
			if _, err := b.layouts.Execute(pg.Lang, "page", v); err != nil {
				bm.Fatal(err)
			}
		}
	})
	bm.Run("view", func(bm *testing.B) {
		bm.ReportAllocs()
		for bm.Loop() {
			b.view(pg, doc, lead, rest)
		}
	})
}

// The views of a language's pages share what is the same on every page (made once per build),
// and a guide's view holds its place in the site.
func TestViewsShareLanguageParts(t *testing.T) {
	b, err := buildMemory(Options{Source: "../.."}, nil)
	if b == nil || err != nil {
		t.Fatalf("building the bundled site: %v", err)
	}
	view := func(p string) *templates.View {
		pg := b.site.ByLang["id"].ByPath[p]
		if pg == nil {
			t.Fatalf("no page id/%s", p)
		}
		return b.view(pg, b.doc(pg), nil, nil)
	}
	guide, home := view(benchPage), view("_index.md")
	if guide.Site != home.Site || guide.Lang != home.Lang || len(home.Menu) == 0 || &guide.Menu[0] != &home.Menu[0] {
		t.Error("two pages of a language do not share the site view, language and menu")
	}
	if len(home.Sections) == 0 || home.Parent != nil || home.Breadcrumbs != nil {
		t.Errorf("home: %d sections, parent %v, breadcrumbs %v", len(home.Sections), home.Parent, home.Breadcrumbs)
	}
	if guide.Parent == nil || len(guide.Breadcrumbs) != 2 || guide.Breadcrumbs[1].URL != guide.Parent.URL {
		t.Errorf("guide: parent %v, breadcrumbs %v", guide.Parent, guide.Breadcrumbs)
	}
	found := false
	for _, s := range guide.Siblings {
		found = found || s.URL == guide.URL
	}
	if !found || guide.Page == nil || guide.Page.Reviewed.IsZero() || len(guide.Page.Sources) == 0 {
		t.Errorf("guide: among its siblings %v, page view %+v", found, guide.Page)
	}
}
