// Package par holds the build's one worker pool: the content loader reads and parses pages with
// it, and the site renders pages, lists and search indexes with it.
package par

import (
	"runtime"
	"sync"
)

// For runs fn for every index in [0, n) on all cores and returns when every call has returned.
// The calls run in no fixed order: fn writes its result at index i, so the results keep their
// order.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
