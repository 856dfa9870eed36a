// Package render turns rendered note bodies into finished output files:
// it looks up the theme (site override, then the embedded default),
// executes html/template layouts with a typed PageData, fingerprints and
// minifies assets, writes sitemap.xml, robots.txt and 404.html, and writes
// the output folder atomically. It does not parse Markdown.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"sitegen/generator/config"
	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// Body is a page's rendered Markdown and generated blocks, made by the
// earlier stages.
type Body struct {
	HTML        template.HTML
	TOC         []TOCEntry
	Facts       template.HTML
	Diagram     template.HTML
	Flows       template.HTML
	Comparison  template.HTML
	CompareWith []Link
	Backlinks   []Link
	Sheet       *Sheet
	Tags        []Link          // the page's front matter tags, each linking to its tag page
	TagList     []TagLink       // tag pages: the tags listed
	Pages       []*content.Page // pages listed instead of the page's children (a tag's pages)
}

// Renderer executes layouts for the pages of one site.
type Renderer struct {
	cfg      config.Settings
	basePath string
	site     *content.Site
	theme    *Theme
	min      *Minifier
	gen      string
	bufs     sync.Pool
	places   map[*content.Page]int // each page's index in its section's list
	menu     []config.MenuItem     // the configured menu less entries to pages the site lacks
	deadMenu []config.MenuItem
}

// NewRenderer prepares rendering of site with theme. version names the
// generator in each page's meta tag.
func NewRenderer(cfg config.Settings, site *content.Site, theme *Theme, min *Minifier, version string) *Renderer {
	r := &Renderer{cfg: cfg, basePath: cfg.BasePath(), site: site, theme: theme, min: min, gen: "sitegen " + version,
		bufs: sync.Pool{New: func() any { return new(bytes.Buffer) }}, places: placesIn(site)}
	for _, m := range cfg.Menu {
		if pagePath, ok := sitePagePath(m.URL); ok && site.Page(pagePath) == nil {
			r.deadMenu = append(r.deadMenu, m)
			continue
		}
		r.menu = append(r.menu, m)
	}
	return r
}

// DeadMenu lists the menu entries left out because they lead to a page
// the site does not have (a "Compare" entry on a site without
// comparisons), for the build to warn about.
func (r *Renderer) DeadMenu() []config.MenuItem { return r.deadMenu }

// sitePagePath returns the page path a menu URL leads to, when it is a
// page of this site ("/compare/" or "/compare/#x"); files and other sites
// are not pages.
func sitePagePath(u string) (string, bool) {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return "", false
	}
	p, _, _ := strings.Cut(u, "#")
	p, _, _ = strings.Cut(p, "?")
	return p, strings.HasSuffix(p, "/")
}

// Layout picks the layout of a page: its front matter layout when the
// theme has one of that name, else by kind and content (comparison pages,
// service notes with facts, plain pages). A layout the theme lacks
// (Jekyll's "default" or "post") falls back to that default; the build
// warns about it through UnknownLayout.
func (r *Renderer) Layout(p *content.Page) string {
	if l := p.Meta.Layout; l != "" && r.theme.layouts[l] != nil {
		return l
	}
	return defaultLayout(p)
}

// UnknownLayout reports whether p's front matter names a layout the theme
// does not have, and says which one is used instead.
func (r *Renderer) UnknownLayout(p *content.Page) (string, bool) {
	if l := p.Meta.Layout; l != "" && r.theme.layouts[l] == nil {
		return fmt.Sprintf("layout %q: the theme has no such layout (it has %s); using %q",
			l, r.theme.layoutNames(), defaultLayout(p)), true
	}
	return "", false
}

func defaultLayout(p *content.Page) string {
	switch {
	case p.Kind == content.KindHome:
		return "home"
	case p.Kind == content.KindSection:
		return "section"
	case len(p.Meta.Compare) > 0:
		return "compare"
	case len(p.Meta.Facts) > 0:
		return "service"
	}
	return "page"
}

// OutputPath is where a page's HTML goes: /services/lambda/ →
// services/lambda/index.html. Page URLs are percent-encoded; the file path
// is not (/notes/%5B/ → notes/[/index.html), as a static host decodes a
// request path before looking for the file.
func OutputPath(url string) string { return content.UnescapePath(url)[1:] + "index.html" }

// Page renders one page to minified HTML.
func (r *Renderer) Page(p *content.Page, body Body) ([]byte, error) {
	var out []byte
	err := r.PageTo(p, body, copyTo(&out))
	return out, err
}

