package serve

import (
	"path"
	"strconv"
	"strings"
)

// ChangeKind says what a changed file is to the build, so an incremental
// builder can redo only what depends on it.
type ChangeKind int

const (
	// Other is a file the site does not read (Go sources beside the site,
	// a README at the root); it never triggers a rebuild.
	Other ChangeKind = iota
	Content
	Template
	Asset
	Config
	Diagram
	Data
)

var kindNames = [...]string{"other", "content", "template", "asset", "config", "diagram", "data"}

func (k ChangeKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Classify names the kind of a path relative to the site root, written
// with forward slashes:
//
//	sitegen.toml                 Config
//	**/*.d2                      Diagram
//	content/_*.yaml              Data (site data files; only directly in content/)
//	content/**/*.md              Content
//	content/** (anything else)   Asset (copied to the output as is)
//	themes/<name>/layouts/**     Template
//	themes/<name>/assets/**      Asset
//	themes/<name>/* (other)      Template (unknown theme files: rebuild conservatively)
//	anything else                Other
func Classify(rel string) ChangeKind {
	if rel == "sitegen.toml" {
		return Config
	}
	if strings.HasSuffix(rel, ".d2") {
		return Diagram
	}
	if sub, ok := strings.CutPrefix(rel, "content/"); ok {
		base := path.Base(sub)
		switch {
		case !strings.Contains(sub, "/") && strings.HasPrefix(base, "_") &&
			(strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")):
			return Data
		case strings.HasSuffix(base, ".md"):
			return Content
		}
		return Asset
	}
	if sub, ok := strings.CutPrefix(rel, "themes/"); ok {
		_, inTheme, ok := strings.Cut(sub, "/")
		switch {
		case !ok || inTheme == "":
			return Other
		case strings.HasPrefix(inTheme, "assets/"):
			return Asset
		}
		return Template
	}
	return Other
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
