package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/generator/srcerr"
)

// Comment is an Obsidian comment, %%like this%%: private to the author,
// so it is neither rendered nor indexed for search. The source is left
// as it is, so the lines of everything after a comment stay right.
//
// Inside a paragraph a comment may span lines (not blank ones). A line
// that starts with %% begins a block comment, which may span blank lines
// and ends after the next %%; an unclosed one hides the rest of the note,
// as in Obsidian, with a warning. Code spans and code blocks are parsed
// before comments, so %% in code is left alone.
type Comment struct {
	ast.BaseInline
}

// CommentBlock is a comment that starts a line.
type CommentBlock struct {
	ast.BaseBlock
	closed bool
}

// KindComment and KindCommentBlock are the node kinds of comments.
var (
	KindComment      = ast.NewNodeKind("Comment")
	KindCommentBlock = ast.NewNodeKind("CommentBlock")
)

func (n *Comment) Kind() ast.NodeKind                { return KindComment }
func (n *Comment) Dump(src []byte, level int)        { ast.DumpHelper(n, src, level, nil, nil) }
func (n *CommentBlock) Kind() ast.NodeKind           { return KindCommentBlock }
func (n *CommentBlock) Dump(src []byte, level int)   { ast.DumpHelper(n, src, level, nil, nil) }
func (n *CommentBlock) IsRaw() bool                  { return true }
func (n *CommentBlock) HasBlankPreviousLines() bool  { return false }
func (n *CommentBlock) SetBlankPreviousLines(_ bool) {}

var commentMark = []byte("%%")

// comments is the goldmark extension for %%comments%%.
type comments struct{}

func (comments) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(commentBlockParser{}, 850)),
		parser.WithInlineParsers(util.Prioritized(commentParser{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(commentRenderer{}, 100)))
}

type commentParser struct{}

func (commentParser) Trigger() []byte { return []byte{'%'} }

// Parse takes a comment up to the next %% in the same paragraph; without
// one the %% is plain text.
func (commentParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, commentMark) {
		return nil
	}
	block.Advance(2)
	for {
		line, _ := block.PeekLine()
		if line == nil {
			return nil // the caller rewinds the reader
		}
		if i := bytes.Index(line, commentMark); i >= 0 {
			block.Advance(i + 2)
			return &Comment{}
		}
		block.AdvanceLine()
	}
}

type commentBlockParser struct{}

func (commentBlockParser) Trigger() []byte { return []byte{'%'} }

func (commentBlockParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], commentMark) {
		return nil, parser.NoChildren
	}
	// "text %%\nhidden\n%%": the %% closes the paragraph's comment.
	if p, ok := pc.LastOpenedBlock().Node.(*ast.Paragraph); ok && openComment(p, reader.Source()) {
		return nil, parser.NoChildren
	}
	rest := line[pos+2:]
	i := bytes.Index(rest, commentMark)
	if i < 0 {
		reader.Advance(len(line))
		return &CommentBlock{}, parser.NoChildren
	}
	if !util.IsBlank(rest[i+2:]) {
		return nil, parser.NoChildren // %%x%% text: an inline comment in a paragraph
	}
	reader.Advance(len(line))
	return &CommentBlock{closed: true}, parser.Close
}

// openComment reports whether a paragraph ends inside an inline comment.
func openComment(p *ast.Paragraph, src []byte) bool {
	n := 0
	for i := 0; i < p.Lines().Len(); i++ {
		line := p.Lines().At(i)
		n += bytes.Count(line.Value(src), commentMark)
	}
	return n%2 == 1
}

func (commentBlockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	if node.(*CommentBlock).closed {
		return parser.Close // a one-line comment (goldmark ignores Close from Open)
	}
	line, _ := reader.PeekLine()
	if i := bytes.Index(line, commentMark); i >= 0 {
		// What follows the closing %% on its line starts a new block.
		reader.Advance(i + 2)
		node.(*CommentBlock).closed = true
		return parser.Close
	}
	reader.Advance(len(line))
	return parser.Continue | parser.NoChildren
}

func (commentBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if node.(*CommentBlock).closed {
		return
	}
	if st, ok := pc.Get(stateKey).(*state); ok {
		st.warns = append(st.warns, srcerr.New(st.page.File, st.line(node.Pos()), "%%%% comment is never closed: it hides the rest of the note"))
	}
}

func (commentBlockParser) CanInterruptParagraph() bool { return true }
func (commentBlockParser) CanAcceptIndentedLine() bool { return false }

type commentRenderer struct{}

func (commentRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	skip := func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	}
	reg.Register(KindComment, skip)
	reg.Register(KindCommentBlock, skip)
}
