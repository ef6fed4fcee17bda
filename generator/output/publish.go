package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Marker is the file that every published output holds. A destination that exists and is not
// empty is replaced only when it holds this file: Pandu never deletes a folder it did not write.
const Marker = ".pandu-output"

const markerText = "This folder is the output of `pandu build`, which replaces it on every build.\n" +
	"Edit the site's sources (content/, layouts/, static/, i18n/), not these files.\n"

// DefaultDest is the output folder inside the site folder; no other folder inside the site may be
// a destination, since every other one holds (or may one day hold) sources.
const DefaultDest = "public"

// crashAt is called at each step of publishing; tests set it to kill the process there and check
// that the destination survives (see TestCrashRecovery).
var crashAt = func(point string) {}

// publisher is the disk side of a Writer: the resolved destination, its lock and how it is
// replaced.
type publisher struct {
	dest    string // absolute, symbolic links resolved: the folder that receives the output
	parent  string // dest's parent folder, where the temporary folders live
	base    string // dest's name
	inPlace bool   // dest is a mount point: its files are replaced one by one, not the folder
	lock    *lockFile
	notes   []string // what was repaired before this build, for the build's warnings
}

func (p *publisher) newPrefix() string { return "." + p.base + ".new-" }
func (p *publisher) oldPath() string   { return filepath.Join(p.parent, "."+p.base+".old") }
func (p *publisher) lockPath() string  { return filepath.Join(p.parent, "."+p.base+".lock") }

const stagingPrefix = ".pandu-staging-"

// CheckDest refuses destinations that a build must never replace. root is the site folder.
// Refused: the site folder itself or a folder holding it; a folder inside the site other than
// public/ (content/, layouts/, static/ … would be wiped); the file system's root; a file; and a
// folder that exists, is not empty and does not hold the Marker of an earlier Pandu build. A
// destination that is a symbolic link is checked where it points.
func CheckDest(root, dest string) error {
	_, err := resolveDest(root, dest)
	return err
}

// resolveDest applies CheckDest's rules and returns the absolute destination, with a symbolic
// link at dest resolved to its target.
func resolveDest(root, dest string) (string, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(absRoot); err == nil {
		absRoot = r
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if fi, err := os.Lstat(absDest); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(absDest)
		if err != nil {
			return "", fmt.Errorf("destination %s is a symbolic link that cannot be followed (%v); point it at a folder, or remove it", dest, plain(err))
		}
		absDest = target
	} else if r, err := filepath.EvalSymlinks(filepath.Dir(absDest)); err == nil {
		absDest = filepath.Join(r, filepath.Base(absDest))
	}
	if filepath.Dir(absDest) == absDest {
		return "", fmt.Errorf("destination %s is the root of the file system; choose a folder such as public", dest)
	}
	sep := string(filepath.Separator)
	if absDest == absRoot || strings.HasPrefix(absRoot+sep, absDest+sep) {
		return "", fmt.Errorf("destination %s is the site folder or holds it; choose a folder such as public", dest)
	}
	if rel, err := filepath.Rel(absRoot, absDest); err == nil && !strings.HasPrefix(rel, "..") && rel != DefaultDest {
		return "", fmt.Errorf("destination %s is inside the site folder, where only %s/ may hold the output (every build replaces the destination, so %s would be wiped); use --dest %s or a folder outside the site",
			dest, DefaultDest, filepath.ToSlash(rel), DefaultDest)
	}
	fi, err := os.Stat(absDest)
	if errors.Is(err, fs.ErrNotExist) {
		return absDest, nil
	} else if err != nil {
		return "", fmt.Errorf("destination %s: %v", dest, plain(err))
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("destination %s is a file, not a folder", dest)
	}
	if _, err := os.Stat(filepath.Join(absDest, Marker)); err == nil {
		return absDest, nil
	}
	entries, err := os.ReadDir(absDest)
	if err != nil {
		return "", fmt.Errorf("destination %s: %v", dest, plain(err))
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), stagingPrefix) {
			return "", fmt.Errorf("destination %s is not empty and was not written by Pandu (it has no %s file), so Pandu will not replace it: choose a new or empty folder, or, if it is an old build you want replaced, delete it yourself",
				dest, Marker)
		}
	}
	return absDest, nil
}

