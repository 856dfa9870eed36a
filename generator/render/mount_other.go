//go:build !unix

package render

// mountPoint: Windows mounts volumes at drive letters, or in folders as
// junctions, which the writer already treats as links (updated in place).
func mountPoint(dir string) bool { return false }
