package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// queue writes a build's files to disk from one goroutine, in the order they were handed to it,
// while the pages render on every core. Creating folders and files is the kernel's part of a
// build, and on a disk it is not cheap: two threads creating entries at once contend in the file
// system, and each blocking call makes the Go scheduler hand its core to another thread. On the
// bench corpus (1,000 guides per language, on ext4 after earlier outputs were deleted) one writer
// took 14 % less wall time than writing from each rendering goroutine, and no more on tmpfs. The
// order also keeps a file written again (Writer.Replace) after its first version.
type queue struct {
	jobs chan job
	done chan struct{} // closed when the writer goroutine has returned
	mu   sync.Mutex
	err  error // the first write that failed; the files after it are not written
	// open guards jobs: senders hold it for reading, close for writing.
	open   sync.RWMutex
	closed bool
}

// job is one file to write, or with barrier set, a point in the queue to wait for.
type job struct {
	rel     string // the path inside the output, for errors
	path    string
	data    []byte
	appends bool   // data goes at the end of the file, which exists (see Stream)
	release func() // called once data is written (or dropped): it may be reused
	barrier chan struct{}
}

// queueLength bounds the files waiting to be written: when the disk is slower than rendering,
// the renderers wait instead of holding every page in memory.
const queueLength = 64

func newQueue() *queue {
	q := &queue{jobs: make(chan job, queueLength), done: make(chan struct{})}
	go q.run()
	return q
}

func (q *queue) run() {
	defer close(q.done)
	made := map[string]bool{} // folders created in this build
	for j := range q.jobs {
		if j.barrier != nil {
			close(j.barrier)
			continue
		}
		if q.failed() == nil {
			if err := writeNew(j.path, j.data, j.appends, made); err != nil {
				q.mu.Lock()
				q.err = &WriteError{Rel: j.rel, Err: err}
				q.mu.Unlock()
			}
		}
		if j.release != nil {
			j.release()
		}
	}
}

// writeNew writes a file of a build, creating its folder first. Pages of one section share
// folders: each is created once, not once per file. Most folders are new and their parent exists
// (each page has its own): that is tried first, without MkdirAll's look at the folder beforehand.
// With appends, data goes at the end of the file, written before (a Stream's next chunk).
func writeNew(path string, data []byte, appends bool, made map[string]bool) error {
	if appends {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if dir := filepath.Dir(path); !made[dir] {
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		made[dir] = true
	}
	return os.WriteFile(path, data, 0o644)
}

// WriteError is a file of a build that could not be written to disk. Files are written in the
// background: the error may come back from a later write, or from Commit.
type WriteError struct {
	Rel string // the path inside the output
	Err error
}

func (e *WriteError) Error() string {
	err := e.Err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // its path is in the temporary folder
	}
	return "cannot write " + e.Rel + ": " + err.Error()
}

func (e *WriteError) Unwrap() error { return e.Err }

// failed returns the error of the first write that failed, or nil.
func (q *queue) failed() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// errClosed says a file was handed to the writer of a build already published or aborted.
var errClosed = errors.New("the build's output is already published or thrown away")

// send queues j, unless the queue is closed.
func (q *queue) send(j job) error {
	q.open.RLock()
	defer q.open.RUnlock()
	if q.closed {
		return errClosed
	}
	q.jobs <- j
	return nil
}

// put hands a file to the writer, or with appends the next part of one (see Stream): release,
// when not nil, is called once data is no longer read. It returns the error of an earlier write
// that failed (the build stops at it).
func (q *queue) put(rel, path string, data []byte, appends bool, release func()) error {
	err := q.failed()
	if err == nil {
		err = q.send(job{rel: rel, path: path, data: data, appends: appends, release: release})
	}
	if err != nil && release != nil {
		release()
	}
	return err
}

// wait returns once every file handed over before it is written, with the error of the first
// write that failed.
func (q *queue) wait() error {
	b := make(chan struct{})
	if err := q.send(job{barrier: b}); err != nil {
		return err
	}
	<-b
	return q.failed()
}

// close writes the files still waiting and stops the writer; it returns the error of the first
// write that failed. Closing again does nothing more.
func (q *queue) close() error {
	q.open.Lock()
	if !q.closed {
		q.closed = true
		close(q.jobs)
	}
	q.open.Unlock()
	<-q.done
	return q.failed()
}
