package render

import "html/template"

// Sheet is the content of the printable cheat sheet page: every service
// condensed, then the comparison tables and the service map.
type Sheet struct {
	Services    []SheetService
	Comparisons []SheetComparison
	Map         template.HTML // the service map diagram
}

// SheetService is one service on the cheat sheet.
type SheetService struct {
	ID       string // anchor on the sheet: the page slug
	Title    string
	URL      string
	Summary  string
	Category string
	Facts    template.HTML // the service's facts table
	Bullets  []string      // the note's cheatsheet: bullets
}

// SheetComparison is one comparison table on the cheat sheet.
type SheetComparison struct {
	Title string
	URL   string
	Table template.HTML
}
