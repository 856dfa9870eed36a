package search

import (
	"encoding/binary"
	"hash/crc32"
	"math/bits"
	"slices"
)

// huffGzip writes gzip streams of one deflate block coded with a Huffman
// code of the input's own byte frequencies and no LZ77 matches. It does
// what compress/gzip does at gzip.HuffmanOnly, two to three times faster on
// small inputs, where building the code is most of the work; the output is
// the same size, give or take a few bits of header. The zero value is
// ready to use; it is not safe for concurrent use.
type huffGzip struct {
	freq  [257]int    // byte frequencies, then the end-of-block marker
	lens  [257]uint8  // code length of each symbol, 0 if unused
	codes [257]uint16 // bit-reversed code of each symbol
	cg    []uint8     // the code lengths, run-length coded: symbol, then extra bits
	cgf   [19]int     // frequencies of the code length symbols
	cgl   [19]uint8   // code lengths of the code length symbols
	cgc   [19]uint16  // their bit-reversed codes
	sort  []uint64    // scratch for huffLengths
	depth []int       // scratch for huffLengths
	bw    bitWriter
}

// codeLengthOrder is the order in which a dynamic block header lists the
// code lengths of the code length alphabet (RFC 1951, 3.2.7).
var codeLengthOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// gzipHeader has no name and no time, so the same input always gives the
// same bytes.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// compress returns b as a gzip stream.
func (h *huffGzip) compress(b []byte) []byte {
	clear(h.freq[:])
	histogram(b, &h.freq)
	h.freq[256] = 1
	h.huffLengths(h.freq[:], 15, h.lens[:])
	canonicalCodes(h.lens[:], h.codes[:])

	// The header lists 257 literal code lengths and one distance code of
	// one bit, which is never used (a lone unused distance code of zero
	// bits is legal too, but not every decoder takes it).
	h.cg = h.cg[:0]
	clear(h.cgf[:])
	h.runLengths(h.lens[:])
	h.cg = append(h.cg, 1)
	h.cgf[1]++
	h.huffLengths(h.cgf[:], 7, h.cgl[:])
	canonicalCodes(h.cgl[:], h.cgc[:])
	ncl := 19
	for ncl > 4 && h.cgl[codeLengthOrder[ncl-1]] == 0 {
		ncl--
	}

	bits := 3 + 5 + 5 + 4 + 3*ncl
	for i := 0; i < len(h.cg); i++ {
		s := h.cg[i]
		bits += int(h.cgl[s]) + int(extraBits[s])
		if s >= 16 {
			i++
		}
	}
	for s, f := range h.freq {
		bits += f * int(h.lens[s])
	}

	out := make([]byte, 0, len(gzipHeader)+bits/8+32)
	out = append(out, gzipHeader...)
	if len(b) <= 0xffff && len(b)+5 <= (bits+7)/8 {
		// A stored block is smaller.
		out = append(out, 1, byte(len(b)), byte(len(b)>>8), ^byte(len(b)), ^byte(len(b)>>8))
		out = append(out, b...)
	} else {
		w := &h.bw
		w.out, w.acc, w.n = out, 0, 0
		w.write(1|2<<1, 3) // last block, dynamic Huffman codes
		w.write(0, 5)      // 257 literal/length codes
		w.write(0, 5)      // one distance code
		w.write(uint64(ncl-4), 4)
		for _, s := range codeLengthOrder[:ncl] {
			w.write(uint64(h.cgl[s]), 3)
		}
		for i := 0; i < len(h.cg); i++ {
			s := h.cg[i]
			w.write(uint64(h.cgc[s]), uint(h.cgl[s]))
			if s >= 16 {
				i++
				w.write(uint64(h.cg[i]), uint(extraBits[s]))
			}
		}
		var table [256]uint32
		for c := range table {
			table[c] = uint32(h.codes[c]) | uint32(h.lens[c])<<16
		}
		// Three codes of at most 15 bits fit in the 64-bit buffer with
		// the 7 bits left over; the whole bytes go out after each three,
		// into room that bits, the exact size, made.
		o, pos := w.out[:cap(w.out)], len(w.out)
		acc, n := w.acc, w.n
		in := b
		for ; len(in) >= 3; in = in[3:] {
			t0, t1, t2 := table[in[0]], table[in[1]], table[in[2]]
			acc |= uint64(t0&0xffff) << n
			n += uint(t0 >> 16)
			acc |= uint64(t1&0xffff) << n
			n += uint(t1 >> 16)
			acc |= uint64(t2&0xffff) << n
			n += uint(t2 >> 16)
			binary.LittleEndian.PutUint64(o[pos:], acc)
			k := n >> 3
			pos += int(k)
			acc >>= k * 8
			n &= 7
		}
		w.out, w.acc, w.n = o[:pos], acc, n
		for _, c := range in {
			w.write(uint64(h.codes[c]), uint(h.lens[c]))
		}
		w.write(uint64(h.codes[256]), uint(h.lens[256]))
		out = w.flush()
	}
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(b))
	return binary.LittleEndian.AppendUint32(out, uint32(len(b)))
}

// extraBits is the number of extra bits after each code length symbol.
var extraBits = [19]uint8{16: 2, 17: 3, 18: 7}

