package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Alert is a GitHub-style alert: a blockquote whose first line is
// [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION].
type Alert struct {
	ast.BaseBlock
	AlertType string // note, tip, important, warning, caution
}

// KindAlert is the node kind of an Alert.
var KindAlert = ast.NewNodeKind("Alert")

func (n *Alert) Kind() ast.NodeKind { return KindAlert }

func (n *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Type": n.AlertType}, nil)
}

var alertTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// alertTransformer swaps marked blockquotes for Alert nodes.
type alertTransformer struct{}

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		marker := strings.TrimSpace(string(first.Value(src)))
		if !strings.HasPrefix(marker, "[!") || !strings.HasSuffix(marker, "]") {
			continue
		}
		typ := strings.ToLower(marker[2 : len(marker)-1])
		if alertTitles[typ] == "" {
			continue
		}
		alert := &Alert{AlertType: typ}
		dropMarker(para, first)
		if para.ChildCount() == 0 {
			q.RemoveChild(q, para)
		}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			alert.AppendChild(alert, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, alert)
	}
}

// dropMarker removes the text nodes of the marker line (the soft line
// break after it goes with them).
func dropMarker(para *ast.Paragraph, line text.Segment) {
	for c := para.FirstChild(); c != nil; {
		t, ok := c.(*ast.Text)
		if !ok || t.Segment.Stop > line.Stop {
			break
		}
		next := c.NextSibling()
		para.RemoveChild(para, c)
		c = next
	}
	lines := text.NewSegments()
	for i := 1; i < para.Lines().Len(); i++ {
		lines.Append(para.Lines().At(i))
	}
	para.SetLines(lines)
}

type alertRenderer struct{}

func (r *alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, r.render)
}

func (r *alertRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	a := n.(*Alert)
	if entering {
		var b bytes.Buffer
		b.WriteString(`<div class="alert alert-` + a.AlertType + `" role="note"><p class="alert-title">`)
		b.WriteString(alertTitles[a.AlertType])
		b.WriteString("</p>\n")
		_, _ = w.Write(b.Bytes())
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