// copyTo is a use for PageTo that keeps a copy of the page in out.
func copyTo(out *[]byte) func(page []byte, done func()) {
	return func(page []byte, done func()) {
		*out = bytes.Clone(page)
		done()
	}
}

// PageTo renders p like Page and hands the bytes to use. They are one of
// the renderer's buffers: use calls done once it is finished with them,
// then or later from another goroutine, and the buffer serves another
// page. A build that writes each page as it is made spares a copy of
// every page so.
func (r *Renderer) PageTo(p *content.Page, body Body, use func(page []byte, done func())) error {
	layout := r.Layout(p)
	data := PageData{Site: r.siteData(p), Page: r.pageView(p, layout, body), Nav: r.nav(p)}
	return r.executeTo(layout, data, p.File, use)
}

// NotFound renders 404.html.
func (r *Renderer) NotFound() ([]byte, error) {
	data := PageData{
		Site: r.siteData(nil),
		Page: PageView{Kind: "page", Layout: "404", Title: "Page not found", URL: "/404.html",
			Summary: "The page you asked for is not here.", Pages: r.suggestible()},
		Nav: Nav{Sidebar: r.sidebar(nil)},
	}
	return r.execute("404", data, "404.html")
}

// suggestible lists the pages 404.html may suggest: the script there
// picks the ones closest to the address asked for. Only titles and URLs
// go in, so the list stays small (about 60 bytes a page).
func (r *Renderer) suggestible() []PageLink {
	if r.site == nil {
		return nil
	}
	var out []PageLink
	for _, p := range r.site.Pages {
		if p.Kind == content.KindHome || p.Title == "" {
			continue
		}
		out = append(out, PageLink{Title: p.Title, URL: p.URL})
	}
	return out
}

func (r *Renderer) execute(layout string, data PageData, file string) ([]byte, error) {
	var out []byte
	err := r.executeTo(layout, data, file, copyTo(&out))
	return out, err
}

// executeTo runs a layout into a pooled buffer and hands its bytes to
// use, which calls done to give the buffer back (see PageTo).
func (r *Renderer) executeTo(layout string, data PageData, file string, use func(page []byte, done func())) error {
	tmpl := r.theme.layouts[layout]
	if tmpl == nil {
		return srcerr.New(file, 0, "unknown layout %q: the theme has %s", layout, r.theme.layoutNames())
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	if err := tmpl.ExecuteTemplate(buf, "base.html", data); err != nil {
		r.bufs.Put(buf)
		e := r.theme.execError(layout, data, err)
		e.Msg = "rendering " + file + ": " + e.Msg
		return e
	}
	use(buf.Bytes(), func() { r.bufs.Put(buf) })
	return nil
}

func (r *Renderer) siteData(current *content.Page) SiteData {
	sd := SiteData{Title: r.cfg.Title, Description: r.cfg.Description, BaseURL: r.cfg.BaseURL,
		Language: r.cfg.Language, Generator: r.gen, Offline: r.cfg.OfflineReading()}
	for _, m := range r.menu {
		active := current != nil && m.URL != "/" && len(current.URL) >= len(m.URL) && current.URL[:len(m.URL)] == m.URL
		sd.Menu = append(sd.Menu, Link{Title: m.Name, URL: m.URL, Active: active})
	}
	return sd
}

func (r *Renderer) pageView(p *content.Page, layout string, body Body) PageView {
	v := PageView{
		Kind: string(p.Kind), Layout: layout, Title: p.Title, Summary: p.Meta.Summary,
		Category: p.Meta.Category, URL: p.URL, Permalink: r.cfg.Absolute(p.URL), File: p.File,
		Tags: p.Meta.Tags, Classes: p.Meta.CSSClasses, Modified: p.ModTime, Content: body.HTML, TOC: body.TOC,
		Facts: body.Facts, Diagram: body.Diagram, Flows: body.Flows, Comparison: body.Comparison,
		CompareWith: body.CompareWith, Backlinks: body.Backlinks, Sheet: body.Sheet,
		TagLinks: body.Tags, TagList: body.TagList,
	}
	listed := p.Pages
	if body.Pages != nil {
		listed = body.Pages
	}
	for _, c := range listed {
		v.Pages = append(v.Pages, PageLink{Title: c.Title, URL: c.URL, Summary: c.Meta.Summary,
			Category: c.Meta.Category, Kind: string(c.Kind)})
	}
	return v
}

func (t *Theme) layoutNames() string {
	var b bytes.Buffer
	for _, n := range sortedKeys(t.layouts) {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
	}
	return b.String()
}
