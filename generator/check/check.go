// Package check verifies a built site as a reader's browser would see it:
// every internal link and #anchor resolves to a file of the output, every
// referenced asset exists, every image has alt text, every page has a
// <title> and exactly one <h1>, no page links to http:// of its own host,
// and the tags of every page balance.
//
// It reads output files (from memory or a folder) and knows nothing of
// how they were made: it does not import the generator, and it does not
// fetch external URLs. A URL it cannot parse (a note's <http://localhost:port>)
// is taken as external too: it cannot name a file of the site.
package check

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
)

// Options describe where the site is served.
type Options struct {
	BasePath string // path of the base URL: "/" or "/notes/"
	Host     string // host of the base URL (example.org); "" when the base URL is a path
}

// Finding is one problem on one page.
type Finding struct {
	Page string // output path: services/lambda/index.html
	Line int    // line in the output file; 0 when unknown
	Msg  string
	// Value is the attribute value the finding is about (an href, a src),
	// "" for findings about the page as a whole. A caller that knows the
	// page's source can look for it there to point at the source line.
	Value string
}

func (f Finding) String() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", f.Page, f.Line, f.Msg)
	}
	return f.Page + ": " + f.Msg
}

// voidElements never have an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// scan tokenizes one page into p, a page of pagePool: ids, references,
// alt text, title and h1 counts, and tag balance.
func (p *page) scan(name string, data []byte) {
	clear(p.ids)
	p.refs, p.found = p.refs[:0], p.found[:0]
	lx := newLexer(data)
	type open struct {
		tag  string
		line int
	}
	var stack []open
	titles, h1s, svg := 0, 0, 0
	var attrs attrs // reused for every tag
	for {
		tok, ok := lx.next(&attrs)
		if !ok {
			break
		}
		tag, at := tok.name, tok.line
		if !tok.end {
			if id := attrs.get(attrID); id != "" {
				p.ids[id] = true
			}
			if tag == "a" && attrs.get(attrName) != "" {
				p.ids[attrs.get(attrName)] = true
			}
			p.refsOf(name, at, tag, &attrs, svg > 0)
			switch {
			case tag == "svg":
				svg++
			case tag == "title" && svg == 0:
				titles++
			case tag == "h1":
				h1s++
			}
			if tok.selfClosing || voidElements[tag] {
				if tag == "svg" {
					svg--
				}
				continue
			}
			stack = append(stack, open{tag, at})
			continue
		}
		if voidElements[tag] {
			continue
		}
		if len(stack) == 0 {
			p.add(name, at, "malformed HTML: </%s> without an open <%s>", tag, tag)
			continue
		}
		top := stack[len(stack)-1]
		if top.tag != tag {
			p.add(name, at, "malformed HTML: </%s> closes <%s> opened on line %d", tag, top.tag, top.line)
			// Recover: drop to the matching open tag, if any.
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].tag == tag {
					stack = stack[:i+1]
					break
				}
			}
		}
		stack = stack[:len(stack)-1]
		if tag == "svg" && svg > 0 {
			svg--
		}
	}
	for _, o := range stack {
		p.add(name, o.line, "malformed HTML: <%s> is never closed", o.tag)
	}
	if titles != 1 {
		p.add(name, 0, "has %d <title> elements; want exactly 1", titles)
	}
	if h1s != 1 {
		p.add(name, 0, "has %d <h1> elements; want exactly 1", h1s)
	}
}

// pagePool keeps the maps and slices of scans: a page's references are
// mostly the sidebar's links, the same few dozen on every page, and
// growing a fresh slice for them on each page was a tenth of a large
// build's allocation.
var pagePool = sync.Pool{New: func() any { return &page{ids: map[string]bool{}} }}

// attr is one of the attributes the check reads; others are skipped
// without allocating.
type attr uint8

const (
	attrID attr = iota
	attrName
	attrHref
	attrXlinkHref
	attrSrc
	attrSrcset
	attrAlt
	attrRel
	attrAction
	attrProperty
	attrContent
	numAttrs
)

