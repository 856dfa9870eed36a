// Package htmlpolicy holds the one HTML allow-list that untrusted markup in
// a site passes: raw HTML in notes (generator/markdown) and the HTML that D2
// draws inside diagram labels (diagrams). It lives apart from both so that
// neither imports the other. It does not parse or walk markup itself.
package htmlpolicy

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// Notes returns a fresh copy of the allow-list, close to what GitHub keeps
// in a README: text formatting, details/summary, tables, lists, images and
// links with safe URLs. Scripts, styles, frames, forms, event handlers,
// style and class attributes are dropped; so are the contents of script,
// style and the like. Callers may widen their copy (the diagrams package
// keeps D2's class names); the copy is safe for concurrent use once built.
func Notes() *bluemonday.Policy {
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
