// Package site runs the build: it is the one place that sees every stage. It loads the
// configuration, the UI strings, the data files and the content model; parses every page's
// Markdown; resolves links, law references, glossary terms and contacts against the whole site;
// renders each page with its layout in one pass, dropping each parsed text once its page is
// written; runs the producers of the files a site needs around its pages (sitemap, feeds,
// robots.txt, alias redirects, 404 pages, the root language chooser, search, offline version,
// booklets, hosting files), each of which declares the paths it writes so that links are
// checked against them; and publishes the output atomically. Every problem of one build is
// reported together, sorted by file.
//
// The files, in the order a page goes through them: build.go is the pipeline (Build: load,
// render, commit); builder.go the state of one build; load.go the inputs beside the content
// model; render.go the one pass over the pages (parse, resolve, render); resolve.go the answers
// a page's links get from the site; view.go what the layouts receive; write.go the output files
// and who claims them; producers.go the outputs around the pages. session.go keeps a build in
// memory for the preview and updates it after edits (reuse.go: a rebuild keeps the pages made
// from what they were made from before).
package site

import (
	"errors"
	"maps"
	"path/filepath"
	"sync/atomic"
	"time"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/i18n"
	"pandu/generator/markdown"
	"pandu/generator/output"
	"pandu/generator/sourcefs"
	"pandu/generator/templates"
)

// Build builds the site. On any error the destination is left as it was.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	if err := output.CheckDest(opts.Source, opts.Dest); err != nil {
		return nil, diag.Problem{File: opts.Dest, Message: err.Error()}
	}
	b := newBuilder(opts)
	b.phase("start")
	opts.Progress.start("reading the site", 0)
	if err := b.load(); err != nil {
		return nil, err
	}
	out, err := output.New(opts.Source, opts.Dest, opts.Minify)
	if err != nil {
		return nil, diag.Problem{File: opts.Dest, Message: err.Error()}
	}
	for _, note := range out.Notes() {
		b.problems.Add(diag.Problem{File: opts.Dest, Warning: true, Message: note})
	}
	b.out = out
	out.Inspect(b.inline.inspect)
	ok := false
	defer func() {
		if !ok {
			out.Abort()
		}
	}()
	if err := b.render(); err != nil {
		return nil, err
	}
	res := b.result()
	b.phase("extras")
	opts.Progress.start("publishing", 0)
	if err := out.Commit(); err != nil {
		var we *output.WriteError
		if errors.As(err, &we) { // a file written in the background failed (output.queue)
			return nil, diskProblem(opts.Dest, we)
		}
		return nil, err
	}
	ok = true
	b.phase("commit")
	res.Files = len(out.Files())
	res.Duration = time.Since(start)
	res.Warnings.Sort()
	return res, nil
}

// copyStatic copies the static files into the output. A preview rebuild after edits of content/
// only takes them from the previous build, which copied the same folder.
func (b *builder) copyStatic() (output.Assets, error) {
	if b.prev != nil {
		reuse := true
		for _, u := range b.prev.assets {
			if _, ok := b.prev.out.File(b.outPath(u)); !ok {
				reuse = false
			}
		}
		if reuse {
			for _, u := range b.prev.assets {
				if _, err := b.out.Reuse(b.prev.out, b.outPath(u)); err != nil {
					return nil, err
				}
			}
			return b.prev.assets, nil
		}
	}
	return b.out.CopyStatic(b.src, filepath.Join(b.opts.Source, "static"), b.cfg.MaxFile(), b.cfg.BasePath())
}

// load reads every input and builds the model; it stops after a stage with errors.
func (b *builder) load() error {
	cfg, err := config.Load(b.opts.Source)
	if err != nil {
		return err
	}
	if b.opts.BaseURL != "" {
		if err := cfg.SetBaseURL(b.opts.BaseURL); err != nil {
			return err
		}
	}
	b.cfg = cfg
	if p, ok := cfg.BaseURLProblem(); ok && !b.opts.Preview {
		// Once per build: links still work on the host, but every absolute address (canonical,
		// hreflang, sitemap, feeds, Open Graph) points nowhere, and the booklets leave out their
		// QR codes rather than print dead ones.
		p.Warning = true
		p.Message += "; until then canonical links, hreflang, the sitemap and feeds point to it, and the printed booklets have no QR codes"
		b.problems.Add(p)
	}
	if b.src, err = sourcefs.For(b.opts.Source); err != nil {
		return diag.Problem{File: ".", Message: err.Error()}
	}
	b.problems.Merge(cfg.Warnings) // e.g. a placeholder [publisher]
	var cat *i18n.Catalog
	var p diag.List
	if b.prev != nil && !b.newStrings {
		// A preview rebuild after edits of content/ or layouts: the UI strings are those the
		// previous build read.
		cat, p = b.prev.catalog, b.prev.lookProblems.i18n
	} else {
		cat, p = i18n.Load(b.opts.Source, cfg)
	}
	b.problems.Merge(p)
	b.lookProblems.i18n = p
	b.catalog = cat
	b.loadData()
	var site *content.Site
	if b.prev != nil && b.sameContent {
		// A preview rebuild after edits of layouts or UI strings only: the site model is the
		// one the previous build read from the same files (never changed by a build).
		site, p = b.prev.site, b.prev.contentProblems
	} else {
		site, p = content.Load(cfg, content.Options{Drafts: b.opts.Drafts, KeepGoing: b.keepGoing, Parsed: b.opts.files})
	}
	b.contentProblems = p
	b.problems.Merge(p)
	b.unloaded = map[string]bool{}
	for _, x := range p.Errors() {
		b.unloaded[x.File] = true
	}
	if site == nil || cat == nil {
		return b.problems.Err()
	}
	if err := b.stop(); err != nil {
		return err
	}
	b.site = site
	return nil
}

