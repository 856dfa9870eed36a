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
	// Bullets are the note's cheatsheet: bullets, escaped, with the key
	// numbers of its facts (durations, sizes) in <strong>.
	Bullets []template.HTML
	// Facts are the stated facts the bullets do not already say, in
	// schema order, without sheet: false facts.
	Facts []SheetFact
}

// SheetFact is one fact on the cheat sheet: "Max run time 15 min".
type SheetFact struct {
	Label string
	Value string
	Key   bool // a typed number (duration or size): printed bold
}

// SheetComparison is one comparison table on the cheat sheet.
type SheetComparison struct {
	Title string
	URL   string
	Table template.HTML
}
