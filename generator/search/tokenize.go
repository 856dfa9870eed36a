package search

import (
	"bytes"
	"encoding/binary"
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
	tz := termizer{dict: &dict{}}
	for _, id := range tz.appendIDs(nil, s) {
		out = append(out, tz.dict.terms[id])
	}
	return out
}

// termizer turns text into term numbers. It remembers the term of each
// word it has seen, since a page repeats most of its words and a site most
// of its pages'. Each goroutine has a termizer; they share the dict that
// numbers the terms.
type termizer struct {
	dict  *dict
	short wordTable        // folded word of up to 16 bytes → term number, -1 when not indexed
	long  map[string]int32 // longer words → term number
	keys  [][2]uint64      // the words of the text at hand; {0, i}: longs[i]
	longs []string
}

// appendIDs appends the term numbers of the words of s to dst.
func (tz *termizer) appendIDs(dst []int32, s string) []int32 {
	tz.keys, tz.longs = tz.keys[:0], tz.longs[:0]
	if rest := tz.collectASCII(s); rest != "" {
		words(fold(rest), tz.collect)
	}
	// Looking the words up in a loop of their own lets the processor wait
	// for several table slots at once.
	for _, k := range tz.keys {
		var id int32
		var ok bool
		if k[0] != 0 {
			if id, ok = tz.short.get(k[0], k[1]); !ok {
				var b [16]byte
				binary.LittleEndian.PutUint64(b[:8], k[0])
				binary.LittleEndian.PutUint64(b[8:], k[1])
				id = tz.dict.add(string(bytes.TrimRight(b[:], "\x00")))
				tz.short.put(k[0], k[1], id)
			}
		} else {
			w := tz.longs[k[1]]
			if id, ok = tz.long[w]; !ok {
				id = tz.dict.add(w)
				if tz.long == nil {
					tz.long = map[string]int32{}
				}
				tz.long[w] = id
			}
		}
		if id >= 0 {
			dst = append(dst, id)
		}
	}
	return dst
}

// collectASCII collects the words of s as words does, as long as s is
// ASCII, without copying them: most text is. It returns the rest of s
// from where it meets a byte from 0x80 on, at the start of a word, for
// words and fold to finish, which gives the same words (fold works rune
// by rune but for marks, which attach to what precedes them, and the
// rest starts with an ASCII letter or digit, or a non-ASCII rune after
// something that ends words).
func (tz *termizer) collectASCII(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			return s[i:]
		}
		if cl := asciiClass[c]; cl != classLetter && cl != classDigit {
			i++
			continue
		}
		var k0, k1 uint64
		n, j := 0, i
		for ; j < len(s); j++ {
			c := s[j]
			if c >= utf8.RuneSelf {
				return s[i:]
			}
			switch asciiClass[c] {
			case classLetter, classDigit:
				if n < 8 {
					k0 |= uint64(c|0x20) << (8 * n)
				} else if n < 16 {
					k1 |= uint64(c|0x20) << (8 * (n - 8))
				}
				n++
				continue
			case classApostrophe:
				if j+1 < len(s) && s[j+1] >= utf8.RuneSelf {
					return s[i:] // a letter may follow
				}
				if asciiClass[s[j-1]] == classLetter && j+1 < len(s) && asciiClass[s[j+1]] == classLetter {
					continue // dropped inside a word
				}
			}
			break
		}
		if n <= 16 {
			tz.keys = append(tz.keys, [2]uint64{k0, k1})
		} else {
			w := make([]byte, 0, n)
			for _, c := range []byte(s[i:j]) {
				if c != '\'' {
					w = append(w, c|0x20)
				}
			}
			tz.collect(w)
		}
		i = j
	}
	return ""
}

func (tz *termizer) collect(w []byte) {
	if len(w) <= 16 {
		k0, k1 := wordKey(w)
		tz.keys = append(tz.keys, [2]uint64{k0, k1})
	} else {
		tz.keys = append(tz.keys, [2]uint64{0, uint64(len(tz.longs))})
		tz.longs = append(tz.longs, string(w))
	}
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
