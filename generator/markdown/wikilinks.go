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

// WikiLink is [[target]], [[target|label]] or [[target#anchor|label]], as
// Obsidian writes them: target is a note name, a Folder/Note path or a
// Note.md file name, empty for [[#Heading]] on the same page; anchor is
// heading text, an id, or ^block-id. The link transformer fills Href and
// Title; an empty Href is a link that did not resolve.
type WikiLink struct {
	ast.BaseInline
	Target string
	Anchor string // as written, without '#'
	Label  string
	Offset int // byte offset in the body, for errors
	Href   string
	Title  string
}

// KindWikiLink is the node kind of a WikiLink.
var KindWikiLink = ast.NewNodeKind("WikiLink")

func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

func (n *WikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Anchor": n.Anchor}, nil)
}

// parseWiki reads "[[inner]]" at the start of line: the target, anchor
// and label, and the length read. Inside a GFM table the label is written
// [[Note\|label]] (a bare '|' would end the cell); the '\' is dropped.
func parseWiki(line []byte) (target, anchor, label string, n int, ok bool) {
	if !bytes.HasPrefix(line, []byte("[[")) {
		return "", "", "", 0, false
	}
	end := bytes.Index(line, []byte("]]"))
	if end < 0 {
		return "", "", "", 0, false
	}
	inner := string(line[2:end])
	if strings.TrimSpace(inner) == "" || strings.ContainsAny(inner, "[]") {
		return "", "", "", 0, false
	}
	target, label, _ = strings.Cut(inner, "|")
	target = strings.TrimSuffix(target, `\`)
	target, anchor, _ = strings.Cut(target, "#")
	target, anchor, label = strings.TrimSpace(target), strings.TrimSpace(anchor), strings.TrimSpace(label)
	if target == "" && anchor == "" {
		return "", "", "", 0, false
	}
	return target, anchor, label, end + 2, true
}

type wikiLinkParser struct{}

func (p *wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (p *wikiLinkParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	target, anchor, label, n, ok := parseWiki(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	return &WikiLink{Target: target, Anchor: anchor, Label: label, Offset: seg.Start}
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
	label := l.Label
	if l.Href == "" { // unresolved, kept as text (WarnLinks)
		if label == "" {
			label = l.Target
			if l.Anchor != "" {
				label += "#" + l.Anchor
			}
		}
		_, _ = w.WriteString(`<span class="broken-link">` + html.EscapeString(label) + `</span>`)
		return ast.WalkSkipChildren, nil
	}
	if label == "" {
		label = l.Title
	}
	_, _ = w.WriteString(`<a class="wikilink" href="` + html.EscapeString(l.Href) + `">` + html.EscapeString(label) + `</a>`)
	return ast.WalkSkipChildren, nil
}
