package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildProgressLine checks the line a long build shows on a
// terminal: stage and count, each draw overwriting the last, cleared at
// the end so the summary stands alone.
func TestBuildProgressLine(t *testing.T) {
	var out bytes.Buffer
	p := &buildProgress{w: &out, quit: make(chan struct{})}
	p.report("load", 0, 0)
	p.draw()
	p.report("markdown", 0, 0)
	p.report("markdown", 7, 10)
	p.report("markdown", 6, 10) // a late report does not go back
	p.draw()
	p.stop()
	want := "\r\033[Kload\r\033[Kmarkdown 7/10 pages\r\033[K"
	if out.String() != want {
		t.Errorf("progress wrote %q, want %q", out.String(), want)
	}
}

// TestBuildProgressOnlyOnTerminal checks that a build whose stderr is a
// file or a pipe gets no progress, only its summary.
func TestBuildProgressOnlyOnTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := newBuildProgress(f); p != nil {
		t.Error("progress on a file")
	}
	if p := newBuildProgress(&bytes.Buffer{}); p != nil {
		t.Error("progress on a buffer")
	}
	var stdout, stderr bytes.Buffer
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("# A\n\nText.\n"), 0o644)
	if err := runBuild(t.Context(), []string{"--src", dir, "--out", filepath.Join(dir, "..", filepath.Base(dir)+"-out")}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(stdout.String()), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "Built ") {
		t.Errorf("stdout %q, want one summary line", stdout.String())
	}
	if strings.Contains(stderr.String(), "\r") {
		t.Errorf("stderr has progress: %q", stderr.String())
	}
}
