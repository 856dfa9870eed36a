package search

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"hash/maphash"
	"math/bits"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Indexer builds the index of a site again and again as it changes, for
// a dev server. It keeps each page's analysis and page record, each term's
// encoded postings and each compressed vocabulary block and postings
// shard between builds: a page whose Doc is unchanged is not analysed or
// compressed again, the postings of a term are encoded again only when a
// changed page holds it, and a block or shard is compressed again only
// when its content changed. After a one-page edit a build costs a few
// milliseconds on a site of thousands of pages.
//
// Build returns the same bytes as the package's Build for the same docs,
// whatever was built before. Builds run one at a time.
type Indexer struct {
	// Synonyms are groups of words and phrases a query may use for one
	// another, on top of BuiltinSynonyms; set them before Build.
	Synonyms [][]string
	// ReleaseText makes Build let go of each page's text once it is
	// analysed: it sets the Parts of each Doc it was given to nil and
	// keeps no copy, so a caller that builds once does not hold a site's
	// text while the rest of the index is made. A later Build analyses
	// every page again, as it cannot tell whether their text changed.
	ReleaseText bool

	mu    sync.Mutex
	dict  dict
	pages map[string]*indexedPage // the last build's pages by URL
	order []*indexedPage          // the last build's pages in URL order
	avg   [numFields]float64

	// By term number:
	df    []int32  // number of pages holding the term
	post  [][]byte // encoded postings
	phash []uint64 // hash of post, for the shard cache

	rows  []termRow // every term in UTF-16 order
	pos   []int32   // term number → its row
	perm  []int32   // the last build's docs, as indexes in its argument, in URL order
	blobs map[blobKey]blob
	seed  maphash.Seed
}

// NewIndexer returns an Indexer that has built nothing yet.
func NewIndexer() *Indexer {
	return &Indexer{pages: map[string]*indexedPage{}, blobs: map[blobKey]blob{}, seed: maphash.MakeSeed()}
}

// Build indexes docs. The order of docs does not matter. It fails on a
// page without a URL or on two pages with the same URL. The byte slices
// of the returned Index may be shared with later builds' and must not be
// modified.
func (x *Indexer) Build(docs []Doc) (*Index, error) {
	x.mu.Lock()
	defer x.mu.Unlock()

	byURL, err := x.sortDocs(docs)
	if err != nil {
		return nil, err
	}

	// Pages whose Doc changed, or that are new, are analysed again.
	cur := make([]*indexedPage, len(byURL))
	var todo []int
	for i, d := range byURL {
		var p *indexedPage
		if i < len(x.order) && x.order[i].doc.URL == d.URL {
			p = x.order[i]
		} else {
			p = x.pages[d.URL]
		}
		if p != nil && sameDoc(&p.doc, d) {
			cur[i] = p
		} else {
			todo = append(todo, i)
		}
	}
	x.analyze(byURL, todo, cur)

	avg := averageLengths(cur)
	var stale []*indexedPage
	for _, p := range cur {
		if p.avg != avg {
			stale = append(stale, p)
		}
	}
	parallel(len(stale), func(_, i int) { stale[i].reweight(&avg) })

	samePages := len(x.order) == len(cur) && avg == x.avg
	for i := 0; samePages && i < len(cur); i++ {
		samePages = cur[i].doc.URL == x.order[i].doc.URL
	}
	x.grow()
	x.sortTerms()
	if samePages && len(todo) <= len(cur)/8 {
		x.patchPostings(cur, todo)
	} else {
		x.encodePostings(cur)
	}

	ix, err := x.files(cur)
	if err != nil {
		x.order, x.perm = nil, nil // the postings are not the last build's: start afresh
		return nil, err
	}
	if !samePages || len(x.pages) != len(cur) {
		clear(x.pages)
		for _, p := range cur {
			x.pages[p.doc.URL] = p
		}
	} else {
		for _, i := range todo {
			x.pages[cur[i].doc.URL] = cur[i]
		}
	}
	x.order, x.avg = cur, avg
	return ix, nil
}

