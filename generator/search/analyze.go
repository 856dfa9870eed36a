package search

import (
	"bytes"
	"encoding/binary"
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
	doc   Doc    // as given, to tell whether it changed
	terms []byte // its terms in ascending order of number (termIter)
	avg   [numFields]float64
	lens  [numFields]int
	file  blob // the page record; gz is a slice of its page shard once built
}

// analyzer is one goroutine's state for analyze.
type analyzer struct {
	termizer
	slot  []int32 // term number → 1 + its index in terms, 0 if absent
	ids   []int32
	terms []pageTerm
	words []int32
	text  []byte
	enc   []byte
	gz    bytes.Buffer
}

// analyze counts the terms of one page and encodes its page record; the
// weights in p.terms wait for the average field lengths (reweight).
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
	gzipTo(gzipHuffman, &a.gz, file)
	// A copy of the exact length: the compressor's buffer grows by
	// doubling, and a page keeps its record until its shard is built.
	p.file = newBlob(bytes.Clone(a.gz.Bytes()))

	slices.Sort(a.ids)
	enc := a.enc[:0]
	prev := int32(0)
	for _, id := range a.ids {
		pt := &a.terms[a.slot[id]-1]
		enc = binary.AppendUvarint(enc, uint64(id-prev))
		prev = id
		mask := len(enc)
		enc = append(enc, 0)
		for f, n := range pt.tf {
			if n > 0 {
				enc[mask] |= 1 << f
				enc = binary.AppendUvarint(enc, uint64(n))
			}
		}
		enc = append(enc, 0) // the weight, set by reweight
		enc = appendParts(enc, pt)
		a.slot[id] = 0
		pt.more = nil
	}
	a.enc = enc
	p.terms = bytes.Clone(enc)
	return p
}

// termIter reads the terms of a page, indexedPage.terms. Each term is
// written as the difference of its number from the one before (uvarint),
// a byte with bit f set for each field f holding it, its count in each
// such field (uvarint), then its posting: the weight (a byte, set by
// reweight) and the part set (appendParts). So kept, a page's terms take
// about 6 bytes each where separate slices of numbers, counts and
// postings took 14: 88 MB against 206 MB at 100,000 notes.
type termIter struct {
	b    []byte
	end  int   // offset after the current term
	id   int32 // the current term's number
	tf   int   // offset of its field byte
	post int   // offset of its posting
}

// next moves to the next term and reports whether there was one.
func (it *termIter) next() bool {
	b, i := it.b, it.end
	if i >= len(b) {
		return false
	}
	d := uint64(b[i])
	if d < 0x80 {
		i++
	} else {
		var n int
		d, n = binary.Uvarint(b[i:])
		i += n
	}
	it.id += int32(d)
	it.tf = i
	for range bits.OnesCount8(b[i]) {
		i++
		for b[i]&0x80 != 0 {
			i++
		}
	}
	i++
	it.post = i
	it.end = int(skipPosting(b, int32(i)))
	return true
}

// posting returns the current term's weight and part set.
func (it *termIter) posting() []byte { return it.b[it.post:it.end] }

// counts returns the current term's count in each field.
func (it *termIter) counts() (tf [numFields]uint16) {
	b := it.b[it.tf:]
	mask := b[0]
	b = b[1:]
	for f := range numFields {
		if mask&(1<<f) != 0 {
			v, n := binary.Uvarint(b)
			tf[f] = uint16(v)
			b = b[n:]
		}
	}
	return tf
}

// reweight sets the weights in p.terms for the average field lengths avg.
func (p *indexedPage) reweight(avg *[numFields]float64) {
	if p.avg == *avg {
		return
	}
	p.avg = *avg
	var norm [numFields]float64
	for f := range numFields {
		norm[f] = boost[f] / (1 - bNorm[f] + bNorm[f]*roundLength(p.lens[f])/avg[f])
	}
	it := termIter{b: p.terms}
	for it.next() {
		tf := it.counts()
		p.terms[it.post] = weight(&tf, &norm)
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
