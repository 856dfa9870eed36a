package pdftest

// Leftover processes: the browser the code under test should have
// stopped. Tests mark their processes by pointing TMPDIR at a folder of
// their own, which every child process inherits in its environment (and
// a browser in its profile path).

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// MarkTempDir points TMPDIR at a new folder of t's own and returns it.
func MarkTempDir(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

// Leftovers lists the live processes, other than this one, whose command
// line or environment mentions marker.
func Leftovers(marker string) []string {
	var found []string
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, proc := range procs {
		if filepath.Base(proc) == strconv.Itoa(os.Getpid()) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join(proc, "cmdline"))
		environ, _ := os.ReadFile(filepath.Join(proc, "environ"))
		if bytes.Contains(cmdline, []byte(marker)) || bytes.Contains(environ, []byte(marker)) {
			found = append(found, filepath.Base(proc)+": "+string(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '})))
		}
	}
	return found
}

// CheckNoLeftovers fails t if a process or a file still carries marker.
func CheckNoLeftovers(t *testing.T, marker string) {
	t.Helper()
	// A process killed with SIGKILL can take a moment to go on a loaded
	// machine (it may sit in uninterruptible disk I/O): give it ten seconds.
	left := Leftovers(marker)
	for deadline := time.Now().Add(10 * time.Second); len(left) > 0 && time.Now().Before(deadline); left = Leftovers(marker) {
		time.Sleep(100 * time.Millisecond)
	}
	if len(left) > 0 {
		t.Errorf("browser processes still running:\n%s", strings.Join(left, "\n"))
	}
	if entries, _ := os.ReadDir(marker); len(entries) > 0 {
		t.Errorf("browser files left in TMPDIR: %v", entries)
	}
}
