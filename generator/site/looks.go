package site

import (
	"maps"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/i18n"
	"pandu/generator/internal/par"
	"pandu/generator/markdown"
	"pandu/generator/templates"
)

// lookEdits reports which layout files and which UI strings files the changed paths are, and
// whether they are all of that kind: an edit of the site's look, which leaves the model as it is
// (see updateLooks).
func lookEdits(changed []string) (layouts, stringFiles []string, ok bool) {
	for _, rel := range changed {
		switch {
		case strings.HasPrefix(rel, "layouts/") && strings.HasSuffix(rel, ".html"):
			layouts = append(layouts, rel)
		case strings.HasPrefix(rel, "i18n/") && path.Dir(rel) == "i18n" && strings.HasSuffix(rel, ".toml"):
			stringFiles = append(stringFiles, rel)
		default:
			return nil, nil, false
		}
	}
	return layouts, stringFiles, len(changed) > 0
}

// stringsEdited returns the languages whose UI strings are read from one of the edited files
// (i18n.Catalog.Files), in the catalogs before and after the edit: a language that lacks a
// string shows the default language's.
func (b *builder) stringsEdited(files []string, after *i18n.Catalog) map[string]bool {
	langs := map[string]bool{}
	for _, l := range b.cfg.Ordered {
		for _, cat := range []*i18n.Catalog{b.catalog, after} {
			for _, f := range cat.Files(l.Code) {
				if slices.Contains(files, f) {
					langs[l.Code] = true
				}
			}
		}
	}
	return langs
}

// updateLooks is the fast path for edits of layout files and UI strings: the model stays as it
// is. It loads the UI strings and the layouts again (after an edit of UI strings only, it binds
// the layouts of the languages whose strings changed to the new strings, without parsing them),
// renders again only the pages whose layout reads an edited layout file (templates.Set.Files) or
// whose language, or whose text's language, reads an edited UI strings file
// (i18n.Catalog.Files), and then runs every producer. The pages at the site paths seen (those
// served last) are rendered first, and notify hears of them before the others are rendered; when
// a newer edit comes while the others render (b.stopped), everything is undone and errStopped
// returned. It returns errNeedFull, having changed nothing, when the edit may change more than
// that: other problems in the new layouts or UI strings than the last full build found (a full
// build reports them), a layout added or removed, an edited partial that page bodies use
// (contact cards, callouts, checklists), or UI strings that move a published address
// (search_slug, print_slug). A failure after files were written undoes everything.
func (b *builder) updateLooks(layoutFiles, stringFiles []string, notify func([]string), seen []string) (*Change, error) {
	catalog := b.catalog
	var langs map[string]bool // the languages whose UI strings may have changed
	if len(stringFiles) > 0 {
		cat, p := i18n.Load(b.opts.Source, b.cfg)
		if cat == nil || !reflect.DeepEqual(p, b.lookProblems.i18n) {
			return nil, errNeedFull
		}
		catalog, langs = cat, b.stringsEdited(stringFiles, cat)
	}
	var layouts *templates.Set
	if len(layoutFiles) == 0 {
		// The layouts' files are as they were: only the languages whose strings changed are
		// bound to the new ones.
		layouts = b.layouts.WithCatalog(catalog, slices.Sorted(maps.Keys(langs)))
	} else {
		var p diag.List
		layouts, p = templates.Load(b.opts.Source, templates.Env{Config: b.cfg, Catalog: catalog, Assets: b.assets})
		if layouts == nil || !reflect.DeepEqual(p, b.lookProblems.layouts) || !slices.Equal(layouts.Names(), b.layouts.Names()) {
			return nil, errNeedFull
		}
	}
	for _, f := range layoutFiles {
		for _, part := range markdown.Partials {
			if f == "layouts/partials/"+part.Name+".html" {
				return nil, errNeedFull // page bodies render it: every page may change
			}
		}
	}

	// The pages to render again.
	edited := map[string]bool{}
	for _, f := range layoutFiles {
		edited[f] = true
	}
	readsEdited := map[string]bool{} // layout name -> whether it reads an edited file
	for _, name := range layouts.Names() {
		// What the layout read before the edit, or reads now.
		for _, f := range slices.Concat(layouts.Files(name), b.layouts.Files(name)) {
			if edited[f] {
				readsEdited[name] = true
			}
		}
	}
	var pages []*content.Page
	for _, pg := range b.site.Pages {
		if readsEdited[b.layoutOf(pg)] || langs[pg.Lang] || langs[pg.Content().Lang] {
			pages = append(pages, pg)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })

	// Swap in the new look; the published addresses must not move.
	registry := b.producerURLs()
	saved := struct {
		layouts  *templates.Set
		catalog  *i18n.Catalog
		md       *markdown.Converter
		handouts map[*content.Page]*kitHandout
		problems diag.List
		booklets []BookletPages
		kits     []KitPages
	}{b.layouts, b.catalog, b.md, b.handouts, b.problems, b.booklets, b.kits}
	// The views shared by all pages hold UI strings (the help link, the booklet's address), not
	// the layouts: after an edit of layouts only they stay.
	newStrings := len(stringFiles) > 0
	restore := func() {
		b.layouts, b.catalog, b.md, b.handouts = saved.layouts, saved.catalog, saved.md, saved.handouts
		b.problems, b.booklets, b.kits = saved.problems, saved.booklets, saved.kits
		if newStrings {
			b.resetViews()
		}
	}
	b.layouts, b.catalog = layouts, catalog
	b.md = markdown.New(b.markdownOptions())
	if newStrings {
		b.resetViews()
	}
	if !slices.Equal(b.producerURLs(), registry) {
		restore()
		return nil, errNeedFull
	}

	b.beginUpdate()
	defer b.endUpdate()
	undo := func() {
		b.rollback()
		restore()
	}
	b.problems = nil
	// Documents kept for later outputs were resolved with the old UI strings and layouts.
	b.resMu.Lock()
	for _, doc := range b.docs {
		b.resolved[doc] = &resolution{}
	}
	b.resMu.Unlock()
	// Rendered as a build renders them (their texts did not change), the pages seen first.
	groups, _ := groupPages(pages)
	first := b.seenFirst(groups, seen)
	problems := make([]diag.List, len(groups))
	var stopped atomic.Bool
	render := func(from, to int, stoppable bool) bool {
		each := par.For // the pages the editor sees, on every core
		if stoppable {
			each = b.forEach
		}
		each(to-from, func(i int) {
			if stoppable && (stopped.Load() || b.stopped()) {
				stopped.Store(true)
				return
			}
			problems[from+i] = b.renderGroup(groups[from+i])
		})
		return onceEach(problems[from:to], groups[from:to]).Err() == nil
	}
	// A full build reports the problems, and serves what it can.
	if !render(0, first, false) {
		undo()
		return nil, errNeedFull
	}
	early := b.tell(notify)
	ok := render(first, len(groups), true)
	switch {
	case stopped.Load():
		undo()
		return nil, errStopped
	case !ok:
		undo()
		return nil, errNeedFull
	}
	return b.finishUpdate(len(pages), notify, early, func() error {
		b.prepareKit()
		if err := b.problems.Err(); err != nil {
			return err
		}
		return b.writeExtras()
	}, undo)
}

