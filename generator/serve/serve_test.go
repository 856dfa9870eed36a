package serve

import (
	"sitegen/generator/change"

	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/generator/srcerr"
)

// running is a Run in the background on a free port.
type running struct {
	url  string
	log  *syncBuffer
	root string
	stop func() error
}

func start(t *testing.T, b Builder, opts Options) *running {
	t.Helper()
	if opts.Root == "" {
		opts.Root = newSiteDir(t)
	}
	log := &syncBuffer{}
	opts.Log = log
	ctx, cancel := context.WithCancel(t.Context())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- Run(ctx, b, opts, func(u string) { urls <- u }) }()
	r := &running{log: log, root: opts.Root}
	stopped := false
	r.stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return after cancel")
			return nil
		}
	}
	t.Cleanup(func() { r.stop() })
	select {
	case r.url = <-urls:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server never became ready")
	}
	return r
}

// edit changes a file under the site root, so the watcher sees it.
func (r *running) edit(t *testing.T, rel string) {
	t.Helper()
	write(t, filepath.Join(r.root, filepath.FromSlash(rel)), time.Now().String())
}

type sse struct {
	event string
	data  map[string]any
}

// events connects to the event stream and returns what it receives.
func (r *running) events(t *testing.T) <-chan sse {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", r.url+"_sitegen/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	out := make(chan sse, 64)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data)
			case strings.HasPrefix(line, ":"):
				out <- sse{event: "heartbeat"}
			case line == "" && ev.event != "":
				out <- ev
				ev = sse{}
			}
		}
	}()
	return out
}

func next(t *testing.T, evs <-chan sse) sse {
	t.Helper()
	for {
		select {
		case ev, ok := <-evs:
			if !ok {
				t.Fatal("the event stream ended")
			}
			if ev.event == "heartbeat" {
				continue
			}
			return ev
		case <-time.After(10 * time.Second):
			t.Fatal("no event within 10s")
		}
	}
}

func expect(t *testing.T, evs <-chan sse, event string) sse {
	t.Helper()
	ev := next(t, evs)
	if ev.event != event {
		t.Fatalf("event %q %v, want %q", ev.event, ev.data, event)
	}
	return ev
}

