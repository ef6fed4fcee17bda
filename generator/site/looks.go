package site

import (
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/i18n"
	"pandu/generator/internal/par"
	"pandu/generator/markdown"
	"pandu/generator/templates"
)

// lookEdits reports which layout files and which languages' UI strings the changed paths are,
// and whether they are all of that kind: an edit of the site's look, which leaves the model as it
// is (see updateLooks).
func lookEdits(changed []string) (layouts []string, langs map[string]bool, ok bool) {
	langs = map[string]bool{}
	for _, rel := range changed {
		switch {
		case strings.HasPrefix(rel, "layouts/") && strings.HasSuffix(rel, ".html"):
			layouts = append(layouts, rel)
		case strings.HasPrefix(rel, "i18n/") && path.Dir(rel) == "i18n" && strings.HasSuffix(rel, ".toml"):
			langs[strings.TrimSuffix(path.Base(rel), ".toml")] = true
		default:
			return nil, nil, false
		}
	}
	return layouts, langs, len(changed) > 0
}

// updateLooks is the fast path for edits of layout files and UI strings: the model stays as it
// is. It loads the layouts and UI strings again, renders again only the pages whose layout reads
// an edited layout file (templates.Set.Files) or whose language, or whose text's language, has
// edited UI strings, and then runs every producer. It returns errNeedFull, having changed nothing,
// when the edit may change more than that: other problems in the new layouts or UI strings than
// the last full build found (a full build reports them), a layout added or removed, an edited partial that page bodies use (contact
// cards, callouts, checklists), or UI strings that move a published address (search_slug,
// print_slug). A failure after files were written undoes everything.
func (b *builder) updateLooks(layoutFiles []string, langs map[string]bool, notify func([]string)) (*Change, error) {
	catalog := b.catalog
	if len(langs) > 0 {
		cat, p := i18n.Load(b.opts.Source, b.cfg)
		if cat == nil || !reflect.DeepEqual(p, b.lookProblems.i18n) {
			return nil, errNeedFull
		}
		catalog = cat
	}
	layouts, p := templates.Load(b.opts.Source, templates.Env{Config: b.cfg, Catalog: catalog, Assets: b.assets})
	if layouts == nil || !reflect.DeepEqual(p, b.lookProblems.layouts) || !slices.Equal(layouts.Names(), b.layouts.Names()) {
		return nil, errNeedFull
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
	restore := func() {
		b.layouts, b.catalog, b.md, b.handouts = saved.layouts, saved.catalog, saved.md, saved.handouts
		b.problems, b.booklets, b.kits = saved.problems, saved.booklets, saved.kits
		b.resetViews()
	}
	b.layouts, b.catalog = layouts, catalog
	b.md = markdown.New(b.markdownOptions())
	b.resetViews()
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
	// Rendered as a build renders them; their texts did not change.
	groups := groupPages(pages)
	problems := make([]diag.List, len(groups))
	par.For(len(groups), func(i int) { problems[i] = b.renderGroup(groups[i]) })
	if onceEach(problems, groups).Err() != nil {
		undo()
		return nil, errNeedFull // a full build reports the problems, and serves what it can
	}
	return b.finishUpdate(len(pages), notify, func() error {
		b.booklets = nil
		b.prepareKit()
		if err := b.problems.Err(); err != nil {
			return err
		}
		return b.writeExtras()
	}, undo)
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
