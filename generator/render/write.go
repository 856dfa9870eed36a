package render

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Marker is a file every output folder gets. sitegen only ever replaces a
// folder that has it (or an empty one), so a mistyped --out cannot wipe a
// folder of the user's own files.
const Marker = ".sitegen-output"

// CheckOut refuses output folders whose replacement would destroy the
// sources or the user's files: /, the home folder, the source folder or
// any folder that contains it.
func CheckOut(out, src string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	home, _ := os.UserHomeDir()
	switch {
	case absOut == string(filepath.Separator):
		return fmt.Errorf("--out %s: refusing to replace the root folder", out)
	case home != "" && absOut == filepath.Clean(home):
		return fmt.Errorf("--out %s: refusing to replace your home folder", out)
	case absOut == absSrc:
		return fmt.Errorf("--out %s: refusing to replace the source folder; use a sub-folder such as public", out)
	case strings.HasPrefix(absSrc+string(filepath.Separator), absOut+string(filepath.Separator)):
		return fmt.Errorf("--out %s: refusing to replace a folder that contains the sources (%s)", out, src)
	}
	info, err := os.Stat(absOut)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("--out %s: exists and is not a folder", out)
	}
	if _, err := os.Stat(filepath.Join(absOut, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(absOut)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("--out %s: the folder has files sitegen did not write; remove it or choose another --out", out)
	}
	return nil
}

// WriteDir writes files (output path → bytes) as the folder out. It writes
// a sibling temporary folder and swaps it in only when every file was
// written, so a failed build leaves the previous output exactly as it was.
func WriteDir(out string, files map[string][]byte) error {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := writeAll(tmp, files); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, out); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	return nil
}

func writeAll(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files)+1)
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	dirs := map[string]bool{}
	for _, n := range names {
		if !filepath.IsLocal(n) {
			return fmt.Errorf("output path %q escapes the output folder", n)
		}
		if d := filepath.Dir(n); !dirs[d] {
			if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
				return err
			}
			dirs[d] = true
		}
	}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte("written by sitegen; safe to delete with the folder\n"), 0o644); err != nil {
		return err
	}
	// Writing is syscall-bound; a few workers overlap the waits.
	work := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(4, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range work {
				if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, n := range names {
		work <- n
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// swap puts the folder tmp in place of out: one atomic exchange where the
// kernel offers it, else two renames.
func swap(tmp, out string) error {
	if _, err := os.Stat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err == nil {
		return os.RemoveAll(tmp) // tmp now holds the old output
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}
