package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Writer writes a build's output into a temporary folder while the build
// is still running, so writing overlaps rendering, and puts it in place of
// the output folder only when the build succeeded: a failed build leaves
// the previous output exactly as it was. After a build the output folder
// holds exactly that build's files; anything else found there (a CNAME
// put in by hand, a PDF printed after the last build) is removed.
//
// An ordinary output folder is swapped whole: the temporary folder is
// .<out>.new-* beside it, exchanged with it in one step where the system
// can (Linux renameat2, macOS renamex_np), else by two renames with a
// rollback (Windows). The folder it replaces is kept as .<out>.old-* and
// becomes the next build's temporary folder: files are overwritten in
// place and the ones the new build does not make are removed, which costs
// less than creating and deleting thousands of files on many disks.
//
// An output folder that cannot be renamed keeps its identity and has its
// contents replaced instead (see install): a symbolic link (public ->
// /var/www/site: the link stays, the folder it names is updated) or a
// mount point (a Docker volume: the new tree is written into a hidden
// .sitegen-new-* folder inside it, since a rename cannot cross devices).
//
// Temporary folders carry the Marker from their first moment, so the next
// build recognises and deletes those a killed build left behind, and
// never a folder of the user's that happens to share the name.
// One build at a time may write to an output folder.
type Writer struct {
	out      string // the output folder as given
	dest     string // the folder updated in place; "" when out is swapped whole
	tmp      string
	fs       fileSystem
	recycled bool // tmp is an earlier output, rewritten in place
	work     chan job
	workers  sync.WaitGroup
	stop     sync.Once
	open     sync.RWMutex // held for reading while Put queues a file
	closed   bool         // no more files: Put drops them (a cancelled build's late pages)
	ended    bool         // Commit or Abort ran
	mu       sync.Mutex
	written  map[string]bool // slash paths
	dirs     map[string]bool // slash paths of the folders made, "." for the root
	err      error
}

type job struct {
	name string
	data []byte
	done func() // nil, or called once data is written (PutThen)
}

const (
	inProgress = "written by sitegen; safe to delete with the folder\n"
	innerTmp   = ".sitegen-new-" // the temporary folder inside an output updated in place
)

// NewWriter starts writing a new output for out (checked by CheckOut).
func NewWriter(out string) (*Writer, error) { return newWriter(out, osFS{}) }

func newWriter(out string, fsys fileSystem) (*Writer, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	w := &Writer{out: out, fs: fsys, work: make(chan job, 256), written: map[string]bool{}, dirs: map[string]bool{".": true}}
	dest, err := inPlace(out, fsys)
	if err != nil {
		return nil, err
	}
	w.dest = dest
	w.removeLeftovers()
	switch {
	case dest != "":
		w.tmp, err = os.MkdirTemp(dest, innerTmp)
	case w.recycle() != nil:
		w.tmp, err = os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	}
	if err != nil {
		return nil, explain(err)
	}
	if !w.recycled {
		if err := os.Chmod(w.tmp, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(w.tmp, Marker), []byte(inProgress), 0o644); err != nil {
			_ = os.RemoveAll(w.tmp)
			return nil, explain(err)
		}
	}
	// Writing is system-call bound: a few more workers than cores keep
	// the disk busy while the build renders.
	for range runtime.GOMAXPROCS(0) + 2 {
		w.workers.Go(func() {
			for j := range w.work {
				w.fail(w.write(j))
				if j.done != nil {
					j.done()
				}
			}
		})
	}
	return w, nil
}

// inPlace returns the folder whose contents a build replaces when out
// itself cannot be replaced: what a symbolic link (or a Windows junction)
// names, or out when it is a mount point; "" when out is swapped whole.
func inPlace(out string, fsys fileSystem) (string, error) {
	info, err := os.Lstat(out)
	if err != nil {
		return "", nil // missing: the first build renames its folder to out
	}
	switch {
	case info.Mode()&(fs.ModeSymlink|fs.ModeIrregular) != 0:
		target, err := filepath.EvalSymlinks(out)
		if err != nil {
			return "", fmt.Errorf("--out %s is a link to a folder that does not exist: %w", out, err)
		}
		return target, nil
	case info.IsDir() && fsys.MountPoint(out):
		return out, nil
	}
	return "", nil
}

