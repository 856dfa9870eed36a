package render

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"sitegen/generator/content"
)

// Marker is a file every output folder gets. sitegen only ever replaces a
// folder that has it (or an empty one), so a mistyped --out cannot wipe a
// folder of the user's own files.
const Marker = ".sitegen-output"

// CheckOut refuses output folders whose replacement would destroy the
// sources or the user's files: /, the home folder, the source folder or
// any folder that contains it; and folders inside the notes (the content
// root), whose output the next build would read back as notes, unless the
// notes loader skips them (public/ in a bare notes folder, _site, .dot).
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
	root := content.ContentRoot(os.DirFS(absSrc))
	notes := filepath.Join(absSrc, filepath.FromSlash(root))
	if rel, err := filepath.Rel(absSrc, absOut); err == nil && filepath.IsLocal(rel) &&
		(absOut == notes || strings.HasPrefix(absOut, notes+string(filepath.Separator))) && !content.Skipped(root, filepath.ToSlash(rel)) {
		where := "the notes folder " + filepath.Join(src, filepath.FromSlash(root))
		if root == "." {
			where = "the notes (they sit at the site folder's top, " + src + ")"
		}
		return fmt.Errorf("--out %s: refusing to write inside %s: the next build would read the output back as notes; "+
			"use a folder outside it, such as %s", out, where, filepath.Join(src, "public"))
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

// Writer writes a build's output into a temporary folder beside out
// while the build is still running, so writing overlaps rendering, and
// swaps it in for out only when the build succeeded: a failed build leaves
// the previous output exactly as it was.
//
// The folder a build replaces is kept as .<out>.old-* and becomes the next
// build's temporary folder: files are overwritten in place and the ones
// the new build does not make are removed, like an in-place build, but
// without ever touching the output being served. Creating and deleting
// thousands of files costs more than rewriting them on many disks.
type Writer struct {
	out, tmp string
	previous map[string]bool // files the recycled folder holds (from its marker)
	work     chan job
	workers  sync.WaitGroup
	dirs     sync.Map // folders made so far
	mu       sync.Mutex
	written  map[string]bool
	err      error
}

type job struct {
	name string
	data []byte
}

// NewWriter starts writing a new output for out (checked by CheckOut).
func NewWriter(out string) (*Writer, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	w := &Writer{out: out, work: make(chan job, 256), written: map[string]bool{}}
	if err := w.recycle(); err != nil {
		tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
		if err != nil {
			return nil, err
		}
		if err := os.Chmod(tmp, 0o755); err != nil {
			return nil, err
		}
		w.tmp = tmp
	}
	// Writing is system-call bound: a few more workers than cores keep
	// the disk busy while the build renders.
	for range runtime.GOMAXPROCS(0) + 2 {
		w.workers.Go(func() {
			for j := range w.work {
				w.fail(w.write(j))
			}
		})
	}
	return w, nil
}

// recycle takes an earlier build's replaced output as the temporary
// folder; more than one (after a crash) are deleted but one.
func (w *Writer) recycle() error {
	olds, _ := filepath.Glob(filepath.Join(filepath.Dir(w.out), "."+filepath.Base(w.out)+".old-*"))
	if len(olds) == 0 {
		return os.ErrNotExist
	}
	for _, extra := range olds[1:] {
		_ = os.RemoveAll(extra)
	}
	list, err := os.ReadFile(filepath.Join(olds[0], Marker))
	if err != nil {
		_ = os.RemoveAll(olds[0])
		return err
	}
	tmp := strings.Replace(olds[0], ".old-", ".new-", 1)
	if err := os.Rename(olds[0], tmp); err != nil {
		return err
	}
	w.tmp = tmp
	w.previous = map[string]bool{}
	for _, name := range strings.Split(string(list), "\n")[1:] {
		if name != "" && filepath.IsLocal(name) {
			w.previous[name] = true
		}
	}
	return nil
}

// Put queues one output file; it is safe to call from many goroutines.
func (w *Writer) Put(name string, data []byte) {
	w.work <- job{name, data}
}

func (w *Writer) write(j job) error {
	if !filepath.IsLocal(j.name) || j.name == Marker {
		return fmt.Errorf("output path %q is not a file inside the output folder", j.name)
	}
	w.mu.Lock()
	w.written[j.name] = true
	w.mu.Unlock()
	path := filepath.Join(w.tmp, j.name)
	dir := filepath.Dir(path)
	if _, made := w.dirs.Load(dir); !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			// A recycled folder may hold a file where a folder must go.
			if err := removeConflict(w.tmp, dir); err != nil {
				return err
			}
		}
		w.dirs.Store(dir, true)
	}
	if w.previous[j.name] && sameFile(path, j.data) {
		return nil // a rebuild mostly makes the same bytes: reading is cheaper than rewriting
	}
	err := os.WriteFile(path, j.data, 0o644)
	if err != nil && w.previous != nil {
		// ... or a folder where a file must go.
		if os.RemoveAll(path) == nil {
			err = os.WriteFile(path, j.data, 0o644)
		}
	}
	return err
}

