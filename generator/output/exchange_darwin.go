package output

import "golang.org/x/sys/unix"

// exchange swaps the folders a and b in one atomic step (renamex_np with RENAME_SWAP).
func exchange(a, b string) error { return unix.RenamexNp(a, b, unix.RENAME_SWAP) }
