package render

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
