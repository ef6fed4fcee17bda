// Package par holds the build's one worker pool: the content loader reads and parses pages with
// it, and the site renders pages, lists and search indexes with it.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For runs fn for every index in [0, n) on all cores and returns when every call has returned.
// The calls run in no fixed order: fn writes its result at index i, so the results keep their
// order.
func For(n int, fn func(i int)) { ForN(runtime.GOMAXPROCS(0), n, fn) }

// ForN is For on at most workers cores (at least one).
func ForN(workers, n int, fn func(i int)) {
	workers = max(min(workers, n), 1)
	// Each worker takes the next index from one counter: a build calls fn tens of thousands of
	// times, some calls (a page the preview keeps) taking a microsecond or two, and handing each
	// index over a channel cost about as much as the call.
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
			fn(i)
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work() // the caller is the last worker
	wg.Wait()
}
