//go:build !windows

package render

import "os"

func rename(from, to string) error { return os.Rename(from, to) }
