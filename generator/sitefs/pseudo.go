package sitefs

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"
)

var errNotDir = errors.New("not a directory")

// pseudoDirs are where Unix systems mount kernel pseudo-file systems and
// devices. Their files look regular yet hold the state of running programs
// (/proc/self/environ: the build's environment, tokens included), so no
// path resolving into them is read, even with follow_symlinks.
var pseudoDirs = []string{"/proc", "/sys", "/dev"}

// pseudoFS names the pseudo-file system real lies on, "" for none. A path
// inside the site folder is judged by its file system alone, so a site
// kept under /dev/shm still builds.
func pseudoFS(real string, inside bool) string {
	if runtime.GOOS == "windows" {
		return ""
	}
	if !inside {
		for _, d := range pseudoDirs {
			if real == d || strings.HasPrefix(real, d+string(filepath.Separator)) {
				return d
			}
		}
	}
	return pseudoMount(real)
}
