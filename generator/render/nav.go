package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"slices"
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sitegen/generator/content"
)

// sidebarWindow is how many pages around the current one a large
// section shows; the rest are one "More" link away.
const sidebarWindow = 12

// nav builds breadcrumbs, sidebar and prev/next for a page. Its cost is
// proportional to the depth of the page and the size of the visible part
// of the tree, never to the size of the site.
func (r *Renderer) nav(p *content.Page) Nav {
	n := Nav{Sidebar: r.sidebar(p)}
	n.Tree = r.tree(n.Sidebar)
	for _, a := range p.Ancestors() {
		n.Breadcrumbs = append(n.Breadcrumbs, Link{Title: a.Title, URL: a.URL})
	}
	n.Prev, n.Next = r.neighbours(p)
	return n
}

// neighbours are the pages before and after p in its folder. Reading
// order stays inside one folder: sub-folders, the folder's own page and
// the site's tools (search, cheat sheet) are not neighbours, so the last
// page of a folder has no next and the first no previous, and a folder's
// page (a section) has neither.
func (r *Renderer) neighbours(p *content.Page) (prev, next *Link) {
	if p.Parent == nil || !inReadingOrder(p) {
		return nil, nil
	}
	pages := p.Parent.Pages
	i := r.position(pages, p)
	if i < 0 {
		return nil, nil
	}
	for j := i - 1; j >= 0; j-- {
		if inReadingOrder(pages[j]) {
			prev = linkTo(pages[j])
			break
		}
	}
	for j := i + 1; j < len(pages); j++ {
		if inReadingOrder(pages[j]) {
			next = linkTo(pages[j])
			break
		}
	}
	return prev, next
}

// position is the index of p in pages, its section's list, or -1. The
// renderer knows each page's place, so a page of a section of thousands
// does not look through them: that made the nav's cost grow with the
// square of a section's size.
func (r *Renderer) position(pages []*content.Page, p *content.Page) int {
	if i, ok := r.places[p]; ok && i < len(pages) && pages[i] == p {
		return i
	}
	return slices.Index(pages, p) // a list the renderer was not made with
}

// placesIn maps each page of site to its index in its section's list.
func placesIn(site *content.Site) map[*content.Page]int {
	places := map[*content.Page]int{}
	if site == nil {
		return places
	}
	for _, sec := range site.Pages {
		for i, p := range sec.Pages {
			places[p] = i
		}
	}
	return places
}

// inReadingOrder reports whether p is a note of a folder, as opposed to
// a folder's page or a tool page.
func inReadingOrder(p *content.Page) bool {
	if p.Kind != content.KindPage {
		return false
	}
	switch p.Meta.Layout {
	case "search", "cheatsheet":
		return false
	}
	return true
}

// IsNote reports whether p is a note a reader would list as mentioning
// another page: not the home page, a section, a tag page or a page the
// site generates (search, cheat sheet, study).
func IsNote(p *content.Page) bool {
	if p == nil || p.Kind != content.KindPage {
		return false
	}
	switch p.Meta.Layout {
	case "search", "cheatsheet", "study", "tags", "404":
		return false
	}
	return true
}

// SortLinks orders links by title as a person reads a list: case and
// accents do not count ("Amazon ECS" before "AWS Lambda", "Édition" with
// the Es), spaces separate words ("AWS Batch" before "AWSome"); the URL
// breaks ties so the order never depends on the input's.
func SortLinks(links []Link) {
	if len(links) < 2 {
		return
	}
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	sort.SliceStable(links, func(i, j int) bool {
		if d := c.CompareString(links[i].Title, links[j].Title); d != 0 {
			return d < 0
		}
		return links[i].URL < links[j].URL
	})
}

// collators are kept for SortLinks, which a build calls once per page
// that has backlinks: making a collator costs more than most sorts (the
// links stage of a 10,000-note build took 23 ms with a new one each
// time, 14 ms so). One collator is not safe for use by two goroutines at
// once.
var collators = sync.Pool{New: func() any { return collate.New(language.English, collate.Loose) }}

func linkTo(p *content.Page) *Link {
	if p == nil {
		return nil
	}
	return &Link{Title: p.Title, URL: p.URL}
}

// sidebar lists the home page's children; sections on the way to the
// current page are open.
func (r *Renderer) sidebar(current *content.Page) []NavItem {
	open := map[*content.Page]bool{}
	if current != nil {
		open[current] = true
		for _, a := range current.Ancestors() {
			open[a] = true
		}
	}
	items, _ := r.items(r.site.Home.Pages, current, open)
	return items
}

// items returns the nav items for pages and, when they were cut to a
// window, the link to the full list.
func (r *Renderer) items(pages []*content.Page, current *content.Page, open map[*content.Page]bool) ([]NavItem, *Link) {
	var more *Link
	if len(pages) > 2*sidebarWindow+1 {
		i := max(0, r.onPath(pages, current))
		lo := max(0, i-sidebarWindow)
		hi := min(len(pages), lo+2*sidebarWindow+1)
		pages = pages[lo:hi]
		if p := pages[0].Parent; p != nil {
			more = &Link{Title: fmt.Sprintf("All %d pages", len(p.Pages)), URL: p.URL}
		}
	}
	items := make([]NavItem, 0, len(pages)+1)
	for _, c := range pages {
		item := NavItem{Title: c.Title, URL: c.URL, Active: c == current, Open: open[c]}
		if item.Open && len(c.Pages) > 0 {
			item.Children, item.More = r.items(c.Pages, current, open)
		}
		items = append(items, item)
	}
	return items, more
}

// tree writes the sidebar's <li> items. It is Go, not a template: the
// sidebar is the largest repeated part of every page, and html/template's
// per-action cost made it most of the render time of a large site.
func (r *Renderer) tree(items []NavItem) template.HTML {
	// Written into a pooled buffer and copied out once: a builder grown
	// by doubling allocated twice the sidebar's size on every page.
	b := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(b)
	b.Reset()
	r.writeTree(b, items)
	return template.HTML(b.String())
}

func (r *Renderer) writeTree(b *bytes.Buffer, items []NavItem) {
	for _, it := range items {
		class := "nav-page"
		if len(it.Children) > 0 {
			class = "nav-section"
		}
		if it.Open {
			class += " open"
		}
		b.WriteString(`<li class="` + class + `"><a href="`)
		b.WriteString(html.EscapeString(r.href(it.URL)))
		b.WriteString(`"`)
		if it.Active {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(">" + html.EscapeString(it.Title) + "</a>")
		if it.Open && (len(it.Children) > 0 || it.More != nil) {
			b.WriteString("<ul>")
			r.writeTree(b, it.Children)
			if it.More != nil {
				b.WriteString(`<li class="nav-more"><a href="` + html.EscapeString(r.href(it.More.URL)) + `">` +
					html.EscapeString(it.More.Title) + " →</a></li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("</li>")
	}
}

// href puts a site path under the base path.
func (r *Renderer) href(sitePath string) string {
	return content.UnderBase(r.basePath, sitePath)
}

// onPath is the index in pages, one section's list, of current or of
// its ancestor there; -1 when the path to current does not go through it.
func (r *Renderer) onPath(pages []*content.Page, current *content.Page) int {
	for a := current; a != nil; a = a.Parent {
		if a.Parent == pages[0].Parent {
			return r.position(pages, a)
		}
	}
	return -1
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
