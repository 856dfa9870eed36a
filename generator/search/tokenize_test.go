package search

import (
	"bufio"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// termCases reads testdata/terms.txt.
func termCases(t *testing.T) [][2]string {
	f, err := os.Open("testdata/terms.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases [][2]string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		in, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("testdata/terms.txt:%d: no tab", line)
		}
		cases = append(cases, [2]string{in, want})
	}
	return cases
}

func TestTerms(t *testing.T) {
	for _, c := range termCases(t) {
		if got := strings.Join(Terms(c[0]), " "); got != c[1] {
			t.Errorf("Terms(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestTokensKeepStopWords(t *testing.T) {
	got := strings.Join(Tokens(`"Run the Lambda", he said: it's 15 min.`), " ")
	if want := "run the lambda he said its 15 min"; got != want {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

func TestCompareUTF16(t *testing.T) {
	// U+FF21 sorts after U+1F600 in UTF-16 (0xFF21 > 0xD83D), before it by code point.
	if compareUTF16("\U0001F600", "\uFF21") >= 0 {
		t.Error("astral rune should sort before U+FF21, as in JavaScript")
	}
	for _, c := range [][2]string{{"a", "b"}, {"ab", "abc"}, {"lambda", "lamda"}, {"z", "é"}} {
		if compareUTF16(c[0], c[1]) >= 0 || compareUTF16(c[1], c[0]) <= 0 {
			t.Errorf("want %q < %q", c[0], c[1])
		}
	}
}

// TestTermsFastPath checks the termizer's ASCII scanner against words on
// random text that mixes ASCII with what makes it leave its fast path.
func TestTermsFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "B", "z", "7", "'", "’", " ", ".", "\n", "é", "É", "e\u0301", "中", "ß", "Ω", "ﬁ", "\u00a0",
		"lambda", "Lambda's", "it's", "15's", "rock'n'roll", strings.Repeat("x", 17), strings.Repeat("ab'", 7)}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		var want []string
		words(fold(s), func(w []byte) {
			if t := Term(string(w)); t != "" {
				want = append(want, t)
			}
		})
		if got := Terms(s); !slices.Equal(got, want) {
			t.Fatalf("Terms(%q) = %q, want %q", s, got, want)
		}
	}
}
