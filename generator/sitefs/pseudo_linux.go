package sitefs

import "syscall"

// pseudoMagic are the statfs types of Linux's kernel pseudo-file systems,
// from linux/magic.h; a mount of one anywhere is refused, not only under
// /proc and /sys.
var pseudoMagic = map[uint32]string{
	0x9fa0:     "procfs",
	0x62656572: "sysfs",
	0x64626720: "debugfs",
	0x74726163: "tracefs",
	0x73636673: "securityfs",
	0x27e0eb:   "cgroupfs",
	0x63677270: "cgroup2fs",
	0xcafe4a11: "bpffs",
	0xde5e81e4: "efivarfs",
	0x62656570: "configfs",
	0x6165676c: "pstorefs",
}

func pseudoMount(real string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(real, &st); err != nil {
		return ""
	}
	return pseudoMagic[uint32(st.Type)]
}
