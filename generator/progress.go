package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"pandu/generator/site"
)

// progressAfter is how long a build runs before it shows a progress line: a short build prints
// only its summary.
const progressAfter = 2 * time.Second

// showProgress shows, while a build runs, one line on w that it rewrites in place: the phase and,
// while pages render, how many are done. It shows nothing when w is not a terminal (a log, a
// pipe, CI). The returned function clears the line and stops; call it before printing anything.
func showProgress(w io.Writer, p *site.Progress) (stop func()) {
	f, ok := w.(*os.File)
	if !ok || !isTerminal(f) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		wait := time.NewTimer(progressAfter)
		defer wait.Stop()
		select {
		case <-done:
			return
		case <-wait.C:
		}
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		width := 0
		for {
			line := progressText(p)
			// Overwrite the previous line; spaces wipe what a longer one left.
			fmt.Fprint(f, "\r"+line+strings.Repeat(" ", max(0, width-len(line))))
			width = max(width, len(line))
			select {
			case <-done:
				fmt.Fprint(f, "\r"+strings.Repeat(" ", width)+"\r")
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// progressText is the progress line: "pandu: rendering pages 1,234/15,000 (8 %)".
func progressText(p *site.Progress) string {
	phase, done, total := p.Now()
	if phase == "" {
		phase = "starting"
	}
	if total <= 0 {
		return "pandu: " + phase + " …"
	}
	return fmt.Sprintf("pandu: %s %d/%d (%d %%)", phase, done, total, done*100/total)
}

// isTerminal reports whether f is a terminal (a character device, as consoles are on every
// system), not a file or a pipe.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
