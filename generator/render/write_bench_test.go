package render

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkWriteNew writes 1,000 pages of 10 KB into a new output folder,
// as a build from an empty folder does, and reports the cost per page:
// the Writer's share of the per-page cost of such a build.
//
//	go test -run '^$' -bench WriteNew ./generator/render/
func BenchmarkWriteNew(b *testing.B) {
	const pages = 1000
	page := make([]byte, 10<<10)
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(b.TempDir(), fmt.Sprint("public-", i))
		w, err := NewWriter(out)
		if err != nil {
			b.Fatal(err)
		}
		for p := range pages {
			w.Put(fmt.Sprintf("area-%d/note-%d/index.html", p/100, p), page)
		}
		if err := w.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/pages, "µs/page")
}
