package markdown

import (
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Alert is a callout: a blockquote whose first line is a [!type] marker.
// It covers GitHub's five alerts (> [!NOTE]) and Obsidian's callouts,
// which add a title after the marker (> [!tip] My title) and a fold sign
// (> [!faq]- closed, > [!faq]+ open) that turns the callout into a
// <details> element, so folding needs no script. Its first child is
// always an AlertTitle; the rest is the body.
type Alert struct {
	ast.BaseBlock
	AlertType string // the family, which is the CSS class: note, tip, question, ...
	Title     string // the title shown when the marker line has none
	Fold      byte   // 0: not foldable; '-': folded; '+': foldable, open
}

// AlertTitle holds the inlines of a callout's custom title; it has no
// children when the marker line had no title.
type AlertTitle struct{ ast.BaseBlock }

// KindAlert and KindAlertTitle are the node kinds of callouts.
var (
	KindAlert      = ast.NewNodeKind("Alert")
	KindAlertTitle = ast.NewNodeKind("AlertTitle")
)

func (n *Alert) Kind() ast.NodeKind      { return KindAlert }
func (n *AlertTitle) Kind() ast.NodeKind { return KindAlertTitle }

func (n *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Type": n.AlertType, "Fold": string(n.Fold)}, nil)
}

func (n *AlertTitle) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// calloutFamilies maps every marker, case-folded, to its family: Obsidian's
// types and aliases. "important" and "caution" keep the meaning GitHub
// gives them (their own purple and red alerts) where Obsidian would call
// them a tip and a warning, so notes written for GitHub look as they did.
var calloutFamilies = map[string]string{
	"note":     "note",
	"abstract": "abstract", "summary": "abstract", "tldr": "abstract",
	"info": "info",
	"todo": "todo",
	"tip":  "tip", "hint": "tip",
	"important": "important",
	"success":   "success", "check": "success", "done": "success",
	"question": "question", "help": "question", "faq": "question",
	"warning": "warning", "attention": "warning",
	"caution": "caution",
	"failure": "failure", "fail": "failure", "missing": "failure",
	"danger": "danger", "error": "danger",
	"bug":     "bug",
	"example": "example",
	"quote":   "quote", "cite": "quote",
}

// calloutMarker matches the start of a callout's first line: the type,
// the fold sign and the blanks before the title.
var calloutMarker = regexp.MustCompile(`^[ \t]*\[!([A-Za-z-]+)\]([+-]?)[ \t]*`)

// alertTransformer swaps marked blockquotes for Alert nodes. Blockquotes
// are taken outside in, so a callout nested in a callout works too.
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
		m := calloutMarker.FindSubmatchIndex(first.Value(src))
		if m == nil {
			continue
		}
		typ := strings.ToLower(string(first.Value(src)[m[2]:m[3]]))
		family := calloutFamilies[typ]
		if family == "" {
			continue // [!NOPE] stays a quote, as on GitHub
		}
		alert := &Alert{AlertType: family, Title: strings.ToUpper(typ[:1]) + typ[1:]}
		if m[4] < m[5] {
			alert.Fold = first.Value(src)[m[4]]
		}
		title := &AlertTitle{}
		splitTitle(para, title, first.Start+m[1], first.Stop)
		alert.AppendChild(alert, title)
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

// splitTitle moves the inlines of the paragraph's first line into title,
// without the marker (the bytes before titleStart). The paragraph keeps
// the lines after it, which are the callout's first body paragraph.
func splitTitle(para *ast.Paragraph, title *AlertTitle, titleStart, lineStop int) {
	for c := para.FirstChild(); c != nil; {
		start := startOffset(c)
		if start >= lineStop {
			break
		}
		next := c.NextSibling()
		para.RemoveChild(para, c)
		if t, ok := c.(*ast.Text); ok {
			if t.Segment.Stop <= titleStart {
				c = next
				continue // part of the marker
			}
			if t.Segment.Start < titleStart {
				t.Segment = t.Segment.WithStart(titleStart)
			}
		}
		title.AppendChild(title, c)
		c = next
	}
	if t, ok := title.LastChild().(*ast.Text); ok {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
	}
	// A marker line without a title leaves only blank text behind.
	blank := true
	for c := title.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); !ok || t.Segment.Len() > 0 {
			blank = false
		}
	}
	if blank {
		title.RemoveChildren(title)
	}
	lines := text.NewSegments()
	for i := 1; i < para.Lines().Len(); i++ {
		lines.Append(para.Lines().At(i))
	}
	para.SetLines(lines)
}

// startOffset is where an inline node starts in the source: the start of
// its first text, or -1 when it has none (those stay with their line).
func startOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := startOffset(c); s >= 0 {
			return s
		}
	}
	return -1
}

type alertRenderer struct{}

func (r *alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, r.render)
	reg.Register(KindAlertTitle, r.renderTitle)
}

func (r *alertRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	a := n.(*Alert)
	switch {
	case entering && a.Fold == '-':
		_, _ = w.WriteString(`<details class="alert alert-` + a.AlertType + `">`)
	case entering && a.Fold == '+':
		_, _ = w.WriteString(`<details class="alert alert-` + a.AlertType + `" open>`)
	case entering:
		_, _ = w.WriteString(`<div class="alert alert-` + a.AlertType + `" role="note">`)
	case a.Fold != 0:
		_, _ = w.WriteString("</details>\n")
	default:
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *alertRenderer) renderTitle(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	a := n.Parent().(*Alert)
	tag := "p"
	if a.Fold != 0 {
		tag = "summary"
	}
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag + ` class="alert-title">`)
	if !n.HasChildren() {
		_, _ = w.WriteString(html.EscapeString(a.Title))
	}
	return ast.WalkContinue, nil
}
