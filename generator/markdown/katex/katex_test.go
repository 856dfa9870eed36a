package katex

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestMathML(t *testing.T) {
	got, err := MathML(context.Background(), `\frac{a}{b} < c`, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<math xmlns="http://www.w3.org/1998/Math/MathML">`, `<mfrac><mi>a</mi><mi>b</mi></mfrac>`, `<mo>&lt;</mo>`,
		`<annotation encoding="application/x-tex">\frac{a}{b} &lt; c</annotation>`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
	block, err := MathML(context.Background(), `x^2`, true)
	if err != nil || !strings.Contains(block, `display="block"`) {
		t.Errorf("display math = %s, %v", block, err)
	}
}

func TestErrors(t *testing.T) {
	for tex, want := range map[string]string{
		`\frac{`:         "KaTeX parse error: ",
		`\def\a{\a\a}\a`: "KaTeX parse error: Too many expansions",
	} {
		_, err := MathML(context.Background(), tex, false)
		var ke *Error
		if !errors.As(err, &ke) || !strings.HasPrefix(ke.Msg, want) || strings.Contains(ke.Msg, "<eval>") {
			t.Errorf("%s: err = %v, want a *Error starting %q", tex, err, want)
		}
	}
}

// Commands that link or add HTML are shown as their names, never obeyed.
func TestUntrusted(t *testing.T) {
	got, err := MathML(context.Background(), `\href{javascript:alert(1)}{y} \htmlClass{x}{y}`, false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "href=") || strings.Contains(got, `class="x"`) || !strings.Contains(got, `<mtext>\href</mtext>`) {
		t.Errorf("untrusted commands obeyed:\n%s", got)
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := MathML(context.Background(), `\sum_{k=0}^{n} k`, i%2 == 0); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkStart measures loading KaTeX into a fresh interpreter.
func BenchmarkStart(b *testing.B) {
	for b.Loop() {
		if _, err := newEngine(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormula measures one typical formula on a warm pool.
func BenchmarkFormula(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		if _, err := MathML(ctx, `\frac{-b \pm \sqrt{b^2-4ac}}{2a}`, false); err != nil {
			b.Fatal(err)
		}
	}
}