// removeLeftovers deletes the temporary folders of builds that were
// killed: .<out>.new-* beside the output, .sitegen-new-* inside it, each
// only when it carries the Marker. Old outputs beyond the one to recycle
// go too, and all of them when nothing is recycled.
func (w *Writer) removeLeftovers() {
	base := filepath.Join(filepath.Dir(w.out), "."+filepath.Base(w.out))
	news, _ := filepath.Glob(base + ".new-*")
	olds, _ := filepath.Glob(base + ".old-*")
	if w.dest == "" && len(olds) > 0 {
		olds = olds[1:]
	} else {
		inner, _ := filepath.Glob(filepath.Join(w.dest, innerTmp+"*"))
		news = append(news, inner...)
	}
	for _, dir := range append(news, olds...) {
		if _, err := os.Lstat(filepath.Join(dir, Marker)); err == nil {
			_ = os.RemoveAll(dir)
		}
	}
}

// recycle takes an earlier build's replaced output as the temporary folder.
func (w *Writer) recycle() error {
	olds, _ := filepath.Glob(filepath.Join(filepath.Dir(w.out), "."+filepath.Base(w.out)+".old-*"))
	if len(olds) == 0 {
		return os.ErrNotExist
	}
	if _, err := os.Lstat(filepath.Join(olds[0], Marker)); err != nil {
		return err // not sitegen's: left alone
	}
	tmp := filepath.Join(filepath.Dir(olds[0]), strings.Replace(filepath.Base(olds[0]), ".old-", ".new-", 1))
	if err := os.Rename(olds[0], tmp); err != nil {
		_ = os.RemoveAll(olds[0])
		return err
	}
	w.tmp, w.recycled = tmp, true
	return nil
}

// Put queues one output file; it is safe to call from many goroutines.
// After Commit or Abort it does nothing: a page finished by a build that
// was cancelled meanwhile is dropped.
func (w *Writer) Put(name string, data []byte) {
	w.open.RLock()
	defer w.open.RUnlock()
	if !w.closed {
		w.work <- job{name: name, data: data}
	}
}

// PutThen is Put for data whose memory the caller reuses: done runs
// once the file is written (or dropped), from the writer's goroutine.
func (w *Writer) PutThen(name string, data []byte, done func()) {
	w.open.RLock()
	defer w.open.RUnlock()
	if w.closed {
		done()
		return
	}
	w.work <- job{name, data, done}
}

func (w *Writer) write(j job) error {
	if !filepath.IsLocal(j.name) || j.name == Marker {
		return fmt.Errorf("output path %q is not a file inside the output folder", j.name)
	}
	// The folder is a slice of the name, which written keeps anyway: a
	// site of 100,000 notes has as many folders (one per page).
	name := filepath.ToSlash(j.name)
	dir := path.Dir(name)
	w.mu.Lock()
	w.written[name] = true
	made := w.dirs[dir]
	w.mu.Unlock()
	file := filepath.Join(w.tmp, j.name)
	if !made {
		folder := filepath.Dir(file)
		if err := w.mkdir(dir, folder); err != nil {
			// A recycled folder may hold a file where a folder must go.
			if err := removeConflict(w.tmp, folder); err != nil {
				return w.named(j.name, err)
			}
		}
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	}
	if w.recycled && sameFile(file, j.data) {
		return nil // a rebuild mostly makes the same bytes: reading is cheaper than rewriting
	}
	err := w.fs.WriteFile(file, j.data)
	if err != nil && w.recycled {
		// ... or a folder where a file must go.
		if info, lerr := os.Lstat(file); lerr == nil && info.IsDir() && os.RemoveAll(file) == nil {
			err = w.fs.WriteFile(file, j.data)
		}
	}
	return w.named(j.name, err)
}

