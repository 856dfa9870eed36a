package markdown

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/generator/srcerr"
)

// DiagramRenderer draws a D2 diagram as an HTML <figure>. The build wires
// in the diagrams package; keeping it behind this interface keeps D2 out
// of the Markdown stage.
type DiagramRenderer interface {
	RenderDiagram(ctx context.Context, src, title string) (html string, err error)
}

// DiagramError is a problem inside a diagram's source. Line is 1-based
// within that source, so the caller can point at the line of the note.
type DiagramError struct {
	Line int
	Msg  string
}

func (e *DiagramError) Error() string { return e.Msg }

// Diagram is a rendered diagram in place of a ```d2 fence or a .d2 image.
type Diagram struct {
	ast.BaseBlock
	HTML string
}

// KindDiagram is the node kind of a Diagram.
var KindDiagram = ast.NewNodeKind("Diagram")

func (n *Diagram) Kind() ast.NodeKind { return KindDiagram }

func (n *Diagram) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// diagramTransformer renders ```d2 fences and paragraphs that are only a
// ![caption](file.d2) image.
type diagramTransformer struct{ c *Converter }

func (t *diagramTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if t.c.opts.Diagrams == nil {
		return
	}
	st := stateOf(pc)
	src := reader.Source()
	var fences []*ast.FencedCodeBlock
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			if lang, _ := fenceInfo(infoOf(n, src)); lang == "d2" {
				fences = append(fences, n)
			}
		case *ast.Image:
			if strings.HasSuffix(strings.ToLower(string(n.Destination)), ".d2") {
				images = append(images, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		_, attrs := fenceInfo(infoOf(f, src))
		var code strings.Builder
		for i := 0; i < f.Lines().Len(); i++ {
			seg := f.Lines().At(i)
			code.Write(seg.Value(src))
		}
		// Line 1 of the D2 source is the line after the opening fence.
		firstLine := st.line(offsetOf(f))
		if f.Lines().Len() == 0 {
			firstLine = st.line(f.Info.Segment.Start) + 1
		}
		if d := t.render(st, code.String(), attrs["title"], firstLine); d != nil {
			f.Parent().ReplaceChild(f.Parent(), f, d)
		}
	}
	for _, img := range images {
		t.image(st, img, src)
	}
}

func infoOf(f *ast.FencedCodeBlock, src []byte) []byte {
	if f.Info == nil {
		return nil
	}
	return f.Info.Segment.Value(src)
}

// image renders ![caption](file.d2), read from beside the note.
func (t *diagramTransformer) image(st *state, img *ast.Image, src []byte) {
	line := st.line(offsetOf(img))
	name := path.Join(path.Dir(st.page.File), string(img.Destination))
	if t.c.opts.Files == nil {
		st.errs = append(st.errs, srcerr.New(st.page.File, line, "diagram %s: no site files to read from", img.Destination))
		return
	}
	code, err := fs.ReadFile(t.c.opts.Files, name)
	if err != nil {
		st.errs = append(st.errs, srcerr.New(st.page.File, line, "diagram %s: %v", img.Destination, errors.Unwrap(err)))
		return
	}
	title := plainText(img, src)
	d := t.renderFile(st, string(code), title, name, line)
	if d == nil {
		return
	}
	// An image is inline; the figure replaces its paragraph when the image
	// stands alone, else it sits where the image was.
	if para, ok := img.Parent().(*ast.Paragraph); ok && para.ChildCount() == 1 {
		para.Parent().ReplaceChild(para.Parent(), para, d)
		return
	}
	img.Parent().ReplaceChild(img.Parent(), img, d)
}

func (t *diagramTransformer) render(st *state, code, title string, firstLine int) *Diagram {
	html, err := t.c.opts.Diagrams.RenderDiagram(st.ctx, code, title)
	if err != nil {
		var de *DiagramError
		if errors.As(err, &de) && de.Line > 0 {
			st.errs = append(st.errs, srcerr.New(st.page.File, firstLine+de.Line-1, "diagram: %s", de.Msg))
		} else {
			st.errs = append(st.errs, srcerr.New(st.page.File, firstLine, "diagram: %v", err))
		}
		return nil
	}
	return &Diagram{HTML: html}
}

// renderFile is render for a .d2 file: errors name the .d2 file's line and
// the note line that embeds it.
func (t *diagramTransformer) renderFile(st *state, code, title, file string, noteLine int) *Diagram {
	html, err := t.c.opts.Diagrams.RenderDiagram(st.ctx, code, title)
	if err != nil {
		var de *DiagramError
		if errors.As(err, &de) && de.Line > 0 {
			st.errs = append(st.errs, srcerr.New(file, de.Line, "diagram (embedded by %s:%d): %s", st.page.File, noteLine, de.Msg))
		} else {
			st.errs = append(st.errs, srcerr.New(st.page.File, noteLine, "diagram %s: %v", file, err))
		}
		return nil
	}
	return &Diagram{HTML: html}
}

type diagramRenderer struct{}

func (r *diagramRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiagram, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*Diagram).HTML)
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}