func plain(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// New prepares a build of the site in root into dest. It checks dest (CheckDest), takes the
// destination's lock (a second build of the same destination waits for the first), repairs what
// a killed build left behind, and creates the temporary folder the build writes into. With
// minify false, files are written as rendered. Call Commit or Abort when done.
func New(root, dest string, minify bool) (*Writer, error) {
	if _, err := resolveDest(root, dest); err != nil {
		return nil, err
	}
	abs, _ := filepath.Abs(dest)
	p := &publisher{parent: filepath.Dir(abs), base: filepath.Base(abs)}
	if err := os.MkdirAll(p.parent, 0o755); err != nil {
		return nil, err
	}
	var err error
	if p.lock, err = lockDest(p.lockPath(), dest); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			p.lock.release()
		}
	}()
	// Under the lock, repair first (a crash may have left dest missing), then check again:
	// another build or a person may have changed dest while this one waited.
	if err := p.recover(); err != nil {
		return nil, err
	}
	if p.dest, err = resolveDest(root, dest); err != nil {
		return nil, err
	}
	if p.dest != abs { // dest is a symbolic link: write through it to its target
		p.parent, p.base = filepath.Dir(p.dest), filepath.Base(p.dest)
		if err := p.recover(); err != nil {
			return nil, err
		}
	}
	p.inPlace = isMountPoint(p.dest)
	tmpParent, pattern := p.parent, p.newPrefix()
	if p.inPlace {
		tmpParent, pattern = p.dest, stagingPrefix
	}
	tmp, err := os.MkdirTemp(tmpParent, pattern)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	ok = true
	return &Writer{Dest: dest, tmp: tmp, pub: p, min: NewMinifier(), files: map[string]int{}, sums: map[string][sha256.Size]byte{},
		minify: minify, written: map[string]bool{}, disk: newQueue()}, nil
}

// Notes describes what New repaired of a killed build (empty when there was nothing to repair).
func (w *Writer) Notes() []string {
	if w.pub == nil {
		return nil
	}
	return w.pub.notes
}

// recover repairs what a killed build of this destination left behind; the caller holds the
// lock, so no other build is using these folders. A build killed between the two renames of the
// fallback swap leaves dest missing and the previous output in .NAME.old: it is put back. Temporary
// folders of killed builds are removed.
func (p *publisher) recover() error {
	old := p.oldPath()
	if _, err := os.Lstat(old); err == nil {
		if _, err := os.Lstat(filepath.Join(p.parent, p.base)); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, filepath.Join(p.parent, p.base)); err != nil {
				return fmt.Errorf("restoring the previous output from %s: %v", old, plain(err))
			}
			p.notes = append(p.notes, "a killed build had left "+p.base+" missing: restored the previous output from "+old)
		} else if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing %s, left by a killed build: %v", old, plain(err))
		}
	}
	removed := 0
	for _, dir := range []struct{ dir, prefix string }{{p.parent, p.newPrefix()}, {filepath.Join(p.parent, p.base), stagingPrefix}} {
		entries, _ := os.ReadDir(dir.dir)
		for _, e := range entries {
			if e.IsDir() && strings.HasPrefix(e.Name(), dir.prefix) {
				if err := os.RemoveAll(filepath.Join(dir.dir, e.Name())); err != nil {
					return fmt.Errorf("removing %s, left by a killed build: %v", e.Name(), plain(err))
				}
				removed++
			}
		}
	}
	if removed > 0 {
		p.notes = append(p.notes, fmt.Sprintf("removed %d temporary folder(s) left by killed builds beside %s", removed, p.base))
	}
	return nil
}

