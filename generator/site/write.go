package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"

	"sort"
	"strings"

	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/output"
	"pandu/generator/sourcefs"
)

// claim records that from (a file of the site, for messages) writes the output file rel, and
// returns an error naming both files when another one already writes it, or a file whose name
// differs only in case (on macOS and Windows they are one file).
func (b *builder) claim(from, rel string) error {
	key := strings.ToLower(rel)
	b.ownMu.Lock()
	defer b.ownMu.Unlock()
	if b.owners == nil {
		b.owners = map[string]owner{}
	}
	if prev, ok := b.owners[key]; ok && prev != (owner{from, rel}) {
		msg := fmt.Sprintf("this writes %s, which %s writes too", rel, prev.from)
		if prev.rel != rel {
			msg = fmt.Sprintf("this writes %s, and %s writes %s: the names differ only in case, which is one file on macOS and Windows", rel, prev.from, prev.rel)
		}
		return diag.Problem{File: from, Message: msg, Hint: "give one of them another name or slug"}
	}
	b.owners[key] = owner{from, rel}
	return nil
}

// reserveClaims makes room for n claims, keeping those made already (see output.Writer.Reserve).
func (b *builder) reserveClaims(n int) {
	b.ownMu.Lock()
	room := len(b.owners) < n
	b.ownMu.Unlock()
	if !room {
		return
	}
	owners := make(map[string]owner, n) // made before the lock, as claims go on meanwhile
	b.ownMu.Lock()
	defer b.ownMu.Unlock()
	maps.Copy(owners, b.owners)
	b.owners = owners
}

// owner is the site file that writes an output file, and the output file's name.
type owner struct{ from, rel string }

// write writes an output file (minified by its type) that from produces; errors name from and
// the output path, never the temporary folder.
func (b *builder) write(from, rel string, data []byte) error {
	if err := b.claim(from, rel); err != nil {
		return err
	}
	return writeProblem(from, rel, b.out.WriteFile(rel, data))
}

// writeRaw is write without minifying.
func (b *builder) writeRaw(from, rel string, data []byte) error {
	if err := b.claim(from, rel); err != nil {
		return err
	}
	return writeProblem(from, rel, b.out.WriteRaw(rel, data))
}

// stream starts an output file that is written in pieces (see output.Writer.Stream), not
// minified.
func (b *builder) stream(from, rel string) (*output.Stream, error) {
	if err := b.claim(from, rel); err != nil {
		return nil, err
	}
	s, err := b.out.Stream(rel)
	return s, writeProblem(from, rel, err)
}

// writeKnown is writeRaw for bytes an earlier build wrote, whose SHA-256 is known (see
// output.Writer.WriteRawSum).
func (b *builder) writeKnown(from, rel string, data []byte, sum [sha256.Size]byte) error {
	if err := b.claim(from, rel); err != nil {
		return err
	}
	return writeProblem(from, rel, b.out.WriteRawSum(rel, data, sum))
}

// copyFile publishes the file src, which the site file from names, at rel.
func (b *builder) copyFile(from, rel, src string) error {
	if err := b.claim(from, rel); err != nil {
		return err
	}
	data, err := b.src.ReadFile(src, b.cfg.MaxFile())
	if err != nil {
		return sourcefs.Problem(err, from)
	}
	return writeProblem(from, rel, b.out.WriteRaw(rel, data))
}

// writeProblem turns an error of writing rel into a problem of from. A file system error names
// the output path, not the temporary folder the build writes into.
func writeProblem(from, rel string, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	var we *output.WriteError
	var pe *fs.PathError
	if errors.As(err, &we) {
		return diskProblem(from, we) // the file that failed, which may be one written before rel
	} else if errors.As(err, &pe) {
		msg = fmt.Sprintf("cannot write %s: %v", rel, pe.Err)
	}
	if errors.Is(err, output.ErrWrittenTwice) {
		// Two things this file makes land on one output file (e.g. a page and one of its
		// copies, or two aliases that name one folder).
		return diag.Problem{File: from, Message: fmt.Sprintf("this file makes %s twice", rel),
			Hint: "give the pages another slug or translation_key, or remove an alias, so that each URL is made once"}
	}
	return diag.Problem{File: from, Message: msg}
}

// diskProblem reports a file of the output that could not be written to disk, as a problem of
// file: the site file being published when the build stopped, or the output folder.
func diskProblem(file string, we *output.WriteError) diag.Problem {
	return diag.Problem{File: file, Message: we.Error(),
		Hint: "free space on the disk that holds the output folder, or make the folder writable, then build again; the previous output is unchanged"}
}

// onceEach merges the problems of rendering each group of pages, reporting a problem that
// several pages share (a layout error hits every page that uses the layout) once, with how many
// pages and which page first.
func onceEach(problems []diag.List, groups [][]*content.Page) diag.List {
	type seen struct {
		at    int // index in out
		count int
		first string
	}
	var out diag.List
	byKey := map[diag.Problem]*seen{}
	for i, list := range problems {
		for _, p := range list {
			if s := byKey[p]; s != nil {
				s.count++
				continue
			}
			byKey[p] = &seen{at: len(out), count: 1, first: groups[i][0].File}
			out = append(out, p)
		}
	}
	for p, s := range byKey {
		if s.count > 1 && p.File != s.first {
			out[s.at].Message += fmt.Sprintf(" (on %d pages, first %s)", s.count, s.first)
		}
	}
	return out
}

// known reports whether something is published at a site path.
func (b *builder) known(p string) bool {
	if _, ok := b.published[p]; ok {
		return true
	}
	if b.byURL[p] != nil || b.byURL[p+"/"] != nil {
		return true
	}
	return false
}

// diskPath returns the file on disk published at a site path, or "".
func (b *builder) diskPath(p string) string { return b.published[p] }

// outPath is the output file of a site path: "/id/x/" -> "id/x/index.html".
func (b *builder) outPath(url string) string {
	rel := strings.TrimPrefix(url, b.cfg.BasePath())
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
