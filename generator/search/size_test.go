package search

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// BenchmarkBuild indexes 1,000 synthetic pages per iteration. Since
// machines differ, it also renders the same pages' Markdown with goldmark
// on as many goroutines, as a yardstick for the rest of a site build:
// x-goldmark is the index build time over that rendering time.
func BenchmarkBuild(b *testing.B) {
	docs := synthCorpus(1000)
	md := make([][]byte, len(docs))
	for i, d := range docs {
		var s strings.Builder
		s.WriteString("# " + d.Title + "\n\n")
		for _, p := range d.Parts {
			if p.Heading != "" {
				s.WriteString("## " + p.Heading + "\n\n")
			}
			s.WriteString(p.Text + "\n\n")
		}
		md[i] = []byte(s.String())
	}
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM))
	var render, index, cpu time.Duration
	for b.Loop() {
		start := time.Now()
		parallel(len(md), func(_, i int) {
			var out bytes.Buffer
			if err := gm.Convert(md[i], &out); err != nil {
				b.Error(err)
			}
		})
		render += time.Since(start)
		start, c := time.Now(), cpuTime()
		if _, err := Build(docs); err != nil {
			b.Fatal(err)
		}
		index += time.Since(start)
		cpu += cpuTime() - c
	}
	b.ReportMetric(float64(index.Microseconds())/float64(b.N*len(docs)), "µs/page")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*len(docs)), "cpu-µs/page")
	b.ReportMetric(float64(index)/float64(render), "x-goldmark")
}

// BenchmarkIndexerOneEdit rebuilds the index of 5,000 synthetic pages
// after an edit of one page's text, as sitegen serve does: a sentence
// added (the page's length rounds the same, see roundLength), or a part
// rewritten (every weight of the page changes).
func BenchmarkIndexerOneEdit(b *testing.B) {
	docs := synthCorpus(5000)
	const edited = 1234
	for _, c := range []struct{ name, text string }{
		{"sentence", docs[edited].Parts[0].Text + " Edited: a new deployment note."},
		{"rewrite", docs[edited+1].Parts[0].Text},
	} {
		b.Run(c.name, func(b *testing.B) {
			x := NewIndexer()
			if _, err := x.Build(docs); err != nil {
				b.Fatal(err)
			}
			parts := [2][]Part{slices.Clone(docs[edited].Parts), slices.Clone(docs[edited].Parts)}
			parts[1][0].Text = c.text
			defer func(p []Part) { docs[edited].Parts = p }(docs[edited].Parts)
			i := 0
			for b.Loop() {
				i++
				docs[edited].Parts = parts[i%2]
				if _, err := x.Build(docs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/edit")
		})
	}
}

// clientJS returns search.js minified and gzipped, as the theme ships it.
func clientJS(t testing.TB) (min, gz int) {
	src, err := os.ReadFile("../../themes/default/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	m := minify.New()
	if err := js.Minify(m, &out, bytes.NewReader(src), nil); err != nil {
		t.Fatal(err)
	}
	return out.Len(), len(gzipBytes(gzipDefault, out.Bytes()))
}

// sizes are the synthetic site sizes that TestSizes and TestBrowserBytes
// measure: 1,000 pages, and 10,000 with SITEGEN_SEARCH_BIG=1 (slow).
func sizes() []int {
	if os.Getenv("SITEGEN_SEARCH_BIG") == "1" {
		return []int{1000, 10000}
	}
	return []int{1000}
}

// firstQueryLimit is the most a first query may download, search.js
// included. A query's synonyms cost lookups of their own ("serverless
// memory" also looks up "no servers", "faas" and "ram"): 70 KB at 1,000
// pages, which stays under half of Pagefind's first query
// (scripts/bench-search compares the two).
func firstQueryLimit(pages int) int {
	if pages > 1000 {
		return 110 << 10
	}
	return 70 << 10
}

// TestSizes prints the index size and what a first query downloads
// (go test -run Sizes -v), as read by the Go twin of search.js, which
// looks up exact terms only.
func TestSizes(t *testing.T) {
	jsMin, jsGz := clientJS(t)
	t.Logf("search.js: %d B minified, %d B gzipped", jsMin, jsGz)
	for _, n := range sizes() {
		docs := synthCorpus(n)
		start := time.Now()
		ix, err := Build(docs)
		if err != nil {
			t.Fatal(err)
		}
		el := time.Since(start)
		raw := 0
		for _, d := range docs {
			raw += len(d.Title)
			for _, p := range d.Parts {
				raw += len(p.Text) + len(p.Heading)
			}
		}
		t.Logf("%d pages (%.1f MB text): %d files, %.1f MB gzipped, %.0f B/page; build %v (%.0f µs/page)",
			n, float64(raw)/1e6, len(ix.Files), float64(ix.Size())/1e6, float64(ix.Size())/float64(n), el.Round(time.Millisecond), float64(el.Microseconds())/float64(n))
		for _, q := range []string{"lambda", "lambda fargate", "serverless memory timeout", "kaloberfin", "gateway ultvinjun"} {
			r := newReader(t, ix)
			hits := r.search(q, 8)
			limit := firstQueryLimit(n)
			total := r.bytes + jsGz
			t.Logf("  first query %-28q %4d hits: %6d B (index %d + js %d) of %d", q, len(hits), total, r.bytes, jsGz, limit)
			if total > limit {
				t.Errorf("first query %q at %d pages: %d B, over %d", q, n, total, limit)
			}
		}
	}
}
