package search

import (
	"math"
	"math/bits"
	"slices"
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

// pageTerm is one term's counts on one page, while analyze runs.
type pageTerm struct {
	tf    [numFields]uint16
	parts uint64   // bit p set when part p < 64 holds the term
	more  []uint16 // parts from 64 on, in order
}

// indexedPage is what the index keeps of one page between builds.
type indexedPage struct {
	doc  Doc     // as given, to tell whether it changed
	ids  []int32 // its terms
	tf   [][numFields]uint16
	enc  []byte // per term: its weight, then its part set (appendParts)
	avg  [numFields]float64
	lens [numFields]int
	file blob // the page record
}

// analyzer is one goroutine's state for analyze.
type analyzer struct {
	termizer
	slot  []int32 // term number → 1 + its index in terms, 0 if absent
	ids   []int32
	terms []pageTerm
	words []int32
	text  []byte
}

// analyze counts the terms of one page and encodes its page record; the
// weights in enc wait for the average field lengths (reweight).
func (a *analyzer) analyze(d *Doc) *indexedPage {
	p := &indexedPage{doc: cloneDoc(d)}
	a.ids, a.terms = a.ids[:0], a.terms[:0]
	add := func(text string, field, part int) {
		a.words = a.appendIDs(a.words[:0], text)
		p.lens[field] += len(a.words)
		for _, id := range a.words {
			if int(id) >= len(a.slot) {
				a.slot = append(a.slot, make([]int32, max(int(id)+1, 2*len(a.slot))-len(a.slot))...)
			}
			i := a.slot[id] - 1
			if i < 0 {
				a.ids = append(a.ids, id)
				a.terms = append(a.terms, pageTerm{})
				i = int32(len(a.terms) - 1)
				a.slot[id] = i + 1
			}
			pt := &a.terms[i]
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
		}
	}
	add(d.Title, fieldTitle, -1)
	for _, a := range d.Aliases {
		add(a, fieldTitle, -1)
	}
	add(d.Summary, fieldFacts, -1)
	for _, f := range d.Facts {
		add(f, fieldFacts, -1)
	}
	for _, t := range d.Tags {
		add(t, fieldFacts, -1)
	}
	// The page record: lines for the URL, title, section, facts (separated
	// by tabs), summary, then three lines per part: anchor, heading, text.
	file := slices.Grow(a.text[:0], 256+len(d.Title)+d.textLen())
	file = appendLine(file, d.URL)
	file = appendLine(file, d.Title)
	file = appendLine(file, d.Section)
	for i, f := range d.Facts {
		if i > 0 {
			file = append(file, '\t')
		}
		file = appendOneLine(file, f)
	}
	file = append(file, '\n')
	file = appendOneLine(file, d.Summary)
	for i, pt := range d.Parts {
		add(pt.Heading, fieldHeading, min(i, math.MaxUint16))
		add(pt.Text, fieldBody, min(i, math.MaxUint16))
		file = append(file, '\n')
		file = appendLine(file, pt.Anchor)
		file = appendLine(file, pt.Heading)
		file = appendOneLine(file, pt.Text)
	}
	a.text = file
	p.file = newBlob(gzipBytes(gzipHuffman, file))

	p.ids = slices.Clone(a.ids)
	p.tf = make([][numFields]uint16, len(a.terms))
	p.enc = make([]byte, 0, 2*len(a.terms))
	for i := range a.terms {
		pt := &a.terms[i]
		p.tf[i] = pt.tf
		p.enc = append(p.enc, 0)
		p.enc = appendParts(p.enc, pt)
		a.slot[a.ids[i]] = 0
		pt.more = nil
	}
	return p
}

// reweight sets the weights in p.enc for the average field lengths avg.
func (p *indexedPage) reweight(avg *[numFields]float64) {
	if p.avg == *avg {
		return
	}
	p.avg = *avg
	var norm [numFields]float64
	for f := range numFields {
		norm[f] = boost[f] / (1 - bNorm[f] + bNorm[f]*roundLength(p.lens[f])/avg[f])
	}
	e := p.enc
	for i := range p.tf {
		e[0] = weight(&p.tf[i], &norm)
		e = e[1:]
		for e[0]&0x80 != 0 {
			e = e[1:]
		}
		e = e[1:]
	}
}

// cloneDoc copies the slices of d, which the caller may reuse.
func cloneDoc(d *Doc) Doc {
	c := *d
	c.Aliases = slices.Clone(d.Aliases)
	c.Tags = slices.Clone(d.Tags)
	c.Facts = slices.Clone(d.Facts)
	c.Parts = slices.Clone(d.Parts)
	return c
}

// sameDoc reports whether a and b are the same page. Strings that share
// their bytes compare in constant time, so a page that the caller kept
// since the last build costs little to check.
func sameDoc(a, b *Doc) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Section == b.Section && a.Summary == b.Summary &&
		a.Listing == b.Listing && slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Facts, b.Facts) && slices.Equal(a.Parts, b.Parts)
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
		// Copy a run of printable ASCII with single spaces inside at once.
		j := i
		for j < len(s) {
			if c := s[j]; c > ' ' && c < utf8.RuneSelf {
				j++
			} else if c == ' ' && j > i && j+1 < len(s) && s[j+1] > ' ' && s[j+1] < utf8.RuneSelf {
				j += 2
			} else {
				break
			}
		}
		if j > i {
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			b = append(b, s[i:j]...)
			i = j
			continue
		}
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

// weight is one term on one page as a byte: the best field holding it in
// the top two bits (3 title or alias, 2 heading, 1 summary, facts or
// tags, 0 body only), and its BM25F saturation, 1–63, in the low six;
// norm holds each field's boost over its length normalization. The
// client ranks by the field first: a title match outranks any number of
// body matches.
func weight(tf *[numFields]uint16, norm *[numFields]float64) byte {
	t := 0.0
	best := byte(0)
	for f := range numFields {
		t += float64(tf[f]) * norm[f]
		if tf[f] > 0 && best == 0 {
			best = byte(fieldBody - f)
		}
	}
	return best<<6 | byte(max(1, math.Round(63*t/(k1+t))))
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
