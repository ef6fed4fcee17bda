package site

import (
	"sync"
	"sync/atomic"
)

// Progress tells how far a build is, for a progress line: the phase it is in and, while pages
// render, how many of how many are done. The build updates it; any goroutine may read it.
type Progress struct {
	mu          sync.Mutex
	phase       string
	done, total atomic.Int64
}

// Now returns the current phase, and the pages done and to do in it (0, 0 when it does not count
// pages).
func (p *Progress) Now() (phase string, done, total int) {
	p.mu.Lock()
	phase = p.phase
	p.mu.Unlock()
	return phase, int(p.done.Load()), int(p.total.Load())
}

// start begins a phase of total pages (0 when it does not count them). A nil Progress does
// nothing, so the build calls it without checking.
func (p *Progress) start(phase string, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.phase = phase
	p.done.Store(0)
	p.total.Store(int64(total))
	p.mu.Unlock()
}

// step counts one page done.
func (p *Progress) step() {
	if p != nil {
		p.done.Add(1)
	}
}
