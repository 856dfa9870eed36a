package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestNewDrivesPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>Hello</title><p id=p>from the server</p>`)
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(New(t), 30*time.Second)
	defer cancel()
	var title, text string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL),
		chromedp.Title(&title),
		chromedp.Text("#p", &text, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if title != "Hello" || text != "from the server" {
		t.Errorf("got title %q, text %q", title, text)
	}
}

// fakeTB records how New gave up. Skip and Fatal end the calling
// goroutine, as the real ones do.
type fakeTB struct {
	testing.TB
	skipped, failed bool
	msg             string
	cleanups        []func()
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }

func (f *fakeTB) end(skip bool, args ...any) {
	f.skipped, f.failed, f.msg = skip, !skip, fmt.Sprint(args...)
	runtime.Goexit()
}

func (f *fakeTB) Skip(args ...any)                 { f.end(true, args...) }
func (f *fakeTB) Skipf(format string, args ...any) { f.end(true, fmt.Sprintf(format, args...)) }
func (f *fakeTB) Fatal(args ...any)                { f.end(false, args...) }
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.end(false, fmt.Sprintf(format, args...))
}

func runNew(f *fakeTB) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		New(f)
	}()
	<-done
	for _, fn := range f.cleanups {
		fn()
	}
}

func TestNewWithoutChromium(t *testing.T) {
	t.Setenv("SITEGEN_CHROME", "/nonexistent/chromium")

	t.Setenv("SITEGEN_REQUIRE_BROWSER", "")
	f := &fakeTB{}
	runNew(f)
	if !f.skipped || !strings.Contains(f.msg, "apt-get install chromium") {
		t.Errorf("without SITEGEN_REQUIRE_BROWSER: skipped=%v failed=%v %q; want a skip naming the install command", f.skipped, f.failed, f.msg)
	}

	t.Setenv("SITEGEN_REQUIRE_BROWSER", "1")
	f = &fakeTB{}
	runNew(f)
	if !f.failed || !strings.Contains(f.msg, "apt-get install chromium") {
		t.Errorf("with SITEGEN_REQUIRE_BROWSER=1: skipped=%v failed=%v %q; want a failure naming the install command", f.skipped, f.failed, f.msg)
	}
}
