package main

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	"sitegen/diagrams"
	"sitegen/generator/markdown"
)

// d2Renderer adapts the diagrams package to the Markdown stage's
// interface; the core build knows nothing of D2.
type d2Renderer struct{ r *diagrams.Renderer }

// newDiagrams renders D2 with a disk cache under the site's .sitegen/.
func newDiagrams(src string, timeout time.Duration) *d2Renderer {
	return &d2Renderer{diagrams.NewRenderer(diagrams.Config{
		CacheDir: filepath.Join(src, ".sitegen", "cache", "diagrams"),
		Timeout:  timeout,
	})}
}

func (d *d2Renderer) RenderDiagram(ctx context.Context, src, title string, unsafeHTML bool) (string, error) {
	fig, err := d.r.Render(ctx, src, diagrams.Options{Title: title, UnsafeHTML: unsafeHTML})
	var se *diagrams.SourceError
	if errors.As(err, &se) {
		return "", &markdown.LineError{Line: se.Line, Msg: se.Msg}
	}
	return fig.HTML, err
}
