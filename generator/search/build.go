package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash/maphash"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Vocabulary blocks and postings shards are cut where the content says,
// not at fixed sizes, so that a change in one place, which makes a block
// or shard shorter or longer, does not move every cut after it: a block
// ends after a term once it holds min bytes and a hash of the term, out
// of gap, falls below the term's size in the block (gap bytes apart on
// average), or once it holds max bytes.
const (
	vocabBlockMin = 3<<10 + 512
	vocabBlockGap = 512
	vocabBlockMax = 6 << 10
	postShardMin  = 7 << 10
	postShardGap  = 1 << 10
	postShardMax  = 12 << 10
)

// pagesPerShard is the number of page records in a page shard (the
// last may hold fewer); see the package doc, # Files, for why the count
// is fixed.
const pagesPerShard = 64

// cutAfter reports whether a block or shard of size bytes ends after the
// term whose cut hash is h and whose entry has n bytes.
func cutAfter(size, n int, h uint32, lo, gap, hi int) bool {
	return size >= hi || size >= lo && int(h%uint32(gap)) < n
}

// entry locates one posting while postings are patched: a page (its
// number) and the offset of the term's posting in the page's terms.
type entry struct{ page, off int32 }

// skipPosting returns the offset after the weight and part set at off.
func skipPosting(enc []byte, off int32) int32 {
	off++
	for enc[off]&0x80 != 0 {
		off++
	}
	return off + 1
}

// encodePostings encodes the postings of every term from pages. It reads
// the pages twice, once to size each term's postings and once to write
// them in place, so that the postings take one allocation of the exact
// size and nothing per posting besides (a list of every (term, page)
// pair to sort them by term took 8 bytes a posting, 116 MB for the 14.5
// million postings of 100,000 notes).
func (x *Indexer) encodePostings(pages []*indexedPage) {
	clear(x.df)
	last := make([]int32, len(x.df)) // the last page holding the term
	next := make([]int, len(x.df))   // its size, then where its next posting goes
	for d, p := range pages {
		it := termIter{b: p.terms}
		for it.next() {
			id := it.id
			x.df[id]++
			next[id] += uvarintLen(uint64(int32(d)-last[id])) + it.end - it.post
			last[id] = int32(d)
		}
	}
	size := 0
	for id, n := range next {
		next[id] = size
		size += n
	}
	arena := make([]byte, size)
	clear(last)
	for d, p := range pages {
		it := termIter{b: p.terms}
		for it.next() {
			id := it.id
			o := next[id]
			o += binary.PutUvarint(arena[o:], uint64(int32(d)-last[id]))
			o += copy(arena[o:], it.posting())
			next[id], last[id] = o, int32(d)
		}
	}
	begin := 0
	for id, end := range next {
		x.post[id] = nil
		if x.df[id] > 0 {
			x.post[id] = arena[begin:end:end]
		}
		x.phash[id] = maphash.Bytes(x.seed, x.post[id])
		begin = end
	}
	for _, r := range x.rows {
		x.setRow(r.id)
	}
}

// patchPostings updates the postings after the pages at the positions
// changed (in ascending order) were analysed again, the pages and the
// averages staying the same.
func (x *Indexer) patchPostings(pages []*indexedPage, changed []int) {
	isChanged := make([]bool, len(pages))
	adds := map[int32][]entry{}
	for _, i := range changed {
		d := int32(i)
		isChanged[d] = true
		it := termIter{b: x.order[i].terms}
		for it.next() {
			x.df[it.id]--
			if _, ok := adds[it.id]; !ok {
				adds[it.id] = nil
			}
		}
		it = termIter{b: pages[i].terms}
		for it.next() {
			x.df[it.id]++
			adds[it.id] = append(adds[it.id], entry{d, int32(it.post)})
		}
	}
	for id, es := range adds {
		old := x.post[id]
		out := make([]byte, 0, len(old)+4*len(es))
		var d, last int32
		emit := func(page int32, posting []byte) {
			out = binary.AppendUvarint(out, uint64(page-last))
			out = append(out, posting...)
			last = page
		}
		add := func(e entry) {
			enc := pages[e.page].terms
			emit(e.page, enc[e.off:skipPosting(enc, e.off)])
		}
		for len(old) > 0 {
			delta, n := binary.Uvarint(old)
			d += int32(delta)
			end := skipPosting(old, int32(n))
			posting := old[n:end]
			old = old[end:]
			for len(es) > 0 && es[0].page < d {
				add(es[0])
				es = es[1:]
			}
			if !isChanged[d] {
				emit(d, posting)
			}
		}
		for _, e := range es {
			add(e)
		}
		if len(out) == 0 {
			out = nil
		}
		x.post[id] = out
		x.phash[id] = maphash.Bytes(x.seed, out)
		x.setRow(id)
	}
}

