package hugemem

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// mapped returns a new anonymous mapping of n bytes with one byte written in each small page
// whose index is a multiple of every (1: all of them); it is unmapped when the test ends. A page
// that cannot be read or written on either side keeps it from merging with its neighbours, so
// that /proc/self/smaps reports it alone.
func mapped(t *testing.T, n, every int) []byte {
	t.Helper()
	page := os.Getpagesize()
	all, err := syscall.Mmap(-1, 0, n+2*page, syscall.PROT_NONE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Munmap(all) })
	b := all[page : page+n]
	if err := syscall.Mprotect(b, syscall.PROT_READ|syscall.PROT_WRITE); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += page * every {
		b[i] = 1
	}
	return b
}

// smallPages returns a new mapping as mapped does, and skips the test where the system backs it
// with huge pages by itself (huge pages "always"): there is nothing left to collapse or to leave.
func smallPages(t *testing.T, n, every int) []byte {
	t.Helper()
	b := mapped(t, n, every)
	if _, huge := usage(t, b); huge != 0 {
		t.Skipf("this system put %d bytes of new memory in huge pages by itself (transparent huge pages \"always\")", huge)
	}
	return b
}

// needCollapse skips the test on a system without MADV_COLLAPSE.
func needCollapse(t *testing.T) {
	t.Helper()
	if hugeSize() == 0 {
		t.Skip("this system has no huge pages for anonymous memory")
	}
	if systemNever() {
		t.Skip(`transparent huge pages are set to "never" here: Collapse leaves memory as it is`)
	}
	b := mapped(t, int(2*hugeSize()), 1)
	p := (uintptr(unsafe.Pointer(&b[0])) + hugeSize() - 1) &^ (hugeSize() - 1)
	if err := madvise(p, hugeSize(), madvCollapse); err != nil {
		t.Skipf("this system cannot collapse memory into huge pages (MADV_COLLAPSE: %v)", err)
	}
}

// usage returns the Rss and AnonHugePages (bytes) of the mapping holding b, from /proc/self/smaps.
func usage(t *testing.T, b []byte) (rss, huge int64) {
	t.Helper()
	addr := uint64(uintptr(unsafe.Pointer(&b[0])))
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) > 1 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			lo, hi, _ := strings.Cut(f[0], "-")
			l, _ := strconv.ParseUint(lo, 16, 64)
			h, _ := strconv.ParseUint(hi, 16, 64)
			in = l <= addr && addr < h
			continue
		}
		if !in {
			continue
		}
		k, v, _ := strings.Cut(line, ":")
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "Rss":
			rss = kb << 10
		case "AnonHugePages":
			huge = kb << 10
		}
	}
	return rss, huge
}

func TestCollapseMovesUsedMemoryIntoHugePages(t *testing.T) {
	needCollapse(t)
	b := smallPages(t, int(8*hugeSize()), 1)
	st := Collapse(nil)
	_, huge := usage(t, b)
	// 8 huge pages' worth, not aligned: at least 7 whole ones inside it.
	if huge < int64(7*hugeSize()) {
		t.Errorf("after Collapse: %d bytes of the mapping in huge pages, want at least %d (stats %+v)", huge, 7*hugeSize(), st)
	}
	if st.Collapsed < huge || st.Stopped {
		t.Errorf("stats %+v: want at least the %d bytes collapsed, not stopped", st, huge)
	}
	again := Collapse(nil)
	if _, h := usage(t, b); h != huge || again.Collapsed < huge {
		t.Errorf("a second Collapse: %d bytes in huge pages (stats %+v), want the same %d", h, again, huge)
	}
}

func TestCollapseLeavesMostlyUnusedMemory(t *testing.T) {
	needCollapse(t)
	b := smallPages(t, int(8*hugeSize()), 2) // half of each huge page in use: under dense
	rss, _ := usage(t, b)
	st := Collapse(nil)
	after, huge := usage(t, b)
	if huge != 0 || after != rss {
		t.Errorf("a mapping half used: Rss %d -> %d, %d bytes in huge pages; want it left as it was (stats %+v)", rss, after, huge, st)
	}
	if st.Skipped < int64(7*hugeSize()) {
		t.Errorf("stats %+v: want its 7 or 8 huge pages skipped", st)
	}
}

func TestCollapseStops(t *testing.T) {
	needCollapse(t)
	b := smallPages(t, int(8*hugeSize()), 1)
	asked := 0
	st := Collapse(func() bool { asked++; return true })
	if _, huge := usage(t, b); huge != 0 || !st.Stopped || st.Collapsed != 0 || asked != 1 {
		t.Errorf("stop at once: %d bytes in huge pages, stats %+v, stop asked %d times; want nothing done, stopped after one question", huge, st, asked)
	}
}

func TestCollapseHonoursGODEBUG(t *testing.T) {
	needCollapse(t)
	t.Setenv("GODEBUG", "disablethp=1")
	b := smallPages(t, int(8*hugeSize()), 1)
	if st := Collapse(nil); st != (Stats{}) {
		t.Errorf("GODEBUG=disablethp=1: stats %+v, want nothing done", st)
	}
	if _, huge := usage(t, b); huge != 0 {
		t.Errorf("GODEBUG=disablethp=1: %d bytes in huge pages, want none", huge)
	}
}

func TestThpDisabled(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                            false,
		"disablethp=1":                true,
		"madvdontneed=1,disablethp=1": true,
		"disablethp=1,disablethp=0":   false,
		"disablethp=0":                false,
		"xdisablethp=1":               false,
	} {
		if got := thpDisabled(godebug); got != want {
			t.Errorf("thpDisabled(%q) = %v, want %v", godebug, got, want)
		}
	}
}

func TestNever(t *testing.T) {
	for enabled, want := range map[string]bool{
		"always [madvise] never\n": false,
		"[always] madvise never\n": false,
		"always madvise [never]\n": true,
		"":                         false,
	} {
		if got := never(enabled); got != want {
			t.Errorf("never(%q) = %v, want %v", enabled, got, want)
		}
	}
}
