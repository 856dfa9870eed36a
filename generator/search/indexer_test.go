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
		sameFiles(t, s.name, got, want)
	}
	if _, err := x.Build([]Doc{{URL: "/a/"}, {URL: "/a/"}}); err == nil {
		t.Error("two pages with one URL: no error")
	}
	if _, err := x.Build(docs); err != nil {
		t.Errorf("after an error: %v", err)
	}
}

// TestReleaseText checks that an Indexer told to let go of the pages'
// text builds the same files, takes the text out of the docs it was
// given, and still builds right afterwards.
func TestReleaseText(t *testing.T) {
	want, err := Build(synthCorpus(300))
	if err != nil {
		t.Fatal(err)
	}
	x := NewIndexer()
	x.ReleaseText = true
	docs := synthCorpus(300)
	got, err := x.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "released", got, want)
	for _, d := range docs {
		if d.Parts != nil {
			t.Fatalf("%s: Parts kept after Build", d.URL)
		}
	}
	// The next build cannot compare text it no longer has: it analyses
	// every page again and must still match a fresh index.
	x.ReleaseText = false
	again := synthCorpus(300)
	again[5].Parts[0].Text += " Something new."
	got, err = x.Build(again)
	if err != nil {
		t.Fatal(err)
	}
	want, err = Build(again)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "next build", got, want)
}

func sameFiles(t *testing.T, name string, got, want *Index) {
	t.Helper()
	if g, w := slices.Sorted(maps.Keys(got.Files)), slices.Sorted(maps.Keys(want.Files)); !slices.Equal(g, w) {
		t.Fatalf("%s: %d files, want %d", name, len(g), len(w))
	}
	for file, b := range want.Files {
		if !bytes.Equal(got.Files[file], b) {
			t.Errorf("%s: %s differs", name, file)
		}
	}
}
