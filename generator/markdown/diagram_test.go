package markdown

import (
	"context"
	"os"
	"sync"
	"testing"
)

// modeDiagrams records the unsafeHTML flag of every diagram it draws.
type modeDiagrams struct {
	mu    sync.Mutex
	modes []bool
}

func (d *modeDiagrams) RenderDiagram(_ context.Context, _, _ string, unsafeHTML bool) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.modes = append(d.modes, unsafeHTML)
	return "<figure></figure>", nil
}

// TestDiagramsGetUnsafeHTML checks that every way into a diagram (```d2,
// ```mermaid, a .d2 image) tells the renderer whether to sanitize its SVG.
func TestDiagramsGetUnsafeHTML(t *testing.T) {
	body := "```d2\na -> b\n```\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n![Flow](flow.d2)\n"
	for _, unsafe := range []bool{false, true} {
		d := &modeDiagrams{}
		conv := New(Options{Resolver: fakeResolver{}, Diagrams: d, Files: os.DirFS("testdata"), UnsafeHTML: unsafe})
		if _, err := conv.Render(context.Background(), Page{File: "x.md", Body: []byte(body)}); err != nil {
			t.Fatal(err)
		}
		if len(d.modes) != 3 {
			t.Fatalf("unsafe_html=%v: %d diagrams drawn, want 3", unsafe, len(d.modes))
		}
		for i, m := range d.modes {
			if m != unsafe {
				t.Errorf("unsafe_html=%v: diagram %d drawn with unsafeHTML=%v", unsafe, i, m)
			}
		}
	}
}
