// Package katex typesets TeX math as MathML at build time, so a page with
// formulas needs no script and no web fonts: Chromium, Firefox and Safari
// draw MathML Core themselves.
//
// It runs KaTeX (katex.min.js, vendored unchanged from the npm package
// katex 0.19.1 with its MIT LICENSE beside it) inside goja, a JavaScript
// interpreter written in Go. No Go module typesets MathML, and KaTeX is the
// most complete TeX-to-MathML translator there is; a hand-written one would
// cover far less of what notes contain.
//
// Costs, measured on the build machine (BenchmarkStart, BenchmarkFormula):
// starting one interpreter and loading KaTeX takes about 40 ms and 6 MB of
// heap, paid once per interpreter; a formula then takes 0.2–0.8 ms.
// Interpreters are kept in a pool of at most min(GOMAXPROCS, 4), since a
// goja runtime must not be used by two goroutines at once; the pool is
// shared by every caller in the process, so serve rebuilds do not pay the
// start again, and a page without math never starts one.
//
// It does not draw KaTeX's HTML output (which needs KaTeX's CSS and fonts)
// and does not trust formulas: \href, \url, \includegraphics and \html*
// commands are refused, and macro expansion is bounded.
package katex

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/dop251/goja"
)

//go:embed katex.min.js
var katexJS string

// Timeout bounds one formula, so no input can hold a build forever.
const Timeout = 5 * time.Second

// render is the JavaScript entry point: MathML only, errors thrown, no
// trust, strict warnings ignored (notes are written for MathJax-based
// editors, which accept more than KaTeX's strict mode).
const render = `(function (tex, display) {
	return katex.renderToString(tex, {
		output: "mathml", displayMode: display, throwOnError: true,
		trust: false, strict: false, maxExpand: 1000, maxSize: 100
	});
})`

// Error is a formula KaTeX cannot typeset; Msg is KaTeX's explanation.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

type engine struct {
	vm     *goja.Runtime
	render goja.Callable
}

var (
	slots = make(chan struct{}, poolSize())
	idle  = make(chan *engine, poolSize())
)

func poolSize() int { return min(runtime.GOMAXPROCS(0), 4) }

// MathML typesets tex as a <math> element (display="block" when display
// is true), wrapped in KaTeX's <span class="katex"> (and
// <span class="katex-display"> for display math). A formula KaTeX rejects
// is an *Error.
func MathML(ctx context.Context, tex string, display bool) (string, error) {
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-slots }()
	var e *engine
	select {
	case e = <-idle:
	default:
		var err error
		if e, err = newEngine(); err != nil {
			return "", err
		}
	}
	out, reusable, err := e.typeset(tex, display)
	if reusable {
		idle <- e
	}
	return out, err
}

func newEngine() (*engine, error) {
	vm := goja.New()
	if _, err := vm.RunString(katexJS); err != nil {
		return nil, fmt.Errorf("load KaTeX: %v", err)
	}
	fn, err := vm.RunString(render)
	if err != nil {
		return nil, fmt.Errorf("load KaTeX: %v", err)
	}
	call, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, errors.New("load KaTeX: render is not a function")
	}
	return &engine{vm: vm, render: call}, nil
}

// typeset runs KaTeX on one formula. An engine whose timer fired is not
// reused: the interrupt may land after the formula ended.
func (e *engine) typeset(tex string, display bool) (out string, reusable bool, err error) {
	timer := time.AfterFunc(Timeout, func() { e.vm.Interrupt("timeout") })
	v, err := e.render(goja.Undefined(), e.vm.ToValue(tex), e.vm.ToValue(display))
	reusable = timer.Stop()
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return "", false, &Error{Msg: fmt.Sprintf("formula took longer than %v", Timeout)}
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return "", reusable, &Error{Msg: exceptionMessage(ex)}
	}
	if err != nil {
		return "", false, err
	}
	return v.String(), reusable, nil
}

// exceptionMessage is KaTeX's message without the interpreter's stack:
// "KaTeX parse error: Expected '}', got 'EOF' at end of input: \frac{".
func exceptionMessage(ex *goja.Exception) string {
	if obj, ok := ex.Value().(*goja.Object); ok {
		if m := obj.Get("message"); m != nil && !goja.IsUndefined(m) {
			return strings.TrimSpace(m.String())
		}
	}
	return ex.Value().String()
}