// Commit publishes the build. The new folder takes the destination's place in one atomic step
// (an exchange of the two folders where the system has one, else two renames that a later build
// repairs if it is killed between them); a mount point receives the new files one by one.
func (w *Writer) Commit() error {
	if w.mem != nil {
		return nil
	}
	p := w.pub
	defer p.lock.release()
	if err := w.openStreams(); err != nil {
		_ = w.disk.close()
		w.removeTmp()
		return err
	}
	if err := w.disk.close(); err != nil {
		w.removeTmp()
		return err
	}
	if err := os.WriteFile(filepath.Join(w.tmp, Marker), []byte(markerText), 0o644); err != nil {
		w.removeTmp()
		return err
	}
	crashAt("before-swap")
	if p.inPlace {
		err := moveInto(w.tmp, p.dest)
		w.removeTmp()
		if err != nil {
			return fmt.Errorf("publishing into %s: %v (the output may be partly updated; build again)", w.Dest, plain(err))
		}
		return nil
	}
	dest := p.dest
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(w.tmp, dest); err != nil {
			w.removeTmp()
			return fmt.Errorf("publishing the new output: %v", plain(err))
		}
		crashAt("after-swap")
		return nil
	}
	if !noExchange {
		if err := exchange(w.tmp, dest); err == nil {
			crashAt("after-swap")
			w.removeTmp() // it now holds the previous output
			return nil
		}
	}
	old := p.oldPath()
	if err := os.Rename(dest, old); err != nil {
		w.removeTmp()
		return fmt.Errorf("moving the previous output aside: %v (it is unchanged)", plain(err))
	}
	crashAt("between-renames")
	if err := os.Rename(w.tmp, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return fmt.Errorf("publishing the new output: %v; the previous output is in %s, and the next build puts it back", plain(err), old)
		}
		w.removeTmp()
		return fmt.Errorf("publishing the new output: %v (the previous output is unchanged)", plain(err))
	}
	crashAt("after-swap")
	return os.RemoveAll(old)
}

// noExchange turns off the atomic exchange, to test the fallback.
var noExchange = false

func (w *Writer) removeTmp() { _ = os.RemoveAll(w.tmp) }

// Abort throws the unfinished build away; the destination is untouched.
func (w *Writer) Abort() {
	if w.mem != nil {
		return
	}
	_ = w.disk.close()
	w.removeTmp()
	w.pub.lock.release()
}

// moveInto moves every file of the folder src into dst, replacing what is there, then removes
// from dst whatever src did not have (except src itself, when it lies inside dst). Each file is
// replaced by a rename, so a reader sees the old or the new file, never half of one.
func moveInto(src, dst string) error {
	keep := map[string]bool{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." {
			return nil
		}
		keep[rel] = true
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if fi, err := os.Lstat(target); err == nil && !fi.IsDir() {
				if err := os.Remove(target); err != nil {
					return err
				}
			}
			return os.MkdirAll(target, 0o755)
		}
		if fi, err := os.Lstat(target); err == nil && fi.IsDir() {
			if err := os.RemoveAll(target); err != nil {
				return err
			}
		}
		return os.Rename(p, target)
	})
	if err != nil {
		return err
	}
	srcRel, _ := filepath.Rel(dst, src)
	var stale []string
	_ = filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dst, p)
		if rel == "." {
			return nil
		}
		if rel == srcRel {
			return filepath.SkipDir
		}
		if !keep[rel] {
			stale = append(stale, p)
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
	for _, p := range stale {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// lockFile is an exclusive lock on one destination, held from New to Commit or Abort.
type lockFile struct{ f *os.File }

// lockDest takes the lock at path, waiting (and saying so) while another build holds it.
func lockDest(path, dest string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("creating the lock file %s: %v", path, plain(err))
	}
	busy, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %v", path, plain(err))
	}
	if busy {
		holder := "another build"
		if b, err := os.ReadFile(path); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				holder = fmt.Sprintf("the build with process ID %d", pid)
			}
		}
		fmt.Fprintf(os.Stderr, "waiting for %s to finish writing %s (lock: %s)\n", holder, dest, path)
		if err := waitLock(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %v", path, plain(err))
		}
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &lockFile{f: f}, nil
}

func (l *lockFile) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = l.f.Truncate(0)
	unlock(l.f)
	l.f.Close()
	l.f = nil
}
