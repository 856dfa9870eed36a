package search_test

import (
	"strings"
	"testing"

	"sitegen/generator/search"
)

func TestParseSynonyms(t *testing.T) {
	groups, err := search.ParseSynonyms("content/_synonyms.yaml", []byte("- [gizmo, widget]\n- [vm, virtual machine]\n"))
	if err != nil || len(groups) != 2 || groups[1][1] != "virtual machine" {
		t.Fatalf("got %q, %v", groups, err)
	}
	for src, want := range map[string]string{
		"gizmo: widget\n":        "content/_synonyms.yaml:1: want a list",
		"- [gizmo]\n":            "content/_synonyms.yaml:1: a synonym group is a list of two or more",
		"- [a, b]\n- [c, [d]]\n": "content/_synonyms.yaml:2: a synonym is a word or phrase",
		"- [a, b\n":              "content/_synonyms.yaml",
	} {
		if _, err := search.ParseSynonyms("content/_synonyms.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}

// TestSiteSynonyms: a site's own group lets a query find a page by a word
// it never uses, ranked just below a page that uses the word itself in the
// same field (a synonym in a title still outranks the word in a body).
func TestSiteSynonyms(t *testing.T) {
	x := search.NewIndexer()
	x.Synonyms = [][]string{{"gizmo", "widget"}}
	ix, err := x.Build([]search.Doc{
		{URL: "/widgets/", Title: "Parts", Parts: []search.Part{{Text: "All about widgets and how to fit them."}}},
		{URL: "/gizmo-shop/", Title: "The shop", Parts: []search.Part{{Text: "We sell one gizmo only."}}},
		{URL: "/other/", Title: "Other", Parts: []search.Part{{Text: "Nothing to see."}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a := newJSClient(t, ix.Files).query(t, "gizmo ", 5)
	var got []string
	for _, h := range a.Hits {
		got = append(got, stripHighlight(h.URL))
	}
	if strings.Join(got, " ") != "/gizmo-shop/ /widgets/" {
		t.Errorf("gizmo: got %q, want the page saying gizmo, then the widgets page", got)
	}
}