// sameFile reports whether the file at path holds exactly data.
func sameFile(path string, data []byte) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// removeConflict deletes the file standing where a folder of dir must be,
// then makes dir.
func removeConflict(root, dir string) error {
	for p := dir; p != root && p != "."; p = filepath.Dir(p) {
		if info, err := os.Lstat(p); err == nil && !info.IsDir() {
			if err := os.Remove(p); err != nil {
				return err
			}
			break
		}
	}
	return os.MkdirAll(dir, 0o755)
}

func (w *Writer) fail(err error) {
	if err != nil {
		w.mu.Lock()
		if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
	}
}

// Commit waits for every file, removes what a recycled folder held that
// this build did not make, and puts the new output in place of out.
func (w *Writer) Commit() error {
	close(w.work)
	w.workers.Wait()
	if w.err == nil {
		w.removeStale()
		w.fail(w.writeMarker())
	}
	if w.err == nil {
		w.fail(swap(w.tmp, w.out))
	}
	if w.err != nil {
		_ = os.RemoveAll(w.tmp)
	}
	return w.err
}

// removeStale deletes the recycled folder's files this build did not
// write, and the folders that leaves empty.
func (w *Writer) removeStale() {
	for name := range w.previous {
		if w.written[name] {
			continue
		}
		_ = os.Remove(filepath.Join(w.tmp, name))
		for dir := filepath.Dir(name); dir != "." && !w.written[dir]; dir = filepath.Dir(dir) {
			if os.Remove(filepath.Join(w.tmp, dir)) != nil {
				break // not empty
			}
		}
	}
}

// writeMarker writes the marker file: a line of explanation, then every
// output file, for the build that recycles this folder.
func (w *Writer) writeMarker() error {
	names := make([]string, 0, len(w.written))
	for n := range w.written {
		names = append(names, n)
	}
	sort.Strings(names)
	return os.WriteFile(filepath.Join(w.tmp, Marker),
		[]byte("written by sitegen; safe to delete with the folder\n"+strings.Join(names, "\n")+"\n"), 0o644)
}

// Abort stops writing and removes the temporary folder; out is untouched.
func (w *Writer) Abort() {
	close(w.work)
	w.workers.Wait()
	_ = os.RemoveAll(w.tmp)
}

// swap puts the folder tmp in place of out: one atomic exchange where the
// kernel offers it, else two renames. The old output is left as
// .<out>.old-* for the next Writer to recycle.
func swap(tmp, out string) error {
	if _, err := os.Stat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	old := filepath.Join(filepath.Dir(tmp), strings.Replace(filepath.Base(tmp), ".new-", ".old-", 1))
	if exchange(tmp, out) == nil {
		return os.Rename(tmp, old) // tmp now holds the old output
	}
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out)
		return err
	}
	return nil
}
