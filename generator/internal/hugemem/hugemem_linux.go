package hugemem

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// madvCollapse is MADV_COLLAPSE (Linux 6.1): move the small pages of a range into huge ones now.
// Unlike MADV_HUGEPAGE it marks nothing: the system's background collapser (khugepaged) leaves
// the range alone, so memory the process does not use is never filled in behind its back.
const madvCollapse = 25

// hugeSize returns the size of a huge page: 2 MB with 4 KB pages (x86-64, most arm64 systems);
// 0 when anonymous memory has none. It is read once, when the preview first asks: a build never
// does.
var hugeSize = sync.OnceValue(func() uintptr {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")
	if err != nil {
		return 0 // no huge pages for anonymous memory
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0
	}
	return uintptr(n)
})

// minArea is the smallest mapping Collapse looks at: Go's heap grows in steps of 4 MB or more,
// and the smaller mappings are the runtime's own.
const minArea = 4 << 20

// dense is the share of a huge page's small pages (in 512ths) that must be in memory for it to
// be collapsed: a collapse fills the rest, and so adds up to a quarter of it to what the process
// holds.
const dense = 384

// mu lets one Collapse run at a time.
var mu sync.Mutex

// Collapse moves the mostly used parts of the process's large anonymous writable mappings (Go's
// heap) into huge pages, 2 MB at a time. It calls stop before each and returns early when stop
// returns true (an edit to rebuild for: a collapse copies memory and takes a core for about 4 ms
// per huge page on the bench machine). A part already in huge pages costs a system call of a
// microsecond or two, so the preview calls it after each update, for what the update changed.
// It does nothing when the system has no MADV_COLLAPSE (Linux before 6.1, or a kernel without
// transparent huge pages), when its administrator set them to "never" (MADV_COLLAPSE would work
// all the same), or when GODEBUG has disablethp=1 (Go's own switch to keep its heap in small
// pages).
func Collapse(stop func() bool) Stats {
	mu.Lock()
	defer mu.Unlock()
	var st Stats
	size := hugeSize()
	if size == 0 || thpDisabled(os.Getenv("GODEBUG")) || systemNever() {
		return st
	}
	areas, err := anonAreas()
	if err != nil {
		return st
	}
	vec := make([]byte, size/uintptr(os.Getpagesize()))
areas:
	for _, a := range areas {
		for p := (a.lo + size - 1) &^ (size - 1); p+size <= a.hi; p += size {
			if stop != nil && stop() {
				st.Stopped = true
				return st
			}
			if resident(p, size, vec)*512 < dense*len(vec) { // too little of it used
				st.Skipped += int64(size)
				continue
			}
			switch err := madvise(p, size, madvCollapse); err {
			case nil:
				st.Collapsed += int64(size)
			case syscall.EINVAL:
				// Not for this mapping (the runtime keeps some of its own in small pages), or
				// not on this system (Linux before 6.1).
				continue areas
			default: // EAGAIN, ENOMEM: no huge page free now
				st.Skipped += int64(size)
			}
		}
	}
	return st
}

// systemNever reports whether the system's transparent huge pages are set to "never".
func systemNever() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && never(string(b))
}

// never reports whether the contents of /sys/kernel/mm/transparent_hugepage/enabled select
// "never" ("always madvise [never]").
func never(enabled string) bool { return strings.Contains(enabled, "[never]") }

// thpDisabled reports whether a GODEBUG value turns huge pages off for Go's heap.
func thpDisabled(godebug string) bool {
	on := false
	for _, kv := range strings.Split(godebug, ",") {
		if k, v, _ := strings.Cut(strings.TrimSpace(kv), "="); k == "disablethp" {
			on = v == "1" // the last setting wins, as in Go's runtime
		}
	}
	return on
}

// area is one mapping of the process: [lo, hi).
type area struct{ lo, hi uintptr }

// anonAreas reads /proc/self/maps for the anonymous, private, writable mappings of at least
// minArea bytes.
func anonAreas() ([]area, error) {
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	var out []area
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		// 7f57c9900000-7f57cba00000 rw-p 00000000 00:00 0 [name]: a named one is a file, the
		// stack or the heap of the C library.
		f := bytes.Fields(sc.Bytes())
		if len(f) != 5 || string(f[1]) != "rw-p" || string(f[4]) != "0" {
			continue
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			continue
		}
		l, err1 := strconv.ParseUint(string(lo), 16, 64)
		h, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 != nil || err2 != nil || h-l < minArea {
			continue
		}
		out = append(out, area{uintptr(l), uintptr(h)})
	}
	return out, sc.Err()
}

// resident returns how many of the small pages of the huge page of size bytes at p are in
// memory (0 when the range is no longer mapped).
func resident(p, size uintptr, vec []byte) int {
	if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, p, size, uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
		return 0
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

func madvise(p, n uintptr, advice int) error {
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, p, n, uintptr(advice)); e != 0 {
		return e
	}
	return nil
}
