package render

import "golang.org/x/sys/unix"

// exchange swaps two paths in one step (renamex_np RENAME_SWAP, APFS and
// HFS+); other file systems answer ENOTSUP and the swap falls back to two
// renames.
func exchange(a, b string) error {
	return unix.RenamexNp(a, b, unix.RENAME_SWAP)
}
