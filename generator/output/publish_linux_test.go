package output

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// TestMountPointDest (review M4): a destination that is a mount point cannot be renamed; the
// build writes into it. Needs root to mount a tmpfs; skipped otherwise.
func TestMountPointDest(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("needs root on Linux to mount a tmpfs")
	}
	root := site(t)
	dest := filepath.Join(t.TempDir(), "mnt")
	os.MkdirAll(dest, 0o755)
	if err := syscall.Mount("tmpfs", dest, "tmpfs", 0, "size=4m"); err != nil {
		t.Skip("cannot mount a tmpfs here:", err)
	}
	defer syscall.Unmount(dest, 0)
	if !isMountPoint(dest) {
		t.Fatal("isMountPoint: false for a tmpfs mount")
	}
	for i := 0; i < 2; i++ {
		if err := build(t, root, dest, fmt.Sprint("build ", i)); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != fmt.Sprint("build ", i) {
			t.Errorf("build %d: index.html = %q", i, b)
		}
	}
	entries, _ := os.ReadDir(dest)
	if len(entries) != 2 { // index.html and the marker
		t.Errorf("mount point holds %d entries, want 2", len(entries))
	}
}

// TestCrashRecovery kills a publishing process at each step of the swap (with the atomic
// exchange and with the two-rename fallback) and checks that the destination is always the
// complete old or new output, and that the next build cleans up.
func TestCrashRecovery(t *testing.T) {
	if os.Getenv("PANDU_CRASH_CHILD") != "" {
		crashChild()
		return
	}
	for _, mode := range []string{"exchange", "fallback"} {
		for _, point := range []string{"before-swap", "between-renames", "after-swap"} {
			t.Run(mode+"/"+point, func(t *testing.T) {
				root := site(t)
				dest := filepath.Join(root, "public")
				if err := build(t, root, dest, "old"); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(os.Args[0], "-test.run=^TestCrashRecovery$")
				cmd.Env = append(os.Environ(), "PANDU_CRASH_CHILD="+point, "PANDU_CRASH_MODE="+mode,
					"PANDU_CRASH_ROOT="+root)
				out, err := cmd.CombinedOutput()
				if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
					if mode == "exchange" && point == "between-renames" && err == nil {
						return // the exchange has no such step: the child published and exited
					}
					t.Fatalf("child was not killed: %v\n%s", err, out)
				}
				b, err := os.ReadFile(filepath.Join(dest, "index.html"))
				if s := string(b); err != nil && !(mode == "fallback" && point == "between-renames") || err == nil && s != "old" && s != "new" {
					t.Fatalf("after the kill: index.html %q, %v", s, err)
				}
				if err := build(t, root, dest, "next"); err != nil {
					t.Fatal(err)
				}
				if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "next" {
					t.Errorf("next build: %q", b)
				}
				if l := leftoversOf(dest); len(l) != 0 {
					t.Errorf("leftovers %v", l)
				}
			})
		}
	}
}

// crashChild publishes "new" and kills itself at the step named in PANDU_CRASH_CHILD.
func crashChild() {
	point, root := os.Getenv("PANDU_CRASH_CHILD"), os.Getenv("PANDU_CRASH_ROOT")
	noExchange = os.Getenv("PANDU_CRASH_MODE") == "fallback"
	crashAt = func(p string) {
		if p == point {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	w, err := New(root, filepath.Join(root, "public"), false)
	if err != nil {
		fmt.Println(err)
		os.Exit(3)
	}
	w.WriteFile("index.html", []byte("new"))
	if err := w.Commit(); err != nil {
		fmt.Println(err)
		os.Exit(3)
	}
	os.Exit(0)
}