// seenFirst moves to the front, in the order of seen, the groups that show a page at one of the
// site paths seen, and returns how many it moved.
func (b *builder) seenFirst(groups [][]*content.Page, seen []string) int {
	rank := map[string]int{}
	for i, p := range seen {
		if rel, ok := strings.CutPrefix(p, b.cfg.BasePath()); ok {
			rank[rel] = i + 1
		}
	}
	rankOf := func(g []*content.Page) int {
		r := 0
		for _, pg := range g {
			if k := rank[b.outPath(pg.URL)]; k > 0 && (r == 0 || k < r) {
				r = k
			}
		}
		return r
	}
	ranks := make(map[*content.Page]int, len(seen))
	n := 0
	for _, g := range groups {
		if r := rankOf(g); r > 0 {
			ranks[g[0]] = r
			n++
		}
	}
	if n == 0 {
		return 0
	}
	slices.SortStableFunc(groups, func(x, y []*content.Page) int {
		rx, ry := ranks[x[0]], ranks[y[0]]
		switch {
		case rx > 0 && ry > 0:
			return rx - ry
		case rx > 0:
			return -1
		case ry > 0:
			return 1
		}
		return 0
	})
	return n
}

// notice is what an update told the browser before it was over: the site paths, and the mark of
// the output journal after them.
type notice struct {
	mark    int
	changed []string
}

// tell tells notify which pages the update changed so far.
func (b *builder) tell(notify func([]string)) *notice {
	n := &notice{mark: b.out.Mark(), changed: b.sitePaths(b.out.ChangedSince(0))}
	if notify != nil && len(n.changed) > 0 {
		notify(n.changed)
	}
	return n
}

// layoutOf is the name of the layout a page is rendered with.
func (b *builder) layoutOf(pg *content.Page) string {
	if pg.Layout != "" {
		return pg.Layout
	}
	return pg.Kind.String()
}

// producerURLs lists the site paths every producer declares, in order.
func (b *builder) producerURLs() []string {
	var out []string
	for _, p := range b.producers() {
		out = append(out, p.urls()...)
	}
	return out
}
