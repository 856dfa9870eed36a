package main

// Shared support for the *_browser_test.go files: they drive the real CLI
// (run) and a headless Chromium the way a reader or an author would.

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"sitegen/internal/browsertest"
)

// browserSyncBuffer collects what a command running in another goroutine
// prints.
type browserSyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *browserSyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *browserSyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// browserTab is a fresh Chromium tab whose actions all end by timeout.
func browserTab(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(browsertest.New(t), timeout)
	t.Cleanup(cancel)
	return ctx
}

// browserRun runs actions, failing the test on an error.
func browserRun(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// browserEval evaluates a JavaScript expression into res.
func browserEval(t *testing.T, ctx context.Context, js string, res any) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, res)); err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
}

// browserWait polls the JavaScript expression js until it is true, for at
// most timeout. Errors while polling are expected (a reload destroys the
// page's context) and only reported if the wait fails.
func browserWait(t *testing.T, ctx context.Context, timeout time.Duration, what, js string) {
	t.Helper()
	if err := browserPoll(ctx, timeout, js); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

func browserPoll(ctx context.Context, timeout time.Duration, js string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	for {
		var ok bool
		try, stop := context.WithTimeout(ctx, 5*time.Second)
		err := chromedp.Run(try, chromedp.Evaluate(js, &ok))
		stop()
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return fmt.Errorf("%s is still false after %v (last error: %v)", js, timeout, last)
			}
			return fmt.Errorf("%s is still false after %v", js, timeout)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// browserLoaded is true once the page and its deferred and module scripts
// have run.
const browserLoaded = `document.readyState === "complete"`

// browserServe runs `sitegen serve` with args until the test ends and
// returns the URL it serves at. The server must stop cleanly (exit code 0)
// when its context is cancelled.
func browserServe(t *testing.T, args ...string) (string, *browserSyncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &browserSyncBuffer{}
	stopped := make(chan struct{})
	var code int
	go func() {
		defer close(stopped)
		code = run(ctx, append([]string{"serve"}, args...), out, out)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-stopped:
			if code != 0 {
				t.Errorf("sitegen serve exited with %d after cancel; output:\n%s", code, out)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("sitegen serve still running 30 s after cancel; output:\n%s", out)
		}
	})
	addr := regexp.MustCompile(`serving at (http://127\.0\.0\.1:\d+/)`)
	deadline := time.After(90 * time.Second)
	for {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
		select {
		case <-stopped:
			t.Fatalf("sitegen serve exited with %d before serving; output:\n%s", code, out)
		case <-deadline:
			t.Fatalf("sitegen serve printed no URL within 90 s; output:\n%s", out)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// browserBuildBundled builds the bundled study site (the repo root is the
// working directory of the test) into a temporary folder and serves that
// folder as a static host would. It returns the base URL without a
// trailing slash and the output folder.
func browserBuildBundled(t *testing.T) (string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"build", "--src", ".", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("sitegen build exited with %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv.URL, out
}

// browserOfflineServer builds the bundled site and serves it from a
// server of its own, which the test closes to read the site offline.
// http.FileServer answers Range requests, as Netlify does.
func browserOfflineServer(t *testing.T) *httptest.Server {
	t.Helper()
	_, out := browserBuildBundled(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv
}

// takeOnline returns what the page reported, less the failed requests
// to a server the test closed on purpose.
func (c *browserConsole) takeOnline() []string {
	var out []string
	for _, p := range c.take() {
		if !strings.Contains(p, "ERR_CONNECTION_REFUSED") && !strings.Contains(p, "Failed to load resource") {
			out = append(out, p)
		}
	}
	return out
}

// browserConsole records what a page reports as going wrong: uncaught
// exceptions, console.error and console.warn calls, and the browser's own
// error log entries (a failed request, a blocked script).
type browserConsole struct {
	mu       sync.Mutex
	problems []string
}

func listenBrowserConsole(ctx context.Context) *browserConsole {
	c := &browserConsole{}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			c.add("uncaught " + ev.ExceptionDetails.Error() + " at " + ev.ExceptionDetails.URL)
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type != cdpruntime.APITypeError && ev.Type != cdpruntime.APITypeWarning {
				return
			}
			var args []string
			for _, a := range ev.Args {
				if len(a.Value) > 0 {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			c.add("console." + string(ev.Type) + ": " + strings.Join(args, " "))
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError {
				c.add("browser log: " + ev.Entry.Text + " " + ev.Entry.URL)
			}
		}
	})
	return c
}

func (c *browserConsole) add(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, s)
}

// take returns what was recorded so far and forgets it.
func (c *browserConsole) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.problems
	c.problems = nil
	return p
}

// browserScreenshot saves the visible part of the page as name in
// $SITEGEN_SCREENSHOTS; without the variable it does nothing.
func browserScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SITEGEN_SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	browserRun(t, ctx, "screenshot "+name, chromedp.CaptureScreenshot(&png))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// browserClick clicks the first element matching the CSS selector, as a
// mouse would (scrolled into view, at its centre).
func browserClick(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	browserRun(t, ctx, "click "+selector, chromedp.Click(selector, chromedp.ByQuery, chromedp.NodeVisible))
}
