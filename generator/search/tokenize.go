package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The tokenizer and the stemmer have twins in themes/default/assets/search.js;
// a query only finds what the build indexed if both sides turn text into the
// same terms. testdata/terms.txt holds cases that the Go tests and the
// browser test both check.

// maxTermRunes drops longer tokens (hashes, base64, long URLs) from the index.
const maxTermRunes = 40

// foldSpecial spells out letters that NFKD does not decompose.
// Final sigma becomes σ because Go lower-cases Σ to σ everywhere, while
// JavaScript picks ς at the end of a word.
var foldSpecial = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ł", "l", "þ", "th", "ð", "d", "ς", "σ")

// fold lower-cases non-ASCII text, decomposes it (NFKD: accents, ligatures, full-width
// forms), drops the combining marks and recomposes what is left (NFC, for
// Hangul), so that words sees "Café" and "CAFE" both as "cafe".
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s // words lower-cases ASCII itself, without a copy
	}
	d := norm.NFKD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.M, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(foldSpecial.Replace(b.String()))
}

// isCJK reports whether r is written without spaces between words; such
// characters become one token each.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// asciiClass sorts ASCII bytes for words.
var asciiClass = func() (c [utf8.RuneSelf]byte) {
	for b := '0'; b <= '9'; b++ {
		c[b] = classDigit
	}
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = classLetter, classLetter
	}
	c['\''] = classApostrophe
	return c
}()

const (
	classOther = iota
	classLetter
	classDigit
	classApostrophe
)

// words calls fn for each word of the text s, folded but for ASCII
// letters, which it lower-cases: a run of letters and digits, with
// apostrophes between letters dropped ("lambda's" is "lambdas"), or a
// single CJK character. The word passed to fn is only valid during the call.
func words(s string, fn func(w []byte)) {
	var buf [64]byte
	cur := buf[:0]
	prevLetter := false
	apostrophe := func(next string) {
		r, _ := utf8.DecodeRuneInString(next)
		if !prevLetter || !unicode.IsLetter(r) || isCJK(r) {
			if len(cur) > 0 {
				fn(cur)
				cur = cur[:0]
			}
			prevLetter = false
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case classLetter:
				cur = append(cur, c|0x20)
				prevLetter = true
			case classDigit:
				cur = append(cur, c)
				prevLetter = false
			case classApostrophe:
				apostrophe(s[i+1:])
			default:
				if len(cur) > 0 {
					fn(cur)
					cur = cur[:0]
				}
				prevLetter = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isCJK(r):
			if len(cur) > 0 {
				fn(cur)
				cur = cur[:0]
			}
			fn(append(cur, s[i:i+n]...))
			prevLetter = false
		case isWordRune(r):
			cur = append(cur, s[i:i+n]...)
			prevLetter = unicode.IsLetter(r)
		case r == '’':
			apostrophe(s[i+n:])
		default:
			if len(cur) > 0 {
				fn(cur)
				cur = cur[:0]
			}
			prevLetter = false
		}
		i += n
	}
	if len(cur) > 0 {
		fn(cur)
	}
}

// Tokens returns the folded words of s, stop words included: the form
// that exact-phrase queries compare.
func Tokens(s string) []string {
	var out []string
	words(fold(s), func(w []byte) { out = append(out, string(w)) })
	return out
}

// Term returns the index term for a folded word, or "" when the word is not
// indexed (stop words, single letters or digits, very long tokens).
func Term(w string) string {
	n := utf8.RuneCountInString(w)
	if n > maxTermRunes || stopWords[w] {
		return ""
	}
	if n == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		if !isCJK(r) {
			return ""
		}
		return w
	}
	return Stem(w)
}

// Terms returns the index terms of s in order, duplicates kept.
func Terms(s string) []string {
	var out []string
	var tz termizer
	tz.each(s, func(id int32) { out = append(out, tz.terms[id]) })
	return out
}

// termizer turns text into term numbers. It remembers the term of each
// word it has seen, since a page repeats most of its words and a site most
// of its pages'. The numbers are its own: each goroutine has a termizer.
type termizer struct {
	short wordTable        // folded word of up to 16 bytes → term number, -1 when not indexed
	long  map[string]int32 // longer words → term number
	ids   map[string]int32 // term → term number
	terms []string         // term number → term
}

func (tz *termizer) each(s string, fn func(id int32)) {
	words(fold(s), func(w []byte) {
		var id int32
		if len(w) <= 16 {
			k0, k1 := wordKey(w)
			var ok bool
			if id, ok = tz.short.get(k0, k1); !ok {
				id = tz.add(string(w))
				tz.short.put(k0, k1, id)
			}
		} else {
			var ok bool
			if id, ok = tz.long[string(w)]; !ok {
				id = tz.add(string(w))
				if tz.long == nil {
					tz.long = map[string]int32{}
				}
				tz.long[string(w)] = id
			}
		}
		if id >= 0 {
			fn(id)
		}
	})
}

// add returns the term number for a word not seen before.
func (tz *termizer) add(w string) int32 {
	t := Term(w)
	if t == "" {
		return -1
	}
	id, ok := tz.ids[t]
	if !ok {
		if tz.ids == nil {
			tz.ids = make(map[string]int32, 1<<12)
		}
		id = int32(len(tz.terms))
		tz.ids[t] = id
		tz.terms = append(tz.terms, t)
	}
	return id
}

// stopWords are too common in English to be worth their postings; phrase
// queries still match them, against the stored text.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopList) {
		m[w] = true
	}
	return m
}()

// stopList is the same list as STOP in search.js.
const stopList = "a an and are as at be but by can do for from has have how if in into is it its " +
	"not of on or so than that the their then there these they this to was we were what when " +
	"which will with you your"
