package render

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// fileSystem is what the writer asks of the operating system where the
// outcome of a build depends on it: writing a file, renaming, swapping two
// folders, and telling a mount point. The per-OS code sits behind it, and
// tests inject failures (a full disk, a busy folder, another device)
// through it, so the paths Linux never takes (two renames and a rollback,
// as on Windows) run in Linux CI too.
type fileSystem interface {
	WriteFile(name string, data []byte) error
	// Rename renames a file or folder, replacing a file at to.
	Rename(from, to string) error
	// Exchange swaps two paths in one step so that a reader never sees
	// either missing; errors.ErrUnsupported where the system cannot.
	Exchange(a, b string) error
	// MountPoint reports whether dir is the root of a mounted file
	// system, which cannot be renamed (a Docker volume, a bind mount).
	MountPoint(dir string) bool
}

// osFS is the real file system; exchange_*.go, rename_*.go and mount_*.go
// hold its per-OS parts.
type osFS struct{}

func (osFS) WriteFile(name string, data []byte) error { return writeFile(name, data) }
func (osFS) Rename(from, to string) error             { return rename(from, to) }
func (osFS) Exchange(a, b string) error               { return exchange(a, b) }
func (osFS) MountPoint(dir string) bool               { return mountPoint(dir) }

// cannotMove reports an error meaning the output folder itself cannot be
// renamed (a mount point: EBUSY) or not to where the new output is (a
// different file system: EXDEV); its contents are then updated in place.
func cannotMove(err error) bool {
	return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV)
}

// explain adds to an error what its cause means for the user; the
// system's own text ("no space left on device") is kept.
func explain(err error) error {
	var hint string
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.ENOSPC):
		hint = "the disk is full"
	case errors.Is(err, syscall.EDQUOT):
		hint = "the disk quota is used up"
	case errors.Is(err, syscall.EXDEV):
		hint = "the two folders are on different file systems"
	case errors.Is(err, syscall.EBUSY):
		hint = "the folder is a mount point or in use by another program"
	case errors.Is(err, syscall.ENAMETOOLONG):
		hint = "a name is longer than the file system allows"
	case errors.Is(err, os.ErrPermission):
		hint = "check the output folder's owner and permissions"
	case errors.Is(err, syscall.EROFS):
		hint = "the file system is read-only"
	default:
		return err
	}
	return fmt.Errorf("%w (%s)", err, hint)
}