// runLengths appends lens to h.cg in the code length alphabet: 0–15 as
// they are, 16 repeating the last length 3–6 times, 17 and 18 runs of
// 3–10 and 11–138 zeros, each of the last three followed by its count.
func (h *huffGzip) runLengths(lens []uint8) {
	emit := func(s, extra uint8) {
		h.cg = append(h.cg, s)
		if s >= 16 {
			h.cg = append(h.cg, extra)
		}
		h.cgf[s]++
	}
	for i := 0; i < len(lens); {
		l := lens[i]
		run := 1
		for i+run < len(lens) && lens[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				r := min(run, 138)
				emit(18, uint8(r-11))
				run -= r
			}
			if run >= 3 {
				emit(17, uint8(run-3))
				run = 0
			}
		} else {
			emit(l, 0)
			run--
			for run >= 3 {
				r := min(run, 6)
				emit(16, uint8(r-3))
				run -= r
			}
		}
		for ; run > 0; run-- {
			emit(l, 0)
		}
	}
}

// histogram adds the byte frequencies of b to freq, in four tables so
// that repeated bytes do not wait on each other's increments.
func histogram(b []byte, freq *[257]int) {
	var f [4][256]uint32
	for len(b) >= 4 {
		f[0][b[0]]++
		f[1][b[1]]++
		f[2][b[2]]++
		f[3][b[3]]++
		b = b[4:]
	}
	for _, c := range b {
		f[0][c]++
	}
	for c := range 256 {
		freq[c] += int(f[0][c] + f[1][c] + f[2][c] + f[3][c])
	}
}

// huffLengths sets lens to the lengths of a Huffman code for freq, none
// longer than limit bits, and 0 for unused symbols. A code needs two
// symbols: with fewer, a second one gets a code too.
func (h *huffGzip) huffLengths(freq []int, limit int, lens []uint8) {
	clear(lens)
	keys := h.sort[:0]
	for s, f := range freq {
		if f > 0 {
			keys = append(keys, uint64(f)<<16|uint64(s))
		}
	}
	switch len(keys) {
	case 0:
		lens[0], lens[1] = 1, 1
		return
	case 1:
		s := int(keys[0] & 0xffff)
		lens[s], lens[(s+1)%len(lens)] = 1, 1
		return
	}
	slices.Sort(keys)
	h.sort = keys
	depth := slices.Grow(h.depth[:0], len(keys))[:len(keys)]
	h.depth = depth
	for i, k := range keys {
		depth[i] = int(k >> 16)
	}
	minimumRedundancy(depth)
	if depth[0] > limit {
		limitLengths(depth, limit)
	}
	for i, k := range keys {
		lens[k&0xffff] = uint8(depth[i])
	}
}

// limitLengths makes the longest of lengths, which are in descending
// order and form a complete code, at most limit, keeping the code
// complete (as miniz does): codes over the limit are cut to it, then, as
// long as the code is overfull, one code of the longest length goes and a
// shorter one is split in two.
func limitLengths(lengths []int, limit int) {
	count := make([]int, limit+1)
	for _, l := range lengths {
		count[min(l, limit)]++
	}
	total := 0
	for l := 1; l <= limit; l++ {
		total += count[l] << (limit - l)
	}
	for ; total > 1<<limit; total-- {
		count[limit]--
		for l := limit - 1; l > 0; l-- {
			if count[l] > 0 {
				count[l]--
				count[l+1] += 2
				break
			}
		}
	}
	i := 0
	for l := limit; l > 0; l-- {
		for range count[l] {
			lengths[i] = l
			i++
		}
	}
}

// minimumRedundancy turns a, weights in ascending order, into the code
// lengths of a Huffman code for them, in place and in linear time
// (Moffat and Katajainen, "In-place calculation of minimum-redundancy
// codes", 1995). len(a) must be at least 2.
func minimumRedundancy(a []int) {
	n := len(a)
	// Pair the two lightest of the leaves and the internal nodes; an
	// internal node's slot then holds its parent.
	leaf, root := 0, 0
	for next := 0; next < n-1; next++ {
		if leaf >= n || root < next && a[root] < a[leaf] {
			a[next] = a[root]
			a[root] = next
			root++
		} else {
			a[next] = a[leaf]
			leaf++
		}
		if leaf >= n || root < next && a[root] < a[leaf] {
			a[next] += a[root]
			a[root] = next
			root++
		} else {
			a[next] += a[leaf]
			leaf++
		}
	}
	// Depths of the internal nodes.
	a[n-2] = 0
	for next := n - 3; next >= 0; next-- {
		a[next] = a[a[next]] + 1
	}
	// Depths of the leaves.
	avail, used, depth := 1, 0, 0
	root, next := n-2, n-1
	for avail > 0 {
		for root >= 0 && a[root] == depth {
			used++
			root--
		}
		for avail > used {
			a[next] = depth
			next--
			avail--
		}
		avail = 2 * used
		depth++
		used = 0
	}
}

// canonicalCodes assigns the canonical deflate codes for lens, bit-reversed
// for writing least significant bit first.
func canonicalCodes(lens []uint8, codes []uint16) {
	var count, next [16]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	code := uint16(0)
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	for s, l := range lens {
		if l > 0 {
			codes[s] = bits.Reverse16(next[l]) >> (16 - l)
			next[l]++
		}
	}
}

// bitWriter packs bits least significant first, as deflate does.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// flush writes the pending bits, padded to a byte, and returns the output.
func (w *bitWriter) flush() []byte {
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n = w.n - min(w.n, 8)
	}
	return w.out
}
