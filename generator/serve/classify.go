package serve

import (
	"path"
	"strings"

	"sitegen/generator/change"
	"sitegen/generator/content"
	"sitegen/generator/sitefs"
)

// Change is one changed source file: the watcher's classification, which
// the Builder acts on (see package change).
type Change = change.Change

// classifier classifies paths of the site folder root on disk by the
// content package's rules. The content root is looked up per path, since
// creating or removing content/ moves it.
func classifier(root string) func(rel string) change.Kind {
	return func(rel string) change.Kind {
		fsys, err := sitefs.New(root)
		if err != nil {
			return change.Config // the site folder itself is in question: rebuild all
		}
		return change.Classify(content.ContentRoot(fsys), rel)
	}
}

// isJunk matches the files editors and operating systems write beside the
// ones a person saves: swap and backup files, lock files, the temporaries
// of save-by-rename. Their events never trigger a rebuild; the event for
// the final name does.
func isJunk(base string) bool {
	switch {
	case base == "4913", base == ".DS_Store":
		// vim probes whether it may write a directory with a file named 4913.
		return true
	case strings.HasPrefix(base, "."):
		// Hidden files: .#lock (Emacs), .file.swp (vim), .name.XXXX
		// (atomic-write temporaries); the content loader skips them too.
		return true
	case strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"), strings.HasSuffix(base, ".swo"),
		strings.HasSuffix(base, ".tmp"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true
	}
	// JetBrains: name___jb_tmp___, name___jb_old___.
	if i := strings.Index(base, "___jb_"); i >= 0 && strings.HasSuffix(base[i+len("___jb_"):], "___") {
		return true
	}
	return false
}

// skipDir reports whether a directory (relative to the site root) is
// never watched: version control, build output, caches, dependencies and
// hidden folders.
func skipDir(rel string) bool {
	if rel == "." {
		return false
	}
	switch rel {
	case "public", ".sitegen":
		return true
	}
	base := path.Base(rel)
	return base == "node_modules" || strings.HasPrefix(base, ".")
}
