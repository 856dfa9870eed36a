//go:build unix

package sitefs

import (
	"os"
	"syscall"
)

// openRegular opens a file resolve found regular without blocking, should
// it have become a FIFO since (opening a FIFO waits for a writer).
func openRegular(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
