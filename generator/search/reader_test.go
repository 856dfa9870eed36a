package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// reader reads an Index the way search.js does, for exact terms only, and
// counts the bytes it would have downloaded. It checks the file format and
// the ranking the client gets, without a browser.
type reader struct {
	t       testing.TB
	ix      *Index
	fetched map[string]bool   // files, and "file#offset" for byte ranges
	plain   map[string][]byte // decompressed files
	bytes   int               // gzipped bytes fetched so far
	records int               // page records fetched so far
	m       struct {
		V     int
		Dir   string
		Docs  int
		Shard int
		Terms int
		Vocab [][2]any
		Post  []int
	}
}

func newReader(t testing.TB, ix *Index) *reader {
	r := &reader{t: t, ix: ix, fetched: map[string]bool{}, plain: map[string][]byte{}}
	if err := json.Unmarshal(r.file("manifest.bin"), &r.m); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *reader) file(name string) []byte {
	r.t.Helper()
	gz, ok := r.ix.Files[name]
	if !ok {
		r.t.Fatalf("no file %s", name)
	}
	if r.fetched[name] {
		return r.plain[name]
	}
	r.fetched[name] = true
	r.bytes += len(gz)
	r.plain[name] = r.inflate(name, gz)
	return r.plain[name]
}

func (r *reader) inflate(name string, gz []byte) []byte {
	r.t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
	return b
}

type vocabEntry struct {
	term string
	ord  int
	df   int
}

// block returns the entries of vocabulary block k.
func (r *reader) block(k int) []vocabEntry {
	b := r.file(r.m.Dir + "/v/" + strconv.Itoa(k) + ".bin")
	ord := int(r.m.Vocab[k][1].(float64))
	var out []vocabEntry
	prev := ""
	for len(b) > 0 {
		shared, n := int(b[0]), int(b[1])
		t := prev[:shared] + string(b[2:2+n])
		b = b[2+n:]
		df, w := binary.Uvarint(b)
		b = b[w:]
		out = append(out, vocabEntry{t, ord, int(df)})
		ord++
		prev = t
	}
	return out
}

// lookup finds a term in the vocabulary.
func (r *reader) lookup(term string) (vocabEntry, bool) {
	k := sort.Search(len(r.m.Vocab), func(i int) bool {
		return compareUTF16(r.m.Vocab[i][0].(string), term) > 0
	}) - 1
	if k < 0 {
		return vocabEntry{}, false
	}
	for _, e := range r.block(k) {
		if e.term == term {
			return e, true
		}
	}
	return vocabEntry{}, false
}

type posting struct {
	doc   int
	w     int
	parts []int
}

func (r *reader) postings(ord int) []posting {
	k := sort.SearchInts(r.m.Post, ord+1) - 1
	b := r.file(r.m.Dir + "/p/" + strconv.Itoa(k) + ".bin")
	for o := r.m.Post[k]; ; o++ {
		n, w := binary.Uvarint(b)
		b = b[w:]
		if o == ord {
			b = b[:n]
			break
		}
		b = b[n:]
	}
	var out []posting
	doc := 0
	for len(b) > 0 {
		delta, w := binary.Uvarint(b)
		doc += int(delta)
		p := posting{doc: doc, w: int(b[w])}
		b = b[w+1:]
		for i := 0; ; i++ {
			for bit := range 7 {
				if b[i]&(1<<bit) != 0 {
					p.parts = append(p.parts, 7*i+bit)
				}
			}
			if b[i]&0x80 == 0 {
				b = b[i+1:]
				break
			}
		}
		out = append(out, p)
	}
	return out
}

type page struct {
	U   string
	T   string
	S   string
	F   []string
	Sum string
	P   [][3]string
}

type hit struct {
	doc     int
	matched int
	score   float64
	part    int // -1: the page itself
	page    page
}

// search ranks pages for the exact terms of q as search.js does and
// fetches the page files of the first n hits.
func (r *reader) search(q string, n int) []hit {
	terms := Terms(q)
	slices.Sort(terms)
	terms = slices.Compact(terms)
	hits := map[int]*hit{}
	votes := map[int]map[int]float64{}
	for _, t := range terms {
		e, ok := r.lookup(t)
		if !ok {
			continue
		}
		idf := math.Log(1 + (float64(r.m.Docs)-float64(e.df)+0.5)/(float64(e.df)+0.5))
		for _, p := range r.postings(e.ord) {
			h := hits[p.doc]
			if h == nil {
				h = &hit{doc: p.doc, part: -1}
				hits[p.doc] = h
				votes[p.doc] = map[int]float64{}
			}
			h.matched++
			h.score += idf * float64(p.w) / 255
			for _, part := range p.parts {
				votes[p.doc][part] += idf
			}
		}
	}
	var out []hit
	for _, h := range hits {
		best := 0.0
		for part, v := range votes[h.doc] {
			if v > best || v == best && part < h.part {
				best, h.part = v, part
			}
		}
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b hit) int {
		if a.matched != b.matched {
			return b.matched - a.matched
		}
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return a.doc - b.doc
	})
	for i := range out[:min(n, len(out))] {
		out[i].page = r.page(out[i].doc)
	}
	return out
}

// span returns bytes [a, b) of a file, as a Range request fetches them.
func (r *reader) span(name string, a, b int) []byte {
	r.t.Helper()
	f, ok := r.ix.Files[name]
	if !ok || a < 0 || a > b || b > len(f) {
		r.t.Fatalf("%s: no bytes %d–%d (%d bytes, found: %v)", name, a, b, len(f), ok)
	}
	if key := name + "#" + strconv.Itoa(a); !r.fetched[key] {
		r.fetched[key] = true
		r.bytes += b - a
	}
	return f[a:b]
}

// record returns page n's record, decompressed: the shard's header (the
// end of each record, a little-endian uint32 each), then the record.
func (r *reader) record(n int) []byte {
	r.t.Helper()
	k, i := n/r.m.Shard, n%r.m.Shard
	name := r.m.Dir + "/d/" + strconv.Itoa(k) + ".bin"
	count := min(r.m.Shard, r.m.Docs-k*r.m.Shard)
	head := r.span(name, 0, 4*count)
	start := 4 * count
	if i > 0 {
		start = int(binary.LittleEndian.Uint32(head[4*(i-1):]))
	}
	key := name + "#" + strconv.Itoa(start)
	if !r.fetched[key] {
		r.records++
	}
	gz := r.span(name, start, int(binary.LittleEndian.Uint32(head[4*i:])))
	return r.inflate(key, gz)
}

// page reads page n's record.
func (r *reader) page(n int) page {
	lines := strings.Split(string(r.record(n)), "\n")
	if len(lines) < 5 || (len(lines)-5)%3 != 0 {
		r.t.Fatalf("page %d: %d lines", n, len(lines))
	}
	p := page{U: lines[0], T: lines[1], S: lines[2]}
	if lines[3] != "" {
		p.F = strings.Split(lines[3], "\t")
	}
	p.Sum = lines[4]
	for i := 5; i < len(lines); i += 3 {
		p.P = append(p.P, [3]string{lines[i], lines[i+1], lines[i+2]})
	}
	return p
}
