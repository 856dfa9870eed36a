// Package synth generates synthetic study sites of any size for
// benchmarks: nested sections of small notes with prose, lists, tables,
// code blocks and wiki links, the same bytes for the same size.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
)

var words = strings.Fields(`container image task service cluster function runtime memory
scaling billing request invocation timeout schedule queue event bucket object
registry repository network load balancer instance spot capacity provision deploy
monitor metric alarm log trace latency throughput storage volume snapshot region
zone availability policy role permission secret parameter version alias layer`)

// Site returns a site of n pages (plus section pages) as an in-memory FS.
// Pages are spread over sections of sectionSize pages, two levels deep.
func Site(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	Write(n, func(name string, data []byte) { fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644} })
	return fsys
}

const sectionSize = 100

// Write generates the site, handing each file to put. Its text draws on a
// vocabulary of 55 words, evenly: small indexes, for timing the pipeline.
func Write(n int, put func(name string, data []byte)) {
	write(n, put, func(rng *rand.Rand) string { return words[rng.IntN(len(words))] })
}

// WriteRealistic generates the site with text that looks real to a search
// index: a vocabulary of some 25,000 words (English function and common
// words, this field's words, then made-up words of two to four
// syllables) drawn with Zipf's law, so that a few words are on every page
// and most are on few, as in real notes.
func WriteRealistic(n int, put func(name string, data []byte)) {
	write(n, put, realisticWord(n))
}

func write(n int, put func(name string, data []byte), word func(*rand.Rand) string) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	put("sitegen.toml", []byte("title = \"Synthetic notes\"\nbase_url = \"https://synthetic.example.org/\"\n[[menu]]\nname = \"Area 0\"\nurl = \"/area-0/\"\n"))
	put("content/_index.md", []byte("---\ntitle: Synthetic notes\n---\nA generated site for benchmarks.\n"))
	for i := range n {
		sec := i / sectionSize
		area := sec / 10
		dir := fmt.Sprintf("content/area-%d/topic-%d", area, sec)
		if i%sectionSize == 0 {
			if sec%10 == 0 {
				put(fmt.Sprintf("content/area-%d/_index.md", area), []byte(fmt.Sprintf("---\ntitle: Area %d\n---\nArea %d.\n", area, area)))
			}
			put(dir+"/_index.md", []byte(fmt.Sprintf("---\ntitle: Topic %d\nweight: %d\n---\nTopic %d overview.\n", sec, sec, sec)))
		}
		put(fmt.Sprintf("%s/note-%d.md", dir, i), note(rng, word, i))
	}
}

func note(rng *rand.Rand, word func(*rand.Rand) string, i int) []byte {
	sentence := func(rng *rand.Rand, n int) string { return sentenceOf(rng, word, n) }
	paragraph := func(rng *rand.Rand) string { return paragraphOf(rng, word) }
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Note %d %s\nsummary: %s\nweight: %d\ntags: [%s, %s]\n---\n", i, word(rng), sentence(rng, 12), i%50, word(rng), word(rng))
	b.WriteString(paragraph(rng))
	if i > 0 {
		fmt.Fprintf(&b, " See [[note-%d]] for the previous note.", rng.IntN(i))
	}
	b.WriteString("\n\n## Overview\n\n" + paragraph(rng) + "\n\n")
	for range 4 {
		b.WriteString("- " + sentence(rng, 8) + "\n")
	}
	b.WriteString("\n## Details\n\n" + paragraph(rng) + "\n\n| Setting | Value |\n|---|---|\n")
	for range 3 {
		fmt.Fprintf(&b, "| %s | %d |\n", word(rng), rng.IntN(1000))
	}
	if i%3 == 0 {
		fmt.Fprintf(&b, "\n```go\nfunc handle%d(ctx context.Context) error {\n\treturn nil // %s\n}\n```\n", i, sentence(rng, 4))
	}
	b.WriteString("\n### Notes\n\n" + paragraph(rng) + "\n")
	return []byte(b.String())
}

func sentenceOf(rng *rand.Rand, word func(*rand.Rand) string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = word(rng)
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func paragraphOf(rng *rand.Rand, word func(*rand.Rand) string) string {
	ss := make([]string, 3+rng.IntN(3))
	for i := range ss {
		ss[i] = sentenceOf(rng, word, 6+rng.IntN(8))
	}
	return strings.Join(ss, " ")
}

// WriteDir writes the site of n notes into dir, which may exist.
func WriteDir(dir string, n int) error { return writeDir(dir, n, Write) }

// WriteDirRealistic writes the site of n notes with WriteRealistic's text
// into dir, which may exist.
func WriteDirRealistic(dir string, n int) error { return writeDir(dir, n, WriteRealistic) }

func writeDir(dir string, n int, gen func(int, func(string, []byte))) error {
	var failed error
	gen(n, func(name string, data []byte) {
		if failed != nil {
			return
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			failed = err
			return
		}
		failed = os.WriteFile(path, data, 0o644)
	})
	return failed
}
