package generator

import (
	"fmt"
	"strings"
	"testing"
)

// lineDiff returns a unified diff of want and got by lines (3 lines of
// context, hunks headed "@@ -a,n +b,m @@"), at most maxLines lines long,
// or "" when they are equal. It is for test failures: a longest common
// subsequence over lines, fine for the few hundred lines of a golden page.
func lineDiff(wantName, gotName string, want, got []byte, maxLines int) string {
	a, b := splitLines(want), splitLines(got)
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind   byte // ' ', '-' or '+'
		line   string
		ai, bi int // line indexes before this op
	}
	var ops []op
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, op{' ', a[i], i, j})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', a[i], i, j}) // removals before additions, as diff -u
			i++
		default:
			ops = append(ops, op{'+', b[j], i, j})
			j++
		}
	}
	const context = 3
	var out []string
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		// A hunk: from context lines before the change to context lines
		// after the last change that is not farther than 2*context away.
		start := max(0, k-context)
		end := k
		for n := k; n < len(ops); n++ {
			if ops[n].kind != ' ' {
				end = n
			} else if n-end > 2*context {
				break
			}
		}
		end = min(len(ops), end+context+1)
		var aN, bN int
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				aN++
			}
			if o.kind != '-' {
				bN++
			}
		}
		out = append(out, fmt.Sprintf("@@ -%d,%d +%d,%d @@", ops[start].ai+1, aN, ops[start].bi+1, bN))
		for _, o := range ops[start:end] {
			out = append(out, string(o.kind)+strings.TrimSuffix(o.line, "\n"))
		}
		k = end
	}
	if len(out) == 0 {
		return ""
	}
	if len(out) > maxLines {
		out = append(out[:maxLines], fmt.Sprintf("… %d more lines", len(out)-maxLines))
	}
	return "--- " + wantName + "\n+++ " + gotName + "\n" + strings.Join(out, "\n")
}

// splitLines splits text after each newline; a last line without one
// differs from the same line with one.
func splitLines(text []byte) []string {
	lines := strings.SplitAfter(string(text), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func TestLineDiff(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	got := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	const diff = `--- want
+++ got
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
@@ -10,3 +10,4 @@
 j
 k
 l
+m`
	if d := lineDiff("want", "got", []byte(want), []byte(got), 100); d != diff {
		t.Errorf("lineDiff:\n%s\nwant:\n%s", d, diff)
	}
	if d := lineDiff("want", "got", []byte(want), []byte(want), 100); d != "" {
		t.Errorf("equal inputs: %q, want none", d)
	}
	if d := lineDiff("want", "got", []byte(want), []byte(got), 3); !strings.HasSuffix(d, "… 11 more lines") {
		t.Errorf("cut diff ends %q", d[strings.LastIndex(d, "\n")+1:])
	}
}