// mkdir makes folder, the folder dir (a slash path) of the temporary
// folder. In a new temporary folder nothing exists yet, and a folder's
// parent has mostly been made for an earlier file: one mkdir then, where
// MkdirAll would first stat the folder and then its parent.
func (w *Writer) mkdir(dir, folder string) error {
	if !w.recycled {
		w.mu.Lock()
		made := w.dirs[path.Dir(dir)]
		w.mu.Unlock()
		if made && os.Mkdir(folder, 0o755) == nil {
			return nil
		}
	}
	return os.MkdirAll(folder, 0o755)
}

// named says which output file could not be written, and why.
func (w *Writer) named(name string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("writing %s: %w", filepath.Join(w.out, name), explain(err))
}

// sameFile reports whether the file at path holds exactly data.
func sameFile(path string, data []byte) bool {
	info, err := os.Lstat(path)
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

// finish stops taking files and waits for those queued; it reports false
// when Commit or Abort already ran.
func (w *Writer) finish() bool {
	w.stop.Do(func() {
		w.open.Lock()
		w.closed = true
		close(w.work)
		w.open.Unlock()
	})
	w.workers.Wait()
	if w.ended {
		return false
	}
	w.ended = true
	return true
}

// Commit waits for every file, removes what a recycled folder held that
// this build did not make, and puts the new output in place. On error the
// previous output is as it was (for a folder updated in place: see
// install) and the error names the cause. Calling Abort afterwards is
// harmless.
func (w *Writer) Commit() error {
	if !w.finish() {
		return w.err
	}
	if w.err == nil && w.recycled {
		w.fail(prune(w.tmp, w.written, ""))
	}
	if w.err == nil {
		w.fail(w.writeMarker())
	}
	installed := false
	if w.err == nil {
		if w.dest != "" {
			w.fail(w.install(w.dest))
			installed = true
		} else if err := w.swap(); cannotMove(err) {
			// A mount point the detection missed (a bind mount on
			// kernels without statx's mount flag): its contents then.
			w.fail(w.install(w.out))
			installed = true
		} else if err != nil {
			w.fail(fmt.Errorf("replacing %s with the new output: %w", w.out, err))
		}
	}
	if w.err != nil || installed {
		_ = os.RemoveAll(w.tmp)
	}
	return w.err
}

// writeMarker writes the marker file: a line of explanation, then every
// output file.
func (w *Writer) writeMarker() error {
	names := make([]string, 0, len(w.written))
	for n := range w.written {
		names = append(names, n)
	}
	sort.Strings(names)
	return w.named(Marker, w.fs.WriteFile(filepath.Join(w.tmp, Marker),
		[]byte(inProgress+strings.Join(names, "\n")+"\n")))
}

// Abort stops writing and removes the temporary folder; the output is
// untouched. After Commit it does nothing.
func (w *Writer) Abort() {
	if w.finish() {
		_ = os.RemoveAll(w.tmp)
	}
}

// swap puts the folder tmp in place of out: one exchange where the system
// offers it, else two renames, the first undone if the second fails. The
// old output is left as .<out>.old-* for the next Writer to recycle.
func (w *Writer) swap() error {
	tmp, out := w.tmp, w.out
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return w.fs.Rename(tmp, out)
	}
	old := filepath.Join(filepath.Dir(tmp), strings.Replace(filepath.Base(tmp), ".new-", ".old-", 1))
	err := w.fs.Exchange(tmp, out)
	if err == nil {
		if w.fs.Rename(tmp, old) != nil {
			_ = os.RemoveAll(tmp) // tmp holds the old output: not recycled, no harm
		}
		return nil
	}
	if cannotMove(err) {
		return err
	}
	const kept = "; the previous output is unchanged"
	if err := w.fs.Rename(out, old); err != nil {
		return fmt.Errorf("%w%s", explain(err), kept)
	}
	if err := w.fs.Rename(tmp, out); err != nil {
		if rerr := w.fs.Rename(old, out); rerr != nil {
			return fmt.Errorf("%w; putting the previous output back failed too (%v): it is in %s", explain(err), rerr, old)
		}
		return fmt.Errorf("%w%s", explain(err), kept)
	}
	return nil
}
