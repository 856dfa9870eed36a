// Package change is the one model of a changed source file, shared by the
// watcher that sees it (generator/serve) and the session that rebuilds
// after it (generator.Session): the watcher classifies a path once, by
// the content package's own rules, and the rebuild acts on that
// classification instead of guessing again from the path.
//
// It does not watch anything and does not decide what to rebuild.
package change

import (
	"path"
	"strconv"
	"strings"

	"sitegen/generator/content"
)

// Kind says what a changed file is to the build.
type Kind int

const (
	// Other is a file the site does not read (a skipped folder, a dot-file,
	// Go sources beside a site with a content/ folder); it never triggers
	// a rebuild.
	Other  Kind = iota
	Note        // a Markdown note under the content root (.md, .markdown)
	Asset       // any other file under the content root: copied, or read by a note (.d2)
	Data        // a site data file at the top of the content root: _facts.yaml, …
	Theme       // a file of a theme override: themes/<name>/…
	Config      // sitegen.toml, or the content/ folder itself appearing or going
	Folder      // a folder that vanished or was renamed away: its files are unknown
)

// Op says what happened to the file.
type Op int

const (
	Written Op = iota // its contents changed
	Created           // it appeared (or was written in place of a removed one)
	Removed           // it was deleted
	Renamed           // it was renamed (or moved) away: gone from this path
)

var opNames = [...]string{"changed", "created", "removed", "renamed"}

func (o Op) String() string {
	if o < 0 || int(o) >= len(opNames) {
		return "op(" + strconv.Itoa(int(o)) + ")"
	}
	return opNames[o]
}

// Change is one changed source file.
type Change struct {
	Path string // relative to the site folder, forward slashes
	Kind Kind
	Op   Op
}

// Gone reports whether the file no longer exists at Path.
func (c Change) Gone() bool { return c.Op == Removed || c.Op == Renamed }

// Merge folds a later event for the same path into c: the last event says
// whether the file exists, and a file created in the batch stays created
// however often it is written afterwards.
func (c Change) Merge(next Change) Change {
	if c.Op == Created && next.Op == Written {
		next.Op = Created
	}
	return next
}

// Classify names the kind of rel, a path from the site folder written with
// forward slashes, in a site whose content root (content.ContentRoot) is
// root: "content" or ".". The rules are the content package's: what Load
// reads as a note, a data file or an asset is classified as one.
//
//	sitegen.toml, content            Config
//	themes/**                        Theme (never content, whatever the root)
//	<root>/_*.yaml, <root>/_*.yml    Data
//	<root>/**/*.md, *.markdown       Note
//	<root>/** (anything else)        Asset
//	skipped folders, dot-files, …    Other
func Classify(root, rel string) Kind {
	switch {
	case rel == "sitegen.toml", rel == "content":
		return Config
	case strings.HasPrefix(rel, "themes/"):
		if strings.Count(rel, "/") < 2 {
			return Other // themes/README.md: not inside a theme
		}
		return Theme
	}
	inRoot := rel
	if root != "." {
		var ok bool
		if inRoot, ok = strings.CutPrefix(rel, root+"/"); !ok {
			return Other
		}
	}
	if dir := path.Dir(rel); dir != "." && content.Skipped(root, dir) {
		return Other
	}
	base := path.Base(rel)
	switch {
	case strings.HasPrefix(base, ".") || content.IsEditorJunk(base):
		return Other
	case strings.HasPrefix(base, "_") && (strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")):
		if strings.Contains(inRoot, "/") {
			return Other // only the content root's own data files are read
		}
		return Data
	case content.IsNote(base):
		return Note
	}
	return Asset
}
