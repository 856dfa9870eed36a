package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"syscall"
)

// install replaces the contents of dest with the new tree in w.tmp, for
// an output folder that must stay what it is (a symbolic link's target, a
// mount point): folders are made first, then each file is moved over the
// old one with a single rename (or, from another device, copied to a
// temporary name beside it and renamed), then what the new tree lacks is
// removed, and the marker goes last. A file whose bytes did not change is
// left alone, so its time (and the ETag a web server derives from it)
// stays.
//
// The guarantee: a reader sees every file either whole old or whole new,
// never half-written, and a build that fails before Commit changes
// nothing; but while the update runs (well under a second for most
// sites) some pages are new and others old. An error midway (a file held
// open on Windows) leaves such a mix, is reported, and the next build
// completes it.
func (w *Writer) install(dest string) error {
	err := filepath.WalkDir(w.tmp, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(w.tmp, p)
		if rel == "." || rel == Marker {
			return nil
		}
		target := filepath.Join(dest, rel)
		if d.IsDir() {
			return mkdirOver(target)
		}
		return w.move(p, target)
	})
	if err == nil {
		err = prune(dest, w.written, w.tmp)
	}
	if err == nil {
		err = w.move(filepath.Join(w.tmp, Marker), filepath.Join(dest, Marker))
	}
	if err != nil {
		return fmt.Errorf("updating %s in place: %w; until a build succeeds, some of its files may be the previous build's",
			w.out, explain(err))
	}
	return nil
}

// mkdirOver makes the folder dir, removing a file that stands there.
func mkdirOver(dir string) error {
	info, err := os.Lstat(dir)
	if err == nil && info.IsDir() {
		return nil
	}
	if err == nil {
		if err := os.Remove(dir); err != nil {
			return err
		}
	}
	return os.Mkdir(dir, 0o755)
}

// move puts the file from in place of the file to in one rename, copying
// when the two are on different devices.
func (w *Writer) move(from, to string) error {
	if sameFiles(from, to) {
		return nil
	}
	if info, err := os.Lstat(to); err == nil && info.IsDir() {
		if err := os.RemoveAll(to); err != nil {
			return err
		}
	}
	err := w.fs.Rename(from, to)
	if errors.Is(err, syscall.EXDEV) {
		return w.copyOver(from, to)
	}
	return err
}

// copyOver copies from to a temporary file beside to, then renames it
// over to, so that to is never seen half-written.
func (w *Writer) copyOver(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	tmp, err := os.CreateTemp(filepath.Dir(to), ".sitegen-copy-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, src)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = w.fs.Rename(tmp.Name(), to)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

// sameFiles reports whether two regular files hold the same bytes.
func sameFiles(a, b string) bool {
	ia, err := os.Lstat(a)
	if err != nil || !ia.Mode().IsRegular() {
		return false
	}
	ib, err := os.Lstat(b)
	if err != nil || !ib.Mode().IsRegular() || ia.Size() != ib.Size() {
		return false
	}
	da, err := os.ReadFile(a)
	if err != nil {
		return false
	}
	db, err := os.ReadFile(b)
	return err == nil && bytes.Equal(da, db)
}

// prune removes from root everything that is not an output file in
// written (slash paths), a folder holding one, or the marker; skip (the
// temporary folder inside an output updated in place) is kept.
func prune(root string, written map[string]bool, skip string) error {
	needed := map[string]bool{}
	for name := range written {
		for dir := path.Dir(name); dir != "." && !needed[dir]; dir = path.Dir(dir) {
			needed[dir] = true
		}
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p == root || p == skip {
			if p == skip {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == Marker:
			return nil
		case d.IsDir() && needed[rel]:
			return nil
		case d.IsDir():
			if err := os.RemoveAll(p); err != nil {
				return err
			}
			return filepath.SkipDir
		case written[rel]:
			return nil
		}
		return os.Remove(p)
	})
}
