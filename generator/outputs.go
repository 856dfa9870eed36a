package generator

import (
	"fmt"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// source is what writes one output file: a note or a user file (File
// set, a site-root path) or something the build generates (File empty).
type source struct {
	File string
	What string // for messages: "the page of content/x.md", "the generated sitemap.xml"
	// Note marks the page of the note File, whose What is made only when
	// a message needs it: a site of 100,000 notes would hold as many.
	Note bool
	// Redirect marks an alias's redirect page, which every render makes
	// anew from the aliases: owner does not count it as publishing a URL.
	Redirect bool
}

// generated reports whether the build made p (search, tags, matrix, …)
// rather than loading it from a note or a folder.
func generated(p *content.Page) bool { return p.BodyLine == 0 && !p.Implicit }

func noteSource(p *content.Page) source {
	if i := strings.Index(p.File, " ("); i >= 0 && generated(p) {
		// A generated page's File reads "content/ (generated search page)".
		return source{What: "the " + strings.TrimSuffix(p.File[i+2:], ")")}
	}
	if p.Implicit {
		return source{File: p.File, What: "the page of the folder " + p.File}
	}
	return source{File: p.File, Note: true}
}

// what says what the source is, for messages.
func (s source) what() string {
	if s.Note {
		return "the page of " + s.File
	}
	return s.What
}

func fileSource(file string) source { return source{File: file, What: file} }

func generatedSource(what string) source { return source{What: "the generated " + what} }

// outputs records the source of every output file, so two sources that
// would write one file are an error instead of a silent overwrite whose
// winner depends on timing. Paths are compared as written and in lower
// case too: macOS and Windows file systems do not tell Lambda.png from
// lambda.png. A file standing where another output needs a folder is a
// collision as well.
type outputs struct {
	by    map[string]source // output path → source
	lower map[string]string // lower-case output path → output path, for paths with capitals
	dirs  map[string]string // lower-case folder → an output path inside it
}

func newOutputs() *outputs {
	return &outputs{by: map[string]source{}, lower: map[string]string{}, dirs: map[string]string{}}
}

// claim records that src writes name. Claiming a path again for the same
// source (a rebuild) is fine; for another source it is an error naming both.
func (o *outputs) claim(name string, src source) error {
	if prev, ok := o.by[name]; ok {
		if prev == src {
			return nil
		}
		return collision(name, src, name, prev, samePath)
	}
	low := strings.ToLower(name)
	if other, ok := o.caseless(low); ok {
		return collision(name, src, other, o.by[other], sameLetters)
	}
	if inside, ok := o.dirs[low]; ok {
		return collision(name, src, inside, o.by[inside], fileOverFolder)
	}
	for dir := parentDir(low); dir != ""; dir = parentDir(dir) {
		if file, ok := o.caseless(dir); ok {
			return collision(name, src, file, o.by[file], fileOverFolder)
		}
	}
	o.by[name] = src
	if low != name {
		o.lower[low] = name
	}
	for dir := parentDir(low); dir != ""; dir = parentDir(dir) {
		if _, ok := o.dirs[dir]; ok {
			break
		}
		o.dirs[dir] = name
	}
	return nil
}

// caseless returns the output path that is low in lower case.
func (o *outputs) caseless(low string) (string, bool) {
	if name, ok := o.lower[low]; ok {
		return name, true
	}
	_, ok := o.by[low]
	return low, ok
}

// release forgets a file a rebuild no longer makes (an old search index part).
func (o *outputs) release(name string) {
	delete(o.by, name)
	delete(o.lower, strings.ToLower(name))
}

func parentDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i > 0 {
		return p[:i]
	}
	return ""
}

// How two output paths collide.
const (
	samePath = iota
	sameLetters
	fileOverFolder
)

// collision reports src writing name where prev already writes other
// (the same path, or one that clashes with it). The error is placed at
// the user's file when there is one, a copied file before a note: that is
// what the author can rename.
func collision(name string, src source, other string, prev source, how int) error {
	at, atPath, by, byPath := src, name, prev, other
	if blame(prev) > blame(src) {
		at, atPath, by, byPath = prev, other, src, name
	}
	var msg string
	switch how {
	case samePath:
		msg = fmt.Sprintf("%s, which %s also writes; rename or remove one", action(at, atPath), by.what())
	case sameLetters:
		msg = fmt.Sprintf("%s, which differs only in letter case from %s, written by %s: on macOS and Windows "+
			"one would overwrite the other; rename one", action(at, atPath), byPath, by.what())
	default:
		msg = fmt.Sprintf("%s, and %s writes %s: one needs a folder where the other is a file; rename or remove one",
			action(at, atPath), by.what(), byPath)
	}
	return srcerr.New(at.File, 0, "%s", msg)
}

// blame ranks which of two colliding sources an error is placed at.
func blame(s source) int {
	switch {
	case s.File == "":
		return 0
	case content.IsNote(s.File):
		return 1
	}
	return 2
}

// action says what a source does with an output path.
func action(s source, name string) string {
	if s.File != "" && s.What == s.File {
		return "copied to " + name
	}
	return s.what() + " is written to " + name
}

// owner describes what writes an output path, "" for nothing; letter case
// does not count, as it does not on macOS and Windows.
func (o *outputs) owner(name string) string {
	if p, ok := o.caseless(strings.ToLower(name)); ok && !o.by[p].Redirect {
		return o.by[p].what()
	}
	return ""
}
