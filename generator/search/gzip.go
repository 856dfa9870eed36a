package search

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// Postings are varints that LZ77 finds nothing in: Huffman coding alone
// compresses them as well as level 9, four times faster. Page files are
// most of the index and most of its build time: Huffman coding alone makes
// them 10–30% larger than level 1 does, in less than half the time. The
// front-coded vocabulary and the manifest get flate's default level.
var (
	gzipDefault = gzipPool(gzip.DefaultCompression)
	gzipHuffman = gzipPool(gzip.HuffmanOnly)
)

func gzipPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, level)
		return w
	}}
}

// gzipBytes compresses b with a writer from pool. The header carries no
// name and no time, so the same input always gives the same bytes.
func gzipBytes(pool *sync.Pool, b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/2 + 64)
	w := pool.Get().(*gzip.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	pool.Put(w)
	return buf.Bytes()
}
