// Package output owns what the build writes to disk: it minifies HTML, CSS, JS, JSON, SVG and XML,
// copies static files and fingerprints stylesheets and scripts, and publishes the result atomically.
// A build writes into a fresh folder beside the destination (from one goroutine, while the pages
// render: queue.go) and swaps it in with one atomic rename only when everything succeeded, so a
// failed or killed build leaves the previous output byte for byte as it was, and there is never a
// moment without a complete output. It also guards what it replaces: a destination is replaced
// only when it is empty, new, or Pandu's own earlier output. The preview's builds stay in memory
// (NewMemory); an incremental update of one keeps a journal of what it replaced (BeginUpdate), to
// list what changed and to undo a failed update.
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"pandu/generator/sourcefs"
)

// Writer writes one build's files into a temporary folder beside the destination (see publish.go).
type Writer struct {
	Dest   string // the final destination folder, as given
	tmp    string
	pub    *publisher
	min    *minify.M
	mu     sync.Mutex
	files  map[string]int // rel path -> size
	disk   *queue         // writes the files of a build on disk
	sums   map[string][sha256.Size]byte
	minify bool

	// mem holds the files of an in-memory build (NewMemory); nil when writing to disk.
	mem map[string][]byte
	// written records the paths written since New or the last BeginUpdate, to catch two things
	// claiming one path within one build.
	written map[string]bool
	// inspect, when set, sees every file's final bytes as it is written (see Inspect).
	inspect func(rel string, data []byte)
	// journal records, during an incremental rebuild of an in-memory build (BeginUpdate), what
	// the update's first write of each path replaced.
	journal   []replaced
	journaled map[string]bool
	// streams counts the Streams not closed yet.
	streams int
}

// replaced is a file of an in-memory build as it was before an update wrote it.
type replaced struct {
	rel     string
	existed bool
	data    []byte
	size    int
	sum     [sha256.Size]byte
}

// Inspect makes fn see the final bytes of every HTML file written from now on, as it is written
// (from several goroutines at once): a build collects what it needs from its output (the inline
// code the Content-Security-Policy must allow) without reading the files back.
func (w *Writer) Inspect(fn func(rel string, data []byte)) { w.inspect = fn }

// ErrWrittenTwice says that one build wrote a path twice: two things claim one URL.
var ErrWrittenTwice = errors.New("two things write one file")

// NewMemory prepares a build kept in memory, for the preview server: nothing touches the disk,
// and BeginUpdate lets an incremental rebuild write files again.
func NewMemory(minify bool) *Writer {
	return &Writer{min: NewMinifier(), files: map[string]int{}, sums: map[string][sha256.Size]byte{},
		minify: minify, mem: map[string][]byte{}, written: map[string]bool{}}
}

// Reserve makes room for n files in an in-memory build: the preview's rebuild writes as many
// files as the build before it, and growing four maps of tens of thousands of entries step by
// step costs it more than writing most of them (Reuse). The files written already are kept; the
// room is made before the writer is locked, so that the files being written meanwhile (the pages
// the browser waits for) do not wait for it.
func (w *Writer) Reserve(n int) {
	w.mu.Lock()
	room := w.mem != nil && len(w.files) < n
	w.mu.Unlock()
	if !room {
		return
	}
	files, sums, mem, written := make(map[string]int, n), make(map[string][sha256.Size]byte, n),
		make(map[string][]byte, n), make(map[string]bool, n)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.mem == nil || len(w.files) >= n {
		return
	}
	maps.Copy(files, w.files)
	maps.Copy(sums, w.sums)
	maps.Copy(mem, w.mem)
	maps.Copy(written, w.written)
	w.files, w.sums, w.mem, w.written = files, sums, mem, written
}

// Len returns the number of files written so far.
func (w *Writer) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.files)
}

// Sums returns the SHA-256 of every file written so far, by path.
func (w *Writer) Sums() map[string][sha256.Size]byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[string][sha256.Size]byte, len(w.sums))
	for k, v := range w.sums {
		out[k] = v
	}
	return out
}

