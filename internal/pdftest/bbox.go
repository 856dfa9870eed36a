package pdftest

import (
	"encoding/xml"
	"os/exec"
	"strings"
	"testing"
)

// Word is one word pdftotext found, in points from the page's top left.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Page is one page's size and words.
type Page struct {
	Width, Height float64
	Words         []Word
}

// Pages runs `pdftotext -bbox` on file: every word of every page with
// its box.
func Pages(t *testing.T, file string) []Page {
	t.Helper()
	out, err := exec.Command(RequireTool(t, "pdftotext"), "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(strings.NewReader(string(out)))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("pdftotext -bbox output: %v", err)
	}
	var pages []Page
	for _, p := range doc.Pages {
		page := Page{Width: p.Width, Height: p.Height}
		for _, w := range p.Words {
			page.Words = append(page.Words, Word{Text: w.Text, XMin: w.XMin, YMin: w.YMin, XMax: w.XMax, YMax: w.YMax})
		}
		pages = append(pages, page)
	}
	return pages
}

// Text is the page's words joined by spaces.
func (p Page) Text() string {
	var b strings.Builder
	for _, w := range p.Words {
		b.WriteString(w.Text + " ")
	}
	return b.String()
}

// Filled is the share of the page's height between the first word and
// the last one above the footer (the bottom footer points of the page).
func (p Page) Filled(footer float64) float64 {
	top, bottom := p.Height, 0.0
	for _, w := range p.Words {
		if w.YMin >= p.Height-footer {
			continue
		}
		top, bottom = min(top, w.YMin), max(bottom, w.YMax)
	}
	if bottom <= top {
		return 0
	}
	return (bottom - top) / (p.Height - footer)
}
