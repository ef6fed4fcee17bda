package site

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// A preview's update renders on one core fewer than a build: the server and the file watcher
// keep one to answer the browser and see the next save at once.
func TestUpdateLeavesACore(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	most := func(b *builder) int32 {
		var running, most atomic.Int32
		b.forEach(6, func(int) {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			// Wait until three run at once, or a while: a build's pool gets there.
			for deadline := time.Now().Add(100 * time.Millisecond); most.Load() < 3 && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			running.Add(-1)
		})
		return most.Load()
	}
	if n := most(&builder{}); n != 3 {
		t.Errorf("a build ran %d pages at once on 3 cores, want 3", n)
	}
	if n := most(&builder{newer: func() bool { return false }}); n != 2 {
		t.Errorf("a preview's update ran %d pages at once on 3 cores, want 2", n)
	}
}