// ChangedFrom returns, sorted, the paths whose bytes differ between before and w: written in
// one and not the other, or with other bytes. It compares the two writers' checksums in place:
// the preview lists what a rebuild changed, on a site of tens of thousands of files, while the
// editor waits for the next rebuild.
// A nil before is a build with no files.
func (w *Writer) ChangedFrom(before *Writer) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var old map[string][sha256.Size]byte
	if before != nil {
		before.mu.Lock()
		defer before.mu.Unlock()
		old = before.sums
	}
	var out []string
	for rel, sum := range w.sums {
		if was, ok := old[rel]; !ok || was != sum {
			out = append(out, rel)
		}
	}
	for rel := range old {
		if _, ok := w.sums[rel]; !ok {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// Missing reports, for each path of rels, whether an in-memory build holds no file there (see
// File).
func (w *Writer) Missing(rels []string) []bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]bool, len(rels))
	for i, rel := range rels {
		_, ok := w.mem[rel]
		out[i] = !ok
	}
	return out
}

// Sum returns the SHA-256 of the file written at rel, and whether there is one.
func (w *Writer) Sum(rel string) ([sha256.Size]byte, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	sum, ok := w.sums[rel]
	return sum, ok
}

// BeginUpdate starts an incremental rebuild of an in-memory build: files may be written again,
// and the writer records what each write replaces, so that ChangedSince lists what the update
// changed and Rollback undoes it, at a cost that grows with the files written, not the site.
func (w *Writer) BeginUpdate() {
	w.mu.Lock()
	w.written = map[string]bool{}
	w.journal, w.journaled = nil, map[string]bool{}
	w.mu.Unlock()
}

// EndUpdate ends an incremental rebuild: what it wrote stays.
func (w *Writer) EndUpdate() {
	w.mu.Lock()
	w.journal, w.journaled = nil, nil
	w.mu.Unlock()
}

// record notes, during an update, the state of rel before its first write. w.mu is held.
func (w *Writer) record(rel string) {
	if w.journaled == nil || w.journaled[rel] {
		return
	}
	w.journaled[rel] = true
	data, existed := w.mem[rel]
	w.journal = append(w.journal, replaced{rel: rel, existed: existed, data: data, size: w.files[rel], sum: w.sums[rel]})
}

// Mark returns a position in the current update: ChangedSince(Mark()) lists what is written
// after it.
func (w *Writer) Mark() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.journal)
}

// ChangedSince returns, sorted, the paths the current update first wrote after mark whose bytes
// differ from what they replaced.
func (w *Writer) ChangedSince(mark int) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, r := range w.journal[mark:] {
		if _, ok := w.mem[r.rel]; !r.existed || !ok || w.sums[r.rel] != r.sum {
			out = append(out, r.rel)
		}
	}
	sort.Strings(out)
	return out
}

// Rollback undoes the current update: every file it wrote is as it was at BeginUpdate.
func (w *Writer) Rollback() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i := len(w.journal) - 1; i >= 0; i-- {
		r := w.journal[i]
		if !r.existed {
			delete(w.mem, r.rel)
			delete(w.files, r.rel)
			delete(w.sums, r.rel)
			continue
		}
		w.mem[r.rel], w.files[r.rel], w.sums[r.rel] = r.data, r.size, r.sum
	}
	w.journal, w.journaled = nil, nil
}

// Keep stores data at rel in an in-memory build as it is, whether this build wrote rel or not:
// the preview keeps serving the last good version of a page whose new version has errors.
func (w *Writer) Keep(rel string, data []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.mem == nil {
		return
	}
	w.record(rel)
	w.mem[rel] = data
	w.files[rel] = len(data)
	w.sums[rel] = sha256.Sum256(data)
}

// Reuse writes at rel, in an in-memory build, the file from (another in-memory build) holds at
// rel, without copying its bytes: the preview keeps a page whose sources did not change. It
// reports false, having written nothing, when from has no file at rel. Like WriteFile, writing a
// path twice is an error.
func (w *Writer) Reuse(from *Writer, rel string) (bool, error) {
	from.mu.Lock()
	data, ok := from.mem[rel]
	sum := from.sums[rel]
	from.mu.Unlock()
	if !ok || w.mem == nil {
		return false, nil
	}
	w.mu.Lock()
	if w.written[rel] {
		w.mu.Unlock()
		return false, fmt.Errorf("%w: %s", ErrWrittenTwice, rel)
	}
	w.written[rel] = true
	w.record(rel)
	w.files[rel] = len(data)
	w.mu.Unlock()
	if w.inspect != nil {
		w.inspect(rel, data)
	}
	w.mu.Lock()
	w.sums[rel], w.mem[rel] = sum, data
	w.mu.Unlock()
	return true, nil
}

// File returns a file of an in-memory build.
func (w *Writer) File(rel string) ([]byte, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	b, ok := w.mem[rel]
	return b, ok
}

// NewMinifier returns the minifier configured for our output.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: false})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/manifest+json", json.Minify)
	m.AddFunc("application/xml", xml.Minify)
	return m
}

