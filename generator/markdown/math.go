package markdown

import (
	"bytes"
	"errors"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/generator/markdown/katex"
	"sitegen/generator/srcerr"
)

// Math is $…$ (inline) or $$…$$ written inside a paragraph (display).
// Its children are the TeX source as text, so headings and search keep
// the formula; the renderer writes HTML instead of them.
type Math struct {
	ast.BaseInline
	Display bool
	TeX     string
	HTML    string // MathML; empty when the formula failed
}

// KindMath is the node kind of a Math.
var KindMath = ast.NewNodeKind("Math")

func (n *Math) Kind() ast.NodeKind { return KindMath }

func (n *Math) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"TeX": n.TeX}, nil)
}

// MathBlock is display math on lines of its own:
//
//	$$
//	\int_0^1 x\,dx
//	$$
type MathBlock struct {
	ast.BaseBlock
	TeX    string
	HTML   string // MathML; empty when the formula failed
	closed bool   // the opening line held the whole formula
}

// KindMathBlock is the node kind of a MathBlock.
var KindMathBlock = ast.NewNodeKind("MathBlock")

func (n *MathBlock) Kind() ast.NodeKind { return KindMathBlock }

func (n *MathBlock) IsRaw() bool { return true }

func (n *MathBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"TeX": n.TeX}, nil)
}

// mathExtension parses TeX math before emphasis and typographer can see
// it, and typesets it as MathML while parsing, where the note's line is
// known for errors.
type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(mathParser{}, 90)),
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 690)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 100)))
}

// typeset returns the MathML of a formula. A formula KaTeX rejects is an
// error naming the note's line, or with WarnLinks (a draft vault built as
// it is) a warning, and the formula is shown as code.
func typeset(st *state, offset int, tex string, display bool) string {
	out, err := katex.MathML(st.ctx, tex, display)
	if err == nil {
		return out
	}
	var ke *katex.Error
	if errors.As(err, &ke) && st.warnLinks {
		st.warns = append(st.warns, srcerr.New(st.page.File, st.line(offset), "math: %s", ke.Msg))
		return ""
	}
	st.errorAt(offset, "math: %v", err)
	return ""
}

// mathParser reads inline math by Pandoc's rules, so prices stay text:
// "$" opens when a non-space follows it; the next unescaped "$" closes
// when a non-space precedes it and no digit follows it, else that opening
// "$" is plain text ("$5 and $10"). "$$…$$" is display math. "\$" is a
// dollar sign; code spans are parsed before math.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, start := block.PeekLine()
	display := len(line) > 1 && line[1] == '$'
	if !display && (len(line) < 2 || util.IsSpace(line[1])) {
		return nil
	}
	savedLine, savedPos := block.Position()
	fail := func() ast.Node { block.SetPosition(savedLine, savedPos); return nil }
	open := 1
	if display {
		open = 2
	}
	block.Advance(open)
	var segs []text.Segment
	for {
		line, seg := block.PeekLine()
		if line == nil {
			return fail()
		}
		end, ok := closingDollar(line, display)
		if !ok {
			return fail()
		}
		if end < 0 { // the formula goes on on the next line of the paragraph
			segs = append(segs, seg.TrimRightSpace(block.Source()))
			block.AdvanceLine()
			continue
		}
		segs = append(segs, seg.WithStop(seg.Start+end))
		block.Advance(end + open)
		break
	}
	n := &Math{Display: display}
	var tex bytes.Buffer
	for i, s := range segs {
		if i > 0 {
			tex.WriteByte('\n')
		}
		tex.Write(s.Value(block.Source()))
		t := ast.NewTextSegment(s)
		t.SetSoftLineBreak(i < len(segs)-1)
		n.AppendChild(n, t)
	}
	n.TeX = tex.String()
	if len(bytes.TrimSpace(tex.Bytes())) == 0 {
		return fail()
	}
	n.HTML = typeset(stateOf(pc), start.Start, n.TeX, display)
	return n
}

