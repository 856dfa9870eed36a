package sitefs

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// ReadDir lists the folder name, sorted, leaving out what may not be read
// (see the package doc). A symlink that may be followed is listed as what
// it points to, so fs.WalkDir descends into a linked folder.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	real, info, err := f.resolve("readdir", name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errNotDir}
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: unwrapPath(err)}
	}
	var above []string // resolved folders on the way to name, for loops
	out := entries[:0]
	for _, e := range entries {
		child := path.Join(name, e.Name())
		switch t := e.Type(); {
		case t.IsRegular() || t.IsDir():
			out = append(out, e)
		case t&fs.ModeSymlink != 0:
			target, info, err := f.resolve("readdir", child)
			if err != nil {
				continue // warned in resolve (or gone since the listing)
			}
			if info.IsDir() {
				if above == nil {
					above = f.resolvedPath(name)
				}
				if containsAny(target, above) {
					link, _ := os.Readlink(filepath.Join(real, e.Name()))
					f.skip("readdir", child, "symlink to %s is a folder that contains the link (a loop); skipped", link)
					continue
				}
			}
			out = append(out, fs.FileInfoToDirEntry(info))
		default:
			f.skip("readdir", child, "it is %s, not a regular file or folder; never read", kindOf(t))
		}
	}
	return out, nil
}

// resolvedPath lists the site root and each folder from it to name, with
// symlinks resolved.
func (f *FS) resolvedPath(name string) []string {
	dirs := []string{f.root}
	p := f.root
	for _, elem := range splitPath(name) {
		p = filepath.Join(p, elem)
		if real, err := filepath.EvalSymlinks(p); err == nil {
			dirs = append(dirs, real)
		}
	}
	return dirs
}

func splitPath(name string) []string {
	if name == "." {
		return nil
	}
	var elems []string
	for name != "." {
		elems = append([]string{path.Base(name)}, elems...)
		name = path.Dir(name)
	}
	return elems
}

// containsAny reports whether folder dir is, or holds, any of paths: a
// link to it from any of them leads back to where the walk has been.
func containsAny(dir string, paths []string) bool {
	for _, p := range paths {
		if within(dir, p) {
			return true
		}
	}
	return false
}
