//go:build unix

package sourcefs

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestSpecialFiles (review H2): a FIFO is an error and is never opened (opening it would block
// the build forever); so is a device.
func TestSpecialFiles(t *testing.T) {
	dir, r := mkRoot(t)
	fifo := filepath.Join(dir, "static", "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	_, err := r.ReadFile(fifo, 100)
	wantProblem(t, err, "static/fifo.md", "named pipe")
	_, errs := r.Walk(filepath.Join(dir, "static"))
	if len(errs) != 1 {
		t.Fatalf("walk: %v", errs)
	}
	wantProblem(t, errs[0], "static/fifo.md", "named pipe")
	os.Remove(fifo)
	// A device inside the site (a link to /dev/zero is already outside).
	dev := filepath.Join(dir, "static", "zero.png")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o644, 1<<8|5); err == nil {
		_, err := r.ReadFile(dev, 100)
		wantProblem(t, err, "static/zero.png", "device")
	}
}
