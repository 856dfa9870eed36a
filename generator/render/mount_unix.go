//go:build unix && !linux

package render

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// mountPoint: a folder on another device than its parent is a mount root.
// A same-device bind mount (nullfs) is not seen here; renaming it fails
// with EBUSY, and the writer then falls back to the same in-place update.
func mountPoint(dir string) bool {
	var a, b unix.Stat_t
	return unix.Lstat(dir, &a) == nil && unix.Lstat(filepath.Dir(dir), &b) == nil && a.Dev != b.Dev
}
