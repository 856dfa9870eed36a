package search

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// Postings and page files are compressed by huffGzip. The front-coded
// vocabulary gets flate's fastest level, which finds most of what the
// default level finds in it (5% more bytes) in half the time; the manifest
// gets the default level.
var (
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
	w := pool.Get().(*gzip.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	pool.Put(w)
	return buf.Bytes()
}
