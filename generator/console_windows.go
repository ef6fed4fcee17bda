package main

import (
	"syscall"
	"unsafe"
)

var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// ownsConsole reports whether this process is the only one attached to its console window: the
// window was opened for it (a double-click in Explorer) and closes when it exits, so a message
// printed just before would vanish unread. Started from cmd.exe or PowerShell, the shell shares
// the console.
func ownsConsole() bool {
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
