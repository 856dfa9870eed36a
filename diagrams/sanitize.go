package diagrams

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sitegen/internal/htmlpolicy"
)

// D2 draws what the notes say: Markdown labels become HTML inside a
// <foreignObject> (D2's Markdown lets raw HTML through), link: becomes an
// <a href>, icon: an <image href>, tooltip: a <title>. So its SVG is as
// untrusted as the notes, and sanitizeSVG lets through only what D2 itself
// emits. The SVG is parsed with the HTML5 parser, as a browser parses SVG
// inlined in a page (foreign content, breakout tags, CDATA), and written
// back from the parsed tree; nothing is matched as text.
//
// Kept: the SVG elements and attributes below; ids and classes; CSS in
// <style> and style="" that loads nothing but data: fonts and images and
// local #references; links to http, https, mailto, relative and #
// targets; images from data:image/ or site-relative URLs; <use> of local
// #references. The HTML of a <foreignObject> passes the notes' own
// allow-list (package htmlpolicy) widened by D2's class names and the
// label's colours and font size. Everything else (script, animation
// elements that could rewrite a link, event handlers, javascript: and
// other URLs, HTML outside a foreignObject) is dropped with its content.

// svgElements are the SVG elements kept, by the name the HTML parser gives
// them (with SVG's camelCase restored).
var svgElements = setOf(
	"svg", "g", "defs", "symbol", "use", "a", "title", "desc", "style",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
	"image", "foreignObject", "marker", "clipPath", "mask", "pattern",
	"linearGradient", "radialGradient", "stop",
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood",
	"feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "feDropShadow",
	"feFuncA", "feFuncR", "feFuncG", "feFuncB",
)

// svgAttrs are the attributes kept on any kept SVG element, with their
// values as they are. Attributes that hold URLs are checked separately.
var svgAttrs = setOf(
	"class", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
	"width", "height", "d", "points", "transform", "viewBox", "preserveAspectRatio", "pathLength",
	"dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
	"opacity", "fill-opacity", "fill-rule", "stroke-width", "stroke-opacity", "stroke-dasharray",
	"stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "clip-rule",
	"font-family", "font-size", "font-weight", "font-style", "text-anchor", "text-decoration",
	"dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
	"visibility", "display", "color", "shape-rendering", "vector-effect", "paint-order",
	"flood-color", "flood-opacity", "stop-color", "stop-opacity", "offset", "spreadMethod",
	"markerWidth", "markerHeight", "refX", "refY", "orient", "markerUnits",
	"maskUnits", "maskContentUnits", "clipPathUnits", "patternUnits", "patternContentUnits",
	"patternTransform", "gradientUnits", "gradientTransform", "filterUnits", "primitiveUnits",
	"in", "in2", "result", "mode", "operator", "stdDeviation", "k1", "k2", "k3", "k4",
	"values", "type", "tableValues", "slope", "intercept", "amplitude", "exponent", "radius",
	"requiredFeatures", "version", "role", "focusable", "aria-hidden", "aria-label",
)

// paintAttrs may reference a gradient, pattern, marker, mask, clip path or
// filter, but only one in the same document: url(#id).
var paintAttrs = setOf("fill", "stroke", "clip-path", "mask", "filter", "marker-start", "marker-mid", "marker-end")

// A fixed namespace declaration is kept as D2 writes it.
var namespaces = map[string]string{
	"xmlns":       "http://www.w3.org/2000/svg",
	"xmlns:xlink": "http://www.w3.org/1999/xlink",
	"xml:space":   "", // any value of preserve/default, checked below
}

var idValue = regexp.MustCompile(`^[A-Za-z_][\w.:-]*$`)

// labelPolicy is the notes' HTML allow-list plus what D2 puts on a
// Markdown label's wrapper and content: class names its style sheet
// targets, the XHTML namespace, and colours and font size from the label's
// D2 style.
var labelPolicy = func() *bluemonday.Policy {
	p := htmlpolicy.Notes()
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^[\w -]*$`)).Globally()
	p.AllowAttrs("xmlns").Matching(regexp.MustCompile(`^http://www\.w3\.org/1999/xhtml$`)).OnElements("div")
	p.AllowStyles("font-size", "color", "background-color").OnElements("div")
	return p
}()