// analyze sets cur[i] to the analysis of byURL[i] for each i in todo.
// The analyzers are made afresh each build and dropped after it, not kept
// for the next: each holds a table of every word it has seen (some 24 MB
// apiece at 100,000 notes), while the next build, in a dev server, mostly
// analyses one edited page, whose few hundred words cost little to look
// up afresh.
func (x *Indexer) analyze(byURL []*Doc, todo []int, cur []*indexedPage) {
	as := make([]*analyzer, workers(len(todo)))
	for w := range as {
		as[w] = &analyzer{termizer: termizer{dict: &x.dict}}
	}
	parallel(len(todo), func(w, j int) {
		d := byURL[todo[j]]
		p := as[w].analyze(d)
		if x.ReleaseText {
			d.Parts, p.doc.Parts = nil, nil
		}
		cur[todo[j]] = p
	})
}

// sortDocs returns docs in URL order, checking that URLs are set and
// unique. When docs come in the order of the last build's, it reuses that
// build's sort.
func (x *Indexer) sortDocs(docs []Doc) ([]*Doc, error) {
	same := len(docs) == len(x.perm) && len(docs) == len(x.order)
	for i := 0; same && i < len(docs); i++ {
		same = docs[x.perm[i]].URL == x.order[i].doc.URL
	}
	if !same {
		x.perm = make([]int32, len(docs))
		for i := range x.perm {
			x.perm[i] = int32(i)
		}
		slices.SortFunc(x.perm, func(a, b int32) int { return cmp.Compare(docs[a].URL, docs[b].URL) })
	}
	out := make([]*Doc, len(docs))
	for i, j := range x.perm {
		out[i] = &docs[j]
	}
	if same {
		return out, nil // already checked
	}
	for i, d := range out {
		if d.URL == "" {
			x.perm = nil
			return nil, fmt.Errorf("search: page %q has no URL", d.Title)
		}
		if i > 0 && out[i-1].URL == d.URL {
			x.perm = nil
			return nil, fmt.Errorf("search: two pages have the URL %s", d.URL)
		}
	}
	return out, nil
}

// averageLengths returns the average length of each field over pages,
// rounded by roundLength. The rounding makes little difference to the
// ranking, and it spares a rebuild after an edit weighting every page
// again.
func averageLengths(pages []*indexedPage) [numFields]float64 {
	var sum [numFields]int
	for _, p := range pages {
		for f, n := range p.lens {
			sum[f] += n
		}
	}
	var avg [numFields]float64
	for f, n := range sum {
		avg[f] = max(1, roundLength(n/max(1, len(pages))))
	}
	return avg
}

// roundLength rounds n down to its four most significant bits: lengths
// are weighed to within 6–12%, so an edit that adds or removes a few
// words rarely changes the weights of a page's other terms, and only the
// postings of the terms it touched need to be compressed again.
func roundLength(n int) float64 {
	shift := max(0, bits.Len(uint(n))-4)
	return float64(n >> shift << shift)
}

// grow makes the per-term slices as long as the dictionary.
func (x *Indexer) grow() {
	n := len(x.dict.terms)
	x.df = append(x.df, make([]int32, n-len(x.df))...)
	x.post = append(x.post, make([][]byte, n-len(x.post))...)
	x.phash = append(x.phash, make([]uint64, n-len(x.phash))...)
}

// termRow is a term in UTF-16 order, with what cutting the vocabulary
// and postings into blocks and shards needs to know of it, so that doing
// so reads memory in order.
type termRow struct {
	id     int32
	cut    uint32 // the term's hash for cutAfter
	df     int32
	plen   int32  // len(post[id])
	phash  uint64 // phash[id]
	tlen   uint8  // length of the term
	shared uint8  // commonPrefix with the term of the row before
}

// sortTerms adds rows for the terms new since the last build.
func (x *Indexer) sortTerms() {
	d := &x.dict
	n := len(x.rows)
	if n == len(d.terms) {
		return
	}
	type term struct {
		key uint64
		id  int32
	}
	order := func(a, b term) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return compareUTF16(d.terms[a.id], d.terms[b.id])
	}
	added := make([]term, 0, len(d.terms)-n)
	for id := n; id < len(d.terms); id++ {
		added = append(added, term{d.key[id], int32(id)})
	}
	// A radix sort on the keys, then a comparison sort of the runs of
	// terms that share their first 8 bytes.
	tmp := make([]term, len(added))
	for shift := 0; shift < 64; shift += 8 {
		var count [257]int
		for _, t := range added {
			count[t.key>>shift&0xff+1]++
		}
		if count[added[0].key>>shift&0xff+1] == len(added) {
			continue // all the same byte
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, t := range added {
			b := t.key >> shift & 0xff
			tmp[count[b]] = t
			count[b]++
		}
		added, tmp = tmp, added
	}
	for i := 0; i < len(added); {
		j := i + 1
		for j < len(added) && added[j].key == added[i].key {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(added[i:j], order)
		}
		i = j
	}
	rows := x.rows
	merged := make([]termRow, 0, len(d.terms))
	for _, a := range added {
		i, _ := slices.BinarySearchFunc(rows, a, func(r termRow, a term) int {
			return order(term{d.key[r.id], r.id}, a)
		})
		merged = append(merged, rows[:i]...)
		rows = rows[i:]
		merged = append(merged, termRow{id: a.id, cut: d.cut[a.id], tlen: uint8(len(d.terms[a.id]))})
	}
	merged = append(merged, rows...)
	x.pos = append(x.pos, make([]int32, len(d.terms)-len(x.pos))...)
	for i := range merged {
		r := &merged[i]
		x.pos[r.id] = int32(i)
		if i > 0 && (r.id >= int32(n) || merged[i-1].id >= int32(n)) {
			r.shared = uint8(commonPrefix(d.terms[merged[i-1].id], d.terms[r.id]))
		}
	}
	x.rows = merged
}

