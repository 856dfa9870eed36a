package generator

import (
	"strings"

	"sitegen/generator/content"
)

// BookPage is one page of the site in reading order, as `sitegen pdf
// --book` prints it: the sidebar's order, depth-first through sections.
type BookPage struct {
	URL     string
	Title   string
	Depth   int  // 1 for a top-level section or note, 2 inside it, …
	Section bool // a section page: its notes follow it
}

// bookOrder lists the pages a study book prints: every section and note
// in reading order, and the comparison matrix; not the home page (the
// book has its own cover) nor the generated cheat sheet, search, study
// and tag pages, which only repeat the notes.
func (b *build) bookOrder() []BookPage {
	var out []BookPage
	var walk func(p *content.Page, depth int)
	walk = func(p *content.Page, depth int) {
		generated := strings.Contains(p.File, "(generated") && p.URL != matrixURL
		if depth > 0 && !generated {
			out = append(out, BookPage{URL: p.URL, Title: p.Title, Depth: depth, Section: p.Kind != content.KindPage})
		}
		if generated {
			return
		}
		for _, c := range p.Pages {
			walk(c, depth+1)
		}
	}
	if b.pages != nil && b.pages.Home != nil {
		walk(b.pages.Home, 0)
	}
	return out
}
