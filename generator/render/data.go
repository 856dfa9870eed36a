package render

import (
	"html/template"
	"time"
)

// PageData is what every layout template receives as ".". It is the
// contract between the pipeline and a theme: a theme may use any field,
// and every field is filled for every page (empty when it does not apply).
type PageData struct {
	Site SiteData
	Page PageView
	Nav  Nav
}

// SiteData describes the whole site.
type SiteData struct {
	Title       string
	Description string
	BaseURL     string // canonical base, "https://example.org/" or "/"
	Language    string
	Menu        []Link // header menu; Active marks the current section
	Generator   string // "sitegen v…"
	Offline     bool   // register the service worker (sitegen.toml offline, default on)
}

// PageView is the page being rendered.
type PageView struct {
	Kind      string // home, section, page
	Layout    string // the layout used: home, section, page, service, compare, 404, …
	Title     string
	Summary   string
	Category  string
	URL       string // site path under the base path: /services/lambda/
	Permalink string // absolute canonical URL
	File      string // source file, content/services/lambda.md
	Tags      []string
	Classes   []string  // front matter cssclasses (Obsidian), set on <body> for the author's CSS
	TagLinks  []Link    // Tags, each with the URL of its tag page
	TagList   []TagLink // the tag pages: every tag (/tags/) or the tags nested in this one
	Modified  time.Time // last change of the source (git or file time); zero if unknown
	Content   template.HTML
	TOC       []TOCEntry // h2 with nested h3
	Pages     []PageLink // home and sections: the pages listed

	// Generated blocks; empty when the page has none.
	Facts       template.HTML // a service's facts as a grouped definition table
	Diagram     template.HTML // a service's context diagram, or the home page's service map
	Flows       template.HTML // use-case flow diagrams of the page
	Comparison  template.HTML // a comparison page's generated table
	CompareWith []Link        // comparisons this page appears in
	Backlinks   []Link        // pages that link here ("Mentioned in")
	Sheet       *Sheet        // the cheat sheet page's content; nil elsewhere
}

// TOCEntry is one heading of the table of contents.
type TOCEntry struct {
	ID       string
	Title    string
	Children []TOCEntry
}

// PageLink is a page in a list: home and section pages show these.
type PageLink struct {
	Title    string
	URL      string
	Summary  string
	Category string
	Kind     string
}

// TagLink is a tag in a list of tags: its name, its page and how many
// pages carry it (or a tag nested in it).
type TagLink struct {
	Name  string
	URL   string
	Count int
}

// Link is a titled URL; Active marks the current page or section.
type Link struct {
	Title  string
	URL    string
	Active bool
}

// Nav is the navigation around a page.
type Nav struct {
	Breadcrumbs []Link        // home … parent section; the page itself is not included
	Sidebar     []NavItem     // the section tree, collapsed to the current section
	Tree        template.HTML // Sidebar as nested <li> items, ready to print inside a <ul>
	Prev, Next  *Link         // neighbours within the page's section
}

// NavItem is a node of the sidebar tree. Open sections list Children;
// closed ones only link to themselves. Large sections show a window of
// pages around the current one and a More link to the full list, so the
// sidebar stays small however big the site grows.
type NavItem struct {
	Title    string
	URL      string
	Active   bool // the current page
	Open     bool // an ancestor of the current page (or the page itself)
	Children []NavItem
	More     *Link // "All 240 pages" when Children is a window
}
