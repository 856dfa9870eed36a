package search

import (
	"bufio"
	"os"
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
