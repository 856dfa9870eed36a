package generator

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// render executes the theme for every page and adds assets, copied
// content files, sitemap, robots.txt, _redirects and 404.html.
func (b *build) render(ctx context.Context) error {
	if !b.themeFresh {
		if err := b.loadTheme(); err != nil {
			return err
		}
	}
	b.themeFresh = false // a rebuild after a theme edit reads it again
	// The menu is decided against the finished site: the produce stages
	// (study, cheat sheet) add pages after the theme check made the renderer.
	b.renderer = render.NewRenderer(b.settings, b.pages, b.theme, b.min, b.cfg.Version)
	b.warnings = append(b.warnings, b.menuWarnings()...)
	theme := b.theme
	if err := b.renderPages(ctx, b.pages.Pages); err != nil {
		return err
	}
	var errs srcerr.List
	assets := theme.Assets()
	for _, name := range slices.Sorted(maps.Keys(assets)) {
		errs.Add(b.put(name, generatedSource("theme file "+name), assets[name]))
	}
	for _, a := range b.pages.Assets {
		data, err := fs.ReadFile(b.fsys, a.File)
		if err != nil {
			return srcerr.New(a.File, 0, "%v", err)
		}
		errs.Add(b.put(a.Dest, fileSource(a.File), data))
	}
	notFound, err := b.renderer.NotFound()
	if err != nil {
		return err
	}
	errs.Add(b.put("404.html", generatedSource("404.html"), notFound))
	errs.Add(b.put("sitemap.xml", generatedSource("sitemap.xml"), render.Sitemap(b.settings, b.pages.Pages)))
	errs.Add(b.put("robots.txt", generatedSource("robots.txt"), render.Robots(b.settings)))
	aliases, err := render.Aliases(b.pages.Pages, b.outputs.owner)
	errs.Add(err)
	for _, a := range aliases {
		if a.Output != "" {
			errs.Add(b.put(a.Output, source{File: a.File, What: "the redirect page of the alias " + a.Path + " in " + a.File, Redirect: true},
				render.AliasPage(b.settings, a)))
		}
	}
	if len(aliases) > 0 {
		errs.Add(b.put("_redirects", generatedSource("_redirects (from aliases)"), render.Redirects(b.settings, aliases)))
	}
	return errs.Err()
}

// renderPages executes the theme for pages on all cores. Each page goes
// to the writer and the check as soon as it is made; only an output kept
// in memory (b.files) holds the pages until the end.
func (b *build) renderPages(ctx context.Context, pages []*content.Page) error {
	var errs srcerr.List
	names := make([]string, len(pages))
	for i, p := range pages {
		names[i] = render.OutputPath(p.URL)
		errs.Add(b.outputs.claim(names[i], noteSource(p)))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if b.checker != nil {
		// Links to pages not made yet resolve at once, instead of
		// waiting in the check's memory for the end.
		b.checker.Expect(names...)
		b.checker.Expect(b.laterFiles()...)
	}
	if b.streaming() {
		b.keepOnlyBodies()
	}
	out, err := parallel(ctx, len(pages), counted(b, "render", len(pages), func(i int) ([]byte, error) {
		if b.streaming() {
			// Checked and written straight from the renderer's buffer:
			// the page is never copied, and is gone once on disk.
			err := b.renderer.PageTo(pages[i], b.body(pages[i]), func(page []byte, done func()) {
				b.emitThen(names[i], page, done)
			})
			// The page's HTML body is needed no more. Only this call
			// touches the page's own slim result.
			if r := b.parsed[pages[i]]; r != nil && r.HTML != nil {
				r.HTML = nil // (tag pages share one empty result: not written to)
			}
			return nil, err
		}
		data, err := b.renderer.Page(pages[i], b.body(pages[i]))
		if err != nil {
			return nil, err
		}
		b.emit(names[i], data)
		return data, nil
	}))
	if err != nil {
		return collapseTemplateErrors(err)
	}
	if b.files != nil {
		for i, name := range names {
			b.files[name] = out[i]
		}
	}
	return nil
}

// keepOnlyBodies trims each page's Markdown result to what the render
// needs (its HTML and table of contents): the search text, links, and
// the pieces embeds were spliced from served stages that are done.
func (b *build) keepOnlyBodies() {
	for _, r := range b.parsed {
		if r != nil {
			*r = markdown.Result{HTML: r.HTML, TOC: r.TOC}
		}
	}
}

// laterFiles lists the files the render stage puts after the pages that
// pages link to: the theme's assets, the notes' files, 404.html.
func (b *build) laterFiles() []string {
	names := slices.Collect(maps.Keys(b.theme.Assets()))
	for _, a := range b.pages.Assets {
		names = append(names, a.Dest)
	}
	return append(names, "404.html")
}

// collapseTemplateErrors reports a broken template once, not once per
// page that uses it.
func collapseTemplateErrors(err error) error {
	var list srcerr.List
	if !errors.As(err, &list) {
		return err
	}
	var out srcerr.List
	seen := map[string]*srcerr.Error{}
	count := map[*srcerr.Error]int{}
	for _, e := range list {
		key := fmt.Sprintf("%s:%d", e.File, e.Line)
		if first := seen[key]; first != nil && strings.HasPrefix(e.File, "themes/") {
			count[first]++
			continue
		}
		seen[key] = e
		out = append(out, e)
	}
	for e, n := range count {
		e.Msg += fmt.Sprintf(" (and %d more pages)", n)
	}
	return out
}

// body gathers what the earlier stages made for a page.
func (b *build) body(p *content.Page) render.Body {
	r := b.parsed[p]
	body := render.Body{HTML: template.HTML(r.HTML), TOC: toc(r.TOC)}
	if g := b.generated[p]; g != nil {
		body.Diagram, body.Flows = g.context, g.flows
	}
	if len(p.Meta.Compare) > 0 || p.URL == matrixURL {
		body.Comparison = b.facts.tables[p]
	} else {
		body.Facts = b.facts.tables[p]
	}
	if p.URL == cheatsheetURL && p.BodyLine == 0 { // the generated sheet, not a note at that URL
		body.Sheet = b.sheet
	}
	body.CompareWith = b.facts.compareWith[p]
	body.Backlinks = b.backlinks[p]
	b.tagBody(p, &body)
	return body
}

// toc nests h3 entries under the h2 before them.
func toc(headings []markdown.Heading) []render.TOCEntry {
	var out []render.TOCEntry
	for _, h := range headings {
		e := render.TOCEntry{ID: h.ID, Title: h.Text}
		if h.Level == 3 && len(out) > 0 {
			last := &out[len(out)-1]
			last.Children = append(last.Children, e)
			continue
		}
		out = append(out, e)
	}
	return out
}
