//go:build unix

package render

import (
	"os"

	"golang.org/x/sys/unix"
)

// writeFile creates or truncates name and writes data to it with plain
// system calls: os.OpenFile would also register the file with Go's
// network poller, which regular files never use, at five more system
// calls per file (epoll_ctl and four fcntl); a build from an empty
// folder creates tens of thousands of files.
func writeFile(name string, data []byte) error {
	fd, err := retry(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := retry(func() (int, error) { return unix.Write(fd, data) })
		if err != nil {
			unix.Close(fd)
			return &os.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// retry repeats a system call interrupted by a signal (the Go runtime
// preempts goroutines with signals).
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != unix.EINTR {
			return n, err
		}
	}
}