// blobKey names the content of a block or shard in Indexer.blobs.
type blobKey struct{ a, b uint64 }

func (k *blobKey) add(v uint64) {
	hi, lo := bits.Mul64(k.a^v, 0x9E3779B97F4A7C15)
	k.a = hi ^ lo
	hi, lo = bits.Mul64(k.b^bits.RotateLeft64(v, 29), 0xD6E8FEB86659FD93)
	k.b = hi ^ lo
}

// piece is a vocabulary block or postings shard: the live terms of
// x.rows[from:to], the first of them being live term number ord.
type piece struct {
	from, to int
	ord      int
	key      blobKey
	blob     blob
	vocab    bool
}

// files cuts and compresses the vocabulary and the postings, and returns
// them with the page shards and the manifest.
func (x *Indexer) files(pages []*indexedPage) (*Index, error) {
	var pieces []piece
	terms := 0
	cutRows := func(vocab bool, lo, gap, hi int, seed blobKey) {
		start, ord, size, key := 0, 0, 0, seed
		shared := 255 // with the last live term in the block
		for i := range x.rows {
			r := &x.rows[i]
			shared = min(shared, int(r.shared))
			if r.df == 0 {
				continue
			}
			if size == 0 {
				shared = 0 // the first in the block
			}
			var n int
			if vocab {
				n = 2 + int(r.tlen) - shared + uvarintLen(uint64(r.df))
				key.add(uint64(r.id))
				key.add(uint64(r.df))
			} else {
				n = uvarintLen(uint64(r.plen)) + int(r.plen)
				key.add(uint64(r.id))
				key.add(r.phash)
			}
			shared = 255
			size += n
			terms++
			if cutAfter(size, n, r.cut, lo, gap, hi) {
				pieces = append(pieces, piece{from: start, to: i + 1, ord: ord, key: key, vocab: vocab})
				start, ord, size, key = i+1, terms, 0, seed
			}
		}
		if size > 0 {
			pieces = append(pieces, piece{from: start, to: len(x.rows), ord: ord, key: key, vocab: vocab})
		}
	}
	cutRows(true, vocabBlockMin, vocabBlockGap, vocabBlockMax, blobKey{1, 2})
	nv := len(pieces)
	terms = 0
	cutRows(false, postShardMin, postShardGap, postShardMax, blobKey{3, 4})

	// Compress what the last build did not have.
	var todo []int
	blobs := make(map[blobKey]blob, len(pieces))
	for i := range pieces {
		if b, ok := x.blobs[pieces[i].key]; ok {
			pieces[i].blob = b
		} else {
			todo = append(todo, i)
		}
	}
	// Each goroutine compresses into a buffer of its own and keeps an
	// exact copy: the compressor's buffer grows by doubling, and at
	// 100,000 notes the postings' 34 MB took 66 MB so.
	type scratch struct {
		raw []byte
		gz  bytes.Buffer
	}
	scr := make([]scratch, workers(len(todo)))
	parallel(len(todo), func(w, i int) {
		pc := &pieces[todo[i]]
		raw := scr[w].raw[:0]
		if pc.vocab {
			prev := ""
			for _, r := range x.rows[pc.from:pc.to] {
				if r.df == 0 {
					continue
				}
				t := x.dict.terms[r.id]
				shared := commonPrefix(prev, t)
				raw = append(raw, byte(shared), byte(len(t)-shared))
				raw = append(raw, t[shared:]...)
				raw = binary.AppendUvarint(raw, uint64(r.df))
				prev = t
			}
			gzipTo(gzipFast, &scr[w].gz, raw)
		} else {
			for _, r := range x.rows[pc.from:pc.to] {
				if r.df > 0 {
					raw = binary.AppendUvarint(raw, uint64(r.plen))
					raw = append(raw, x.post[r.id]...)
				}
			}
			gzipTo(gzipHuffman, &scr[w].gz, raw)
		}
		pc.blob = newBlob(bytes.Clone(scr[w].gz.Bytes()))
		scr[w].raw = raw
	})
	for _, pc := range pieces {
		blobs[pc.key] = pc.blob
	}

	shards := x.pageShards(pages, blobs)
	x.blobs = blobs

	// The directory is named after the files' hashes.
	h := sha256.New()
	var n [12]byte
	binary.LittleEndian.PutUint32(n[:], uint32(nv))
	binary.LittleEndian.PutUint32(n[4:], uint32(len(pages)))
	binary.LittleEndian.PutUint32(n[8:], pagesPerShard)
	h.Write(n[:])
	for _, pc := range pieces {
		h.Write(pc.blob.sum[:])
	}
	for _, p := range pages {
		h.Write(p.file.sum[:])
	}
	dir := hex.EncodeToString(h.Sum(nil))[:10]

	ix := &Index{Files: make(map[string][]byte, len(pieces)+len(shards)+1)}
	vocab := make([][2]any, 0, nv)
	post := make([]int, 0, len(pieces)-nv)
	for i, pc := range pieces {
		if pc.vocab {
			ix.Files[dir+"/v/"+strconv.Itoa(i)+".bin"] = pc.blob.gz
			first := pc.from
			for x.rows[first].df == 0 {
				first++
			}
			vocab = append(vocab, [2]any{x.dict.terms[x.rows[first].id], pc.ord})
		} else {
			ix.Files[dir+"/p/"+strconv.Itoa(i-nv)+".bin"] = pc.blob.gz
			post = append(post, pc.ord)
		}
	}
	for k, sh := range shards {
		ix.Files[dir+"/d/"+strconv.Itoa(k)+".bin"] = sh.gz
	}
	low := []int{}
	for d, p := range pages {
		if p.doc.Listing {
			low = append(low, d)
		}
	}
	manifest, err := json.Marshal(map[string]any{
		"v": 3, "dir": dir, "docs": len(pages), "shard": pagesPerShard, "terms": terms,
		"vocab": vocab, "post": post, "low": low,
		"syn": synonymTerms(append(slices.Clip(BuiltinSynonyms), x.Synonyms...)),
	})
	if err != nil {
		return nil, err
	}
	ix.Files["manifest.bin"] = gzipBytes(gzipDefault, manifest)
	return ix, nil
}

