package markdown

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

	"sitegen/internal/htmlpolicy"
)

// htmlPolicy is the allow-list raw HTML in notes passes (package
// htmlpolicy, shared with the diagrams' labels). bluemonday replaces
// goldmark's own handling, which dropped all raw HTML when unsafe_html was off.
var htmlPolicy = htmlpolicy.Notes()

// voidElements have no end tag.
var voidElements = map[string]bool{"br": true, "wbr": true, "hr": true, "img": true, "source": true, "col": true}

// optionalEnd are elements whose end tag HTML lets authors leave out;
// they are never closed for the author, the browser does it.
var optionalEnd = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true,
	"thead": true, "tbody": true, "tfoot": true, "colgroup": true, "caption": true, "rt": true, "rp": true,
}

// inlineElements do not separate words in the search text.
var inlineElements = map[string]bool{
	"a": true, "abbr": true, "b": true, "cite": true, "code": true, "del": true, "dfn": true, "em": true,
	"i": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true, "small": true,
	"span": true, "strike": true, "strong": true, "sub": true, "sup": true, "time": true, "tt": true,
	"u": true, "var": true, "wbr": true,
}

// openTags is the stack of elements that raw HTML in one container
// (a paragraph, a list item, the document) has opened and not closed.
type openTags []string

// sanitize passes one piece of raw HTML through the policy and keeps the
// tags it leaves balanced within the container: a closing tag with no
// open element is dropped, one that closes an outer element closes the
// inner ones first. It returns the HTML and its readable text.
func (o *openTags) sanitize(raw []byte) (out []byte, txt string) {
	clean := htmlPolicy.SanitizeBytes(raw)
	var b bytes.Buffer
	var t strings.Builder
	z := html.NewTokenizer(bytes.NewReader(clean))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.Bytes(), strings.Join(strings.Fields(t.String()), " ")
		case html.TextToken:
			b.Write(z.Raw())
			t.Write(z.Text())
		case html.StartTagToken:
			name, _ := z.TagName()
			b.Write(z.Raw())
			if !voidElements[string(name)] {
				*o = append(*o, string(name))
			}
			if !inlineElements[string(name)] {
				t.WriteByte(' ')
			}
		case html.SelfClosingTagToken:
			b.Write(z.Raw())
			t.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			if o.close(&b, string(name)) && !inlineElements[string(name)] {
				t.WriteByte(' ')
			}
		}
	}
}

// close writes the end tags that close the innermost open element name
// and everything opened inside it; it reports false when none is open.
// Left-out end tags of elements that do not need one stay left out.
func (o *openTags) close(b *bytes.Buffer, name string) bool {
	s := *o
	i := len(s) - 1
	for i >= 0 && s[i] != name {
		i--
	}
	if i < 0 {
		return false
	}
	for j := len(s) - 1; j > i; j-- {
		if !optionalEnd[s[j]] {
			b.WriteString("</" + s[j] + ">")
		}
	}
	b.WriteString("</" + name + ">")
	*o = s[:i]
	return true
}

// closeAll writes the end tags of every element still open, innermost
// first, for the end of the container.
func (o *openTags) closeAll() []byte {
	var b bytes.Buffer
	for j := len(*o) - 1; j >= 0; j-- {
		if !optionalEnd[(*o)[j]] {
			b.WriteString("</" + (*o)[j] + ">")
		}
	}
	*o = nil
	return b.Bytes()
}

// rawText is the readable text of raw HTML passed through unchanged
// (unsafe_html): everything but tags, comments and script or style code.
func rawText(raw []byte) string {
	var t strings.Builder
	skip := ""
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(t.String()), " ")
		case html.TextToken:
			if skip == "" {
				t.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "template", "textarea", "title", "noscript":
				skip = string(name)
			}
			if !inlineElements[string(name)] {
				t.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == skip {
				skip = ""
			}
			if !inlineElements[string(name)] {
				t.WriteByte(' ')
			}
		}
	}
}
