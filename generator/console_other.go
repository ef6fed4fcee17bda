//go:build !windows

package main

// ownsConsole reports whether the console window closes with this process. On macOS a
// double-clicked program runs in a Terminal window that stays open after it exits, and on Linux
// file managers start programs in a terminal only when asked to: there is nothing to hold open.
func ownsConsole() bool { return false }