// pageShards packs the page records, pagesPerShard to a file, reusing
// the shards of the last build (x.blobs) whose records are the same. It
// adds the shards to blobs.
func (x *Indexer) pageShards(pages []*indexedPage, blobs map[blobKey]blob) []blob {
	shards := make([]blob, 0, (len(pages)+pagesPerShard-1)/pagesPerShard)
	for from := 0; from < len(pages); from += pagesPerShard {
		run := pages[from:min(from+pagesPerShard, len(pages))]
		key, size := blobKey{5, 6}, 4*len(run)
		for _, p := range run {
			key.add(binary.LittleEndian.Uint64(p.file.sum[:]))
			key.add(binary.LittleEndian.Uint64(p.file.sum[8:]))
			size += len(p.file.gz)
		}
		b, ok := x.blobs[key]
		if !ok {
			gz := make([]byte, 4*len(run), size)
			for i, p := range run {
				gz = append(gz, p.file.gz...)
				binary.LittleEndian.PutUint32(gz[4*i:], uint32(len(gz)))
			}
			b = blob{gz: gz} // named by its records' sums, which the directory hash holds
		}
		// The pages keep their records as slices of the shard, so that
		// the records are held once, not twice, from here on.
		start := 4 * len(run)
		for i, p := range run {
			end := int(binary.LittleEndian.Uint32(b.gz[4*i:]))
			p.file.gz = b.gz[start:end:end]
			start = end
		}
		blobs[key] = b
		shards = append(shards, b)
	}
	return shards
}

func uvarintLen(v uint64) int { return (bits.Len64(v|1) + 6) / 7 }

// commonPrefix returns the length in bytes of the longest common prefix of
// a and b that ends on a rune boundary of both, capped to fit a byte.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] && n < 255 {
		n++
	}
	for n > 0 && n < len(b) && b[n]&0xC0 == 0x80 {
		n--
	}
	return n
}

// compareUTF16 orders strings as JavaScript's < does: by UTF-16 code
// units, which is the order of the UTF-8 bytes except that runes above
// U+FFFF (surrogate pairs, from 0xD800) sort before U+E000–U+FFFF.
func compareUTF16(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(a) || i == len(b) || a[i] < 0xEE && b[i] < 0xEE {
		return strings.Compare(a[i:], b[i:])
	}
	for i > 0 && !utf8.RuneStart(a[i]) {
		i--
	}
	ra, _ := utf8.DecodeRuneInString(a[i:])
	rb, _ := utf8.DecodeRuneInString(b[i:])
	if (ra > 0xFFFF) != (rb > 0xFFFF) && min(ra, rb) >= 0xE000 {
		return int(rb - ra)
	}
	return strings.Compare(a[i:], b[i:])
}
