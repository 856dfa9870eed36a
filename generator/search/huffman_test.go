package search

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHuffGzip checks that compress/gzip reads what huffGzip writes, and
// that it is no larger than what compress/gzip writes at HuffmanOnly.
func TestHuffGzip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	inputs := [][]byte{nil, {'a'}, []byte("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), []byte(strings.Repeat("abc", 3000))}
	random := make([]byte, 5000)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	inputs = append(inputs, random)
	// Fibonacci frequencies make the deepest Huffman trees.
	var fib []byte
	a, b := 1, 1
	for c := range 21 { // a tree 20 deep, over the limit of 15
		fib = append(fib, bytes.Repeat([]byte{byte('A' + c)}, a)...)
		a, b = b, a+b
	}
	inputs = append(inputs, fib)
	for _, d := range synthCorpus(20) {
		inputs = append(inputs, []byte(d.Parts[0].Text))
	}
	var h huffGzip
	for _, in := range inputs {
		gz := h.compress(in)
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatalf("%d bytes: %v", len(in), err)
		}
		out, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(out, in) {
			t.Fatalf("%d bytes: round trip gave %d bytes, %v", len(in), len(out), err)
		}
		if std := gzipBytes(gzipPool(gzip.HuffmanOnly), in); len(gz) > len(std)+4 {
			t.Errorf("%d bytes: %d compressed, compress/gzip %d", len(in), len(gz), len(std))
		}
	}
}

// BenchmarkHuffGzip compresses one synthetic page's text with huffGzip
// and, for comparison, with compress/gzip at HuffmanOnly.
func BenchmarkHuffGzip(b *testing.B) {
	var text []byte
	for _, p := range synthCorpus(1)[0].Parts {
		text = append(text, p.Text...)
	}
	b.Run("huffGzip", func(b *testing.B) {
		var h huffGzip
		for b.Loop() {
			h.compress(text)
		}
	})
	b.Run("compress-gzip", func(b *testing.B) {
		pool := gzipPool(gzip.HuffmanOnly)
		for b.Loop() {
			gzipBytes(pool, text)
		}
	})
}
