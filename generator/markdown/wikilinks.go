package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// WikiLink is [[target]], [[target|label]] or [[target#anchor|label]].
// The link transformer fills URL and, without a label, Title.
type WikiLink struct {
	ast.BaseInline
	Target string
	Anchor string
	Label  string
	Offset int // byte offset in the body, for errors
	URL    string
	Title  string
}

// KindWikiLink is the node kind of a WikiLink.
var KindWikiLink = ast.NewNodeKind("WikiLink")

func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

func (n *WikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Anchor": n.Anchor}, nil)
}

type wikiLinkParser struct{}

func (p *wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (p *wikiLinkParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.Index(line, []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := string(line[2:end])
	if strings.TrimSpace(inner) == "" || strings.ContainsAny(inner, "[]") {
		return nil
	}
	target, label, _ := strings.Cut(inner, "|")
	target, anchor, _ := strings.Cut(target, "#")
	n := &WikiLink{
		Target: strings.TrimSpace(target),
		Anchor: strings.TrimSpace(anchor),
		Label:  strings.TrimSpace(label),
		Offset: seg.Start,
	}
	block.Advance(end + 2)
	return n
}

type wikiLinkRenderer struct{}

func (r *wikiLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindWikiLink, r.render)
}

func (r *wikiLinkRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	l := n.(*WikiLink)
	if l.URL == "" { // unresolved, kept as text (WarnLinks)
		label := l.Label
		if label == "" {
			label = l.Target
		}
		_, _ = w.WriteString(`<span class="broken-link">` + html.EscapeString(label) + `</span>`)
		return ast.WalkSkipChildren, nil
	}
	href := l.URL
	if l.Anchor != "" {
		href += "#" + l.Anchor
	}
	label := l.Label
	if label == "" {
		label = l.Title
	}
	_, _ = w.WriteString(`<a class="wikilink" href="` + html.EscapeString(href) + `">` + html.EscapeString(label) + `</a>`)
	return ast.WalkSkipChildren, nil
}
