package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/generator/content"
)

// linkTransformer resolves wiki links, relative links to notes and
// relative links and images of other files, and records every internal
// link (with its line) for the link check and for backlinks. A link that
// does not resolve is a problem naming file:line and keeps its text,
// styled as span.broken-link.
type linkTransformer struct{ c *Converter }

func (t *linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	var nodes []ast.Node // collected first: resolving may replace nodes
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *WikiLink, *ast.Link, *ast.Image:
			if entering {
				nodes = append(nodes, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range nodes {
		switch n := n.(type) {
		case *WikiLink:
			t.wiki(st, n)
		case *ast.Link:
			t.link(st, n, n.Destination)
		case *ast.Image:
			t.link(st, n, n.Destination)
		}
	}
}

func (t *linkTransformer) wiki(st *state, n *WikiLink) {
	anchor := anchorID(n.Anchor)
	if n.Target == "" { // [[#Heading]]: this note
		n.Href, n.Title = "#"+anchor, lastPart(n.Anchor)
		st.links = append(st.links, Link{Anchor: anchor, Line: st.line(n.Offset)})
		return
	}
	target, ok := t.c.resolveWiki(st, n.Offset, "wiki link [["+n.Target+"]]", n.Target)
	if !ok {
		return // renders as span.broken-link
	}
	n.Href, n.Title = withFragment(t.c.href(target.URL), anchor), target.Title
	st.links = append(st.links, Link{URL: target.URL, Anchor: anchor, Line: st.line(n.Offset)})
}

// resolveWiki asks the Resolver for a wiki link's note; a broken link is
// reported and false returned, an ambiguous one resolves with a warning.
func (c *Converter) resolveWiki(st *state, offset int, what, target string) (Target, bool) {
	if c.opts.Resolver == nil {
		st.errorAt(offset, "%s: this build resolves no links", what)
		return Target{}, false
	}
	tg, err := c.opts.Resolver.Wiki(st.page.File, target)
	return tg, c.resolved(st, offset, what, tg.URL, err)
}

// resolveAsset asks the Resolver for a file that is not a note.
func (c *Converter) resolveAsset(st *state, offset int, what, target string) (string, bool) {
	if c.opts.Resolver == nil {
		st.errorAt(offset, "%s: this build resolves no links", what)
		return "", false
	}
	u, err := c.opts.Resolver.Asset(st.page.File, target)
	return u, c.resolved(st, offset, what, u, err)
}

func (c *Converter) resolved(st *state, offset int, what, url string, err error) bool {
	switch {
	case err == nil:
		return true
	case url != "":
		st.warnAt(offset, "%s: %v", what, err)
		return true
	}
	st.linkProblem(offset, "%s: %v", what, err)
	return false
}

// anchorID turns the anchor of a wiki link into an element id: heading
// text becomes its GitHub id (an id stays itself); "^block" is kept; of
// Obsidian's nested "H1#H2" the last heading counts.
func anchorID(anchor string) string {
	a := lastPart(anchor)
	if strings.HasPrefix(a, "^") {
		return a
	}
	return HeadingID(a)
}

func lastPart(anchor string) string {
	if i := strings.LastIndexByte(anchor, '#'); i >= 0 {
		anchor = anchor[i+1:]
	}
	return strings.TrimSpace(anchor)
}

// link handles a Markdown link or image: same-page anchors and site paths
// are recorded; relative paths to notes become page URLs and relative
// paths to other files become their site URLs, because the page is served
// at /folder/note/ and a path written for the file tree breaks there.
func (t *linkTransformer) link(st *state, n ast.Node, dest []byte) {
	raw := string(dest)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "//") {
		return
	}
	offset := offsetOf(n)
	_, isImage := n.(*ast.Image)
	switch {
	case u.Path == "":
		if !isImage {
			st.links = append(st.links, Link{URL: "", Anchor: u.Fragment, Line: st.line(offset)})
		}
	case strings.HasSuffix(strings.ToLower(u.Path), ".d2") && isImage:
		// a diagram, drawn by the diagram transformer
	case isNote(u.Path) && !isImage:
		if t.c.opts.Resolver == nil {
			st.errorAt(offset, "link %s: this build resolves no links", raw)
			return
		}
		target, err := t.c.opts.Resolver.File(st.page.File, u.Path)
		if !t.c.resolved(st, offset, "link "+raw, target.URL, err) {
			breakLink(n)
			return
		}
		setDestination(n, withFragment(t.c.href(target.URL), u.Fragment))
		st.links = append(st.links, Link{URL: target.URL, Anchor: u.Fragment, Line: st.line(offset)})
	case strings.HasPrefix(u.Path, "/"):
		if strings.HasSuffix(u.Path, "/") && !isImage {
			st.links = append(st.links, Link{URL: u.Path, Anchor: u.Fragment, Line: st.line(offset)})
		}
	case path.Ext(u.Path) != "":
		what := "link "
		if isImage {
			what = "image "
		}
		target, ok := t.c.resolveAsset(st, offset, what+raw, u.Path)
		if !ok {
			breakLink(n)
			return
		}
		setDestination(n, withFragment(t.c.href(target), u.Fragment))
	}
}

// isNote reports whether a link path names a Markdown note.
func isNote(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".md" || ext == ".markdown"
}

func setDestination(n ast.Node, dest string) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = []byte(dest)
	case *ast.Image:
		n.Destination = []byte(dest)
	}
}

// BrokenLink is a link or image that did not resolve: its text (an
// image's alt text) stays, styled as unresolved, as Obsidian shows it.
type BrokenLink struct{ ast.BaseInline }

// KindBrokenLink is the node kind of a BrokenLink.
var KindBrokenLink = ast.NewNodeKind("BrokenLink")

func (n *BrokenLink) Kind() ast.NodeKind { return KindBrokenLink }

func (n *BrokenLink) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// breakLink replaces a link or image by a BrokenLink holding its text.
func breakLink(n ast.Node) {
	b := &BrokenLink{}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		b.AppendChild(b, c)
		c = next
	}
	n.Parent().ReplaceChild(n.Parent(), n, b)
}

type brokenLinkRenderer struct{}

func (brokenLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBrokenLink, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="broken-link">`)
		} else {
			_, _ = w.WriteString(`</span>`)
		}
		return ast.WalkContinue, nil
	})
}

// href puts a site path under the base path.
func (c *Converter) href(sitePath string) string {
	return content.UnderBase(c.opts.BasePath, sitePath)
}

func withFragment(u, fragment string) string {
	if fragment == "" {
		return u
	}
	return u + "#" + fragment
}

// titleTransformer takes a leading "# heading" as the page title: the theme
// prints the title as the page's only <h1>, so the heading is not rendered.
// Later "#" headings are demoted to h2 for the same reason.
type titleTransformer struct{}

func (titleTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	first := true
	for c := doc.FirstChild(); c != nil; {
		next := c.NextSibling()
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			if first {
				stateOf(pc).title = plainText(h, reader.Source())
				doc.RemoveChild(doc, h)
			} else {
				h.Level = 2
			}
		}
		first = false
		c = next
	}
}