// checkedAttr reports which checked attribute a lower-case name is. (A
// switch, not a map: the check looks up every attribute of every tag of
// every page, and hashing them was a few per cent of a large build.)
func checkedAttr(name []byte) (attr, bool) {
	switch string(name) {
	case "id":
		return attrID, true
	case "name":
		return attrName, true
	case "href":
		return attrHref, true
	case "xlink:href":
		return attrXlinkHref, true
	case "src":
		return attrSrc, true
	case "srcset":
		return attrSrcset, true
	case "alt":
		return attrAlt, true
	case "rel":
		return attrRel, true
	case "action":
		return attrAction, true
	case "property":
		return attrProperty, true
	case "content":
		return attrContent, true
	}
	return 0, false
}

// attrs are the checked attributes of one tag.
type attrs struct {
	val [numAttrs]string
	set uint16 // bit a is set when the tag has attribute a
}

func (a *attrs) put(k attr, v string) { a.val[k], a.set = v, a.set|1<<k }

// lookup returns attribute k and whether the tag has it.
func (a *attrs) lookup(k attr) (string, bool) {
	if a.set&(1<<k) == 0 {
		return "", false
	}
	return a.val[k], true
}

// get returns attribute k, "" when the tag does not have it.
func (a *attrs) get(k attr) string {
	v, _ := a.lookup(k)
	return v
}

// tagNames interns common tag names, so scanning a page does not
// allocate a string per tag.
var tagNames = func() map[string]string {
	m := map[string]string{}
	for _, t := range strings.Fields("a abbr article aside body button caption circle code dd defs details dialog div dl dt em figcaption figure footer form g h1 h2 h3 h4 head header html img input label li link main mark meta nav ol p path pre rect script section small span strong style summary svg table tbody td text th thead time title tr tspan ul use") {
		m[t] = t
	}
	return m
}()

func tagName(b []byte) string {
	if t, ok := tagNames[string(b)]; ok {
		return t
	}
	return string(b)
}

// refs records the URLs one tag points at and checks its alt text.
func (p *page) refsOf(name string, line int, tag string, attrs *attrs, inSVG bool) {
	add := func(a attr, attrName string, asset bool) {
		if v, ok := attrs.lookup(a); ok {
			p.refs = append(p.refs, ref{url: v, line: line, asset: asset, tag: tag, attr: attrName})
		}
	}
	switch tag {
	case "a", "area":
		add(attrHref, "href", false)
		if inSVG {
			add(attrXlinkHref, "xlink:href", false)
		}
	case "link":
		rel := attrs.get(attrRel)
		add(attrHref, "href", !strings.Contains(" "+rel+" ", " canonical ") && !strings.Contains(rel, "alternate"))
	case "script", "iframe", "embed", "audio", "video", "track":
		add(attrSrc, "src", true)
	case "img", "source":
		add(attrSrc, "src", true)
		for _, u := range srcset(attrs.get(attrSrcset)) {
			p.refs = append(p.refs, ref{url: u, line: line, asset: true, tag: tag, attr: "srcset"})
		}
		if _, ok := attrs.lookup(attrAlt); tag == "img" && !ok {
			src := attrs.get(attrSrc)
			p.addRef(name, ref{url: src, line: line}, "<img src=%q> has no alt attribute (use alt=\"\" for a decorative image)", src)
		}
	case "form":
		add(attrAction, "action", false)
	case "meta":
		property := attrs.get(attrProperty)
		if property == "og:url" || property == "og:image" || attrs.get(attrName) == "twitter:image" {
			add(attrContent, "content", property != "og:url")
		}
	}
}

// srcset returns the URLs of a srcset attribute ("a.png 1x, b.png 2x").
func srcset(s string) []string {
	var out []string
	for _, cand := range strings.Split(s, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// ForBaseURL makes the options of a site whose canonical base URL is
// base ("https://example.org/notes/" or "/notes/").
func ForBaseURL(base string) Options {
	u, err := url.Parse(base)
	if err != nil {
		return Options{BasePath: "/"}
	}
	opts := Options{BasePath: u.Path, Host: u.Hostname()}
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	if !strings.HasSuffix(opts.BasePath, "/") {
		opts.BasePath += "/"
	}
	return opts
}
