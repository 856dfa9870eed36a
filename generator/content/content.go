// Package content loads a site's notes into typed pages: it walks the
// content root through an fs.FS, splits and decodes front matter, and works
// out URLs and the section tree. It knows nothing of HTML or Markdown
// syntax beyond finding a note's first "# heading" when it has no title.
//
// The content root is content/ when the site folder has one, else the site
// folder itself (a bare notes folder, a GitHub repo, an Obsidian vault):
//
//	_index.md, index.md, README.md  the folder's page, in that order of precedence;
//	                                a lower one beside a higher one is a normal page.
//	                                At the root it is the home page (KindHome).
//	services/lambda.md              a page, at /services/lambda/ (.markdown too)
//	services/                       a section (KindSection); a folder without an
//	                                index file gets an implicit one, titled from its
//	                                name, so folders nest to any depth
//	services/arch.png               any other file: copied to services/arch.png
//	_*.yaml                         site data files at the root (fact schema, …)
//	_posts/                         Jekyll's posts: notes, at /posts/…
//
// Skipped: dot-files and dot-folders (.git, .obsidian, .trash, …), Jekyll's
// _site, _layouts, _includes, _sass, _data and _drafts, and, when the site
// folder is the content root, themes/, public/, node_modules/, the output
// folder and sitegen.toml.
//
// A page's URL keeps what makes its file name distinct (see URLSegment):
// underscores, '+', accents and other scripts stay; names that differ only
// in letter case, or in space against '-', map to one URL and are an error
// naming both files. Front matter slug (the last segment), url or
// permalink (the whole path) override it. Page.URL is percent-encoded, as
// an href needs it; UnescapePath gives the output file path.
//
// Front matter is YAML between --- lines, TOML between +++ lines, or a JSON
// object at the very start; a UTF-8 byte-order mark before it is ignored.
//
// Links resolve by name as Obsidian does (resolve.go): by file name from
// any folder, by path suffix, by slug, title or alias; a name several
// notes share resolves to the nearest and reports an AmbiguousError.
package content

import (
	"sync"
	"time"

	"sitegen/generator/srcerr"
)

// Kind says which layout family a page belongs to.
type Kind string

const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
)

// Page is one Markdown note, or the implicit page of a folder without one.
type Page struct {
	File     string // path from the site root, for errors: content/services/lambda.md
	Kind     Kind
	Slug     string // last URL segment, decoded: "lambda", "c++"; "" for home
	URL      string // percent-encoded site path with trailing slash: /services/lambda/
	Title    string // front matter title, else first # heading, else file name
	Meta     FrontMatter
	Body     []byte // Markdown after the front matter
	BodyLine int    // file line where Body starts
	ModTime  time.Time
	// Implicit marks the page of a folder that has no index note: it has
	// no file (File is the folder) and no body.
	Implicit bool

	Parent *Page   // enclosing section (home for top-level pages); nil for home
	Pages  []*Page // a section's pages and sub-sections, ordered

	rel     string // path from the content root: services/lambda.md
	up      string // folder whose section holds the page, from the content root; "" at the root
	warning string // a problem found while parsing that does not stop the build
}

// Ancestors lists the sections above the page, outermost (home) first.
func (p *Page) Ancestors() []*Page {
	var up []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		up = append([]*Page{a}, up...)
	}
	return up
}

// Asset is a non-Markdown file under the content root, copied to Dest.
type Asset struct {
	File string // content/services/arch.png
	Dest string // services/arch.png (relative to the output root)
	URL  string // percent-encoded site path: /services/arch.png
}

// Site is every page and asset of a site, phase 1 of the build: loaded,
// validated and linked, not yet rendered.
type Site struct {
	// Root is the content root in the site folder: "content", or "."
	// for a bare notes folder.
	Root   string
	Pages  []*Page // every page, sorted by URL
	Home   *Page
	Assets []Asset
	// Data holds the raw _*.yaml files of the content root by name
	// ("facts" for content/_facts.yaml), for the stages that give them meaning.
	Data map[string]DataFile
	// Warnings are problems that did not stop loading (an ignored
	// permalink pattern, …), each with its file and line.
	Warnings srcerr.List

	byURL map[string]*Page

	namesOnce sync.Once
	idx       *index
}

// DataFile is a site data file's bytes and path.
type DataFile struct {
	File string
	Src  []byte
}

// Page returns the page at a site path, or nil. The path may be written
// percent-encoded or not (/notes/%5B/ or /notes/[/).
func (s *Site) Page(url string) *Page {
	if p := s.byURL[url]; p != nil {
		return p
	}
	return s.byURL[canonicalURL(url)]
}
