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
		d := search.Doc{URL: p.URL, Title: p.Title, Aliases: aliasNames(p.Meta.Aliases), Section: sectionPath(p),
			Summary: p.Meta.Summary, Tags: p.Meta.Tags, Listing: p.Kind == content.KindSection || p.Kind == content.KindHome}
		if svc, ok := b.facts.services[p]; ok {
			d.Facts = b.facts.schema.Strings(svc.Facts)
		}
		for _, part := range r.Parts {
			d.Parts = append(d.Parts, search.Part{Anchor: part.Anchor, Heading: part.Heading, Text: part.Text})
		}
		if b.streaming() {
			r.Parts = nil // the indexer lets go of the text as it goes (ReleaseText)
		}
		docs = append(docs, d)
	}
	if b.indexer == nil {
		b.indexer = search.NewIndexer()
	}
	indexer := b.indexer
	if b.streaming() {
		b.indexer = nil // what it keeps for the next build is garbage now
		indexer.ReleaseText = true
	}
	indexer.Synonyms = nil
	if f, ok := b.pages.Data["synonyms"]; ok {
		groups, err := search.ParseSynonyms(f.File, f.Src)
		if err != nil {
			return err
		}
		indexer.Synonyms = groups
	}
	ix, err := indexer.Build(docs)
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

// aliasNames returns the names a page's aliases give it: an Obsidian
// alias is a name already, and an old URL's last segment is a name the
// page went by ("/lambda/" → "lambda").
func aliasNames(aliases []string) []string {
	var names []string
	for _, a := range aliases {
		a = strings.Trim(a, "/")
		if i := strings.LastIndexByte(a, '/'); i >= 0 {
			a = a[i+1:]
		}
		if a = strings.NewReplacer("-", " ", "_", " ").Replace(a); a != "" {
			names = append(names, a)
		}
	}
	return names
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
