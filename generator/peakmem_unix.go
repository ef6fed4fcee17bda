//go:build unix

package main

import (
	"runtime"
	"syscall"
)

// peakMemory returns the most memory this process has held at once (its peak resident set), in
// bytes, or 0 when the system does not say.
func peakMemory() uint64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil || ru.Maxrss <= 0 {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return uint64(ru.Maxrss) // bytes there
	}
	return uint64(ru.Maxrss) * 1024 // kilobytes elsewhere
}
