//go:build !unix

package main

import "runtime"

// peakMemory returns the memory the Go runtime has taken from the system, in bytes: it is never
// given back during a build, so it stands for the peak where the system keeps no peak figure.
func peakMemory() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Sys
}