// render copies the static files, loads the layouts, registers every path the site publishes,
// renders every page in one pass, then runs the producers.
func (b *builder) render() error {
	// The views every page shares need only the model: they are made while the static files and
	// layouts are read and the paths registered, language by language, so that the first page
	// (the one a preview's browser waits for) waits for its own language's at most.
	go func() {
		c := b.views()
		for _, l := range b.cfg.Ordered {
			c.of(l.Code)
		}
	}()
	var err error
	b.assets, err = b.copyStatic()
	if err != nil {
		return staticProblem(err)
	}
	for rel, u := range b.assets {
		if err := b.claim("static/"+rel, b.outPath(u)); err != nil {
			b.problems.Merge(diag.AsList(err)) // static/Img/x.png beside static/img/x.png
		}
		b.published[u] = filepath.Join(b.opts.Source, "static", filepath.FromSlash(rel))
		b.published[b.cfg.BasePath()+rel] = b.published[u]
	}
	var layouts *templates.Set
	var p diag.List
	if b.prev != nil && !b.newLayouts && !b.newStrings {
		// A preview rebuild after edits of content/ only: the layouts are those the previous
		// build parsed, with the same UI strings and static files.
		layouts, p = b.prev.layouts, b.prev.lookProblems.layouts
	} else {
		layouts, p = templates.Load(b.opts.Source, templates.Env{Config: b.cfg, Catalog: b.catalog, Assets: b.assets})
	}
	b.problems.Merge(p)
	b.lookProblems.layouts = p
	if p.Err() != nil || layouts == nil {
		return b.problems.Err() // without its layouts no page can be built
	}
	if err := b.stop(); err != nil {
		return err
	}
	b.layouts = layouts
	b.phase("load")
	b.md = markdown.New(b.markdownOptions())

	pages := b.site.Pages
	b.declare()
	if err := b.stop(); err != nil {
		return err
	}

	// Parse, resolve and render each text in one pass, in parallel. A fallback copy shows its
	// source's text and shares its document (parsed once, resolved again for the copy's links
	// and labels). Each document is dropped as soon as its pages are written: only what later
	// outputs need is kept (anchors, search entries), so that memory does not grow with the text
	// of the site.
	groups, index := groupPages(pages)
	if !b.incremental {
		b.reread = b.rereadPaths()
		if err := b.startSearchFiles(); err != nil {
			return err
		}
	}
	b.opts.Progress.start("rendering pages", len(pages))
	problems := make([]diag.List, len(groups))
	var skipped atomic.Bool // a preview rebuild a newer edit stops (Session.Interrupt)
	render := func(d *demand, i int) {
		if b.stopped() {
			skipped.Store(true)
			return
		}
		d.render(b, i)
	}
	if b.prev == nil {
		// The files that need only the model and the layouts first: the preview serves them
		// while the pages render.
		b.writeEarly()
		d := b.startDemand(groups, index, problems)
		d.wroteEarly()
		b.forEach(len(groups), func(i int) { render(d, i) })
	} else {
		// The preview rebuilt its model. The pages asked for are rendered from now on (the
		// build served until this one is over has the other files), while this pass writes the
		// early files and compares the texts with the previous build's. It renders the changed
		// and new texts first, then the pages of the others, which keep their previous output
		// where nothing they were made from changed (reuse.go); that needs the anchors of every
		// text.
		d := b.startDemand(groups, index, problems)
		if b.opts.writingEarly != nil {
			b.opts.writingEarly()
		}
		b.writeEarly()
		d.wroteEarly()
		// As many files as before, as a rule: room for them is made once, while the pages asked
		// for are rendered, rather than before (nor before the early files: an alias just added
		// is reloaded at once).
		b.out.Reserve(b.prev.out.Len())
		b.reserveClaims(len(b.prev.owners))
		// Each made again only if its pages changed.
		b.searchFiles, b.searchPages = maps.Clone(b.prev.searchFiles), maps.Clone(b.prev.searchPages)
		changed, same := b.sameTexts(groups)
		b.forEach(len(changed), func(k int) { render(d, changed[k]) })
		b.forEach(len(same), func(k int) { render(d, same[k]) })
	}
	if skipped.Load() {
		// A stopped pass did not wait for the groups the preview renders on demand
		// (tellSeen): those may still read b.prev. This builder is dropped.
		return errStopped
	}
	// Every group is rendered: the previous build can go.
	b.prev, b.sameText, b.prevProblems = nil, nil, nil
	b.checkAnchorsLater(groups, problems)
	b.problems.Merge(onceEach(problems, groups))
	b.rendered = true
	if err := b.stop(); err != nil {
		return err
	}
	b.phase("render")
	b.opts.Progress.start("writing the search index, booklets and feeds", 0)
	b.checkHelp()
	b.prepareKit()
	if err := b.stop(); err != nil {
		return err
	}
	if err := b.writeExtras(); errors.Is(err, errStopped) {
		return err
	} else if err != nil {
		b.problems.Merge(diag.AsList(err))
	}
	return b.problems.Err()
}
