package markdown

import (
	"context"
	"errors"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/generator/srcerr"
)

// FenceRenderer turns the body of a fenced block of its language into
// HTML: ```d2 into a diagram, ```compare into a comparison table. attrs
// are the key="value" pairs after the language. An error may be a
// *LineError to point at a line inside the block.
type FenceRenderer func(ctx context.Context, code string, attrs map[string]string) (string, error)

// LineError is a problem inside a block's source. Line is 1-based within
// the block, so the caller can point at the line of the note.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return e.Msg }

// Block is generated HTML in place of a fenced block or a .d2 image.
type Block struct {
	ast.BaseBlock
	HTML string
}

// KindBlock is the node kind of a Block.
var KindBlock = ast.NewNodeKind("GeneratedBlock")

func (n *Block) Kind() ast.NodeKind { return KindBlock }

func (n *Block) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// fenceTransformer replaces fenced blocks whose language has a
// FenceRenderer with the HTML it returns.
type fenceTransformer struct{ c *Converter }

func (t *fenceTransformer) fenceFor(lang string) FenceRenderer {
	if f := t.c.opts.Fences[lang]; f != nil {
		return f
	}
	if lang == "d2" && t.c.opts.Diagrams != nil {
		return func(ctx context.Context, code string, attrs map[string]string) (string, error) {
			return t.c.opts.Diagrams.RenderDiagram(ctx, code, attrs["title"], t.c.opts.UnsafeHTML)
		}
	}
	if lang == "mermaid" && t.c.opts.Diagrams != nil {
		return t.c.mermaidFence
	}
	return nil
}

func (t *fenceTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	src := reader.Source()
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering {
			if lang, _ := fenceInfo(infoOf(f, src)); t.fenceFor(lang) != nil {
				fences = append(fences, f)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		lang, attrs := fenceInfo(infoOf(f, src))
		var code strings.Builder
		for i := 0; i < f.Lines().Len(); i++ {
			seg := f.Lines().At(i)
			code.Write(seg.Value(src))
		}
		// Line 1 of the block is the line after the opening fence.
		firstLine := st.line(f.Info.Segment.Start) + 1
		html, err := t.fenceFor(lang)(st.ctx, code.String(), attrs)
		var keep *keepAsCode
		if errors.As(err, &keep) {
			st.warns = append(st.warns, blockError(st.page.File, firstLine, lang, err))
			continue
		}
		if err != nil {
			st.errs = append(st.errs, blockError(st.page.File, firstLine, lang, err))
			continue
		}
		f.Parent().ReplaceChild(f.Parent(), f, &Block{HTML: html})
	}
}

func blockError(file string, firstLine int, lang string, err error) *srcerr.Error {
	var le *LineError
	if errors.As(err, &le) && le.Line > 0 {
		return srcerr.New(file, firstLine+le.Line-1, "%s block: %s", lang, le.Msg)
	}
	return srcerr.New(file, firstLine, "%s block: %v", lang, err)
}

type blockRenderer struct{}

func (r *blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*Block).HTML)
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}
