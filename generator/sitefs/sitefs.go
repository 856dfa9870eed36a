// Package sitefs opens a site folder on disk as an fs.FS that reads only
// what belongs to the site. Notes folders are shared and cloned from
// strangers, and os.DirFS follows every symlink: a link to /etc/passwd or
// /proc/self/environ would be published, and a .md or .d2 link would pull
// any readable file into a page. Here:
//
//   - a symlink (to a file or a folder) is followed only when its fully
//     resolved target lies inside the site folder; one that points outside,
//     points nowhere or never resolves (a loop) is left out, with a warning
//     naming the link and where it points;
//   - a symlinked folder that contains itself (a link to a parent) is left
//     out, so a walk never runs forever;
//   - only regular files and folders are read: FIFOs, sockets, devices and
//     Windows junctions are left out with a warning, and nothing on a kernel
//     pseudo-file system (/proc, /sys) is read, even when reached;
//   - FollowAll(true) (sitegen.toml's follow_symlinks) follows links that
//     point outside too; special files stay unread.
//
// A skipped file looks missing to the reader (its error satisfies
// errors.Is(err, fs.ErrNotExist)); the build goes on and reports Warnings.
// It does not defend against a folder that changes while it is read, nor
// against hard links, which a clone or an unpacked archive cannot create
// across file systems and git does not store at all.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"sitegen/generator/srcerr"
)

// FS is a site folder on disk. It is safe for concurrent use.
type FS struct {
	root   string // absolute, with every symlink resolved
	follow atomic.Bool

	mu       sync.Mutex
	warned   map[string]bool
	warnings srcerr.List
}

// New opens the site folder dir.
func New(dir string) (*FS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(root); err != nil {
		return nil, err
	} else if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", dir)
	}
	return &FS{root: root, warned: map[string]bool{}}, nil
}

// FollowAll makes the FS follow symlinks wherever they point (true), or
// only inside the site folder (false, the default).
func (f *FS) FollowAll(on bool) { f.follow.Store(on) }

// Warnings lists every file left out so far, once each, sorted.
func (f *FS) Warnings() srcerr.List {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append(srcerr.List(nil), f.warnings...).Sorted()
}

// SkippedError is why a file was left out. It counts as fs.ErrNotExist:
// to the reader, the file is not part of the site.
type SkippedError struct{ Reason string }

func (e *SkippedError) Error() string        { return e.Reason }
func (e *SkippedError) Is(target error) bool { return target == fs.ErrNotExist }

// skip records a warning for name (once) and returns the error a reader
// of name gets.
func (f *FS) skip(op, name, format string, args ...any) error {
	reason := fmt.Sprintf(format, args...)
	f.mu.Lock()
	if !f.warned[name] {
		f.warned[name] = true
		f.warnings = append(f.warnings, srcerr.New(name, 0, "%s", reason))
	}
	f.mu.Unlock()
	return &fs.PathError{Op: op, Path: name, Err: &SkippedError{Reason: reason}}
}

// resolve maps name to its path on disk with every symlink resolved, and
// checks that it may be read: inside the site (unless following all),
// a regular file or folder, not on a pseudo-file system.
func (f *FS) resolve(op, name string) (string, fs.FileInfo, error) {
	if !fs.ValidPath(name) || (runtime.GOOS == "windows" && strings.ContainsAny(name, `\:`)) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	p := filepath.Join(f.root, filepath.FromSlash(name))
	real, info, err := f.realPath(p, name)
	if err != nil {
		return "", nil, f.unresolved(op, name, p, err)
	}
	inside := within(f.root, real)
	if !inside && !f.follow.Load() {
		return "", nil, f.skip(op, name, "%s points outside the site folder; skipped "+
			"(follow_symlinks = true in sitegen.toml follows it)", linkText(p, real))
	}
	what := "it"
	if real != p {
		what = linkText(p, real)
	}
	if kind := pseudoFS(real, inside); kind != "" {
		return "", nil, f.skip(op, name, "%s is on %s, which is never read; skipped", what, kind)
	}
	if info == nil {
		if info, err = os.Lstat(real); err != nil {
			return "", nil, &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
		}
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return "", nil, f.skip(op, name, "%s is %s, not a regular file or folder; never read", what, kindOf(info.Mode()))
	}
	return real, named{info, path.Base(name)}, nil
}

