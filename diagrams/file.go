package diagrams

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FileFolder is the output folder of the standalone SVG files, under the
// site's base path.
const FileFolder = "diagrams/"

// fileRef is what a standalone SVG file is made from: one theme's
// rendering of a cached diagram, with the caller's title and description.
// The bytes are made the first time a build asks for them.
type fileRef struct {
	key         string
	dark        bool
	title, desc string
	data        []byte
}

// fileName names the standalone file of one theme's rendering: a hash of
// everything its bytes are made from, so an unchanged diagram keeps its
// URL and a changed one gets a new URL (the file may be cached forever),
// and the same diagram on two pages is one file.
func fileName(key string, dark bool, title, desc string) string {
	theme := "light"
	if dark {
		theme = "dark"
	}
	return digest("sitegen-diagram-file", key, theme, title, desc)[:20] + ".svg"
}

// fileLink matches the output path of a standalone file in a page's HTML.
var fileLink = regexp.MustCompile(regexp.QuoteMeta(FileFolder) + `([0-9a-f]{20}\.svg)"`)

// Files returns the standalone SVG files that the figures in a page's HTML
// link to, by output path ("diagrams/<hash>.svg"). Only figures this
// Renderer made are known; a path it did not make is left out, so a
// note that writes such a link by hand gets a broken link, not a file.
func (r *Renderer) Files(page []byte) map[string][]byte {
	var out map[string][]byte
	for _, m := range fileLink.FindAllSubmatch(page, -1) {
		name := string(m[1])
		if _, done := out[FileFolder+name]; done {
			continue
		}
		if data, ok := r.file(name); ok {
			if out == nil {
				out = map[string][]byte{}
			}
			out[FileFolder+name] = data
		}
	}
	return out
}

// file returns the bytes of one standalone file, made once.
func (r *Renderer) file(name string) ([]byte, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, ok := r.files[name]
	if !ok {
		return nil, false
	}
	if ref.data == nil {
		res, ok := r.cache.memory(ref.key)
		if !ok {
			return nil, false
		}
		ref.data = standalone(res, ref.dark, ref.title, ref.desc)
	}
	return ref.data, true
}

// standalone makes a complete SVG document of one theme's rendering. A
// browser opening an SVG file runs its scripts with the site's origin, so
// the file is always made from the sanitized SVG, even on a site with
// unsafe_html (sanitizing is idempotent: sanitized SVG passes unchanged).
// The dark rendering borrows the light one's fonts on the page; the file
// carries them itself. An SVG file is parsed as XML, so it is written as
// XML from the parsed tree: every element closed, HTML label markup in
// the XHTML namespace, no HTML entities.
func standalone(res rendering, dark bool, title, desc string) []byte {
	svg := sanitizeSVG(res.Light)
	if dark {
		fonts := strings.Join(fontFace.FindAllString(svg, -1), "")
		svg = sanitizeSVG(res.Dark)
		if fonts != "" {
			svg = afterRoot(svg, `<style type="text/css">`+fonts+`</style>`)
		}
	}
	svg = afterRoot(svg, `<title>`+html.EscapeString(title)+`</title><desc>`+html.EscapeString(desc)+`</desc>`)
	context := &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, _ := xhtml.ParseFragment(strings.NewReader(svg), context) // a string reader never fails
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	for _, n := range nodes {
		if n.Type == xhtml.ElementNode && n.Namespace == "svg" && n.Data == "svg" {
			writeXML(&b, n, true)
			break
		}
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// afterRoot inserts markup as the first children of the outer <svg>.
func afterRoot(svg, markup string) string {
	end := strings.IndexByte(svg, '>')
	if !strings.HasPrefix(svg, "<svg") || end < 0 {
		return svg
	}
	if svg[end-1] == '/' { // an empty diagram: <svg …/>
		return svg[:end-1] + ">" + markup + "</svg>" + svg[end+1:]
	}
	return svg[:end+1] + markup + svg[end+1:]
}

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
)

// writeXML writes an element of the parsed SVG as XML. The root declares
// the SVG and XLink namespaces; an HTML element whose parent is not HTML
// (a label inside <foreignObject>) declares the XHTML one.
func writeXML(b *bytes.Buffer, n *xhtml.Node, root bool) {
	b.WriteByte('<')
	b.WriteString(n.Data)
	switch {
	case root:
		b.WriteString(` xmlns="` + svgNS + `" xmlns:xlink="` + xlinkNS + `"`)
	case n.Namespace == "" && n.Parent != nil && n.Parent.Namespace != "":
		b.WriteString(` xmlns="` + xhtmlNS + `"`)
	}
	for _, a := range n.Attr {
		name := a.Key
		if a.Namespace != "" {
			name = a.Namespace + ":" + a.Key
		}
		if name == "xmlns" || strings.HasPrefix(name, "xmlns:") || !xmlName.MatchString(name) {
			continue // declared above, or not a name XML allows
		}
		b.WriteString(" " + name + `="`)
		xmlEscape(b, a.Val)
		b.WriteByte('"')
	}
	if n.FirstChild == nil {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			xmlEscape(b, c.Data)
		case xhtml.ElementNode:
			writeXML(b, c, false)
		}
	}
	b.WriteString("</" + n.Data + ">")
}

var xmlName = regexp.MustCompile(`^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$`)

// xmlEscape writes s as XML text or a double-quoted attribute value,
// dropping the control characters XML 1.0 does not allow.
func xmlEscape(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
		default:
			b.WriteRune(r)
		}
	}
}
