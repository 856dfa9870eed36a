package render

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// mountPoint asks statx whether dir is a mount root, which also catches a
// bind mount of a folder on the same device; kernels before 5.8 do not
// say, and then a device different from the parent's tells.
func mountPoint(dir string) bool {
	var st unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, 0, &st) == nil &&
		st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	var a, b unix.Stat_t
	return unix.Lstat(dir, &a) == nil && unix.Lstat(filepath.Dir(dir), &b) == nil && a.Dev != b.Dev
}
