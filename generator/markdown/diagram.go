package markdown

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"sitegen/generator/srcerr"
)

// DiagramRenderer draws a D2 diagram as an HTML <figure>. The build wires
// in the diagrams package; keeping it behind this interface keeps D2 out
// of the Markdown stage. D2 draws what the notes say (Markdown labels as
// HTML, links, icons), so the renderer sanitizes its SVG unless unsafeHTML
// (the site's unsafe_html) is set.
type DiagramRenderer interface {
	RenderDiagram(ctx context.Context, src, title string, unsafeHTML bool) (html string, err error)
}

type diagramTimeoutKey struct{}

// WithDiagramTimeout tells the DiagramRenderer called with the returned
// context how long one diagram may take: the site's diagram_timeout or
// --diagram-timeout. Zero leaves the renderer's own default.
func WithDiagramTimeout(ctx context.Context, d time.Duration) context.Context {
	if d <= 0 {
		return ctx
	}
	return context.WithValue(ctx, diagramTimeoutKey{}, d)
}

// DiagramTimeout is the limit WithDiagramTimeout set, 0 when none.
func DiagramTimeout(ctx context.Context) time.Duration {
	d, _ := ctx.Value(diagramTimeoutKey{}).(time.Duration)
	return d
}

type diagramBaseKey struct{}

// WithDiagramBasePath tells the DiagramRenderer called with the returned
// context the site's base path ("/notes/"), under which its figures link
// the files they need (a standalone SVG of each diagram).
func WithDiagramBasePath(ctx context.Context, base string) context.Context {
	return context.WithValue(ctx, diagramBaseKey{}, base)
}

// DiagramBasePath is the base path WithDiagramBasePath set, "/" when none.
func DiagramBasePath(ctx context.Context) string {
	if base, ok := ctx.Value(diagramBaseKey{}).(string); ok && base != "" {
		return base
	}
	return "/"
}

// diagramTransformer renders ![caption](file.d2) images; ```d2 fences go
// through the fence transformer.
type diagramTransformer struct{ c *Converter }

func (t *diagramTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if t.c.opts.Diagrams == nil {
		return
	}
	st := stateOf(pc)
	src := reader.Source()
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && strings.HasSuffix(strings.ToLower(string(img.Destination)), ".d2") {
			images = append(images, img)
		}
		return ast.WalkContinue, nil
	})
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

// renderFile is render for a .d2 file: errors name the .d2 file's line and
// the note line that embeds it.
func (t *diagramTransformer) renderFile(st *state, code, title, file string, noteLine int) *Block {
	html, err := t.c.opts.Diagrams.RenderDiagram(st.ctx, code, title, t.c.opts.UnsafeHTML)
	if err != nil {
		var de *LineError
		if errors.As(err, &de) && de.Line > 0 {
			st.errs = append(st.errs, srcerr.New(file, de.Line, "diagram (embedded by %s:%d): %s", st.page.File, noteLine, de.Msg))
		} else {
			st.errs = append(st.errs, srcerr.New(st.page.File, noteLine, "diagram %s: %v", file, err))
		}
		return nil
	}
	return &Block{HTML: html}
}