func (r *running) status(t *testing.T) status {
	t.Helper()
	resp, err := http.Get(r.url + "_sitegen/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st status
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

func (r *running) page(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}

var logLine = regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d content/services/lambda\.md changed → rebuilt 1 pages in \d+ ms$`)

// The whole loop: an edit reloads open pages; a broken build shows its
// errors on every page, new ones too, and in the terminal; the fix hides
// them and reloads.
func TestLiveReload(t *testing.T) {
	fb := &fakeBuilder{}
	r := start(t, fb, Options{})
	evs := r.events(t)
	hello := expect(t, evs, "hello")
	if hello.data["build"] != 1.0 || hello.data["server"] == "" {
		t.Errorf("hello %v, want build 1 and a server id", hello.data)
	}

	r.edit(t, "content/services/lambda.md")
	if ev := expect(t, evs, "reload"); ev.data["build"] != 2.0 {
		t.Errorf("reload %v, want build 2", ev.data)
	}
	if got := fb.lastCall(); len(got) != 1 || got[0] != (Change{Path: "content/services/lambda.md", Kind: change.Note}) {
		t.Errorf("the builder got %v", got)
	}
	if _, body := r.page(t, "/services/lambda/"); !strings.Contains(body, "build 2") {
		t.Errorf("after the reload event the page is %q", body)
	}
	if !logLine.MatchString(r.log.String()) {
		t.Errorf("terminal:\n%s\nwant a line like %v", r.log, logLine)
	}

	// Break the build.
	fb.set(func(f *fakeBuilder) {
		f.err = srcerr.List{
			srcerr.New("content/services/lambda.md", 7, "facts.max_runtime: want a duration"),
			srcerr.New("content/services/ecs.md", 12, "broken link <b>/nope/</b>"),
		}
	})
	r.edit(t, "content/services/lambda.md")
	ev := expect(t, evs, "error")
	probs, _ := ev.data["problems"].([]any)
	if len(probs) != 2 {
		t.Fatalf("error event %v, want 2 problems", ev.data)
	}
	first := probs[0].(map[string]any)
	if first["file"] != "content/services/lambda.md" || first["line"] != 7.0 || first["msg"] != "facts.max_runtime: want a duration" {
		t.Errorf("first problem %v", first)
	}
	if !strings.Contains(r.log.String(), "content/services/lambda.md:7: facts.max_runtime: want a duration") {
		t.Errorf("the terminal does not show the error:\n%s", r.log)
	}
	// The last good site is still served.
	if _, body := r.page(t, "/services/lambda/"); !strings.Contains(body, "build 2") {
		t.Errorf("during the error the page is %q, want the last good build", body)
	}
	// A page opened now learns of the error on connecting.
	late := r.events(t)
	expect(t, late, "hello")
	if ev := expect(t, late, "error"); len(ev.data["problems"].([]any)) != 2 {
		t.Errorf("late error event %v", ev.data)
	}
	if st := r.status(t); st.OK || len(st.Problems) != 2 || st.Problems[1].Line != 12 {
		t.Errorf("status %+v", st)
	}

	// A second edit while broken: the builder is asked for a full build
	// from the files as they are, not to replay the failed batch.
	fb.set(func(f *fakeBuilder) { f.err = nil })
	r.edit(t, "content/services/ecs.md")
	expect(t, evs, "ok")
	expect(t, evs, "reload")
	expect(t, late, "ok")
	expect(t, late, "reload")
	if got := fb.lastCall(); len(got) != 0 {
		t.Errorf("after a failed build the next one must be full (no changes); got %v", got)
	}
	if st := r.status(t); !st.OK || st.Build != 3 {
		t.Errorf("status %+v, want ok at build 3", st)
	}
	t.Logf("terminal:\n%s", r.log)
}

func TestCSSOnlyAndNavigate(t *testing.T) {
	fb := &fakeBuilder{cssOnly: true}
	r := start(t, fb, Options{Navigate: true})
	evs := r.events(t)
	expect(t, evs, "hello")
	r.edit(t, "themes/default/assets/style.css")
	expect(t, evs, "css")

	fb.set(func(f *fakeBuilder) { f.cssOnly, f.changed = false, []string{"/services/lambda/"} })
	r.edit(t, "content/services/lambda.md")
	if ev := expect(t, evs, "reload"); ev.data["url"] != "/services/lambda/" {
		t.Errorf("reload %v, want the url of the changed page", ev.data)
	}
}

// A first build that fails still serves a page that shows the errors,
// and the fix brings the site.
func TestFirstBuildFails(t *testing.T) {
	fb := &fakeBuilder{err: srcerr.New("sitegen.toml", 3, "theme: no such theme")}
	r := start(t, fb, Options{})
	code, body := r.page(t, "/")
	if code != 200 || !strings.Contains(body, "could not be built") || !strings.Contains(body, `<script src="/_sitegen/reload.js" data-build=`) {
		t.Errorf("GET / after a failed first build: %d %q", code, body)
	}
	if code, _ := r.page(t, "/services/lambda/"); code != 404 {
		t.Errorf("other pages: %d, want 404 (the placeholder)", code)
	}
	evs := r.events(t)
	expect(t, evs, "hello")
	if ev := expect(t, evs, "error"); !strings.Contains(ev.data["problems"].([]any)[0].(map[string]any)["msg"].(string), "no such theme") {
		t.Errorf("error %v", ev.data)
	}
	fb.set(func(f *fakeBuilder) { f.err = nil })
	r.edit(t, "content/services/lambda.md")
	expect(t, evs, "ok")
	expect(t, evs, "reload")
	if got := fb.lastCall(); got != nil {
		t.Errorf("after a failed first build the next build must be full; got changes %v", got)
	}
	if _, body := r.page(t, "/services/lambda/"); !strings.Contains(body, "build 1") {
		t.Errorf("after the fix: %q", body)
	}
}

func TestPanickingBuild(t *testing.T) {
	n := 0
	r := start(t, BuilderFunc(func(ctx context.Context, _ []Change) (*Output, error) {
		if n++; n == 2 {
			panic("template exploded")
		}
		return &Output{Files: map[string][]byte{"index.html": []byte("ok")}}, nil
	}), Options{})
	evs := r.events(t)
	expect(t, evs, "hello")
	r.edit(t, "content/services/lambda.md")
	ev := expect(t, evs, "error")
	if !strings.Contains(ev.data["problems"].([]any)[0].(map[string]any)["msg"].(string), "template exploded") {
		t.Errorf("error %v", ev.data)
	}
}

func TestHeartbeat(t *testing.T) {
	saved := heartbeat
	heartbeat = 20 * time.Millisecond
	defer func() { heartbeat = saved }()
	r := start(t, &fakeBuilder{}, Options{})
	evs := r.events(t)
	expect(t, evs, "hello")
	for ev := range evs {
		if ev.event == "heartbeat" {
			return
		}
	}
	t.Fatal("no heartbeat")
}

// Cancelling the context stops the server even with pages connected.
func TestShutdown(t *testing.T) {
	r := start(t, &fakeBuilder{}, Options{})
	evs := r.events(t)
	expect(t, evs, "hello")
	if err := r.stop(); err != nil {
		t.Errorf("Run returned %v after cancel, want nil", err)
	}
	for range evs {
	}
	if _, err := http.Get(r.url); err == nil {
		t.Error("still serving after Run returned")
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	err = Run(t.Context(), &fakeBuilder{}, Options{Root: t.TempDir(), Port: port, Log: &syncBuffer{}}, nil)
	want := "port " + strconv.Itoa(port) + " is in use: pass --port 0 to pick a free one, or stop the other server"
	if err == nil || err.Error() != want {
		t.Errorf("Run on a busy port: %v, want %q", err, want)
	}
}

func TestBadRoot(t *testing.T) {
	err := Run(t.Context(), &fakeBuilder{}, Options{Root: filepath.Join(t.TempDir(), "nope"), Log: &syncBuffer{}}, nil)
	if err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("Run with a missing root: %v", err)
	}
}

func TestProblems(t *testing.T) {
	wrapped := errors.Join(errors.New("context"), srcerr.New("content/a.md", 2, "bad"))
	if got := problems(wrapped); len(got) != 1 || got[0] != (problem{File: "content/a.md", Line: 2, Msg: "bad"}) {
		t.Errorf("problems(wrapped *srcerr.Error) = %v", got)
	}
	if got := problems(errors.New("plain")); len(got) != 1 || got[0].String() != "plain" {
		t.Errorf("problems(plain) = %v", got)
	}
}

func TestSiteURL(t *testing.T) {
	for bind, want := range map[string]string{
		"127.0.0.1": "http://127.0.0.1:1313/",
		"0.0.0.0":   "http://127.0.0.1:1313/",
		"::":        "http://127.0.0.1:1313/",
		"::1":       "http://[::1]:1313/",
		"localhost": "http://localhost:1313/",
	} {
		if got := siteURL(bind, 1313); got != want {
			t.Errorf("siteURL(%q) = %q, want %q", bind, got, want)
		}
	}
}
