package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"sitegen/diagrams"
	"sitegen/generator/markdown"
)

// renderD2Command is the hidden subcommand that renders D2 for a parent
// sitegen (diagrams.ServeChild): a layout that runs too long is stopped by
// killing its process, which a goroutine could not be.
const renderD2Command = "__render-d2"

// d2Renderer adapts the diagrams package to the Markdown stage's
// interface; the core build knows nothing of D2.
type d2Renderer struct{ r *diagrams.Renderer }

// newDiagrams renders D2 in child processes of this binary, with a disk
// cache (cacheDir). The per-diagram limit comes with each call
// (markdown.DiagramTimeout); diagrams.DefaultTimeout otherwise.
func newDiagrams(src string) *d2Renderer {
	cfg := diagrams.Config{CacheDir: filepath.Join(cacheDir(src), "diagrams")}
	// Without its own path (no /proc, say) sitegen renders in process:
	// a timeout then only stops the wait.
	if exe, err := os.Executable(); err == nil {
		cfg.Child = func() *exec.Cmd { return exec.Command(exe, renderD2Command) }
	}
	return &d2Renderer{diagrams.NewRenderer(cfg)}
}

// cacheEnv names the folder that holds sitegen's caches instead of the
// site's own .sitegen/cache: for a read-only site, a shared CI cache, and
// the tests, which build the repository's own notes and must not write
// into the working tree.
const cacheEnv = "SITEGEN_CACHE_DIR"

// cacheDir is where the caches of the site at src live.
func cacheDir(src string) string {
	if dir := os.Getenv(cacheEnv); dir != "" {
		return dir
	}
	return filepath.Join(src, ".sitegen", "cache")
}

func (d *d2Renderer) RenderDiagram(ctx context.Context, src, title string, unsafeHTML bool) (string, error) {
	fig, err := d.r.Render(ctx, src, diagrams.Options{Title: title, UnsafeHTML: unsafeHTML,
		Timeout: markdown.DiagramTimeout(ctx), BasePath: markdown.DiagramBasePath(ctx)})
	var se *diagrams.SourceError
	if errors.As(err, &se) {
		return "", &markdown.LineError{Line: se.Line, Msg: se.Msg}
	}
	return fig.HTML, err
}

// DiagramFiles gives the build the standalone SVG files the figures in a
// page's HTML link to (generator.DiagramFiler).
func (d *d2Renderer) DiagramFiles(page []byte) map[string][]byte { return d.r.Files(page) }

// Close stops the renderer's child processes; commands call it before
// they return, so an interrupted build leaves no D2 work running.
func (d *d2Renderer) Close() { d.r.Close() }

// runRenderD2 is the child's side of renderD2Command.
func runRenderD2(stdin io.Reader, stdout io.Writer) error {
	return diagrams.ServeChild(stdin, stdout)
}
