package generator

// Helpers for notes_test.go: find a built page by URL the way a reader's
// browser would, and read its links, ids and text with a real HTML parser.

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// notesSite is a built fixture with its output indexed by URL.
type notesSite struct {
	t     testing.TB
	name  string
	res   *Result
	byURL map[string]string // normalized URL → output file name
	pages []string          // output names of the HTML pages, sorted
}

func newNotesSite(t testing.TB, name string, res *Result) *notesSite {
	s := &notesSite{t: t, name: name, res: res, byURL: map[string]string{}}
	for file := range res.Files {
		u := "/" + file
		s.byURL[normURL(u)] = file
		if strings.HasSuffix(file, "index.html") {
			u = strings.TrimSuffix(u, "index.html")
			if !bytes.Contains(res.Files[file], []byte(`<meta http-equiv="refresh"`)) { // an alias's redirect page
				s.pages = append(s.pages, file)
			}
		}
		s.byURL[normURL(u)] = file
	}
	sort.Strings(s.pages)
	return s
}

// normURL makes URLs comparable however the build chose to spell them:
// percent-escapes decoded, lower case, spaces as hyphens (the issue leaves
// the case and the spelling of a space to the implementation; it fixes
// that c++, x_y and x-y stay distinct, which this keeps).
func normURL(u string) string {
	if i := strings.IndexAny(u, "#?"); i >= 0 {
		u = u[:i]
	}
	if d, err := url.PathUnescape(u); err == nil {
		u = d
	}
	return strings.ReplaceAll(strings.ToLower(u), " ", "-")
}

// file returns the output file at a site URL.
func (s *notesSite) file(u string) (string, bool) {
	f, ok := s.byURL[normURL(u)]
	return f, ok
}

// doc parses the page at a site URL, failing the test when there is none.
func (s *notesSite) doc(u string) *html.Node {
	s.t.Helper()
	f, ok := s.file(u)
	if !ok || !strings.HasSuffix(f, ".html") {
		s.t.Fatalf("%s: no page at %s", s.name, u)
	}
	n, err := html.Parse(bytes.NewReader(s.res.Files[f]))
	if err != nil {
		s.t.Fatal(err)
	}
	return n
}

// prose is the note's own rendered body: the theme's prose block, else
// <main>.
func (s *notesSite) prose(u string) *html.Node {
	s.t.Helper()
	d := s.doc(u)
	if n := findNode(d, func(n *html.Node) bool { return hasClass(n, "prose") }); n != nil {
		return n
	}
	if n := findNode(d, func(n *html.Node) bool { return n.Data == "main" }); n != nil {
		return n
	}
	s.t.Fatalf("%s: %s has neither .prose nor <main>", s.name, u)
	return nil
}

// proseHTML is the prose block serialized.
func (s *notesSite) proseHTML(u string) string {
	s.t.Helper()
	return innerHTML(s.prose(u))
}

// goldenHTML is the prose block serialized, or for a page without one
// (a listing) its <main> without the file dates, which depend on the
// checkout.
func (s *notesSite) goldenHTML(u string) string {
	s.t.Helper()
	n := s.prose(u)
	var drop []*html.Node
	walk(n, func(c *html.Node) {
		if c.Data == "time" || hasClass(c, "modified") {
			drop = append(drop, c)
		}
	})
	for _, c := range drop {
		if c.Parent != nil {
			c.Parent.RemoveChild(c)
		}
	}
	return innerHTML(n)
}

// resolve turns a link on the page at base into a site URL and fragment;
// ok is false for external links.
func resolve(base, href string) (path, frag string, ok bool) {
	b, _ := url.Parse("http://site.test" + base)
	r, err := url.Parse(href)
	if err != nil {
		return "", "", false
	}
	abs := b.ResolveReference(r)
	if abs.Host != "site.test" {
		return "", "", false
	}
	return abs.EscapedPath(), abs.Fragment, true
}

// link is an <a> (or any element with a URL attribute) on a page.
type link struct {
	text, href string
	node       *html.Node
}

