package synth

import (
	"math/rand/v2"
	"strings"
)

// common are frequent English words, most frequent first; with words
// (the field's) they head the realistic vocabulary.
var common = strings.Fields(`the of and to a in is it you that he was for on are with as his they be
at one have this from or had by word but what some we can out other were all there when up use
your how said an each she which do their time if will way about many then them write would like
so these her long make thing see him two has look more day could go come did number sound no most
people my over know water than call first who may down side been now find any new work part take
get place made live where after back little only round man year came show every good me give our
under name very through just form sentence great think say help low line differ turn cause much
mean before move right boy old too same tell does set three want air well also play small end put
home read hand port large spell add even land here must big high such follow act why ask men
change went light kind off need house picture try us again animal point mother world near build
self earth father head stand own page should country found answer school grow study still learn
plant cover food sun four between state keep eye never last let thought city tree cross farm hard
start might story saw far sea draw left late run while press close night real life few north
open seem together next white children begin got walk example ease paper group always music those
both mark often letter until mile river car feet care second book carry took science eat room
friend began idea fish mountain stop once base hear horse cut sure watch color face wood main
enough plain girl usual young ready above ever red list though feel talk bird soon body dog family
direct pose leave song measure door product black short numeral class wind question happen
complete ship area half rock order fire south problem piece told knew pass since top whole king
space heard best hour better true during hundred five remember step early hold west ground
interest reach fast verb sing listen six table travel less morning ten simple several vowel
toward war lay against pattern slow center love person money serve appear road map rain rule
govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note
wait plan figure star box noun field rest correct able pound done beauty drive stood contain
front teach week final gave green oh quick develop ocean warm free minute strong special mind
behind clear tail produce fact street inch multiply nothing course stay wheel full force blue
object decide surface deep moon island foot system busy test record boat common gold possible
plane stead dry wonder laugh thousand ago ran check game shape equate hot miss brought heat snow
tire bring yes distant fill east paint language among`)

var (
	onsets = strings.Fields("b c d f g h j k l m n p r s t v w z br cl dr fl gr pl pr sk sl sp st str th tr")
	nuclei = strings.Fields("a e i o u ai ea ee io ou ia")
	codas  = append(strings.Fields("n r s t l m x nd nt st rk ng"), "", "", "")
)

// realisticWord returns a word picker for a site of n notes: Zipf's law
// over common, then words, then made-up words, more of them for a
// bigger site (Heaps' law: the vocabulary grows with the text).
func realisticWord(n int) func(*rand.Rand) string {
	vocab := append(append([]string{}, common...), words...)
	rng := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	for _, w := range vocab {
		seen[w] = true
	}
	made := 8000 + 2*n
	for len(vocab) < len(common)+len(words)+made {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(onsets[rng.IntN(len(onsets))])
			b.WriteString(nuclei[rng.IntN(len(nuclei))])
		}
		b.WriteString(codas[rng.IntN(len(codas))])
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	// Zipf's law with s close to 1, as in English text, drawn by inverting
	// the cumulative weights.
	cum := make([]float64, len(vocab))
	total := 0.0
	for i := range vocab {
		total += 1 / float64(i+1)
		cum[i] = total
	}
	return func(rng *rand.Rand) string {
		x := rng.Float64() * total
		lo, hi := 0, len(cum)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if cum[mid] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return vocab[lo]
	}
}
