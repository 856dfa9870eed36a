package search

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// Postings and page records get Huffman coding only: LZ77 finds nothing in
// varints, and on page records even flate's fastest level takes twice as
// long for 10–30% fewer bytes. (A hand-made Huffman coder was twice as
// fast as compress/flate's HuffmanOnly on one page, 4.6 µs against 9.0 µs,
// BenchmarkHuffGzip before it went; on a 7,000-note build that is 30 ms
// of some 4 s, not worth 360 lines.) The front-coded vocabulary gets
// flate's fastest level, which finds most of what the default level finds
// in it (5% more bytes) in half the time; the manifest gets the default
// level.
var (
	gzipHuffman = gzipPool(gzip.HuffmanOnly)
	gzipFast    = gzipPool(gzip.BestSpeed)
	gzipDefault = gzipPool(gzip.DefaultCompression)
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
	gzipTo(pool, &buf, b)
	return buf.Bytes()
}

// gzipTo compresses b into buf, replacing what buf held.
func gzipTo(pool *sync.Pool, buf *bytes.Buffer, b []byte) {
	buf.Reset()
	w := pool.Get().(*gzip.Writer)
	w.Reset(buf)
	w.Write(b)
	w.Close()
	pool.Put(w)
}
