package search

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"testing"
)

// TestIndexerMatchesBuild edits a site step by step and checks that an
// Indexer that saw every step gives the same files as Build from scratch.
func TestIndexerMatchesBuild(t *testing.T) {
	docs := synthCorpus(400)
	x := NewIndexer()
	edit := func(i int, fn func(d *Doc)) {
		d := docs[i]
		d.Parts = slices.Clone(d.Parts)
		fn(&d)
		docs[i] = d
	}
	steps := []struct {
		name string
		fn   func()
	}{
		{"first build", func() {}},
		{"unchanged", func() {}},
		{"sentence added", func() {
			edit(7, func(d *Doc) { d.Parts[0].Text += " Another sentence about deployments." })
		}},
		{"new and gone terms", func() {
			edit(8, func(d *Doc) { d.Parts[0].Text = "Zyzzogeton quuxification. " + d.Parts[len(d.Parts)-1].Text })
		}},
		{"part rewritten", func() { edit(9, func(d *Doc) { d.Parts[0].Text = docs[10].Parts[0].Text }) }},
		{"title and facts", func() {
			edit(11, func(d *Doc) { d.Title = "Renamed page"; d.Facts = append(d.Facts, "Limit: 5 minutes") })
		}},
		{"several pages", func() {
			for i := 20; i < 30; i++ {
				edit(i, func(d *Doc) { d.Parts[0].Text += fmt.Sprint(" Page ", i, " edited.") })
			}
		}},
		{"many parts", func() {
			edit(12, func(d *Doc) {
				for p := range 80 {
					d.Parts = append(d.Parts, Part{Anchor: fmt.Sprint("x", p), Heading: "More", Text: "needle haystack"})
				}
			})
		}},
		{"page added", func() {
			docs = append(docs, Doc{URL: "/aaa/new/", Title: "A new page", Parts: []Part{{Text: "Fresh words: brandnewterm."}}})
		}},
		{"page removed", func() { docs = slices.Delete(docs, 3, 4) }},
		{"reordered", func() { slices.Reverse(docs) }},
		{"most pages changed", func() {
			for i := range docs[:300] {
				edit(i, func(d *Doc) { d.Parts[0].Text = "Short." })
			}
		}},
		{"empty", func() { docs = nil }},
		{"again", func() { docs = synthCorpus(50) }},
	}
	for _, s := range steps {
		s.fn()
		got, err := x.Build(docs)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, err := Build(docs)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if g, w := slices.Sorted(maps.Keys(got.Files)), slices.Sorted(maps.Keys(want.Files)); !slices.Equal(g, w) {
			t.Fatalf("%s: %d files, want %d", s.name, len(g), len(w))
		}
		for name, b := range want.Files {
			if !bytes.Equal(got.Files[name], b) {
				t.Errorf("%s: %s differs", s.name, name)
			}
		}
	}
	if _, err := x.Build([]Doc{{URL: "/a/"}, {URL: "/a/"}}); err == nil {
		t.Error("two pages with one URL: no error")
	}
	if _, err := x.Build(docs); err != nil {
		t.Errorf("after an error: %v", err)
	}
}
