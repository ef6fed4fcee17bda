package main

import (
	"sync/atomic"
	"testing"
	"time"

	"pandu/generator/internal/hugemem"
)

// TestIdleRelease checks that memory is given back once the preview is idle after an update,
// once, and not when a save came before the idle time was over.
func TestIdleRelease(t *testing.T) {
	const after = 200 * time.Millisecond
	var released atomic.Int32
	r := &idleRelease{after: after, release: func() { released.Add(1) }}

	r.later()
	r.later() // a second update before the first release: one release
	waitReleased(t, &released, 1)
	time.Sleep(2 * after)
	if n := released.Load(); n != 1 {
		t.Fatalf("released %d times after two updates, want once", n)
	}

	// A save before the idle time is over drops the release; the update it starts schedules
	// the next one.
	r.later()
	r.begin()
	time.Sleep(2 * after)
	if n := released.Load(); n != 1 {
		t.Fatalf("released although a save came before the idle time was over (%d)", n)
	}
	r.later()
	waitReleased(t, &released, 2)
}

func waitReleased(t *testing.T, released *atomic.Int32, want int32) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for released.Load() != want {
		if time.Now().After(deadline) {
			t.Fatalf("released %d times within 10 s, want %d", released.Load(), want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestHugePagesWaitForQuiet checks that a collapse starts once no save came for the quiet time
// after an update, not when one came, and stops when a save is reported while it runs.
func TestHugePagesWaitForQuiet(t *testing.T) {
	const quiet = 100 * time.Millisecond
	stops := make(chan func() bool, 3)
	h := &hugePages{quiet: quiet, collapse: func(stop func() bool) hugemem.Stats {
		stops <- stop
		return hugemem.Stats{}
	}}
	start := time.Now()
	h.later()
	first := <-stops
	if waited := time.Since(start); waited < quiet {
		t.Errorf("a collapse started %s after the update, before the quiet time (%s)", waited, quiet)
	}
	if first() {
		t.Fatal("a collapse stops before any save")
	}
	h.edited()
	if !first() {
		t.Fatal("a collapse goes on after a save")
	}

	h.later()
	h.edited() // a save within the quiet time: no collapse for the update before it
	time.Sleep(3 * quiet)
	select {
	case <-stops:
		t.Fatal("a collapse started although a save came within the quiet time")
	default:
	}
	h.later() // that save's update
	if second := <-stops; second() {
		t.Fatal("the collapse after the last save's update stops for that save")
	}

	h.later()
	h.later() // a second update for the same save: one collapse
	<-stops
	time.Sleep(3 * quiet)
	select {
	case <-stops:
		t.Fatal("two updates without a save between them started two collapses")
	default:
	}
}
