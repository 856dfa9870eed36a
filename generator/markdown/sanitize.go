package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// htmlPolicy is the allow-list raw HTML in notes passes, close to what
// GitHub keeps in a README: text formatting, details/summary, tables,
// lists, images and links with safe URLs. Scripts, styles, frames, forms,
// event handlers, style and class attributes are dropped; so are the
// contents of script, style and the like. bluemonday replaces goldmark's
// own handling, which dropped all raw HTML when unsafe_html was off.
var htmlPolicy = newHTMLPolicy()

func newHTMLPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardURLs()           // http, https, mailto and relative URLs that parse
	p.RequireNoFollowOnLinks(false) // the notes are the site's own, like its Markdown links
	p.AllowElements(
		"details", "summary", "br", "wbr", "hr", "p", "div", "span",
		"sup", "sub", "kbd", "mark", "ins", "del", "s", "strike", "abbr", "b", "i", "u", "em", "strong",
		"small", "code", "pre", "samp", "var", "tt", "q", "cite", "dfn", "time", "ruby", "rt", "rp",
		"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
		"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
		"picture", "figure", "figcaption", "center",
	)
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^\d+(%|px)?$`)).OnElements("img", "source", "col", "td", "th", "table")
	// bluemonday checks the URLs of img srcset but not of source srcset.
	p.AllowAttrs("srcset").Matching(srcset).OnElements("source")
	p.AllowAttrs("media", "type", "sizes").OnElements("source")
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(ltr|rtl|auto)$`)).Globally()
	p.AllowAttrs("align").Matching(regexp.MustCompile(`(?i)^(left|right|center|justify|top|middle|bottom)$`)).
		OnElements("p", "div", "img", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "thead", "tbody", "caption")
	p.AllowAttrs("colspan", "rowspan", "span").Matching(bluemonday.Integer).OnElements("td", "th", "col", "colgroup")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^[1aAiI]$`)).OnElements("ol")
	p.AllowAttrs("reversed").Matching(regexp.MustCompile(`^(reversed)?$`)).OnElements("ol")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(open)?$`)).OnElements("details")
	p.AllowAttrs("datetime").OnElements("ins", "del", "time")
	return p
}

// srcset accepts image candidates whose URLs are http(s) or relative
// without a colon: "dark.png", "img/a.png 2x, https://x.org/b.png 640w".
var srcset = regexp.MustCompile(`^\s*` + srcsetCandidate + `(?:\s*,\s*` + srcsetCandidate + `)*\s*$`)

const srcsetCandidate = `(?:https?://[^\s,]+|[^\s:,]+)(?:\s+[\d.]+[wx])?`

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
