package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Block ids, as Obsidian writes them: "Text of a paragraph. ^summary"
// makes that paragraph (or list item) the target of [[Note#^summary]] and
// ![[Note#^summary]]; a "^summary" paragraph on its own after a table,
// list or quote names that block. The marker is not shown.
//
// The element's id is "^summary", caret included: it is the fragment
// Obsidian Publish uses (#^summary), so links copied from there work, and
// it can never collide with a heading id, which never holds a '^'.

// blockRef is a block id and the node that carries it.
type blockRef struct {
	id   string
	node ast.Node
}

var blockIDSuffix = regexp.MustCompile(`(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$`)

type blockIDTransformer struct{}

func (blockIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	src := reader.Source()
	seen := map[string]bool{}
	var blocks []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			if entering {
				blocks = append(blocks, n)
			}
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, b := range blocks {
		id, empty := cutBlockID(b, src)
		if id == "" {
			continue
		}
		target := b
		switch {
		case empty: // "^id" alone names the block before it
			prev := b.PreviousSibling()
			if prev == nil {
				continue
			}
			b.Parent().RemoveChild(b.Parent(), b)
			target = prev
		case b.Kind() == ast.KindTextBlock && b.Parent().Kind() == ast.KindListItem:
			target = b.Parent() // a tight list item: the <li> carries the id
		}
		if seen[id] {
			st.warnAt(offsetOf(target), "block id ^%s is used twice; links go to the first", id[1:])
			continue
		}
		seen[id] = true
		target.SetAttributeString("id", []byte(id))
		st.blocks = append(st.blocks, blockRef{id: id, node: target})
	}
}

// cutBlockID removes a trailing " ^id" from a paragraph's last line and
// returns "^id", and whether the paragraph held nothing else. The line's
// text may be split over several Text nodes (at '-', where the
// typographer looked for a dash), so the run of adjacent ones is read.
func cutBlockID(b ast.Node, src []byte) (id string, empty bool) {
	last, ok := b.LastChild().(*ast.Text)
	if !ok {
		return "", false
	}
	first := last
	for {
		prev, ok := first.PreviousSibling().(*ast.Text)
		if !ok || prev.SoftLineBreak() || prev.HardLineBreak() || prev.Segment.Stop != first.Segment.Start {
			break
		}
		first = prev
	}
	start := first.Segment.Start
	line := src[start:last.Segment.Stop]
	if bytes.IndexByte(line, '^') < 0 {
		return "", false // most paragraphs: spares the regexp, which scans the whole line
	}
	m := blockIDSuffix.FindSubmatchIndex(line)
	if m == nil {
		return "", false
	}
	if m[0] == 0 && first.PreviousSibling() == nil && b.PreviousSibling() == nil {
		return "", false // "^id" alone with no block before it to name
	}
	id = "^" + string(src[start+m[2]:start+m[3]])
	cut := start + m[0]
	for n := ast.Node(first); n != nil; {
		next := n.NextSibling()
		t := n.(*ast.Text)
		if t.Segment.Start >= cut {
			b.RemoveChild(b, t)
		} else if t.Segment.Stop > cut {
			t.Segment = t.Segment.WithStop(cut)
		}
		n = next
	}
	if t, ok := b.LastChild().(*ast.Text); ok {
		t.SetSoftLineBreak(false) // "text\n^id": the break went with the id
	}
	return id, b.FirstChild() == nil
}