// setRow copies the state of term id to its row.
func (x *Indexer) setRow(id int32) {
	r := &x.rows[x.pos[id]]
	r.df, r.plen, r.phash = x.df[id], int32(len(x.post[id])), x.phash[id]
}

// dict numbers the terms of an Indexer. Numbers are never reused.
type dict struct {
	mu    sync.Mutex
	short wordTable        // terms of up to 16 bytes → term number
	long  map[string]int32 // longer terms → term number
	terms []string         // term number → term
	key   []uint64         // term number → its first 8 bytes, in UTF-16 order
	cut   []uint32         // term number → hash of the term, for cutAfter
}

// add returns the term number for a folded word, -1 if it is not indexed.
func (d *dict) add(w string) int32 {
	t := Term(w)
	if t == "" {
		return -1
	}
	var k0, k1 uint64
	if len(t) <= 16 {
		k0, k1 = wordKey([]byte(t))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var id int32
	var ok bool
	if len(t) <= 16 {
		id, ok = d.short.get(k0, k1)
	} else {
		id, ok = d.long[t]
	}
	if !ok {
		id = int32(len(d.terms))
		d.terms = append(d.terms, t)
		d.key = append(d.key, utf16Key(t))
		d.cut = append(d.cut, fnv32(t))
		if len(t) <= 16 {
			d.short.put(k0, k1, id)
		} else {
			if d.long == nil {
				d.long = map[string]int32{}
			}
			d.long[t] = id
		}
	}
	return id
}

// utf16Key packs the first 8 bytes of t, with UTF-8 lead bytes from 0xEE
// renumbered so that the keys sort as JavaScript compares strings (see
// compareUTF16): U+E000–U+FFFF after the runes above U+FFFF.
func utf16Key(t string) uint64 {
	var k uint64
	for i := range 8 {
		k <<= 8
		if i < len(t) {
			c := t[i]
			switch {
			case c >= 0xF0:
				c -= 2
			case c >= 0xEE:
				c += 5
			}
			k |= uint64(c)
		}
	}
	return k
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// blob is a compressed index file and a hash of it, from which the name
// of a build's directory is made.
type blob struct {
	gz  []byte
	sum [16]byte
}

func newBlob(gz []byte) blob {
	b := blob{gz: gz}
	s := sha256.Sum256(gz)
	copy(b.sum[:], s[:])
	return b
}

// workers is the number of goroutines parallel uses for n items.
func workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// parallel calls fn(w, 0) … fn(w, n-1) on up to workers(n) goroutines
// (an errgroup with a limit); w, below workers(n), is a slot that no
// other running call holds, so that fn may use scratch state per slot
// (the analyzers). It replaced a hand-made pool of workers reading a
// channel, for no measurable cost: BenchmarkBuild (1,000 pages, 2 shared
// CPUs, six interleaved runs each) gave 186 cpu-µs/page against the
// pool's 183, within the runs' spread of ±20.
func parallel(n int, fn func(w, i int)) {
	if n == 1 {
		fn(0, 0)
		return
	}
	slots := make(chan int, workers(n))
	for w := range workers(n) {
		slots <- w
	}
	var g errgroup.Group
	g.SetLimit(workers(n))
	for i := range n {
		g.Go(func() error {
			w := <-slots
			fn(w, i)
			slots <- w
			return nil
		})
	}
	g.Wait()
}
