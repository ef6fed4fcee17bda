// Package sourcefs reads the site's source files (site.toml, content/, layouts/, i18n/, static/)
// and nothing else. It owns the rules that keep a build from publishing what it must not: only
// regular files are read (a FIFO, socket or device is an error, never opened for reading), a
// symbolic link is followed only when its target stays inside the site root (so a link to
// /proc/self/environ or /etc/passwd is an error naming the link), and a file larger than its
// limit is an error instead of a build that eats the machine's memory. Every stage reads its
// inputs through this package, so the build and the preview server follow the same rules.
package sourcefs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"pandu/generator/diag"
)

// Default limits, used when site.toml sets none ([limits] in the config).
const (
	DefaultMaxMarkdown = 8 << 20  // a guide is a few KB; 8 MB is far beyond any real page
	DefaultMaxFile     = 64 << 20 // static files: images, PDFs
)

// Error is a problem with one source path. Path is relative to the site root (slash-separated)
// when the file is inside it.
type Error struct {
	Path    string
	Problem string
	Hint    string
	Err     error // the underlying error, if any
}

func (e *Error) Error() string {
	s := e.Path + ": " + e.Problem
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Problem turns err into a build problem: an *Error names its own file, with its hint; any other
// error becomes a problem of file.
func Problem(err error, file string) diag.Problem {
	var e *Error
	if errors.As(err, &e) {
		return diag.Problem{File: e.Path, Message: e.Problem, Hint: e.Hint}
	}
	return diag.Problem{File: file, Message: err.Error()}
}

// Root is a site root on disk. Its methods are safe for concurrent use.
type Root struct {
	dir  string // as given, cleaned and absolute
	real string // with every symbolic link resolved
	dirs sync.Map
}

// Open returns the Root for the site folder dir.
func Open(dir string) (*Root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	return &Root{dir: abs, real: real}, nil
}

var (
	rootsMu sync.Mutex
	roots   = map[string]*Root{}
)

// For returns the Root for dir, shared by every caller in the process (it caches resolved folders).
func For(dir string) (*Root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rootsMu.Lock()
	defer rootsMu.Unlock()
	if r := roots[abs]; r != nil {
		return r, nil
	}
	r, err := Open(abs)
	if err != nil {
		return nil, err
	}
	roots[abs] = r
	return r, nil
}

// Dir returns the root folder (absolute).
func (r *Root) Dir() string { return r.dir }

// Rel returns p relative to the root, slash-separated, for messages.
func (r *Root) Rel(p string) string {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(r.dir, p)
	}
	if rel, err := filepath.Rel(r.dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// abs makes p absolute: like the os package, a relative path is relative to the working folder.
func (r *Root) abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// inside reports whether the real (resolved) path real is the root or inside it.
func (r *Root) inside(real string) bool {
	return real == r.real || strings.HasPrefix(real, r.real+string(filepath.Separator)) ||
		(strings.HasSuffix(r.real, string(filepath.Separator)) && strings.HasPrefix(real, r.real))
}

// realDir resolves the folder dir (absolute), caching the answer.
func (r *Root) realDir(dir string) (string, error) {
	if v, ok := r.dirs.Load(dir); ok {
		return v.(string), nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	r.dirs.Store(dir, real)
	return real, nil
}

// resolve returns the real path of p (absolute) after checking that it stays inside the root.
func (r *Root) resolve(p string) (string, error) {
	real, _, err := r.resolveInfo(p)
	return real, err
}

// resolveInfo is resolve that also returns what Lstat found when p is not a symbolic link (the
// file itself, so that ReadFile need not look again), else nil.
func (r *Root) resolveInfo(p string) (string, fs.FileInfo, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return "", nil, &Error{Path: r.Rel(p), Problem: "cannot read: " + plainErr(err), Err: err}
	}
	own := fi
	var real string
	if fi.Mode()&fs.ModeSymlink != 0 {
		own = nil
		real, err = filepath.EvalSymlinks(p)
		if err != nil {
			return "", nil, &Error{Path: r.Rel(p), Problem: "symbolic link that cannot be followed: " + plainErr(err),
				Hint: "remove the link or point it at a file inside the site", Err: err}
		}
	} else {
		dir, err := r.realDir(filepath.Dir(p))
		if err != nil {
			return "", nil, &Error{Path: r.Rel(p), Problem: "cannot read its folder: " + plainErr(err), Err: err}
		}
		real = filepath.Join(dir, filepath.Base(p))
	}
	if !r.inside(real) {
		target, _ := os.Readlink(p)
		if target == "" {
			target = real
		}
		return "", nil, &Error{Path: r.Rel(p), Problem: "symbolic link to " + target + ", outside the site folder; it is not published",
			Hint: "copy the file into the site instead of linking to it"}
	}
	return real, own, nil
}

// special describes a file mode that is not a regular file or folder, or "".
func special(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0 || !m.IsRegular() && !m.IsDir():
		return "not a regular file"
	}
	return ""
}

// ReadFile reads the regular file p (absolute, or relative to the working folder, like os.ReadFile) of at most max bytes.
func (r *Root) ReadFile(p string, max int64) ([]byte, error) {
	p = r.abs(p)
	real, fi, err := r.resolveInfo(p)
	if err != nil {
		return nil, err
	}
	// Look before opening: opening a FIFO for reading blocks, and opening a device can act.
	if fi == nil {
		if fi, err = os.Stat(real); err != nil {
			return nil, &Error{Path: r.Rel(p), Problem: "cannot read: " + plainErr(err), Err: err}
		}
	}
	if fi.IsDir() {
		return nil, &Error{Path: r.Rel(p), Problem: "is a folder, not a file"}
	}
	if s := special(fi.Mode()); s != "" {
		return nil, &Error{Path: r.Rel(p), Problem: "is " + s + "; only regular files are read", Hint: "remove it from the site folder"}
	}
	if fi.Size() > max {
		return nil, tooBig(r.Rel(p), fi.Size(), max)
	}
	f, err := openNoBlock(real)
	if err != nil {
		return nil, &Error{Path: r.Rel(p), Problem: "cannot read: " + plainErr(err), Err: err}
	}
	defer f.Close()
	// The file may have been swapped between the look and the open: look again at what is open.
	open, err := f.Stat()
	if err != nil || !open.Mode().IsRegular() {
		return nil, &Error{Path: r.Rel(p), Problem: "changed into something that is not a regular file while being read"}
	}
	// Read into a buffer of the file's size (plus room to see it grow), not one that doubles.
	var buf bytes.Buffer
	buf.Grow(int(min(open.Size(), max)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, &Error{Path: r.Rel(p), Problem: "cannot read: " + plainErr(err), Err: err}
	}
	if int64(buf.Len()) > max {
		return nil, tooBig(r.Rel(p), int64(buf.Len()), max)
	}
	return buf.Bytes(), nil
}

func tooBig(rel string, size, max int64) error {
	return &Error{Path: rel, Problem: fmt.Sprintf("is %s, over the limit of %s", human(size), human(max)),
		Hint: "split it into smaller files, or raise the limit in site.toml under [limits]"}
}

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Entry is one file found by Walk.
type Entry struct {
	Path string // absolute path as reached from the walked folder (links are not resolved)
	Rel  string // slash path relative to the walked folder
}

// Walk lists the regular files under dir (absolute, or relative to the working folder) in the order of
// filepath.WalkDir (each folder's entries by name, a folder's files before the next name).
// Names starting with "." are skipped. A symbolic link is followed when its target stays inside
// the root (a linked folder is walked under the link's name); a link out of the root, a loop,
// or a special file is an error. A missing dir gives an error satisfying errors.Is(err,
// fs.ErrNotExist).
func (r *Root) Walk(dir string) ([]Entry, []error) {
	dir = r.abs(dir)
	real, err := r.resolve(dir)
	if err != nil {
		return nil, []error{err}
	}
	var out []Entry
	var errs []error
	r.walk(dir, "", real, map[string]bool{real: true}, &out, &errs)
	return out, errs
}

func (r *Root) walk(dir, rel, real string, onPath map[string]bool, out *[]Entry, errs *[]error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		*errs = append(*errs, &Error{Path: r.Rel(dir), Problem: "cannot read folder: " + plainErr(err), Err: err})
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		childRel := name
		if rel != "" {
			childRel = rel + "/" + name
		}
		mode := e.Type()
		childReal := filepath.Join(real, name)
		if mode&fs.ModeSymlink != 0 {
			target, err := r.resolve(p)
			if err != nil {
				*errs = append(*errs, err)
				continue
			}
			fi, err := os.Stat(target)
			if err != nil {
				*errs = append(*errs, &Error{Path: r.Rel(p), Problem: "cannot read: " + plainErr(err), Err: err})
				continue
			}
			mode, childReal = fi.Mode().Type(), target
		}
		switch {
		case mode.IsDir():
			if onPath[childReal] {
				*errs = append(*errs, &Error{Path: r.Rel(p), Problem: "symbolic link loop: the folder contains itself",
					Hint: "remove the link"})
				continue
			}
			onPath[childReal] = true
			r.walk(p, childRel, childReal, onPath, out, errs)
			delete(onPath, childReal)
		case mode.IsRegular():
			*out = append(*out, Entry{Path: p, Rel: childRel})
		default:
			*errs = append(*errs, &Error{Path: r.Rel(p), Problem: "is " + special(mode) + "; only regular files are read",
				Hint: "remove it from the site folder"})
		}
	}
}
