package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

const (
	vocabBlockBytes = 4 << 10 // target size of a vocabulary block before gzip
	postShardBytes  = 8 << 10 // target size of a postings shard before gzip
)

func build(in []Doc) (*Index, error) {
	docs := slices.Clone(in)
	slices.SortFunc(docs, func(a, b Doc) int { return strings.Compare(a.URL, b.URL) })

	stats := make([]pageStats, len(docs))
	as := make([]analyzer, workers(len(docs)))
	parallel(len(docs), func(w, i int) { stats[i] = as[w].analyze(&docs[i], w) })

	var avg [numFields]float64
	for i := range stats {
		if stats[i].err != nil {
			return nil, stats[i].err
		}
		for f, n := range stats[i].lens {
			avg[f] += float64(n)
		}
	}
	for f := range avg {
		avg[f] = max(avg[f]/float64(max(len(docs), 1)), 1)
	}

	// Postings grow term by term in page order, already encoded.
	type postings struct {
		df, last int
		buf      []byte
	}
	all := map[string]*postings{}
	local := make([][]*postings, len(as)) // analyzer's term number → postings
	for w := range as {
		local[w] = make([]*postings, len(as[w].terms))
	}
	for d := range stats {
		s := &stats[d]
		for i := range s.terms {
			pt := &s.terms[i]
			p := local[s.worker][pt.id]
			if p == nil {
				t := as[s.worker].terms[pt.id]
				if p = all[t]; p == nil {
					p = &postings{}
					all[t] = p
				}
				local[s.worker][pt.id] = p
			}
			p.buf = binary.AppendUvarint(p.buf, uint64(d-p.last))
			p.buf = append(p.buf, weight(pt, &s.lens, &avg))
			p.buf = appendParts(p.buf, pt)
			p.df++
			p.last = d
		}
		s.terms = nil
	}

	terms := make([]string, 0, len(all))
	astral := false // some term has a rune from U+E000 on
	for t := range all {
		terms = append(terms, t)
		astral = astral || strings.ContainsFunc(t, func(r rune) bool { return r >= 0xE000 })
	}
	if astral {
		slices.SortFunc(terms, compareUTF16)
	} else {
		slices.Sort(terms) // the same order, faster
	}

	files := map[string][]byte{}
	var vocab [][2]any
	var vb []byte
	prev := ""
	for ord, t := range terms {
		if len(vb) == 0 {
			vocab = append(vocab, [2]any{t, ord})
			prev = ""
		}
		shared := commonPrefix(prev, t)
		vb = append(vb, byte(shared), byte(len(t)-shared))
		vb = append(vb, t[shared:]...)
		vb = binary.AppendUvarint(vb, uint64(all[t].df))
		prev = t
		if len(vb) >= vocabBlockBytes || ord == len(terms)-1 {
			files["v/"+strconv.Itoa(len(vocab)-1)+".bin"] = vb
			vb = nil
		}
	}
	post := []int{}
	var pb []byte
	for ord, t := range terms {
		if len(pb) == 0 {
			post = append(post, ord)
		}
		buf := all[t].buf
		pb = binary.AppendUvarint(pb, uint64(len(buf)))
		pb = append(pb, buf...)
		if len(pb) >= postShardBytes || ord == len(terms)-1 {
			files["p/"+strconv.Itoa(len(post)-1)+".bin"] = pb
			pb = nil
		}
	}

	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	gz := make([][]byte, len(names))
	parallel(len(names), func(_, i int) {
		pool := gzipDefault
		if strings.HasPrefix(names[i], "p/") {
			pool = gzipHuffman
		}
		gz[i] = gzipBytes(pool, files[names[i]])
	})
	for i, name := range names {
		files[name] = gz[i]
	}
	for d := range stats {
		files["d/"+strconv.Itoa(d)+".bin"] = stats[d].file
	}

	dir := contentHash(files)
	ix := &Index{Files: make(map[string][]byte, len(files)+1)}
	for name, b := range files {
		ix.Files[dir+"/"+name] = b
	}
	manifest, err := json.Marshal(map[string]any{
		"v": 1, "dir": dir, "docs": len(docs), "terms": len(terms),
		"vocab": vocab, "post": post,
	})
	if err != nil {
		return nil, err
	}
	ix.Files["manifest.bin"] = gzipBytes(gzipDefault, manifest)
	return ix, nil
}

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

// contentHash names the directory of a build after its files.
func contentHash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// workers is the number of goroutines parallel uses for n items.
func workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// parallel calls fn(w, 0) … fn(w, n-1) on all CPUs, w being the number of
// the goroutine making the call, below workers(n).
func parallel(n int, fn func(w, i int)) {
	var wg sync.WaitGroup
	next := make(chan int, workers(n))
	for w := range workers(n) {
		wg.Go(func() {
			for i := range next {
				fn(w, i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
