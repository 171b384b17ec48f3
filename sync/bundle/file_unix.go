//go:build unix

package bundle

import (
	"os"
	"syscall"
)

// openFlags: a FIFO put in place between the check and the open must not block the open.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW

// clearNonblock puts a regular file back in ordinary blocking mode for reading.
func clearNonblock(f *os.File) error {
	return syscall.SetNonblock(int(f.Fd()), false)
}