// links lists the elements under n with the attribute attr.
func links(n *html.Node, tag, attr string) []link {
	var out []link
	walk(n, func(n *html.Node) {
		if n.Type == html.ElementNode && (tag == "" || n.Data == tag) {
			if v, ok := attrOf(n, attr); ok {
				out = append(out, link{text: strings.TrimSpace(textOf(n)), href: v, node: n})
			}
		}
	})
	return out
}

// hasLink reports whether the prose of page from links to target (a site
// URL, optionally with #fragment; "#*" accepts any fragment).
func (s *notesSite) hasLink(from, target string) bool {
	return hasLinkIn(s.prose(from), from, target)
}

// mainHasLink is hasLink over the whole <main>: listings and breadcrumbs
// sit outside the prose.
func (s *notesSite) mainHasLink(from, target string) bool {
	return hasLinkIn(findNode(s.doc(from), func(n *html.Node) bool { return n.Data == "main" }), from, target)
}

func hasLinkIn(n *html.Node, from, target string) bool {
	if n == nil {
		return false
	}
	wantPath, wantFrag, _ := strings.Cut(target, "#")
	for _, l := range links(n, "a", "href") {
		p, f, ok := resolve(from, l.href)
		if !ok || normURL(p) != normURL(wantPath) {
			continue
		}
		if d, err := url.PathUnescape(f); err == nil {
			f = d
		}
		if wantFrag == "*" && f != "" || f == wantFrag {
			return true
		}
	}
	return false
}

// ids lists the id attributes of a page.
func (s *notesSite) ids(u string) map[string]bool {
	out := map[string]bool{}
	walk(s.doc(u), func(n *html.Node) {
		if v, ok := attrOf(n, "id"); ok {
			out[v] = true
		}
	})
	return out
}

// sameBytes reports whether the output at site URL u is the source file.
func (s *notesSite) sameBytes(u, src string) bool {
	s.t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", "notes", s.name, filepath.FromSlash(src)))
	if err != nil {
		s.t.Fatal(err)
	}
	f, ok := s.file(u)
	return ok && bytes.Equal(s.res.Files[f], want)
}

// outputText is an output file as text, gunzipped when it is a gzip
// stream (the search index files are).
func outputText(data []byte) string {
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		if r, err := gzip.NewReader(bytes.NewReader(data)); err == nil {
			if d, err := io.ReadAll(r); err == nil {
				return string(d)
			}
		}
	}
	return string(data)
}

// searchFileText is the text of a search index file: a page shard
// (search/D/d/k.bin) is a header of little-endian uint32s, each where a
// record ends, then the records, each gzip; other files are one gzip.
func searchFileText(name string, data []byte) string {
	if !strings.Contains(name, "/d/") {
		return outputText(data)
	}
	var b strings.Builder
	for n := 1; 4*n <= len(data); n++ {
		if binary.LittleEndian.Uint32(data[4*n-4:]) != uint32(len(data)) {
			continue
		}
		start := 4 * n
		for i := range n {
			end := int(binary.LittleEndian.Uint32(data[4*i:]))
			if end < start || end > len(data) {
				return ""
			}
			b.WriteString(outputText(data[start:end]))
			start = end
		}
		break
	}
	return b.String()
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func findNode(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := findNode(c, match); m != nil {
			return m
		}
	}
	return nil
}

// innermost finds the deepest element whose text contains s.
func innermost(n *html.Node, s string) *html.Node {
	if !strings.Contains(textOf(n), s) {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := innermost(c, s); m != nil {
			return m
		}
	}
	if n.Type != html.ElementNode {
		return n.Parent
	}
	return n
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attrOf(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

// textOf is the text a reader sees: MathML's TeX <annotation>, scripts
// and styles are left out.
func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.Data == "annotation" || n.Data == "script" || n.Data == "style"):
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
	}
	visit(n)
	return b.String()
}

func innerHTML(n *html.Node) string {
	var b bytes.Buffer
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c)
	}
	return b.String()
}

// titleOf is the text of a page's <title>.
func titleOf(doc *html.Node) string {
	if n := findNode(doc, func(n *html.Node) bool { return n.Data == "title" }); n != nil {
		return strings.TrimSpace(textOf(n))
	}
	return ""
}

func unescape(s string) string {
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

func mapFile(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
