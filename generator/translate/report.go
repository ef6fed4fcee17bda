package translate

import (
	"sort"
	"time"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/i18n"
)

// Report is the state of a site's translations.
type Report struct {
	// Source is the source (default) language; every other language translates from it.
	Source LangName `json:"source"`
	// SourcePages is the number of source-language pages that have text to translate.
	SourcePages int `json:"source_pages"`
	// Languages holds one entry per language, the source language first.
	Languages []*LangReport `json:"languages"`
	// ReviewMonths is the age after which a guide's reviewed date is overdue; Today is the date
	// the report was made for (YYYY-MM-DD).
	ReviewMonths int    `json:"review_months"`
	Today        string `json:"today"`
	// StoreMissing lists the versions translations point to that the store does not hold.
	StoreMissing []string `json:"store_missing,omitempty"`
	// Errors lists the site's load errors (file:line:col: message); the files with errors are
	// left out of the report, which covers everything else.
	Errors []string `json:"errors,omitempty"`
}

// LangName names a language.
type LangName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// LangReport is the state of one language.
type LangReport struct {
	LangName
	IsSource bool `json:"is_source"`
	// UpToDate are translations made from the current version of their source page.
	UpToDate []PageStatus `json:"up_to_date"`
	// Drifted are translations made from an older version (or that record none).
	Drifted []PageStatus `json:"drifted"`
	// Missing are source pages with no translation in this language (readers see the fallback).
	Missing []PageStatus `json:"missing"`
	// NoSource are pages of this language that have no source-language page.
	NoSource []PageStatus `json:"no_source,omitempty"`
	// MissingStrings are UI string keys the source language defines and this one does not.
	MissingStrings []string `json:"missing_strings"`
	StringsFile    string   `json:"strings_file"`
	// Overdue are guides whose reviewed date is older than the review threshold.
	Overdue []Review `json:"overdue_reviews"`
}

// PageStatus is one page in a report.
type PageStatus struct {
	// File is the translation's file ("content/en/x.md"); for a missing page, the file to create.
	File       string `json:"file"`
	SourceFile string `json:"source_file,omitempty"`
	URL        string `json:"url,omitempty"`
	SourceURL  string `json:"source_url,omitempty"`
	Title      string `json:"title"`
	// Recorded is the version in the translation's translated_from ("" when it records none);
	// Current is the source page's version now.
	Recorded string `json:"recorded,omitempty"`
	Current  string `json:"current,omitempty"`
	// Diff is a unified diff of the source text from the recorded version to the current one;
	// empty when the store does not hold the recorded version.
	Diff string `json:"diff,omitempty"`
}

// NeverSynced reports whether a drifted translation records no source version at all.
func (p PageStatus) NeverSynced() bool { return p.Recorded == "" }

// Review is a guide whose reviewed date is overdue.
type Review struct {
	File     string `json:"file"`
	Title    string `json:"title"`
	Reviewed string `json:"reviewed"` // YYYY-MM-DD
}

// Failed reports whether anything is missing or drifted, or the site has errors: what --strict
// fails on.
func (r *Report) Failed() bool {
	if len(r.Errors) > 0 {
		return true
	}
	for _, l := range r.Languages {
		if len(l.Drifted) > 0 || len(l.Missing) > 0 || len(l.MissingStrings) > 0 {
			return true
		}
	}
	return false
}

// Options control a report.
type Options struct {
	// Today is the date overdue reviews are counted from (the current date when zero).
	Today time.Time
	// ReviewMonths overrides review_max_age_months from site.toml when above zero.
	ReviewMonths int
}

// Check loads the site at root (its configuration, UI strings and published content) and reports
// the state of its translations. When files have errors, the report covers the rest (the errors
// listed in Report.Errors) and the errors are returned too, as a diag error; the report is nil
// only when nothing could be loaded (site.toml, an unreadable content folder).
func Check(root string, opts Options) (*Report, error) {
	cfg, err := config.Load(root)
	if err != nil {
		return nil, err
	}
	cat, problems := i18n.Load(root, cfg)
	site, p := content.Load(cfg, content.Options{KeepGoing: true})
	problems.Merge(p)
	if site == nil {
		return nil, problems.Err()
	}
	r := NewReport(site, cat, OpenStore(root), opts)
	problems.Sort()
	for _, p := range problems {
		if !p.Warning {
			r.Errors = append(r.Errors, p.Error())
		}
	}
	return r, problems.Err()
}

