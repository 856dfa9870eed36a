package search

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestBuildIsDeterministic(t *testing.T) {
	docs := synthCorpus(300)
	a, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(docs)
	b, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(slices.Sorted(maps.Keys(a.Files)), slices.Sorted(maps.Keys(b.Files))) {
		t.Fatal("two builds give different file names")
	}
	for name, content := range a.Files {
		if !bytes.Equal(content, b.Files[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	for _, docs := range [][]Doc{
		{{URL: "/a/", Title: "A"}, {URL: "", Title: "No URL"}},
		{{URL: "/a/", Title: "A"}, {URL: "/a/", Title: "A again"}},
	} {
		if _, err := Build(docs); err == nil {
			t.Errorf("Build(%v) succeeded", docs)
		}
	}
	if _, err := Build(nil); err != nil {
		t.Errorf("Build(nil): %v", err)
	}
}

func urls(hits []hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.page.U)
	}
	return out
}

func TestRanking(t *testing.T) {
	ix, err := Build(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query  string
		first  string // URL of the first hit
		anchor string // its part's anchor
		before string // a URL that must rank after first
	}{
		{"fargate", "/services/fargate/", "", "/services/ecs/"},                           // title beats body
		{"lambda", "/services/lambda/", "", "/services/batch/"},                           // title beats heading
		{"cold starts", "/services/lambda/", "cold-starts", ""},                           // heading section
		{"launch types", "/services/ecs/", "launch-types", ""},                            // facts and heading
		{"fifteen minute limit", "/services/fargate/", "when-to-use", "/services/batch/"}, // all terms in one part
		{"injection", "/notes/escaping/", "", ""},
	} {
		r := newReader(t, ix)
		hits := r.search(c.query, 8)
		got := urls(hits)
		if len(got) == 0 || got[0] != c.first {
			t.Errorf("%q: got %v, want %s first", c.query, got, c.first)
			continue
		}
		if anchor := anchorOf(hits[0]); anchor != c.anchor {
			t.Errorf("%q: first hit links to #%s, want #%s", c.query, anchor, c.anchor)
		}
		if c.before != "" && !slices.Contains(got[1:], c.before) {
			t.Errorf("%q: got %v, want %s after the first", c.query, got, c.before)
		}
	}
}

func anchorOf(h hit) string {
	if h.part < 0 {
		return ""
	}
	return h.page.P[h.part][0]
}

func TestPageFile(t *testing.T) {
	doc := Doc{
		URL: "/a/", Title: "A\ntitle", Section: "S",
		Facts: []string{"one:\t1", "two"},
		Parts: []Part{{Text: "  intro\n\n text  "}, {Anchor: "h", Heading: "Head", Text: "body\r\nline\u00a0two"}},
	}
	ix, err := Build([]Doc{doc})
	if err != nil {
		t.Fatal(err)
	}
	got := newReader(t, ix).page(0)
	want := page{U: "/a/", T: "A title", S: "S", F: []string{"one: 1", "two"},
		P: [][3]string{{"", "", "intro text"}, {"h", "Head", "body line two"}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("page file:\n got %q\nwant %q", got, want)
	}
}

// TestPageShards checks that every page's record is where its number
// says, on a site of a few shards, the last one partly filled, and that
// the index has one file per shard, not per page.
func TestPageShards(t *testing.T) {
	docs := synthCorpus(2*pagesPerShard + 5)
	ix, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, ix)
	urls := make([]string, len(docs))
	for i, d := range docs {
		urls[i] = d.URL
	}
	slices.Sort(urls)
	for n, u := range urls {
		if got := r.page(n).U; got != u {
			t.Errorf("page %d: URL %s, want %s", n, got, u)
		}
	}
	shards := 0
	for name := range ix.Files {
		if strings.HasPrefix(name, r.m.Dir+"/d/") {
			shards++
		}
	}
	if shards != 3 {
		t.Errorf("%d page shards for %d pages, want 3", shards, len(docs))
	}
}

func TestManyParts(t *testing.T) {
	doc := Doc{URL: "/long/", Title: "Long"}
	for i := range 100 {
		text := "filler"
		if i == 3 || i == 63 || i == 64 || i == 99 {
			text = "needle"
		}
		doc.Parts = append(doc.Parts, Part{Anchor: fmt.Sprint("p", i), Text: text})
	}
	ix, err := Build([]Doc{doc, {URL: "/other/", Title: "needle"}})
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, ix)
	e, ok := r.lookup("needl")
	if !ok {
		t.Fatal("needle not indexed")
	}
	ps := r.postings(e.ord)
	if len(ps) != 2 || fmt.Sprint(ps[0].parts) != "[3 63 64 99]" || len(ps[1].parts) != 0 {
		t.Errorf("postings %+v", ps)
	}
}

// TestShards checks that a one-word query on a large site reads the
// manifest, one vocabulary block, one postings shard, and the records of
// the pages shown from their page shards (each shard's header, then the
// record, by byte range).
func TestShards(t *testing.T) {
	ix, err := Build(synthCorpus(1000))
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, ix)
	if len(r.m.Vocab) < 10 || len(r.m.Post) < 10 {
		t.Fatalf("%d vocabulary blocks, %d postings shards: too few to test", len(r.m.Vocab), len(r.m.Post))
	}
	hits := r.search("fargate", 8)
	kinds := map[string]int{}
	for name := range r.fetched {
		kind, _, _ := strings.Cut(strings.TrimPrefix(name, r.m.Dir+"/"), "/")
		kinds[kind]++
	}
	shards := map[int]bool{}
	for _, h := range hits[:8] {
		shards[h.doc/r.m.Shard] = true
	}
	if want := map[string]int{"manifest.bin": 1, "v": 1, "p": 1, "d": len(shards) + 8}; !maps.Equal(kinds, want) || r.records != 8 {
		t.Errorf("fetched %v and %d records, want %v and 8", kinds, r.records, want)
	}
	// Every term is in the block and shard the manifest points to.
	for k := range r.m.Vocab {
		for _, e := range r.block(k) {
			got, ok := r.lookup(e.term)
			if !ok || got != e {
				t.Fatalf("lookup(%q) = %v, %v; want %v", e.term, got, ok, e)
			}
			if n := len(r.postings(e.ord)); n != e.df {
				t.Fatalf("%q: %d postings, df %d", e.term, n, e.df)
			}
		}
	}
}