// MediaType returns the media type the minifier uses for a file name, or "".
func MediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".json":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	}
	return ""
}

// Minify minifies data by the type of name when minifying is on.
func (w *Writer) Minify(name string, data []byte) ([]byte, error) {
	mt := MediaType(name)
	if !w.minify || mt == "" {
		return data, nil
	}
	out, err := w.min.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("minifying %s: %w", name, err)
	}
	return out, nil
}

// buffers holds the buffers files are minified into: a build writes thousands of pages of a
// similar size, and reusing their buffers keeps the heap from growing with every page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Buffer returns an empty buffer from the pool; give it back with PutBuffer when its bytes are
// no longer used.
func Buffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// PutBuffer returns a buffer to the pool. Very large buffers are dropped rather than kept.
func PutBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	buffers.Put(b)
}

// WriteFile writes data (minified by its type) at rel, a slash path inside the output. Writing the
// same path twice in one build is an error: two things claim one URL. The writer keeps no
// reference to data: the caller may reuse it.
func (w *Writer) WriteFile(rel string, data []byte) error {
	mt := MediaType(rel)
	if !w.minify || mt == "" {
		return w.writeLent(rel, data, nil)
	}
	buf := Buffer()
	buf.Grow(len(data))
	// A bytes.Buffer hands its bytes to the minifier as they are (a Reader would be read into a
	// copy of the page first).
	if err := w.min.Minify(mt, buf, bytes.NewBuffer(data)); err != nil {
		PutBuffer(buf)
		return fmt.Errorf("minifying %s: %w", rel, err)
	}
	return w.writeLent(rel, buf.Bytes(), func() { PutBuffer(buf) })
}

// WriteRaw writes data at rel without minifying. The writer keeps data as it is (an in-memory
// build serves it without a copy: the preview writes a language's search index, megabytes of
// JSON, after every edit of a guide), so the caller must not change it afterwards.
func (w *Writer) WriteRaw(rel string, data []byte) error {
	return w.write(rel, data, owner{kept: true}, nil)
}

// WriteRawSum is WriteRaw for bytes whose SHA-256 the caller knows: bytes an earlier build wrote,
// with the sum Sum gave then. The preview writes each language's search index again after every
// structural edit, megabytes that need no hashing when they did not change.
func (w *Writer) WriteRawSum(rel string, data []byte, sum [sha256.Size]byte) error {
	return w.write(rel, data, owner{kept: true}, &sum)
}

// writeLent writes data at rel, which the caller gets back when release is called (nil: the
// caller may reuse data as soon as writeLent returns).
func (w *Writer) writeLent(rel string, data []byte, release func()) error {
	return w.write(rel, data, owner{release: release}, nil)
}

// owner says who owns the bytes given to write: the writer for good (kept), the writer until it
// calls release, or the caller again as soon as write returns.
type owner struct {
	kept    bool
	release func()
}

// done gives lent bytes back.
func (o owner) done() {
	if o.release != nil {
		o.release()
	}
}

// write writes data at rel, owned as o says; sum, when not nil, is data's SHA-256.
func (w *Writer) write(rel string, data []byte, o owner, sum *[sha256.Size]byte) error {
	rel, err := w.add(rel, len(data))
	if err != nil {
		o.done()
		return err
	}
	return w.store(rel, data, o, sum)
}

// add records that the build writes size bytes at rel, and returns rel cleaned: an error when
// rel leaves the output or was written before.
func (w *Writer) add(rel string, size int) (string, error) {
	rel, err := cleanRel(rel)
	if err != nil {
		return "", err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.writtenBefore(rel); err != nil {
		return "", err
	}
	w.written[rel] = true
	w.record(rel)
	w.files[rel] = size
	return rel, nil
}

// writtenBefore returns ErrWrittenTwice when this build (or update) wrote rel already. w.mu is
// held.
func (w *Writer) writtenBefore(rel string) error {
	if w.written[rel] {
		return fmt.Errorf("%w: %s", ErrWrittenTwice, rel)
	}
	return nil
}

// cleanRel returns rel cleaned, or an error when it leaves the output.
func cleanRel(rel string) (string, error) {
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("bad output path %q", rel)
	}
	return rel, nil
}

// inspects reports whether the function Inspect set sees the file at rel.
func (w *Writer) inspects(rel string) bool {
	return w.inspect != nil && strings.HasSuffix(rel, ".html")
}

