// Package content loads a site's notes into typed pages: it walks content/
// through an fs.FS, splits and decodes front matter, and works out slugs,
// URLs and the section tree. It knows nothing of HTML or Markdown syntax
// beyond finding a note's first "# heading" when it has no title.
//
// Layout of content/:
//
//	content/_index.md            the home page (KindHome)
//	content/services/_index.md   a section page listing its pages (KindSection)
//	content/services/lambda.md   a page, served at /services/lambda/
//	content/services/arch.png    any other file: copied next to its page
//	content/_*.yaml              site data files (fact schema, …), not pages
package content

import (
	"sync"
	"time"
)

// Kind says which layout family a page belongs to.
type Kind string

const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
)

// Page is one Markdown note.
type Page struct {
	File     string // path from the site root, for errors: content/services/lambda.md
	Kind     Kind
	Slug     string // last URL segment: "lambda"; "" for home
	URL      string // site path with trailing slash: /services/lambda/
	Title    string // front matter title, else first # heading, else file name
	Meta     FrontMatter
	Body     []byte // Markdown after the front matter
	BodyLine int    // file line where Body starts
	ModTime  time.Time

	Parent *Page   // enclosing section (home for top-level pages); nil for home
	Pages  []*Page // a section's pages and sub-sections, ordered
}

func (p *Page) path() string { return p.File[len(Dir)+1:] }

// Ancestors lists the sections above the page, outermost (home) first.
func (p *Page) Ancestors() []*Page {
	var up []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		up = append([]*Page{a}, up...)
	}
	return up
}

// Asset is a non-Markdown file under content/, copied to Dest.
type Asset struct {
	File string // content/services/arch.png
	Dest string // services/arch.png (relative to the output root)
}

// Site is every page and asset of a site, phase 1 of the build: loaded,
// validated and linked, not yet rendered.
type Site struct {
	Pages  []*Page // every page, sorted by URL
	Home   *Page
	Assets []Asset
	// Data holds the raw content/_*.yaml files by name ("facts" for
	// content/_facts.yaml), for the stages that give them meaning.
	Data map[string]DataFile

	byURL map[string]*Page

	namesOnce sync.Once
	names     map[string]*Page // slug, title and alias → page, for Resolve
	nameList  []string
	files     map[string]*Page // source file → page, for ResolveFile
	fileList  []string
}

// DataFile is a site data file's bytes and path.
type DataFile struct {
	File string
	Src  []byte
}

// Page returns the page at a site path, or nil.
func (s *Site) Page(url string) *Page { return s.byURL[url] }
