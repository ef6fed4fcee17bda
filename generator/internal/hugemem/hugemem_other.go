//go:build !linux

package hugemem

// Collapse does nothing on this system.
func Collapse(stop func() bool) Stats { return Stats{} }
