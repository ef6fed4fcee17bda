//go:build !unix

package sourcefs

import "os"

// openNoBlock opens a file for reading (systems without FIFOs in the file system).
func openNoBlock(p string) (*os.File, error) { return os.Open(p) }
