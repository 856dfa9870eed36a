package search

import (
	"math"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Fields of a page, in the order of boost and bNorm.
const (
	fieldTitle = iota
	fieldHeading
	fieldFacts
	fieldBody
	numFields
)

var (
	boost = [numFields]float64{5, 3, 2, 1}
	bNorm = [numFields]float64{0.3, 0.5, 0.5, 0.75}
)

const k1 = 1.2

// pageTerm is one term's counts on one page.
type pageTerm struct {
	id    int32 // the analyzer's term number
	tf    [numFields]uint16
	parts uint64   // bit p set when part p < 64 holds the term
	more  []uint16 // parts from 64 on, in order
}

// pageStats is what analyze learns about one page.
type pageStats struct {
	worker int // the analyzer whose term numbers terms holds
	terms  []pageTerm
	lens   [numFields]int
	file   []byte // the gzipped page file
	err    error
}

// analyzer is one goroutine's state for analyze.
type analyzer struct {
	termizer
	slot []int32 // term number → 1 + its index in the page's terms, 0 if absent
}

// analyze counts the terms of one page and encodes its page file.
func (a *analyzer) analyze(d *Doc, worker int) pageStats {
	s := pageStats{worker: worker}
	add := func(text string, field, part int) {
		a.each(text, func(id int32) {
			if int(id) >= len(a.slot) {
				a.slot = append(a.slot, make([]int32, int(id)+1-len(a.slot))...)
			}
			if a.slot[id] == 0 {
				s.terms = append(s.terms, pageTerm{id: id})
				a.slot[id] = int32(len(s.terms))
			}
			pt := &s.terms[a.slot[id]-1]
			if pt.tf[field] < math.MaxUint16 {
				pt.tf[field]++
			}
			switch {
			case part < 0:
			case part < 64:
				pt.parts |= 1 << part
			case len(pt.more) == 0 || pt.more[len(pt.more)-1] != uint16(part):
				pt.more = append(pt.more, uint16(part))
			}
			s.lens[field]++
		})
	}
	add(d.Title, fieldTitle, -1)
	for _, f := range d.Facts {
		add(f, fieldFacts, -1)
	}
	for _, t := range d.Tags {
		add(t, fieldFacts, -1)
	}
	// The page file: lines for the URL, title, section, facts (separated
	// by tabs), then three lines per part: anchor, heading, text.
	file := make([]byte, 0, 256+len(d.Title)+d.textLen())
	file = appendLine(file, d.URL)
	file = appendLine(file, d.Title)
	file = appendLine(file, d.Section)
	for i, f := range d.Facts {
		if i > 0 {
			file = append(file, '\t')
		}
		file = appendOneLine(file, f)
	}
	for i, p := range d.Parts {
		add(p.Heading, fieldHeading, min(i, math.MaxUint16))
		add(p.Text, fieldBody, min(i, math.MaxUint16))
		file = append(file, '\n')
		file = appendLine(file, p.Anchor)
		file = appendLine(file, p.Heading)
		file = appendOneLine(file, p.Text)
	}
	for _, pt := range s.terms {
		a.slot[pt.id] = 0
	}
	s.file = gzipBytes(gzipHuffman, file)
	return s
}

func (d *Doc) textLen() int {
	n := 0
	for _, p := range d.Parts {
		n += len(p.Anchor) + len(p.Heading) + len(p.Text) + 3
	}
	return n
}

func appendLine(b []byte, s string) []byte {
	return append(appendOneLine(b, s), '\n')
}

// appendOneLine appends s with each run of white space, line breaks and
// tabs included, turned into one space, and none at either end.
func appendOneLine(b []byte, s string) []byte {
	space := false
	start := len(b)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c-'\t' <= '\r'-'\t' {
				space = true
			} else {
				if space && len(b) > start {
					b = append(b, ' ')
				}
				space = false
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// weight is the BM25F saturation of one term on one page, as a byte 1–255.
func weight(pt *pageTerm, lens *[numFields]int, avg *[numFields]float64) byte {
	tf := 0.0
	for f := range numFields {
		if pt.tf[f] > 0 {
			tf += boost[f] * float64(pt.tf[f]) / (1 - bNorm[f] + bNorm[f]*float64(lens[f])/avg[f])
		}
	}
	return byte(max(1, math.Round(255*tf/(k1+tf))))
}

// appendParts appends the set of parts holding a term: bit p%7 of byte
// p/7, the high bit set on all bytes but the last.
func appendParts(b []byte, pt *pageTerm) []byte {
	top := -1
	if pt.parts != 0 {
		top = 63 - bits.LeadingZeros64(pt.parts)
	}
	if len(pt.more) > 0 {
		top = int(pt.more[len(pt.more)-1])
	}
	if top < 0 {
		return append(b, 0)
	}
	more := pt.more
	for g := 0; g <= top/7; g++ {
		var c byte
		for bit := range 7 {
			p := 7*g + bit
			switch {
			case p < 64:
				c |= byte(pt.parts>>p&1) << bit
			case len(more) > 0 && int(more[0]) == p:
				c |= 1 << bit
				more = more[1:]
			}
		}
		if g < top/7 {
			c |= 0x80
		}
		b = append(b, c)
	}
	return b
}