// store writes the file and remembers its checksum for Digest (sum, or computed when nil). An
// in-memory build keeps data itself when it owns it for good, else a copy; a build on disk hands
// the file to its writer (queue).
func (w *Writer) store(rel string, data []byte, o owner, sum *[sha256.Size]byte) error {
	if w.inspects(rel) {
		w.inspect(rel, data)
	}
	if sum == nil {
		s := sha256.Sum256(data)
		sum = &s
	}
	w.mu.Lock()
	w.sums[rel] = *sum
	if w.mem != nil {
		if !o.kept {
			data = bytes.Clone(data) // the caller may reuse data
		}
		w.mem[rel] = data
		w.mu.Unlock()
		o.done()
		return nil
	}
	w.mu.Unlock()
	if !o.kept && o.release == nil {
		data = bytes.Clone(data) // written later, and the caller may reuse data at once
	}
	return w.disk.put(rel, filepath.Join(w.tmp, filepath.FromSlash(rel)), data, false, o.release)
}

// Replace writes data (minified by its type) over a file already written in this build, such as
// a static file the build fills in (the service worker's build version). Like WriteRaw, it may
// keep data as it is: the caller must not change it afterwards.
func (w *Writer) Replace(rel string, data []byte) error {
	data, err := w.Minify(rel, data)
	if err != nil {
		return err
	}
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	w.mu.Lock()
	_, ok := w.files[rel]
	if ok {
		w.record(rel)
		w.files[rel] = len(data)
	}
	w.mu.Unlock()
	if !ok {
		return fmt.Errorf("cannot replace %s: it was not written", rel)
	}
	return w.store(rel, data, owner{kept: true}, nil)
}

// Digest returns a hash of every file written so far (path and content), except the paths
// skipped: the same output gives the same digest. Hex, 16 digits.
func (w *Writer) Digest(skip ...string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	names := make([]string, 0, len(w.sums))
	for rel := range w.sums {
		names = append(names, rel)
	}
	sort.Strings(names)
	h := sha256.New()
next:
	for _, rel := range names {
		for _, s := range skip {
			if rel == s {
				continue next
			}
		}
		sum := w.sums[rel]
		h.Write([]byte(rel))
		h.Write([]byte{0})
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Files returns the written paths and their sizes, sorted by path.
func (w *Writer) Files() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.files))
	for f := range w.files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Size returns the size of a written file, or -1.
func (w *Writer) Size(rel string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if n, ok := w.files[rel]; ok {
		return n
	}
	return -1
}

// Read returns the bytes of a file written in this build.
func (w *Writer) Read(rel string) ([]byte, error) {
	if w.mem != nil {
		if b, ok := w.File(rel); ok {
			return b, nil
		}
		return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	if err := w.disk.wait(); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(w.tmp, filepath.FromSlash(rel)))
}

// Assets maps static asset paths ("css/site.css") to fingerprinted URL paths ("/css/site.3f9a1c2e.css").
type Assets map[string]string

var fingerprinted = regexp.MustCompile(`\.(css|js)$`)

// Unfingerprinted lists static files that must keep their name (a service worker's scope is its
// URL, and a manifest or robots file is looked up by name).
var Unfingerprinted = map[string]bool{"sw.js": true}

// CopyStatic copies the folder staticDir of the site root into the output, reading it under the
// root's rules (regular files inside the site, at most max bytes each; see package sourcefs).
// CSS and JS are minified and written under a name holding a hash of their content; other files
// are copied as they are (SVG, JSON and XML minified). basePath is the site's base path ("/").
func (w *Writer) CopyStatic(root *sourcefs.Root, staticDir string, max int64, basePath string) (Assets, error) {
	assets := Assets{}
	if _, err := os.Stat(staticDir); errors.Is(err, fs.ErrNotExist) {
		return assets, nil
	}
	files, errs := root.Walk(staticDir)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	for _, f := range files {
		rel := f.Rel
		data, err := root.ReadFile(f.Path, max)
		if err != nil {
			return nil, err
		}
		data, err = w.Minify(rel, data)
		if err != nil {
			return nil, fmt.Errorf("static/%s: %w", rel, err)
		}
		out := rel
		if fingerprinted.MatchString(rel) && !Unfingerprinted[rel] {
			out = Fingerprint(rel, data)
		}
		if err := w.write(out, data, owner{kept: true}, nil); err != nil {
			return nil, err
		}
		assets[rel] = basePath + out
	}
	return assets, nil
}

// Fingerprint inserts the first 8 hex digits of the SHA-256 of data before the extension.
func Fingerprint(rel string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(rel)
	return strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
