package markdown

import (
	"bytes"
	"html"
	"sync"
	"unicode"
	"unicode/utf8"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// collectText fills the headings, table of contents and search parts of a
// result from the parsed document.
func collectText(doc ast.Node, src []byte, res *Result) {
	part := Part{}
	// One buffer for every part, each text copied out at its exact
	// length: the parts are kept until the search index is built.
	var body bytes.Buffer
	flush := func() {
		part.Text = string(bytes.TrimSpace(body.Bytes()))
		if part.Text != "" || part.Heading != "" {
			res.Parts = append(res.Parts, part)
		}
		body.Reset()
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok {
			flush()
			id, _ := h.AttributeString("id")
			idStr, _ := id.([]byte)
			heading := Heading{Level: h.Level, ID: string(idStr), Text: plainText(h, src)}
			res.Headings = append(res.Headings, heading)
			if h.Level == 2 || h.Level == 3 {
				res.TOC = append(res.TOC, heading)
			}
			part = Part{Anchor: heading.ID, Heading: heading.Text}
			continue
		}
		writeText(&body, c, src)
	}
	flush()
}

// writeText appends the readable text of a block, one space between
// words and blocks; code blocks, diagrams and comments are left out of
// search text, and raw HTML gives its text, which readers see.
func writeText(b *bytes.Buffer, n ast.Node, src []byte) {
	switch n.Kind() {
	case ast.KindFencedCodeBlock, ast.KindCodeBlock, KindBlock, KindCommentBlock:
		return
	case KindSafeHTML, ast.KindHTMLBlock:
		var t string
		if h, ok := n.(*SafeHTML); ok {
			t = h.SearchText
		} else {
			t = rawText(htmlBlockSource(n.(*ast.HTMLBlock), src))
		}
		if t != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
		return
	}
	if n.Type() == ast.TypeBlock && n.FirstChild() == nil {
		return
	}
	if n.Type() == ast.TypeBlock && n.FirstChild().Type() == ast.TypeInline {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		appendPlainText(b, n, src)
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeText(b, c, src)
	}
}

// plainText is the text of an inline container: what a reader sees.
func plainText(n ast.Node, src []byte) string {
	out := textBufs.Get().(*bytes.Buffer)
	defer textBufs.Put(out)
	out.Reset()
	appendPlainText(out, n, src)
	return out.String()
}

// appendPlainText appends the text of an inline container to out, one
// space between words and none at either end. It is plainText without
// the string, for the search text, which takes a paragraph at a time.
func appendPlainText(out *bytes.Buffer, n ast.Node, src []byte) {
	b := textBufs.Get().(*bytes.Buffer)
	defer textBufs.Put(b)
	b.Reset()
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.WriteString(html.UnescapeString(string(c.Value)))
			case *ast.CodeSpan:
				walk(c)
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *WikiLink:
				if c.Label != "" {
					b.WriteString(c.Label)
				} else if c.Title != "" {
					b.WriteString(c.Title)
				} else {
					b.WriteString(c.Target)
				}
			case *Tag:
				b.WriteByte('#')
				b.WriteString(c.Name)
			case *emojiast.Emoji:
				b.WriteString(string(c.Value.Unicode))
			case *east.FootnoteLink, *Comment:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	// One space between words also joins the words around a removed
	// %%comment%% with one space.
	out.Write(appendWords(out.AvailableBuffer(), b.Bytes()))
}

// appendWords appends the words of s to dst, one space between them, as
// strings.Join(strings.Fields(s), " ") would without a slice of them.
func appendWords(dst, s []byte) []byte {
	start, inWord := len(dst), false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		if unicode.IsSpace(r) {
			inWord = false
		} else {
			if !inWord && len(dst) > start {
				dst = append(dst, ' ')
			}
			inWord = true
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

// textBufs are scratch buffers for the text of headings and paragraphs.
var textBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}
