package serve

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// fakeBuilder builds an in-memory site whose every page carries the build
// number, so a test can tell which build a response came from.
type fakeBuilder struct {
	mu      sync.Mutex
	n       int      // successful builds so far
	pages   int      // extra pages besides the fixed ones
	pad     int      // lines of filler per page
	err     error    // when set, builds fail with it
	cssOnly bool     // report the next builds as stylesheet-only
	changed []string // Output.Pages of the next builds
	calls   [][]Change
}

func (f *fakeBuilder) Build(ctx context.Context, changes []Change) (*Output, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, changes)
	if f.err != nil {
		return nil, f.err
	}
	f.n++
	files := map[string][]byte{
		"index.html":                     fakePage(f.n, "home", f.pad),
		"services/lambda/index.html":     fakePage(f.n, "lambda", f.pad),
		"compare/ecs-vs-fargate.html":    fakePage(f.n, "ecs", f.pad),
		"404.html":                       fakePage(f.n, "not found", f.pad),
		fmt.Sprintf("style.%d.css", f.n): []byte(fmt.Sprintf("body{--build:%d}", f.n)),
		"img/diagram.svg":                []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
		"data.bin":                       {0, 1, 2, 3},
	}
	for i := range f.pages {
		files[fmt.Sprintf("p/%d/index.html", i)] = fakePage(f.n, fmt.Sprint("page ", i), f.pad)
	}
	return &Output{Files: files, Summary: fmt.Sprintf("rebuilt %d pages", len(changes)), CSSOnly: f.cssOnly, Pages: f.changed}, nil
}

func (f *fakeBuilder) set(fn func(f *fakeBuilder)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *fakeBuilder) lastCall() []Change {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[len(f.calls)-1]
}

func fakePage(n int, title string, pad int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title><link rel=\"stylesheet\" href=\"/style.%d.css\"></head><body>\n", title, n)
	for range pad {
		fmt.Fprintf(&b, "<p>build %d</p>\n", n)
	}
	fmt.Fprintf(&b, "<p>build %d</p>\n</body></html>\n", n)
	return []byte(b.String())
}

// syncBuffer is a log the server and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func containsText(s, sub string) bool { return strings.Contains(s, sub) }

// mustServer is newServer for options known to be good.
func mustServer(t testing.TB, b Builder, opts Options) *server {
	t.Helper()
	s, err := newServer(b, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
