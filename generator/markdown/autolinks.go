package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// AutoLinkTarget is a page whose names are linked on their first mention
// in another note's prose.
type AutoLinkTarget struct {
	URL   string   // site path
	Names []string // title and other names, matched case-insensitively as whole words
}

// autoLinker finds target names in text by word: names are indexed by
// their first word, so the cost is per word of text, not per target.
type autoLinker struct {
	byFirstWord map[string][]autoName
}

type autoName struct {
	words []string // lower-cased
	url   string
}

func newAutoLinker(targets []AutoLinkTarget) *autoLinker {
	a := &autoLinker{byFirstWord: map[string][]autoName{}}
	for _, t := range targets {
		for _, name := range t.Names {
			words := strings.Fields(strings.ToLower(name))
			if len(words) == 0 || len(name) < 3 {
				continue
			}
			a.byFirstWord[words[0]] = append(a.byFirstWord[words[0]], autoName{words: words, url: t.URL})
		}
	}
	// Longer names first, so "AWS Lambda" wins over a name "AWS".
	for k, names := range a.byFirstWord {
		for i := 1; i < len(names); i++ {
			for j := i; j > 0 && len(names[j].words) > len(names[j-1].words); j-- {
				names[j], names[j-1] = names[j-1], names[j]
			}
		}
		a.byFirstWord[k] = names
	}
	return a
}

// autoLinkTransformer links the first mention of each target in prose:
// never inside headings, links, code, images or the page's own title.
type autoLinkTransformer struct{ c *Converter }

func (t *autoLinkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if t.c.autoLinks == nil || !st.page.AutoLink {
		return
	}
	src := reader.Source()
	done := map[string]bool{st.page.URL: true}
	for _, l := range st.links {
		done[l.URL] = true // already linked by hand
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading, ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindCodeSpan,
			ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML,
			KindWikiLink, KindBlock, KindMath, KindMathBlock, east.KindFootnoteLink, KindBrokenLink, KindTag, KindEmbed:
			return ast.WalkSkipChildren, nil
		}
		if txt, ok := n.(*ast.Text); ok {
			texts = append(texts, txt)
		}
		return ast.WalkContinue, nil
	})
	for _, txt := range texts {
		t.linkFirst(st, txt, src, done)
	}
}

// linkFirst links, in one text node, the first mention of a target not
// yet linked on the page; the rest of the node is left for later names.
func (t *autoLinkTransformer) linkFirst(st *state, txt *ast.Text, src []byte, done map[string]bool) {
	seg := txt.Segment
	value := string(seg.Value(src))
	for start := 0; start < len(value); {
		wStart, wEnd := nextWord(value, start)
		if wStart < 0 {
			return
		}
		start = wEnd
		for _, name := range t.c.autoLinks.byFirstWord[strings.ToLower(value[wStart:wEnd])] {
			if done[name.url] {
				continue
			}
			end, ok := matchWords(value, wStart, name.words)
			if !ok {
				continue
			}
			done[name.url] = true
			t.split(st, txt, seg.Start+wStart, seg.Start+end, name.url)
			return
		}
	}
}

// split turns the text node into text, a link over [from, to), text.
func (t *autoLinkTransformer) split(st *state, txt *ast.Text, from, to int, url string) {
	parent := txt.Parent()
	seg := txt.Segment
	link := ast.NewLink()
	link.Destination = []byte(t.c.href(url))
	link.SetAttributeString("class", []byte("autolink"))
	link.AppendChild(link, ast.NewTextSegment(text.NewSegment(from, to)))
	after := ast.NewTextSegment(text.NewSegment(to, seg.Stop))
	after.SetSoftLineBreak(txt.SoftLineBreak())
	after.SetHardLineBreak(txt.HardLineBreak())
	txt.Segment = text.NewSegment(seg.Start, from)
	txt.SetSoftLineBreak(false)
	txt.SetHardLineBreak(false)
	parent.InsertAfter(parent, txt, link)
	parent.InsertAfter(parent, link, after)
	st.links = append(st.links, Link{URL: url, Line: st.line(from)})
}

// nextWord finds the next run of letters and digits at or after i.
func nextWord(s string, i int) (int, int) {
	start := -1
	for j, r := range s[i:] {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if start < 0 && word {
			start = i + j
		} else if start >= 0 && !word {
			return start, i + j
		}
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

// matchWords reports whether words follow in s from i (separated by
// spaces or hyphens) and end at a word boundary; it returns the end.
func matchWords(s string, i int, words []string) (int, bool) {
	for k, w := range words {
		if k > 0 {
			if i >= len(s) || (s[i] != ' ' && s[i] != '-') {
				return 0, false
			}
			i++
		}
		if len(s)-i < len(w) || !strings.EqualFold(s[i:i+len(w)], w) {
			return 0, false
		}
		i += len(w)
	}
	if r, _ := utf8.DecodeRuneInString(s[i:]); i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return 0, false
	}
	return i, true
}
