package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkTransformer resolves wiki links and relative links to .md files,
// and records every internal link (with its line) for the link check and
// for backlinks.
type linkTransformer struct{ c *Converter }

func (t *linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *WikiLink:
			t.wiki(st, n)
		case *ast.Link:
			t.link(st, n, n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (t *linkTransformer) wiki(st *state, n *WikiLink) {
	if t.c.opts.Resolver == nil {
		st.errorAt(n.Offset, "wiki link [[%s]]: this build resolves no links", n.Target)
		return
	}
	u, title, err := t.c.opts.Resolver.Wiki(n.Target)
	if err != nil {
		st.linkProblem(n.Offset, "wiki link [[%s]]: %v", n.Target, err)
		return // with WarnLinks it renders as plain text
	}
	n.URL, n.Title = t.c.href(u), title
	st.links = append(st.links, Link{URL: u, Anchor: n.Anchor, Line: st.line(n.Offset)})
}

// link handles an ordinary Markdown link: same-page anchors and site
// paths are recorded; relative .md paths are rewritten to page URLs.
func (t *linkTransformer) link(st *state, n *ast.Link, dest []byte) {
	raw := string(dest)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "//") {
		return
	}
	offset := offsetOf(n)
	switch {
	case u.Path == "":
		st.links = append(st.links, Link{URL: "", Anchor: u.Fragment, Line: st.line(offset)})
	case strings.HasSuffix(u.Path, ".md"):
		if t.c.opts.Resolver == nil {
			st.errorAt(offset, "link %s: this build resolves no links", raw)
			return
		}
		target, err := t.c.opts.Resolver.File(st.page.File, u.Path)
		if err != nil {
			st.linkProblem(offset, "link %s: %v", raw, err)
			n.Destination = nil // with WarnLinks the text stays, the link goes
			return
		}
		n.Destination = []byte(withFragment(t.c.href(target), u.Fragment))
		st.links = append(st.links, Link{URL: target, Anchor: u.Fragment, Line: st.line(offset)})
	case strings.HasPrefix(u.Path, "/") && strings.HasSuffix(u.Path, "/"):
		st.links = append(st.links, Link{URL: u.Path, Anchor: u.Fragment, Line: st.line(offset)})
	}
}

// href puts a site path under the base path.
func (c *Converter) href(sitePath string) string {
	return c.opts.BasePath + strings.TrimPrefix(sitePath, "/")
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