// NewReport builds the report of a loaded site; cat may be nil (then no UI strings are checked).
func NewReport(site *content.Site, cat *i18n.Catalog, store *Store, opts Options) *Report {
	cfg := site.Config
	def := cfg.DefaultLanguage
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	months := cfg.ReviewMaxMonths
	if opts.ReviewMonths > 0 {
		months = opts.ReviewMonths
	}
	r := &Report{ReviewMonths: months, Today: today.Format("2006-01-02")}
	if l := cfg.Default(); l != nil {
		r.Source = LangName{l.Code, l.Name}
	}
	srcLang := site.ByLang[def]
	var sources []*content.Page
	if srcLang != nil {
		for _, p := range srcLang.Pages {
			if HasFile(p) {
				sources = append(sources, p)
			}
		}
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].File < sources[j].File })
	r.SourcePages = len(sources)
	storeMissing := map[string]bool{}
	for _, l := range site.Languages {
		lr := &LangReport{LangName: LangName{l.Code, l.Name}, IsSource: l.Code == def,
			StringsFile: "i18n/" + l.Code + ".toml", UpToDate: []PageStatus{}, Drifted: []PageStatus{},
			Missing: []PageStatus{}, MissingStrings: []string{}, Overdue: []Review{}}
		r.Languages = append(r.Languages, lr)
		if cat != nil && !lr.IsSource {
			lr.MissingStrings = append(lr.MissingStrings, cat.Missing(l.Code)...)
		}
		for _, p := range l.Pages {
			if !HasFile(p) || p.Kind != content.KindPage || p.Reviewed().IsZero() {
				continue
			}
			if p.Reviewed().AddDate(0, months, 0).Before(today) {
				lr.Overdue = append(lr.Overdue, Review{File: p.File, Title: p.Title, Reviewed: p.Reviewed().Format("2006-01-02")})
			}
		}
		sort.Slice(lr.Overdue, func(i, j int) bool { return lr.Overdue[i].File < lr.Overdue[j].File })
		if lr.IsSource {
			continue
		}
		for _, src := range sources {
			tr := src.Translation(l.Code)
			if !HasFile(tr) {
				lr.Missing = append(lr.Missing, PageStatus{File: "content/" + l.Code + "/" + src.Path,
					SourceFile: src.File, SourceURL: src.URL, Title: src.Title})
				continue
			}
			ps := PageStatus{File: tr.File, SourceFile: src.File, URL: tr.URL, SourceURL: src.URL, Title: tr.Title,
				Recorded: tr.TranslatedFrom, Current: Hash(src)}
			if !Drifted(tr, src) {
				lr.UpToDate = append(lr.UpToDate, ps)
				continue
			}
			if ps.Recorded != "" {
				if old, ok := store.Get(ps.Recorded); ok {
					ps.Diff = Diff(src.File+" (translated version "+ps.Recorded+")", src.File+" (now "+ps.Current+")", old, Text(src))
				} else {
					storeMissing[ps.Recorded] = true
				}
			}
			lr.Drifted = append(lr.Drifted, ps)
		}
		for _, p := range l.Pages {
			if HasFile(p) && SourceOf(p, def) == nil {
				lr.NoSource = append(lr.NoSource, PageStatus{File: p.File, URL: p.URL, Title: p.Title})
			}
		}
		sort.Slice(lr.NoSource, func(i, j int) bool { return lr.NoSource[i].File < lr.NoSource[j].File })
	}
	for h := range storeMissing {
		r.StoreMissing = append(r.StoreMissing, h)
	}
	sort.Strings(r.StoreMissing)
	return r
}
