package generator

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// stuckDiagrams blocks every render: until ctx is done when honest, else
// until the test ends (a D2 layout or goldmark parse that cannot be
// interrupted), and then it returns a figure nobody may store.
type stuckDiagrams struct {
	honest  bool
	release chan struct{}
	started chan struct{}
}

func (d *stuckDiagrams) RenderDiagram(ctx context.Context, _, _ string, _ bool) (string, error) {
	select {
	case d.started <- struct{}{}:
	default:
	}
	if d.honest {
		<-ctx.Done()
		return "", ctx.Err()
	}
	<-d.release
	return "<figure>late</figure>", nil
}

// slowSite has many notes with a diagram each, so the markdown stage has
// more work than workers.
func slowSite() fstest.MapFS {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("# Home\n")}}
	for i := range 20 {
		fsys[fmt.Sprintf("content/n%d.md", i)] = &fstest.MapFile{Data: []byte("# Note\n\n```d2\na -> b\n```\n")}
	}
	return fsys
}

// TestCancelStopsBuildWithinASecond: a build stuck on a slow diagram
// returns ctx.Err() soon after the cancel, whether the renderer honours
// the context or not.
func TestCancelStopsBuildWithinASecond(t *testing.T) {
	for _, honest := range []bool{true, false} {
		t.Run(fmt.Sprintf("honest=%v", honest), func(t *testing.T) {
			d := &stuckDiagrams{honest: honest, release: make(chan struct{}), started: make(chan struct{}, 1)}
			defer close(d.release)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() {
				_, err := Build(ctx, Config{FS: slowSite(), Diagrams: d, Version: "test"})
				done <- err
			}()
			<-d.started
			cancel()
			start := time.Now()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("error %v, want context.Canceled", err)
				}
				if took := time.Since(start); took > time.Second {
					t.Errorf("Build returned %v after the cancel", took)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Build did not return within 5 s of the cancel")
			}
		})
	}
}

// TestDeepNoteFailsTheBuildAtItsLine: a 3,000-level note is an error at
// the line crossing the limit, not a minute of parsing.
func TestDeepNoteFailsTheBuildAtItsLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: Deep\n---\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "%s- level %d\n", strings.Repeat("  ", i), i+1)
	}
	fsys := fstest.MapFS{
		"content/_index.md": {Data: []byte("# Home\n")},
		"content/deep.md":   {Data: []byte(b.String())},
	}
	start := time.Now()
	_, err := Build(context.Background(), Config{FS: fsys, Version: "test"})
	// Front matter takes lines 1-3, level k is on line k+3; level 101 crosses.
	if err == nil || !strings.Contains(err.Error(), "content/deep.md:104: lists and block quotes nest more than 100 levels deep") {
		t.Fatalf("error %v, want content/deep.md:104 refused", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("refusing the deep note took %v", took)
	}
}

// TestParallelDropsAbandonedResults: after a cancel, parallel hands out
// no more work and a call that finishes late stores nothing.
func TestParallelDropsAbandonedResults(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	var calls atomic.Int32
	started := make(chan struct{}, 100)
	done := make(chan struct{})
	var results []int
	go func() {
		defer close(done)
		results, _ = parallel(ctx, 100, func(i int) (int, error) {
			calls.Add(1)
			started <- struct{}{}
			<-release
			return i + 1, nil
		})
	}()
	<-started
	cancel()
	<-done
	close(release)
	time.Sleep(50 * time.Millisecond)
	if results != nil {
		t.Errorf("results %v after a cancel, want nil", results)
	}
	if n := calls.Load(); n > int32(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d calls started, want at most one per worker", n)
	}
}
