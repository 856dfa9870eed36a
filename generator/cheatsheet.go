package generator

import (
	"context"
	"slices"

	"sitegen/generator/content"
	"sitegen/generator/render"
)

// cheatsheetURL is the generated printable summary of every note.
const cheatsheetURL = "/cheatsheet/"

// addCheatsheetPage adds the cheat sheet page when a note has something
// for it (facts, cheatsheet: bullets or a comparison): a plain notes
// folder gets no empty sheet. Its content is gathered by the cheatsheet
// stage once facts, tables and diagrams exist.
func (b *build) addCheatsheetPage() error {
	if !slices.ContainsFunc(b.pages.Pages, func(p *content.Page) bool {
		return len(p.Meta.Facts) > 0 || len(p.Meta.Cheatsheet) > 0 || len(p.Meta.Compare) > 0
	}) {
		return nil
	}
	return b.pages.Add(&content.Page{File: "content/ (generated cheat sheet)", Kind: content.KindPage, Slug: "cheatsheet",
		URL: cheatsheetURL, Title: "Cheat sheet",
		Meta: content.FrontMatter{Summary: "Every service on a few printable pages.", Layout: "cheatsheet", Weight: 9000}})
}

// cheatsheet gathers the sheet: each note with facts or cheatsheet:
// bullets in site order, then every comparison, then the service map.
func (b *build) cheatsheet(context.Context) error {
	sheet := &render.Sheet{}
	for _, p := range b.ordered() {
		_, hasFacts := b.facts.services[p]
		switch {
		case len(p.Meta.Compare) > 0:
			sheet.Comparisons = append(sheet.Comparisons, render.SheetComparison{Title: p.Title, URL: p.URL, Table: b.facts.tables[p]})
		case hasFacts || len(p.Meta.Cheatsheet) > 0:
			s := render.SheetService{ID: p.Slug, Title: p.Title, URL: p.URL, Summary: p.Meta.Summary,
				Category: p.Meta.Category}
			s.Bullets, s.Facts = sheetFacts(b.facts.schema, b.facts.services[p].Facts, p.Meta.Cheatsheet)
			sheet.Services = append(sheet.Services, s)
		}
	}
	if g := b.generated[b.pages.Home]; g != nil {
		sheet.Map = g.context
	}
	b.sheet = sheet
	return nil
}

// ordered lists the pages in reading order: depth-first through the
// section tree (each section's pages are already ordered by weight).
func (b *build) ordered() []*content.Page {
	var out []*content.Page
	var walk func(p *content.Page)
	walk = func(p *content.Page) {
		out = append(out, p)
		for _, c := range p.Pages {
			walk(c)
		}
	}
	walk(b.pages.Home)
	return out
}