// realPath resolves p, which is name under the root. Most paths hold no
// link: a walk from the root (itself resolved) that finds none is done,
// with the last element's info; one that meets a link hands the whole
// path to filepath.EvalSymlinks, which follows chains and ".." in targets.
func (f *FS) realPath(p, name string) (string, fs.FileInfo, error) {
	cur := f.root
	var info fs.FileInfo
	if name == "." {
		return cur, nil, nil
	}
	elems := strings.Split(name, "/")
	for i, elem := range elems {
		cur = filepath.Join(cur, elem)
		fi, err := os.Lstat(cur)
		if err != nil {
			return "", nil, err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(p)
			return real, nil, err
		}
		// Only a real folder is passed through: a Windows junction
		// (ModeIrregular) would lead anywhere unseen.
		if i < len(elems)-1 && !fi.IsDir() {
			return "", nil, errNotDir
		}
		info = fi
	}
	return cur, info, nil
}

// unresolved explains why name does not resolve: missing (no warning; a
// reader may be probing for an optional file), or a symlink that points
// nowhere or loops (a warning).
func (f *FS) unresolved(op, name, p string, err error) error {
	if _, lerr := os.Lstat(p); lerr != nil {
		return &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
	}
	target, _ := os.Readlink(p)
	switch {
	case isLoop(err):
		return f.skip(op, name, "symlink to %s never resolves (a loop of links); skipped", target)
	case errors.Is(err, fs.ErrNotExist):
		if target == "" {
			return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
		return f.skip(op, name, "symlink to %s points to nothing; skipped", target)
	}
	return &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
}

// isLoop reports whether EvalSymlinks gave up on a chain of links.
func isLoop(err error) bool {
	return errors.Is(err, syscall.ELOOP) || strings.Contains(err.Error(), "too many links")
}

// linkText names what p leads to for a warning: "symlink to T" (and
// where T finally leads when that differs), or, when a folder above p is
// the link, the resolved path.
func linkText(p, real string) string {
	target, err := os.Readlink(p)
	if err != nil {
		return "path through a linked folder to " + real
	}
	abs := target
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(filepath.Dir(p), target)
	}
	if filepath.Clean(abs) == real {
		return "symlink to " + target
	}
	return "symlink to " + target + " (resolving to " + real + ")"
}

// within reports whether p is dir or lies under it (both resolved).
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." &&
		!strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// kindOf names a special file's kind for a warning.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file (such as a Windows junction)"
	}
	return "a special file"
}

// named is a FileInfo under the name it was asked for, not its target's.
type named struct {
	fs.FileInfo
	name string
}

func (n named) Name() string { return n.name }

// Open opens name for reading.
func (f *FS) Open(name string) (fs.File, error) {
	real, info, err := f.resolve("open", name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return &dir{fsys: f, name: name, info: info}, nil
	}
	file, err := openRegular(real)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(err)}
	}
	// The file may have been swapped since resolve looked at it.
	if st, err := file.Stat(); err != nil || !st.Mode().IsRegular() {
		file.Close()
		return nil, f.skip("open", name, "it is not a regular file; never read")
	}
	return &regular{File: file, info: info}, nil
}

// ReadFile reads the whole of name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if _, ok := file.(*dir); ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return io.ReadAll(file)
}

// Stat describes name (a symlink's target, under the link's name).
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	_, info, err := f.resolve("stat", name)
	return info, err
}

type regular struct {
	*os.File
	info fs.FileInfo
}

func (r *regular) Stat() (fs.FileInfo, error) { return r.info, nil }

// dir is an open folder; its entries are those ReadDir lets through.
type dir struct {
	fsys    *FS
	name    string
	info    fs.FileInfo
	entries []fs.DirEntry
	listed  bool
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.listed {
		entries, err := d.fsys.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.listed = entries, true
	}
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