// closingDollar finds the closing delimiter in a line of the formula:
// its index, -1 when the line has none, or ok false when the first
// unescaped "$" cannot close (so this is not math).
func closingDollar(line []byte, display bool) (end int, ok bool) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '$':
			if display {
				if i+1 < len(line) && line[i+1] == '$' {
					return i, true
				}
				return 0, false
			}
			if i == 0 || util.IsSpace(line[i-1]) || (i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9') {
				return 0, false
			}
			return i, true
		}
	}
	return -1, true
}

// mathBlockParser reads "$$" on a line of its own (text may follow it on
// the same line), up to a line ending in "$$"; or a whole "$$ … $$" line.
// An opening "$$" with no closing line after it stays text.
type mathBlockParser struct{}

var dollars = []byte("$$")

func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (mathBlockParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := util.FirstNonSpacePosition(line)
	if pos < 0 || pos > 3 || !bytes.HasPrefix(line[pos:], dollars) {
		return nil, parser.NoChildren
	}
	restStart := pos + 2
	rest := line[restStart:]
	node := &MathBlock{}
	if i := bytes.Index(rest, dollars); i >= 0 {
		// One line: "$$ x $$" and nothing after it, else it is a paragraph.
		if !util.IsBlank(rest[i+2:]) || util.IsBlank(rest[:i]) {
			return nil, parser.NoChildren
		}
		node.Lines().Append(text.NewSegment(seg.Start+restStart, seg.Start+restStart+i))
		reader.AdvanceToEOL()
		node.closed = true
		return node, parser.NoChildren
	}
	if !closedLater(reader.Source()[seg.Stop:]) {
		return nil, parser.NoChildren
	}
	if !util.IsBlank(rest) {
		s := text.NewSegment(seg.Start+restStart, seg.Stop)
		node.Lines().Append(s.TrimRightSpace(reader.Source()))
	}
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// closedLater reports whether a later line ends in "$$".
func closedLater(src []byte) bool {
	for len(src) > 0 {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		if bytes.HasSuffix(bytes.TrimRight(line, " \t\r"), dollars) {
			return true
		}
		src = rest
	}
	return false
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	if node.(*MathBlock).closed {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	trimmed := bytes.TrimRight(line, " \t\r\n")
	if bytes.HasSuffix(trimmed, dollars) {
		if body := trimmed[:len(trimmed)-2]; !util.IsBlank(body) {
			node.Lines().Append(text.NewSegment(seg.Start, seg.Start+len(body)))
		}
		reader.AdvanceToEOL()
		return parser.Close
	}
	seg.ForceNewline = true
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mathBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*MathBlock)
	var tex bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		tex.Write(bytes.TrimRight(s.Value(reader.Source()), "\n"))
		tex.WriteByte('\n')
	}
	n.TeX = string(bytes.TrimSpace(tex.Bytes()))
	offset := 0
	if n.Lines().Len() > 0 {
		offset = n.Lines().At(0).Start
	}
	n.HTML = typeset(stateOf(pc), offset, n.TeX, true)
}

func (mathBlockParser) CanInterruptParagraph() bool { return true }

func (mathBlockParser) CanAcceptIndentedLine() bool { return false }

// mathRenderer writes the MathML, or a failed formula as code.
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMath, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			m := n.(*Math)
			writeMath(w, m.HTML, m.TeX, m.Display)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindMathBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			// The wrapper scrolls a formula wider than the page.
			m := n.(*MathBlock)
			_, _ = w.WriteString(`<div class="math-display">`)
			writeMath(w, m.HTML, m.TeX, true)
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

func writeMath(w util.BufWriter, mathML, tex string, display bool) {
	if mathML != "" {
		_, _ = w.WriteString(mathML)
		return
	}
	delim := "$"
	if display {
		delim = "$$"
	}
	_, _ = w.WriteString(`<code class="math-error">` + html.EscapeString(delim+tex+delim) + `</code>`)
}
