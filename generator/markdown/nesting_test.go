package markdown

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// nestedList is a list nested depth levels deep by indentation, the
// shape that makes goldmark's parse cubic.
func nestedList(depth int) string {
	var b strings.Builder
	b.WriteString("# Deep\n\n")
	for i := range depth {
		fmt.Fprintf(&b, "%s- item %d\n", strings.Repeat("  ", i), i+1)
	}
	return b.String()
}

// TestDeepNestingIsRefusedAtItsLine: a 3,000-level list is an error naming
// the line where the limit is crossed, returned at once instead of after a
// minute of parsing; a note at the limit still renders.
func TestDeepNestingIsRefusedAtItsLine(t *testing.T) {
	conv := New(Options{})
	start := time.Now()
	_, err := conv.Render(context.Background(), Page{File: "content/deep.md", BodyLine: 4, Body: []byte(nestedList(3000))})
	took := time.Since(start)
	// Body line 0 is "# Deep", item k is on body line k+1; item 101 crosses.
	want := fmt.Sprintf("content/deep.md:%d: lists and block quotes nest more than %d levels deep here", 4+MaxNesting+2, MaxNesting)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %v, want it to start %q", err, want)
	}
	if took > time.Second {
		t.Errorf("refusing took %v", took)
	}

	res, err := conv.Render(context.Background(), Page{File: "content/deep.md", BodyLine: 1, Body: []byte(nestedList(MaxNesting))})
	if err != nil {
		t.Fatalf("a note nested %d levels: %v", MaxNesting, err)
	}
	if n := strings.Count(string(res.HTML), "<li>"); n != MaxNesting {
		t.Errorf("%d list items rendered, want %d", n, MaxNesting)
	}
}

// TestNestingDepth pins what counts as a level: list items by indentation
// or on one line, quotes, both mixed, lazy lines; code does not count.
func TestNestingDepth(t *testing.T) {
	deep := func(unit string, n int) string { return strings.Repeat(unit, n) + "x\n" }
	for _, tc := range []struct {
		name string
		body string
		line int // 0-based line crossing the limit, -1 for none
	}{
		{"list by indentation at the limit", nestedList(MaxNesting), -1},
		{"list by indentation past it", nestedList(MaxNesting + 1), MaxNesting + 2},
		{"ordered list", func() string {
			var b strings.Builder
			for i := range MaxNesting + 5 {
				fmt.Fprintf(&b, "%s1. x\n", strings.Repeat("   ", i))
			}
			return b.String()
		}(), MaxNesting},
		{"markers on one line", "para\n\n" + deep("- ", MaxNesting+1), 2},
		{"quotes on one line", deep("> ", MaxNesting+1), 0},
		{"quotes at the limit", deep(">", MaxNesting), -1},
		{"quotes and lists mixed", deep("> - ", MaxNesting/2) + deep("> - ", MaxNesting/2+1), 1},
		{"nesting across lines of quotes", strings.Repeat("> ", 60) + "- a\n" + strings.Repeat("> ", 60) + "  - b\n" +
			strings.Repeat("> ", 60) + "  " + deep("> ", 40), 2},
		{"lazy lines keep the items open", func() string {
			var b strings.Builder
			for i := range MaxNesting + 1 {
				fmt.Fprintf(&b, "%s- item\nlazy\n", strings.Repeat("  ", i))
			}
			return b.String()
		}(), 2 * MaxNesting},
		{"blank lines keep the items open", func() string {
			var b strings.Builder
			for i := range MaxNesting + 1 {
				fmt.Fprintf(&b, "%s- item\n\n", strings.Repeat("  ", i))
			}
			return b.String()
		}(), 2 * MaxNesting},
		{"siblings do not add up", strings.Repeat("- a\n  - b\n", 1000), -1},
		{"fenced code opens nothing", "```\n" + deep("> ", 500) + "```\n", -1},
		{"indented code opens nothing", "    " + deep("- ", 500), -1},
		{"thematic breaks are not items", strings.Repeat("- - -\n", 500), -1},
		{"tabs indent to 4", func() string {
			var b strings.Builder
			for i := range MaxNesting + 1 {
				fmt.Fprintf(&b, "%s- x\n", strings.Repeat("\t", i))
			}
			return b.String()
		}(), MaxNesting},
	} {
		line, ok := checkNesting([]byte(tc.body))
		if tc.line < 0 {
			if !ok {
				t.Errorf("%s: refused at line %d, want accepted", tc.name, line)
			}
			continue
		}
		if ok || line != tc.line {
			t.Errorf("%s: ok=%v line %d, want refused at line %d", tc.name, ok, line, tc.line)
		}
	}
}

// BenchmarkNestingAtLimit measures goldmark on a note nested MaxNesting
// deep, the slowest note the check lets through, and the check itself.
func BenchmarkNestingAtLimit(b *testing.B) {
	conv := New(Options{})
	body := []byte(nestedList(MaxNesting))
	b.Run("render", func(b *testing.B) {
		for b.Loop() {
			if _, err := conv.Render(context.Background(), Page{File: "x.md", BodyLine: 1, Body: body}); err != nil {
				b.Fatal(err)
			}
		}
	})
	deep := []byte(nestedList(3000))
	b.Run("check3000", func(b *testing.B) {
		for b.Loop() {
			checkNesting(deep)
		}
	})
}
