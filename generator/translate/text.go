package translate

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteJSON writes the report as indented JSON, for tools.
func WriteJSON(w io.Writer, r *Report) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteText writes the report for editors: per language what is up to date, what changed in the
// source since it was translated (with the changes), what is not translated yet, missing UI strings
// and guides due for a review. cmd names the command to mark a translation synced.
func WriteText(w io.Writer, r *Report, cmd string) error {
	var b strings.Builder
	if len(r.Errors) > 0 {
		fmt.Fprintf(&b, "The site has %d errors; the files with errors are left out of this report:\n", len(r.Errors))
		for _, e := range r.Errors {
			b.WriteString("  " + strings.ReplaceAll(e, "\n", "\n  ") + "\n")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Translations of the %s (%s) pages: %d source pages.\n", r.Source.Name, r.Source.Code, r.SourcePages)
	for _, l := range r.Languages {
		b.WriteString("\n")
		if l.IsSource {
			fmt.Fprintf(&b, "%s (%s), the source language\n", l.Name, l.Code)
		} else {
			fmt.Fprintf(&b, "%s (%s): %d up to date, %d changed in the source, %d not translated, %d UI strings missing\n",
				l.Name, l.Code, len(l.UpToDate), len(l.Drifted), len(l.Missing), len(l.MissingStrings))
		}
		if len(l.Drifted) > 0 {
			heading := "Source changed since the translation"
			for _, p := range l.Drifted {
				if p.NeverSynced() {
					heading += ", or never marked as synced"
					break
				}
			}
			b.WriteString("  " + heading + " (readers see a notice):\n")
			for _, p := range l.Drifted {
				fmt.Fprintf(&b, "    %s\n", p.File)
				switch {
				case p.NeverSynced():
					fmt.Fprintf(&b, "      never marked as synced with %s; compare it with the source\n", p.SourceFile)
				case p.Diff == "":
					fmt.Fprintf(&b, "      translated from version %s of %s, now %s; that version is not kept in %s, so compare the whole page\n",
						p.Recorded, p.SourceFile, p.Current, StoreDir)
				default:
					fmt.Fprintf(&b, "      changes in %s since it was translated:\n", p.SourceFile)
					for _, line := range strings.SplitAfter(strings.TrimSuffix(p.Diff, "\n"), "\n") {
						b.WriteString("        " + line)
					}
					b.WriteString("\n")
				}
			}
			fmt.Fprintf(&b, "    After updating a translation, run: %s --mark-synced FILE\n", cmd)
		}
		if len(l.Missing) > 0 {
			b.WriteString("  Not translated yet (readers see the source text with a notice):\n")
			for _, p := range l.Missing {
				fmt.Fprintf(&b, "    %s  (source: %s)\n", p.File, p.SourceFile)
			}
		}
		if len(l.NoSource) > 0 {
			fmt.Fprintf(&b, "  Pages with no %s source page:\n", r.Source.Code)
			for _, p := range l.NoSource {
				fmt.Fprintf(&b, "    %s\n", p.File)
			}
		}
		if len(l.MissingStrings) > 0 {
			fmt.Fprintf(&b, "  UI strings missing in %s (the %s text is shown): %s\n", l.StringsFile, r.Source.Code, strings.Join(l.MissingStrings, ", "))
		}
		if len(l.Overdue) > 0 {
			fmt.Fprintf(&b, "  Guides not reviewed for more than %d months:\n", r.ReviewMonths)
			for _, rv := range l.Overdue {
				fmt.Fprintf(&b, "    %s  (reviewed %s)\n", rv.File, rv.Reviewed)
			}
		}
	}
	b.WriteString("\n")
	if r.Failed() {
		b.WriteString("Some translations need work (see above).\n")
	} else {
		b.WriteString("All translations are up to date.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
