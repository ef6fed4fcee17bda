//go:build unix

package sourcefs

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading without blocking, even if it became a FIFO since it was
// looked at.
func openNoBlock(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
