// Package render turns rendered note bodies into finished output files:
// it looks up the theme (site override, then the embedded default),
// executes html/template layouts with a typed PageData, fingerprints and
// minifies assets, writes sitemap.xml, robots.txt and 404.html, and writes
// the output folder atomically. It does not parse Markdown.
package render

import (
	"bytes"
	"html/template"
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
}

// Renderer executes layouts for the pages of one site.
type Renderer struct {
	cfg      config.Site
	basePath string
	site     *content.Site
	theme    *Theme
	min      *Minifier
	gen      string
	bufs     sync.Pool
}

// NewRenderer prepares rendering of site with theme. version names the
// generator in each page's meta tag.
func NewRenderer(cfg config.Site, site *content.Site, theme *Theme, min *Minifier, version string) *Renderer {
	return &Renderer{cfg: cfg, basePath: cfg.BasePath(), site: site, theme: theme, min: min, gen: "sitegen " + version,
		bufs: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

// Layout picks the layout of a page: front matter layout, else by kind
// and content (comparison pages, service notes with facts, plain pages).
func Layout(p *content.Page) string {
	switch {
	case p.Meta.Layout != "":
		return p.Meta.Layout
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
	layout := Layout(p)
	data := PageData{Site: r.siteData(p), Page: r.pageView(p, layout, body), Nav: r.nav(p)}
	return r.execute(layout, data, p.File)
}

// NotFound renders 404.html.
func (r *Renderer) NotFound() ([]byte, error) {
	data := PageData{
		Site: r.siteData(nil),
		Page: PageView{Kind: "page", Layout: "404", Title: "Page not found", URL: "/404.html",
			Summary: "The page you asked for is not here."},
		Nav: Nav{Sidebar: r.sidebar(nil)},
	}
	return r.execute("404", data, "404.html")
}

func (r *Renderer) execute(layout string, data PageData, file string) ([]byte, error) {
	tmpl := r.theme.layouts[layout]
	if tmpl == nil {
		return nil, srcerr.New(file, 0, "unknown layout %q: the theme has %s", layout, r.theme.layoutNames())
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	if err := tmpl.ExecuteTemplate(buf, "base.html", data); err != nil {
		e := r.theme.templateError(err)
		e.Msg = "rendering " + file + ": " + e.Msg
		return nil, e
	}
	return bytes.Clone(buf.Bytes()), nil // buf goes back to the pool
}

func (r *Renderer) siteData(current *content.Page) SiteData {
	sd := SiteData{Title: r.cfg.Title, Description: r.cfg.Description, BaseURL: r.cfg.BaseURL,
		Language: r.cfg.Language, Generator: r.gen, Offline: r.cfg.OfflineReading()}
	for _, m := range r.cfg.Menu {
		active := current != nil && m.URL != "/" && len(current.URL) >= len(m.URL) && current.URL[:len(m.URL)] == m.URL
		sd.Menu = append(sd.Menu, Link{Title: m.Name, URL: m.URL, Active: active})
	}
	return sd
}

func (r *Renderer) pageView(p *content.Page, layout string, body Body) PageView {
	v := PageView{
		Kind: string(p.Kind), Layout: layout, Title: p.Title, Summary: p.Meta.Summary,
		Category: p.Meta.Category, URL: p.URL, Permalink: r.cfg.Absolute(p.URL), File: p.File,
		Tags: p.Meta.Tags, Modified: p.ModTime, Content: body.HTML, TOC: body.TOC,
		Facts: body.Facts, Diagram: body.Diagram, Flows: body.Flows, Comparison: body.Comparison,
		CompareWith: body.CompareWith, Backlinks: body.Backlinks, Sheet: body.Sheet,
	}
	for _, c := range p.Pages {
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
