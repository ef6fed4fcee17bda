package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pandu/generator/translate"
)

// statusUsage is the help of `pandu status`.
const statusUsage = `Usage:
  pandu status [--source DIR] [--json] [--strict] [--review-months N]
  pandu status [--source DIR] --mark-synced FILE [FILE...]

Reports per language the translations that are up to date, those whose source page changed
since they were translated (with the changes), pages not translated yet, missing UI strings,
and guides whose reviewed date is older than review_max_age_months in site.toml.

Flags:
  --source DIR        site root (default: the folder with site.toml, here or above)
  --json              print the report as JSON
  --strict            exit with status 1 when anything is missing or changed (for CI)
  --review-months N   override review_max_age_months
  --mark-synced FILE  record that a translation is up to date with its source page
                      (repeatable; further FILE arguments are marked too)

Exit status: 0 ok, 1 strict failure or content errors, 2 wrong usage.
`

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// cmdStatus runs `pandu status` and returns the exit status.
func cmdStatus(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("status", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, statusUsage) }
	source := fs.String("source", ".", "site root")
	asJSON := fs.Bool("json", false, "print JSON")
	strict := fs.Bool("strict", false, "fail when anything is missing or drifted")
	months := fs.Int("review-months", 0, "override review_max_age_months")
	var mark multiFlag
	fs.Var(&mark, "mark-synced", "translation to mark as up to date")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *months < 0 {
		fmt.Fprintf(stderr, "pandu status: --review-months must be a positive number of months, not %d\n", *months)
		return 2
	}
	if err := siteSource(fs, source); err != nil {
		printProblems(stderr, err)
		return 1
	}
	if len(mark) > 0 {
		mark = append(mark, fs.Args()...)
		return markSynced(*source, mark, stdout, stderr)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pandu status: unexpected argument %q (to mark a translation as synced, use --mark-synced %s)\n", fs.Arg(0), fs.Arg(0))
		return 2
	}
	rep, loadErr := translate.Check(*source, translate.Options{ReviewMonths: *months})
	if rep == nil {
		printProblems(stderr, loadErr)
		return 1
	}
	var err error
	if *asJSON {
		err = translate.WriteJSON(stdout, rep)
	} else {
		err = translate.WriteText(stdout, rep, "pandu status")
	}
	if err != nil {
		fmt.Fprintln(stderr, "pandu status:", err)
		return 1
	}
	if loadErr != nil {
		// The report above covers every file without errors and lists the errors.
		fmt.Fprintf(stderr, "pandu status: the site has %d errors (listed in the report); fix them and run again\n", len(rep.Errors))
		return 1
	}
	if *strict && rep.Failed() {
		if !*asJSON {
			fmt.Fprintln(stderr, "pandu status --strict: translations are missing or out of date")
		}
		return 1
	}
	return 0
}

// markSynced runs --mark-synced. Paths are taken relative to the current folder, or to the site
// root when they do not exist from here.
func markSynced(source string, files []string, stdout, stderr io.Writer) int {
	rootAbs, err := filepath.Abs(source)
	if err != nil {
		fmt.Fprintln(stderr, "pandu status:", err)
		return 1
	}
	rel := make([]string, len(files))
	for i, f := range files {
		rel[i] = f
		if _, err := os.Stat(f); err != nil {
			continue
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		if r, err := filepath.Rel(rootAbs, abs); err == nil && !strings.HasPrefix(r, "..") {
			rel[i] = r
		}
	}
	done, removed, err := translate.MarkSynced(source, rel)
	for _, s := range done {
		if s.Changed {
			fmt.Fprintf(stdout, "%s: synced with %s (version %s)\n", s.File, s.Source, s.Hash)
		} else {
			fmt.Fprintf(stdout, "%s: already synced with %s (version %s)\n", s.File, s.Source, s.Hash)
		}
	}
	if len(removed) > 0 {
		fmt.Fprintf(stdout, "removed %d source versions no translation points to from %s\n", len(removed), translate.StoreDir)
	}
	if err != nil {
		printProblems(stderr, err)
		return 1
	}
	return 0
}