// sanitized returns the rendering with both SVGs sanitized.
func (res rendering) sanitized() rendering {
	res.Light, res.Dark = sanitizeSVG(res.Light), sanitizeSVG(res.Dark)
	return res
}

// sanitizeSVG returns the SVG with everything but the allow-list removed.
func sanitizeSVG(svg string) string {
	context := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(svg), context)
	if err != nil { // only a failing reader errors; a string reader never fails
		return ""
	}
	var b bytes.Buffer
	b.Grow(len(svg))
	for _, n := range nodes {
		if n.Type == html.ElementNode && n.Namespace == "svg" && n.Data == "svg" {
			writeSVG(&b, n)
		}
	}
	return b.String()
}

// writeSVG writes an SVG element and its children, or nothing when the
// element is not on the allow-list.
func writeSVG(b *bytes.Buffer, n *html.Node) {
	if !svgElements[n.Data] {
		return
	}
	var css string
	if n.Data == "style" {
		css = textOf(n)
		if !safeStyleSheet(css) {
			return
		}
	}
	b.WriteByte('<')
	b.WriteString(n.Data)
	for _, a := range n.Attr {
		if name, ok := keptAttr(n.Data, a); ok {
			b.WriteByte(' ')
			b.WriteString(name)
			b.WriteString(`="`)
			escape(b, a.Val, inAttr)
			b.WriteByte('"')
		}
	}
	b.WriteByte('>')
	start := b.Len()
	switch n.Data {
	case "style":
		escape(b, css, inStyle)
	case "foreignObject":
		var inner bytes.Buffer
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode || c.Type == html.TextNode {
				_ = html.Render(&inner, c) // writes to a buffer, which never fails
			}
		}
		b.Write(labelPolicy.SanitizeBytes(inner.Bytes()))
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				escape(b, c.Data, inText)
			case c.Type == html.ElementNode && c.Namespace == "svg":
				writeSVG(b, c)
			}
			// HTML elements here broke out of the SVG in the parser, as
			// they would in the browser, or sit in an SVG element that is
			// not an integration point: dropped.
		}
	}
	if b.Len() == start {
		// Self-closing, as D2 writes empty elements: sanitizing twice
		// gives the same bytes.
		b.Truncate(start - 1)
		b.WriteString("/>")
		return
	}
	b.WriteString("</")
	b.WriteString(n.Data)
	b.WriteByte('>')
}

// keptAttr reports whether attribute a of SVG element el is kept, and the
// name to write it under.
func keptAttr(el string, a html.Attribute) (string, bool) {
	name := a.Key
	if a.Namespace != "" {
		name = a.Namespace + ":" + a.Key
	}
	switch {
	case svgAttrs[name]:
		return name, true
	case name == "xmlns" || name == "xmlns:xlink":
		return name, a.Val == namespaces[name]
	case name == "xml:space":
		return name, a.Val == "preserve" || a.Val == "default"
	case name == "id":
		return name, idValue.MatchString(a.Val)
	case name == "style":
		return name, safeDeclarations(a.Val)
	case name == "aria-labelledby" || name == "aria-describedby":
		return name, idList(a.Val)
	case paintAttrs[name]:
		return name, safePaint(a.Val)
	case name == "href" || name == "xlink:href":
		switch el {
		case "a":
			return name, linkURL(a.Val)
		case "image":
			return name, imageURL(a.Val)
		case "use", "textPath", "pattern", "linearGradient", "radialGradient", "filter":
			return name, strings.HasPrefix(a.Val, "#")
		}
	}
	return "", false
}

func idList(v string) bool {
	for _, id := range strings.Fields(v) {
		if !idValue.MatchString(id) {
			return false
		}
	}
	return true
}

// textOf joins the text children of a <style>.
func textOf(n *html.Node) string {
	var s strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			s.WriteString(c.Data)
		}
	}
	return s.String()
}

// How escape writes a string.
const (
	inText  = iota // element text: & < >
	inStyle        // style sheet: & < only, so D2's CSS (a>b) stays as it was
	inAttr         // double-quoted attribute value: & < "
)

// escape writes s for where it goes. Inline SVG text is parsed with
// character references, so these are all the characters that matter.
func escape(b *bytes.Buffer, s string, where int) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch c := s[i]; {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>' && where == inText:
			rep = "&gt;"
		case c == '"' && where == inAttr:
			rep = "&#34;"
		case c == 0:
			rep = "\uFFFD"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
