package diagrams

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const sixNodes = `direction: right
user: User {shape: person}
api: API Gateway {link: /services/api-gateway/}
fn: Lambda
db: DynamoDB {shape: cylinder}
ecr: ECR {shape: cylinder}
net: Internet {shape: cloud}
user -> api: calls
api -> fn: triggers
fn -> db: uses
ecr -> fn: images
fn -> net
`

func TestRender(t *testing.T) {
	r := NewRenderer(Config{})
	fig, err := r.Render(context.Background(), sixNodes, Options{Title: "Lambda <behind> API Gateway"})
	if err != nil {
		t.Fatal(err)
	}
	h := fig.HTML
	for _, want := range []string{
		`<figure class="diagram">`,
		`<div class="diagram-light"><svg `,
		`<div class="diagram-dark"><svg `,
		`<figcaption>Lambda &lt;behind&gt; API Gateway</figcaption>`,
		`<title id="`,
		`<desc id="`,
		`Diagram with nodes User, API Gateway, Lambda, DynamoDB, ECR, Internet; edges User → API Gateway (calls),`,
		`<a href="/services/api-gateway/"`,
		`>API Gateway</text>`,
		`>DynamoDB</text>`,
		`>triggers</text>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("figure lacks %q", want)
		}
	}
	// The nodes link to pages: each SVG is a group, so its links are not
	// nested inside role=img (axe nested-interactive).
	if n := strings.Count(h, `role="group"`); n != 2 || strings.Contains(h, `role="img"`) {
		t.Errorf(`role="group" appears %d times, want 2 and no role="img"`, n)
	}
	// Every aria-labelledby target exists.
	for _, m := range regexp.MustCompile(`aria-labelledby="([^"]+)"`).FindAllStringSubmatch(h, -1) {
		for _, id := range strings.Fields(m[1]) {
			if !strings.Contains(h, `id="`+id+`"`) {
				t.Errorf("aria-labelledby names missing id %q", id)
			}
		}
	}
	if fig.Cached {
		t.Error("first render reported as cached")
	}
	if strings.Contains(h, "<?xml") {
		t.Error("figure contains an XML declaration")
	}
}

func TestRenderOptionsDescription(t *testing.T) {
	r := NewRenderer(Config{})
	fig, err := r.Render(context.Background(), "a -> b", Options{Description: "Two boxes."})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fig.HTML, `-desc">Two boxes.</desc>`) || !strings.Contains(fig.HTML, `-title">Diagram</title>`) {
		t.Errorf("title or description not applied:\n%.600s", fig.HTML)
	}
	if strings.Contains(fig.HTML, "<figcaption>") {
		t.Error("figcaption without a title")
	}
}

// Two diagrams, each in two themes, on one page: every rendering has its own
// d2-<hash> class, and every CSS rule D2 emits is scoped to one of them.
func TestRenderStylesDoNotClash(t *testing.T) {
	r := NewRenderer(Config{})
	var page string
	for _, src := range []string{sixNodes, "x -> y: |md **bold** text|"} {
		fig, err := r.Render(context.Background(), src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		page += fig.HTML
	}
	hashes := map[string]bool{}
	for _, m := range regexp.MustCompile(`<svg class="(d2-\d+) d2-svg"`).FindAllStringSubmatch(page, -1) {
		hashes[m[1]] = true
	}
	if len(hashes) != 4 {
		t.Fatalf("found %d distinct d2 hashes, want 4: %v", len(hashes), hashes)
	}
	styles := regexp.MustCompile(`(?s)<style type="text/css">(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</style>`)
	for _, m := range styles.FindAllStringSubmatch(page, -1) {
		for _, sel := range topLevelSelectors(m[1]) {
			if !regexp.MustCompile(`^\.d2-\d+ `).MatchString(sel) {
				t.Errorf("unscoped CSS selector %q", sel)
			}
		}
	}
}

// topLevelSelectors lists the selectors of a style sheet, looking inside
// @media blocks and skipping other at-rules.
func topLevelSelectors(css string) []string {
	var sels []string
	for {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			return sels
		}
		end := matchingBrace(css, open)
		prelude := strings.TrimSpace(css[:open])
		switch {
		case strings.HasPrefix(prelude, "@media"):
			sels = append(sels, topLevelSelectors(css[open+1:end])...)
		case strings.HasPrefix(prelude, "@"):
		default:
			for _, s := range strings.Split(prelude, ",") {
				sels = append(sels, strings.TrimSpace(s))
			}
		}
		css = css[end+1:]
	}
}

func TestRenderCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache", "diagrams")
	ctx := context.Background()

	r1 := NewRenderer(Config{CacheDir: dir})
	first, err := r1.Render(ctx, sixNodes, Options{Title: "One"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := r1.Render(ctx, sixNodes, Options{Title: "Two"})
	if err != nil {
		t.Fatal(err)
	}
	if s := r1.Stats(); s.Rendered != 1 || s.Cached != 1 || s.RenderTime <= 0 {
		t.Errorf("same renderer: stats %+v, want 1 rendered, 1 cached", s)
	}
	if first.Cached || !second.Cached {
		t.Errorf("Cached flags %v, %v; want false, true", first.Cached, second.Cached)
	}
	if !strings.Contains(second.HTML, "<figcaption>Two</figcaption>") {
		t.Error("a cached figure kept the old title")
	}

	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], ".json") {
		t.Fatalf("cache dir holds %v, want one .json file", files)
	}

	r2 := NewRenderer(Config{CacheDir: dir})
	third, err := r2.Render(ctx, sixNodes, Options{Title: "One"})
	if err != nil {
		t.Fatal(err)
	}
	if s := r2.Stats(); s.Rendered != 0 || s.Cached != 1 {
		t.Errorf("new renderer, shared dir: stats %+v, want 0 rendered, 1 cached", s)
	}
	if !third.Cached || third.HTML != first.HTML {
		t.Error("disk hit differs from the original rendering")
	}

	// A damaged cache file is a miss, not an error.
	if err := os.WriteFile(files[0], []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	r3 := NewRenderer(Config{CacheDir: dir})
	if _, err := r3.Render(ctx, sixNodes, Options{}); err != nil {
		t.Fatal(err)
	}
	if s := r3.Stats(); s.Rendered != 1 {
		t.Errorf("damaged cache file: stats %+v, want 1 rendered", s)
	}
}

func TestRenderParallel(t *testing.T) {
	r := NewRenderer(Config{})
	srcs := []string{sixNodes, "a -> b", "a -> b -> c", "x: {shape: cylinder}\ny -> x"}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			src := srcs[i%len(srcs)]
			fig, err := r.Render(context.Background(), src, Options{})
			if err == nil && !strings.Contains(fig.HTML, "<svg") {
				err = fmt.Errorf("no svg for %q", src)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if s := r.Stats(); s.Rendered != len(srcs) || s.Cached != 16-len(srcs) {
		t.Errorf("stats %+v, want %d rendered and %d cached", s, len(srcs), 16-len(srcs))
	}
}

func TestRenderSourceErrors(t *testing.T) {
	r := NewRenderer(Config{})
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"a -> b\nx: {\n", 2, "maps must be terminated"},
		{"a -> b\n\nc -> {", 3, "connection missing destination"},
		{"a\na.shape: notashape", 2, `unknown shape "notashape"`},
		{"a\nb\nb.style.fill: nocolor", 3, `expected "fill" to be a valid named color`},
		{"x: @other.d2", 1, "failed to import"},
	} {
		_, err := r.Render(context.Background(), tc.src, Options{})
		var se *SourceError
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v (%T), want *SourceError", tc.src, err, err)
			continue
		}
		if se.Line != tc.line || !strings.Contains(se.Msg, tc.msg) {
			t.Errorf("%q: got line %d %q, want line %d containing %q", tc.src, se.Line, se.Msg, tc.line, tc.msg)
		}
	}
	if s := r.Stats(); s.Rendered != 0 || s.Cached != 0 {
		t.Errorf("failed renders counted: %+v", s)
	}
}

func TestRenderTimeout(t *testing.T) {
	r := NewRenderer(Config{Timeout: time.Nanosecond})
	_, err := r.Render(context.Background(), sixNodes, Options{})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("error %v (%T), want *TimeoutError", err, err)
	}
	if want := "diagram layout took longer than 1ns; simplify it, or raise diagram_timeout in sitegen.toml (or --diagram-timeout)"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if s := r.Stats(); s.Rendered != 0 {
		t.Errorf("timed-out render counted: %+v", s)
	}
}

func TestRenderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := NewRenderer(Config{})
	if _, err := r.Render(ctx, sixNodes, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func BenchmarkRenderSixNodes(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		r := NewRenderer(Config{})
		// A fresh source each time so nothing is shared between iterations.
		if _, err := r.Render(context.Background(), fmt.Sprintf("%s\n# %d", sixNodes, i), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderCached(b *testing.B) {
	r := NewRenderer(Config{})
	ctx := context.Background()
	if _, err := r.Render(ctx, sixNodes, Options{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := r.Render(ctx, sixNodes, Options{Title: "t"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderDiskCached(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	if _, err := NewRenderer(Config{CacheDir: dir}).Render(ctx, sixNodes, Options{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := NewRenderer(Config{CacheDir: dir}).Render(ctx, sixNodes, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
