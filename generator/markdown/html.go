package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// SafeHTML is a block of raw HTML after the sanitizer (sanitize.go), with
// its readable text for search.
type SafeHTML struct {
	ast.BaseBlock
	HTML       []byte
	SearchText string
}

// SafeHTMLInline is an inline HTML tag after the sanitizer; its text, if
// any, is in the Text nodes beside it.
type SafeHTMLInline struct {
	ast.BaseInline
	HTML []byte
}

// KindSafeHTML and KindSafeHTMLInline are the node kinds of sanitized HTML.
var (
	KindSafeHTML       = ast.NewNodeKind("SafeHTML")
	KindSafeHTMLInline = ast.NewNodeKind("SafeHTMLInline")
)

func (n *SafeHTML) Kind() ast.NodeKind               { return KindSafeHTML }
func (n *SafeHTML) IsRaw() bool                      { return true }
func (n *SafeHTML) Dump(src []byte, level int)       { ast.DumpHelper(n, src, level, nil, nil) }
func (n *SafeHTMLInline) Kind() ast.NodeKind         { return KindSafeHTMLInline }
func (n *SafeHTMLInline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// sanitizedHTML is the goldmark extension that lets raw HTML through the
// allow-list instead of dropping it; New leaves it out with UnsafeHTML.
//
// goldmark hands raw HTML over in pieces: an HTML block may hold only
// <details>, its </details> coming in a later block after Markdown, and
// an inline piece is one tag. So each piece is sanitized on its own, and
// the tags the pieces open are tracked per container (the document, a
// list item, a paragraph): a stray end tag is dropped and what is left
// open is closed at the container's end, so a note cannot close or
// leave open the page's own elements.
type sanitizedHTML struct{}

func (sanitizedHTML) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(sanitizeTransformer{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(safeHTMLRenderer{}, 100)))
}

type sanitizeTransformer struct{}

func (sanitizeTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	sanitizeChildren(doc, reader.Source())
}

// hiddenContent are elements whose content is code, not text: written
// with inline tags, what lies between them is dropped with them.
var hiddenContent = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "noscript": true, "noembed": true,
	"noframes": true, "template": true, "textarea": true, "title": true, "xmp": true, "svg": true, "math": true,
}

func sanitizeChildren(parent ast.Node, src []byte) {
	var open openTags
	hidden := "" // an inline <script> and the like was opened: drop until its end tag
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch n := c.(type) {
		case *ast.HTMLBlock:
			out, txt := open.sanitize(htmlBlockSource(n, src))
			parent.ReplaceChild(parent, c, &SafeHTML{HTML: out, SearchText: txt})
		case *ast.RawHTML:
			var raw bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				raw.Write(seg.Value(src))
			}
			start, end := tagOf(raw.Bytes())
			switch {
			case hidden != "":
				if end == hidden {
					hidden = ""
				}
				parent.RemoveChild(parent, c)
			case hiddenContent[start]:
				hidden = start
				parent.RemoveChild(parent, c)
			default:
				out, _ := open.sanitize(raw.Bytes())
				parent.ReplaceChild(parent, c, &SafeHTMLInline{HTML: out})
			}
		default:
			if hidden != "" {
				parent.RemoveChild(parent, c)
			} else if c.HasChildren() {
				sanitizeChildren(c, src)
			}
		}
		c = next
	}
	end := open.closeAll()
	if len(end) == 0 {
		return
	}
	if first := parent.FirstChild(); parent.Type() == ast.TypeInline || first != nil && first.Type() == ast.TypeInline {
		parent.AppendChild(parent, &SafeHTMLInline{HTML: end})
	} else {
		parent.AppendChild(parent, &SafeHTML{HTML: end})
	}
}

// htmlBlockSource is the raw HTML of a block, its closing line included.
func htmlBlockSource(n *ast.HTMLBlock, src []byte) []byte {
	var raw bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		raw.Write(line.Value(src))
	}
	if n.HasClosure() {
		raw.Write(n.ClosureLine.Value(src))
	}
	return raw.Bytes()
}

// tagOf names the element an inline HTML piece starts or ends ("" if
// it is neither, like a comment).
func tagOf(raw []byte) (start, end string) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	switch z.Next() {
	case html.StartTagToken:
		name, _ := z.TagName()
		return string(name), ""
	case html.EndTagToken:
		name, _ := z.TagName()
		return "", string(name)
	}
	return "", ""
}

type safeHTMLRenderer struct{}

func (safeHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSafeHTML, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		// A block the sanitizer emptied, like a <script>, leaves no trace.
		if b := n.(*SafeHTML).HTML; entering && len(bytes.TrimSpace(b)) > 0 {
			_, _ = w.Write(b)
			if b[len(b)-1] != '\n' {
				_ = w.WriteByte('\n')
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindSafeHTMLInline, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*SafeHTMLInline).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
}
