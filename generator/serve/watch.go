package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher reports changed files below a site root, coalescing bursts of events (editors save in
// several writes, or write a temporary file and rename it over the original).
type Watcher struct {
	root string
	// links maps the real path of a watched folder that is a symbolic link (content/ may link to
	// a shared corpus) to its site-relative name.
	links   map[string]string
	w       *fsnotify.Watcher
	quiet   time.Duration
	empty   time.Duration // quiet time when a file of the burst is empty
	maxWait time.Duration
	done    chan struct{}
	wg      sync.WaitGroup
}

// Watched are the folders and files of a site that a rebuild depends on.
var Watched = []string{"content", "layouts", "static", "i18n", "site.toml"}

// Quiet is how long the watcher waits after the last event of a burst before reporting it. An
// editor's save (a write, or a temporary file renamed over the original, with its backup and
// probe files) usually sends its events within a fraction of a millisecond.
const Quiet = 4 * time.Millisecond

// EmptyQuiet is how long the watcher waits instead when a file of the burst is empty. A save that
// truncates the file and then writes it can be cut in two when the machine is busy (the
// preview's own rebuild may hold both cores); reported after Quiet, its first half would be an
// empty file, and the preview would show (and keep as its last good page) a page without text.
// A file that is really left empty is reported this much later.
const EmptyQuiet = 40 * time.Millisecond

// Watch starts watching root's Watched paths. onChange receives the site-relative slash paths that
// changed in one burst (created, written, renamed or removed), sorted; it is called from one
// goroutine, one burst at a time. onError receives watcher errors; when the system dropped events
// (its queue overflowed), onChange then receives "." (any file may have changed).
func Watch(root string, onChange func([]string), onError func(error)) (*Watcher, error) {
	return watch(root, Quiet, EmptyQuiet, 250*time.Millisecond, onChange, onError)
}

// watch is Watch with its quiet times and the longest wait for a burst's end.
func watch(root string, quiet, empty, maxWait time.Duration, onChange func([]string), onError func(error)) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &Watcher{root: root, w: fw, quiet: quiet, empty: empty, maxWait: maxWait, done: make(chan struct{}), links: map[string]string{}}
	if err := fw.Add(root); err != nil { // for site.toml, and folders created later
		fw.Close()
		return nil, err
	}
	for _, name := range Watched {
		p := filepath.Join(root, name)
		if real, err := filepath.EvalSymlinks(p); err == nil && real != p {
			if abs, err := filepath.Abs(p); err == nil && real != abs {
				wt.links[real] = name
				p = real
			}
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			if err := wt.addTree(p); err != nil {
				fw.Close()
				return nil, err
			}
		}
	}
	wt.wg.Add(1)
	go wt.loop(onChange, onError)
	return wt, nil
}

// Close stops watching.
func (wt *Watcher) Close() error {
	close(wt.done)
	err := wt.w.Close()
	wt.wg.Wait()
	return err
}

func (wt *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished meanwhile
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return wt.w.Add(p)
		}
		return nil
	})
}

// rel turns a watched path into a site-relative slash path.
func (wt *Watcher) rel(p string) (string, bool) {
	for real, name := range wt.links {
		if p == real || strings.HasPrefix(p, real+string(filepath.Separator)) {
			return filepath.ToSlash(filepath.Join(name, strings.TrimPrefix(p, real))), true
		}
	}
	r, err := filepath.Rel(wt.root, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// relevant reports whether a site-relative path can affect the build.
func relevant(rel string) bool {
	if rel == "site.toml" {
		return true
	}
	top := strings.SplitN(rel, "/", 2)[0]
	found := false
	for _, w := range Watched {
		if top == w && w != "site.toml" {
			found = true
		}
	}
	if !found {
		return false
	}
	base := filepath.Base(rel)
	switch {
	case strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#"), // hidden, vim .swp, emacs #x#, .#x
		strings.HasSuffix(base, "~"), strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"), strings.HasSuffix(base, ".TMP"), base == "4913", // vim's write probe
		strings.HasSuffix(base, ".swo"), strings.HasSuffix(base, ".swn"), strings.HasSuffix(base, ".kate-swp"),
		strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"), // JetBrains safe write
		strings.HasSuffix(base, ".crswap"), // Chromium-based editors' save
		sedTemp.MatchString(base):          // sed -i's temporary copy
		return false
	}
	// The build reads only layouts/**/*.html and i18n/*.toml there: other files in those folders
	// are editor leftovers.
	switch top {
	case "layouts":
		return strings.HasSuffix(base, ".html")
	case "i18n":
		return strings.HasSuffix(base, ".toml")
	}
	return true
}

// relevantDir reports whether a new folder may hold inputs of the build: it is inside a watched
// folder and not hidden.
func relevantDir(rel string) bool {
	top := strings.SplitN(rel, "/", 2)[0]
	if top == "site.toml" || !slices.Contains(Watched, top) {
		return false
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			return false
		}
	}
	return true
}

// sedTemp matches the temporary file GNU sed -i writes beside the file it edits.
var sedTemp = regexp.MustCompile(`^sed[A-Za-z0-9]{6}$`)

func (wt *Watcher) loop(onChange func([]string), onError func(error)) {
	defer wt.wg.Done()
	pending := map[string]string{} // site-relative path → path on disk
	var timer <-chan time.Time
	var first, last time.Time
	flush := func() {
		if len(pending) == 0 {
			return
		}
		paths := make([]string, 0, len(pending))
		for p := range pending {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		pending = map[string]string{}
		timer = nil
		onChange(paths)
	}
	// arm sets the timer to fire after wait of quiet, but never later than maxWait after the first
	// event of the burst.
	arm := func(wait time.Duration) {
		wait -= time.Since(last)
		if left := wt.maxWait - time.Since(first); left < wait {
			wait = left
		}
		timer = time.After(max(wait, 0))
	}
	// add records a changed path and (re)arms the timer.
	add := func(rel, name string) {
		last = time.Now()
		if len(pending) == 0 {
			first = last
		}
		pending[rel] = name
		arm(wt.quiet)
	}
	// waitLonger reports whether a pending file is empty and has not yet been quiet for wt.empty:
	// the rest of its save may still come.
	waitLonger := func() bool {
		if time.Since(last) >= wt.empty || time.Since(first) >= wt.maxWait {
			return false
		}
		for _, name := range pending {
			if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
				return true
			}
		}
		return false
	}
	for {
		select {
		case <-wt.done:
			return
		case err, ok := <-wt.w.Errors:
			if !ok {
				return
			}
			if onError != nil {
				onError(err)
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				onChange([]string{"."}) // changes were missed: any file may have changed
			}
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			rel, ok := wt.rel(ev.Name)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					// A new folder: watch it, and report the files already inside it.
					if relevantDir(rel) {
						wt.addTree(ev.Name)
						filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
							if err == nil && !d.IsDir() {
								if r, ok := wt.rel(p); ok && relevant(r) {
									add(r, p)
								}
							}
							return nil
						})
					}
					continue
				}
			}
			if ev.Op == fsnotify.Chmod || !relevant(rel) {
				continue
			}
			add(rel, ev.Name)
		case <-timer:
			if waitLonger() {
				arm(wt.empty)
				continue
			}
			flush()
		}
	}
}
