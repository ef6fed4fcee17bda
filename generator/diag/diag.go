// Package diag holds the one error type every stage of the build reports: a problem in a file the
// user wrote, with the file, line and column, what is wrong and how to fix it. Stages collect
// problems instead of stopping at the first, so that one build reports all of them, sorted by file.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is one mistake in one input file.
type Problem struct {
	File    string // path relative to the site root, with forward slashes
	Line    int    // 1-based; 0 when the problem is about the whole file
	Column  int    // 1-based; 0 when unknown
	Message string // what is wrong
	Hint    string // how to fix it; may be empty
	Warning bool   // a warning does not fail the build
}

// Error formats the problem as "file:line:col: message (hint)", the form editors and tools know.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(printable(p.File))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString("\n    ")
		b.WriteString(strings.ReplaceAll(p.Hint, "\n", "\n    "))
	}
	return b.String()
}

// printable returns a file name as it can be shown on one line: quoted, with escapes, when it
// holds control characters (a line break) or bytes that are not UTF-8.
func printable(file string) string {
	if utf8.ValidString(file) && !strings.ContainsFunc(file, unicode.IsControl) {
		return file
	}
	return strconv.Quote(file)
}

// List is a set of problems from one build. Its zero value is ready to use.
type List []Problem

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }

// Addf appends an error at file:line:col.
func (l *List) Addf(file string, line, col int, format string, args ...any) {
	l.Add(Problem{File: file, Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
}

// Merge appends all problems of other.
func (l *List) Merge(other List) { *l = append(*l, other...) }

// Sort orders problems by file, line and column, then message, so output is deterministic.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
}

// Errors returns the problems that are not warnings.
func (l List) Errors() List {
	var out List
	for _, p := range l {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems that are warnings.
func (l List) Warnings() List {
	var out List
	for _, p := range l {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Err returns nil when the list holds no errors (warnings do not count), else an error whose text
// lists every error, one per line, sorted.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return &Error{Problems: errs}
}

// Error is the error returned by a failed stage: all its problems.
type Error struct{ Problems List }

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// AsList returns the problems carried by err: those of an *Error, or one problem without a file.
func AsList(err error) List {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	var p Problem
	if errors.As(err, &p) {
		return List{p}
	}
	return List{{Message: err.Error()}}
}
