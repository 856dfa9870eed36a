package search

import (
	"encoding/binary"
	"math/bits"
)

// wordTable maps words of up to 16 bytes to term numbers. Indexing spends
// most of its time looking words up; keeping short words inline in one
// array of slots costs one memory access per lookup where a
// map[string]int32 costs two (the slot, then the string's bytes).
type wordTable struct {
	slots []wordSlot // a power of two in length, at most half full
	n     int
}

// wordSlot holds a word's bytes, zero-padded: words have no zero bytes,
// so k0 == 0 marks an empty slot.
type wordSlot struct {
	k0, k1 uint64
	id     int32
}

// wordKey packs w, which must be 1 to 16 bytes long. It reads the bytes
// after w up to its capacity, when it has 16, and masks them off.
func wordKey(w []byte) (k0, k1 uint64) {
	n := len(w)
	if cap(w) < 16 {
		var b [16]byte
		copy(b[:], w)
		w = b[:n]
	}
	w = w[:16]
	k0 = binary.LittleEndian.Uint64(w[:8])
	k1 = binary.LittleEndian.Uint64(w[8:])
	if n < 8 {
		return k0 & (1<<(8*n) - 1), 0
	}
	if n < 16 {
		k1 &= 1<<(8*(n-8)) - 1
	}
	return k0, k1
}

func (t *wordTable) index(k0, k1 uint64) int {
	h := (k0 ^ bits.RotateLeft64(k1, 32)) * 0x9E3779B97F4A7C15
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return int(h & uint64(len(t.slots)-1))
}

// get returns the term number of a word and whether the table has it.
func (t *wordTable) get(k0, k1 uint64) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	for i := t.index(k0, k1); ; i = (i + 1) & (len(t.slots) - 1) {
		s := &t.slots[i]
		if s.k0 == k0 && s.k1 == k1 {
			return s.id, true
		}
		if s.k0 == 0 {
			return 0, false
		}
	}
}

// put adds a word that the table does not have.
func (t *wordTable) put(k0, k1 uint64, id int32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]wordSlot, max(1<<12, 2*len(old)))
		t.n = 0
		for _, s := range old {
			if s.k0 != 0 {
				t.put(s.k0, s.k1, s.id)
			}
		}
	}
	i := t.index(k0, k1)
	for t.slots[i].k0 != 0 {
		i = (i + 1) & (len(t.slots) - 1)
	}
	t.slots[i] = wordSlot{k0, k1, id}
	t.n++
}
