package generator

import (
	"context"
	"maps"
	"slices"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/search"
	"sitegen/generator/srcerr"
)

// searchURL is the generated page that shows results for /search/?q=.
const searchURL = "/search/"

// index builds the search index from each page's parsed text (never from
// the rendered HTML) and adds it under /search/.
func (b *build) index(context.Context) error {
	docs := make([]search.Doc, 0, len(b.pages.Pages))
	for _, p := range b.pages.Pages {
		// Tag pages only list notes: a search answers with the notes.
		if p.URL == searchURL || strings.HasPrefix(p.URL, content.TagsURL) {
			continue
		}
		r := b.parsed[p]
		d := search.Doc{URL: p.URL, Title: p.Title, Section: sectionPath(p), Tags: p.Meta.Tags}
		if svc, ok := b.facts.services[p]; ok {
			d.Facts = b.facts.schema.Strings(svc.Facts)
		}
		if p.Meta.Summary != "" {
			d.Parts = append(d.Parts, search.Part{Text: p.Meta.Summary})
		}
		for _, part := range r.Parts {
			d.Parts = append(d.Parts, search.Part{Anchor: part.Anchor, Heading: part.Heading, Text: part.Text})
		}
		docs = append(docs, d)
	}
	if b.indexer == nil {
		b.indexer = search.NewIndexer()
	}
	ix, err := b.indexer.Build(docs)
	if err != nil {
		return err
	}
	for _, name := range b.indexFiles {
		delete(b.files, name) // a rebuild's index replaces the last one's
		b.outputs.release(name)
	}
	b.indexFiles = b.indexFiles[:0]
	prefix := strings.TrimPrefix(searchURL, "/")
	var errs srcerr.List
	for _, name := range slices.Sorted(maps.Keys(ix.Files)) {
		errs.Add(b.put(prefix+name, generatedSource("search index"), ix.Files[name]))
		b.indexFiles = append(b.indexFiles, prefix+name)
	}
	return errs.Err()
}

// sectionPath is the titles of the sections above a page: "Services".
func sectionPath(p *content.Page) string {
	var titles []string
	for _, a := range p.Ancestors() {
		if a.Kind != content.KindHome {
			titles = append(titles, a.Title)
		}
	}
	return strings.Join(titles, " › ")
}

// addSearchPage adds the page that shows results for /search/?q=.
func (b *build) addSearchPage() error {
	p := &content.Page{File: "content/ (generated search page)", Kind: content.KindPage, Slug: "search",
		URL: searchURL, Title: "Search", Meta: content.FrontMatter{Summary: "Search every note.", Layout: "search", Weight: 10000}}
	return b.pages.Add(p)
}
