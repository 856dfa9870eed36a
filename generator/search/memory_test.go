package search

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestPageTerms analyses a page and reads its terms back: numbers in
// ascending order, each field's count, and the part set, parts past 64
// included.
func TestPageTerms(t *testing.T) {
	var parts []Part
	for p := range 70 {
		parts = append(parts, Part{Anchor: fmt.Sprint("h", p), Heading: "Zebra", Text: "quokka"})
	}
	parts[69].Text = strings.Repeat("quokka ", 300) + "narwhal"
	d := Doc{URL: "/a/", Title: "Quokka", Summary: "narwhal", Parts: parts}
	a := &analyzer{termizer: termizer{dict: &dict{}}}
	p := a.analyze(&d)
	want := map[string][numFields]uint16{
		Term("quokka"):  {1, 0, 0, 369},
		Term("zebra"):   {0, 70, 0, 0},
		Term("narwhal"): {0, 0, 1, 1},
	}
	var ids []int32
	it := termIter{b: p.terms}
	for it.next() {
		ids = append(ids, it.id)
		term := a.dict.terms[it.id]
		if got := it.counts(); got != want[term] {
			t.Errorf("%s: counts %v, want %v", term, got, want[term])
		}
		posting := it.posting()
		if term == Term("narwhal") {
			// Parts 69 only: bit 69%7 of byte 69/7, nine continuation bytes before it.
			parts := posting[1:]
			if len(parts) != 10 || parts[9] != 1<<(69%7) || parts[8] != 0x80 {
				t.Errorf("narwhal: part set % x", parts)
			}
		}
	}
	if len(ids) != len(want) || !slices.IsSorted(ids) {
		t.Errorf("term numbers %v: want %d in ascending order", ids, len(want))
	}
}

// TestRecordsShareShards checks that after a build each page's record
// is a slice of its page shard, so that the records are held once.
func TestRecordsShareShards(t *testing.T) {
	docs := synthCorpus(200)
	x := NewIndexer()
	ix, err := x.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	var shards [][]byte
	for name, b := range ix.Files {
		if strings.Contains(name, "/d/") {
			shards = append(shards, b)
		}
	}
	within := func(r []byte) bool {
		for _, s := range shards {
			lo := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
			at := uintptr(unsafe.Pointer(unsafe.SliceData(r)))
			if at >= lo && at+uintptr(len(r)) <= lo+uintptr(len(s)) {
				return true
			}
		}
		return false
	}
	for _, p := range x.order {
		if !within(p.file.gz) {
			t.Fatalf("%s: its record is not a slice of a page shard", p.doc.URL)
		}
	}
}

// BenchmarkIndexerMemory reports the bytes an Indexer holds per page
// after building the index of 5,000 synthetic pages, the index files
// included (they share their bytes) and the docs' own text not: most of
// what the search stage adds to a build's peak memory.
func BenchmarkIndexerMemory(b *testing.B) {
	docs := synthCorpus(5000)
	var kept float64
	for b.Loop() {
		before := liveHeap()
		x := NewIndexer()
		if _, err := x.Build(docs); err != nil {
			b.Fatal(err)
		}
		kept = float64(liveHeap()-before) / float64(len(docs))
		runtime.KeepAlive(x)
	}
	b.ReportMetric(kept, "kept-B/page")
}

func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
