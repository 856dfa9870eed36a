package markdown

import (
	"context"
	"errors"
	"fmt"

	"sitegen/diagrams/mermaid"
)

// mermaidFence draws a ```mermaid block: package mermaid translates
// flowcharts and sequence diagrams into D2, which the DiagramRenderer draws
// like a ```d2 block (light and dark, cached by content). A block it cannot
// draw (another Mermaid kind, a line it does not read) stays a code block,
// with a warning naming the line: the note is valid Mermaid, only sitegen
// cannot draw it.
func (c *Converter) mermaidFence(ctx context.Context, code string, attrs map[string]string) (string, error) {
	d2, err := mermaid.ToD2(code)
	var me *mermaid.Error
	if errors.As(err, &me) {
		return "", &keepAsCode{LineError{Line: me.Line, Msg: me.Msg}}
	}
	if err != nil {
		return "", err
	}
	html, err := c.opts.Diagrams.RenderDiagram(ctx, d2, attrs["title"], c.opts.UnsafeHTML)
	if err != nil && ctx.Err() == nil {
		// The translation's D2 is generated, so its line numbers mean
		// nothing to the author: point at the block.
		return "", &keepAsCode{LineError{Line: 1, Msg: fmt.Sprintf("cannot draw the translated diagram: %v", err)}}
	}
	return html, err
}

// keepAsCode is a fence renderer's problem that leaves the block as
// highlighted code and is reported as a warning, not an error.
type keepAsCode struct{ LineError }

func (e *keepAsCode) Unwrap() error { return &e.LineError }
