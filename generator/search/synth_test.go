package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// topicWords sit just below the stop words in the synthetic vocabulary, so
// that queries for them behave like queries for a site's main subjects.
var topicWords = strings.Fields(`lambda fargate serverless container cluster task
	function image registry gateway batch lightsail docker service memory timeout
	network scaling instance deploy pricing`)

// fillerWords are common English words that are not stop words.
var fillerWords = strings.Fields(`about also all after any because been before
	between both each more most much new only other over same some such them
	through under use used using very way well would could should may must`)

// synthCorpus returns n deterministic pages that look like documentation:
// a Zipf-distributed vocabulary of pseudo-words, English stop words on top,
// page lengths spread log-normally around 350 words, a few headings each.
func synthCorpus(n int) []Doc {
	r := rand.New(rand.NewPCG(42, uint64(n)))
	const vocabSize = 80000
	vocab := make([]string, 0, vocabSize)
	vocab = append(vocab, strings.Fields(stopList)...)
	vocab = append(vocab, topicWords...)
	vocab = append(vocab, fillerWords...)
	syll := strings.Fields("ka lo mi nu re sa ti vo ber con dex fin gal hor jun kel mar nor pil quo ras tev ult vin wex yor zan ent ion ing ess ate")
	seen := map[string]bool{}
	for _, w := range vocab {
		seen[w] = true
	}
	for len(vocab) < vocabSize {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	zipf := rand.NewZipf(r, 1.07, 2, vocabSize-1)
	word := func() string { return vocab[zipf.Uint64()] }
	contentWord := func() string {
		for {
			if w := word(); !stopWords[w] {
				return w
			}
		}
	}
	phrase := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = contentWord()
		}
		ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
		return strings.Join(ws, " ")
	}
	text := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; {
			sl := min(5+r.IntN(15), k-i)
			ws := make([]string, sl)
			for j := range ws {
				ws[j] = word()
			}
			ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
			b.WriteString(strings.Join(ws, " "))
			b.WriteString(". ")
			i += sl
		}
		return strings.TrimSpace(b.String())
	}
	sections := []string{"Services", "Guides", "Reference", "Compare", "Concepts", "Tutorials", "Pricing", "Security"}
	docs := make([]Doc, n)
	for i := range docs {
		words := int(math.Min(5000, math.Max(40, math.Exp(r.NormFloat64()*0.7+math.Log(350)))))
		nparts := 1 + min(words/120, r.IntN(8))
		d := Doc{
			URL:     fmt.Sprintf("/%s/page-%d/", strings.ToLower(sections[i%len(sections)]), i),
			Title:   phrase(2 + r.IntN(4)),
			Section: sections[i%len(sections)],
		}
		for range r.IntN(3) {
			d.Tags = append(d.Tags, contentWord())
		}
		for range r.IntN(6) {
			d.Facts = append(d.Facts, phrase(1+r.IntN(2))+": "+phrase(1+r.IntN(3)))
		}
		for p := range nparts {
			part := Part{Text: text(words / nparts)}
			if p > 0 {
				part.Heading = phrase(1 + r.IntN(4))
				part.Anchor = fmt.Sprintf("h-%d", p)
			}
			d.Parts = append(d.Parts, part)
		}
		docs[i] = d
	}
	return docs
}
