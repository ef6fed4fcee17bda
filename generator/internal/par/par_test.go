package par

import (
	"sync/atomic"
	"testing"
	"time"
)

// Every index is run exactly once, for any n, including none and fewer than the cores.
func TestForRunsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		counts := make([]atomic.Int32, n)
		For(n, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d ran %d times", n, i, c)
			}
		}
	}
}

// ForN runs at most workers calls at once, and every index once, also with workers out of range.
func TestForNLimitsWorkers(t *testing.T) {
	for _, workers := range []int{-1, 0, 1, 2, 3} {
		var running, most atomic.Int32
		counts := make([]atomic.Int32, 50)
		ForN(workers, len(counts), func(i int) {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(100 * time.Microsecond)
			counts[i].Add(1)
			running.Add(-1)
		})
		if limit := int32(max(workers, 1)); most.Load() > limit {
			t.Errorf("workers=%d: %d calls ran at once", workers, most.Load())
		}
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("workers=%d: index %d ran %d times", workers, i, c)
			}
		}
	}
}
