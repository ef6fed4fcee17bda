package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"path/filepath"
	"sync"
)

// A Stream is a file a build writes in order, piece by piece, as its content is made: a build
// writes each language's search index (tens of megabytes on a large site) while its pages
// render, instead of keeping every page's entry until the end. Its bytes are not minified.
//
// On disk the pieces go to the writer's queue in chunks of streamChunk bytes, each appended to
// the file in the order written; the file's path is claimed at once, and its size and checksum
// are recorded at Close. In memory (or when Inspect sees the file) the pieces are kept and the
// file is written at Close: a preview update stopped before Close leaves nothing behind.
// A Stream is not safe for use by several goroutines at once.
type Stream struct {
	w      *Writer
	rel    string
	path   string // in the temporary folder (on disk)
	h      hash.Hash
	size   int
	buf    []byte
	begun  bool // the first chunk was handed to the queue: later ones are appended
	closed bool
	// whole says the file is kept whole until Close: an in-memory build's, or one Inspect sees.
	whole bool
}

// streamChunk is the size of the pieces a Stream hands to the queue: few writes, and little
// waiting in memory.
const streamChunk = 256 << 10

// Stream starts the file at rel, to be written with Write and finished with Close. A build that
// fails before Close throws the file away with the rest of its output.
func (w *Writer) Stream(rel string) (*Stream, error) {
	s := &Stream{w: w, h: sha256.New(), whole: w.mem != nil || w.inspects(rel)}
	if w.mem != nil {
		rel, err := cleanRel(rel)
		if err != nil {
			return nil, err
		}
		w.mu.Lock()
		err = w.writtenBefore(rel) // claimed at Close (w.write), when the file is stored
		w.mu.Unlock()
		if err != nil {
			return nil, err
		}
		s.rel = rel
		return s, nil
	}
	rel, err := w.add(rel, 0)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	w.streams++
	w.mu.Unlock()
	s.rel, s.path = rel, filepath.Join(w.tmp, filepath.FromSlash(rel))
	s.buf = newChunk()
	return s, nil
}

// Grow makes room for n more bytes where the file is kept whole until Close (in memory): a
// caller that knows the file's size saves the copies of a growing buffer.
func (s *Stream) Grow(n int) {
	if s.whole && cap(s.buf)-len(s.buf) < n {
		s.buf = append(make([]byte, 0, len(s.buf)+n), s.buf...)
	}
}

// Write adds p at the end of the file. It returns the error of an earlier write of the build
// that failed on disk (the build stops at it).
func (s *Stream) Write(p []byte) (int, error) {
	if s.closed {
		return 0, errStreamClosed
	}
	s.h.Write(p)
	s.size += len(p)
	if s.whole {
		s.buf = append(s.buf, p...)
		return len(p), nil
	}
	for rest := p; len(rest) > 0; {
		n := copy(s.buf[len(s.buf):cap(s.buf)], rest)
		s.buf, rest = s.buf[:len(s.buf)+n], rest[n:]
		if len(s.buf) == cap(s.buf) {
			if err := s.flush(); err != nil {
				return 0, err
			}
		}
	}
	return len(p), nil
}

// flush hands what is buffered to the queue, which creates the file with the first chunk and
// appends the others.
func (s *Stream) flush() error {
	chunk := s.buf
	err := s.w.disk.put(s.rel, s.path, chunk, s.begun, func() { chunks.Put(&chunk) })
	s.begun = true
	s.buf = newChunk() // the queue owns the chunk until it is written
	return err
}

// chunks holds the buffers of Streams: a large file goes through a few of them.
var chunks = sync.Pool{New: func() any { b := make([]byte, 0, streamChunk); return &b }}

func newChunk() []byte { return (*chunks.Get().(*[]byte))[:0] }

// Close finishes the file: its size and checksum are recorded, and what is left of it written.
func (s *Stream) Close() error {
	if s.closed {
		return errStreamClosed
	}
	s.closed = true
	var sum [sha256.Size]byte
	s.h.Sum(sum[:0])
	w := s.w
	if w.mem != nil {
		return w.write(s.rel, s.buf, owner{kept: true}, &sum)
	}
	w.mu.Lock()
	w.streams--
	w.files[s.rel] = s.size
	w.mu.Unlock()
	if s.whole {
		return w.store(s.rel, s.buf, owner{kept: true}, &sum) // Inspect sees it; sum recorded
	}
	w.mu.Lock()
	w.sums[s.rel] = sum
	w.mu.Unlock()
	return s.flush()
}

var errStreamClosed = errors.New("the file is already closed")

// openStreams returns an error when a Stream of the build was not closed: its file is not whole.
func (w *Writer) openStreams() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.streams > 0 {
		return fmt.Errorf("%d file(s) of the build were left unfinished, so it is not published and the previous output is unchanged; this is a fault in Pandu, not in the site: please report it", w.streams)
	}
	return nil
}
