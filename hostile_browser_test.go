package main

// Issue 12, "Safe with untrusted notes", in Chromium: the hostile-notes
// fixture (generator/testdata/notes/hostile) is built with a plain
// `sitegen build`, its attacker address pointed at a live listener on
// loopback, and every page of the output is opened from a plain static
// server. No script of a note may run: no request reaches the listener,
// no JavaScript dialog opens, and the pages load nothing from anywhere but
// their own origin.

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// hostilePlaceholder is where the fixture's attacks send what they steal.
const hostilePlaceholder = "127.0.0.1:9/hostile"

// hostileRecorder notes everything that reaches the attacker's listener,
// every dialog a page opens and every request a page makes.
type hostileRecorder struct {
	mu       sync.Mutex
	hits     []string
	dialogs  []string
	requests []string
}

func (r *hostileRecorder) add(list *[]string, s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	*list = append(*list, s)
}

func (r *hostileRecorder) take() (hits, dialogs, requests []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	hits, dialogs, requests = r.hits, r.dialogs, r.requests
	r.hits, r.dialogs, r.requests = nil, nil, nil
	return
}

// hostileSite copies the fixture, points its attacks at listener and
// builds it with the CLI; it returns the output folder.
func hostileSite(t *testing.T, listener string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "hostile")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("generator", "testdata", "notes", "hostile"))); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, []byte(strings.ReplaceAll(string(data), hostilePlaceholder, listener+"/hostile")), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, output := notesBuild(t, "--src", src, "--out", out); code != 0 {
		t.Fatalf("the hostile fixture must build (with warnings); sitegen build exited with %d:\n%s", code, output)
	}
	return out
}

// hostilePages lists the URL path of every HTML page in out, plus the
// search page asked for the attacks' words.
func hostilePages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		segs := strings.Split(filepath.ToSlash(rel), "/")
		if segs[len(segs)-1] == "index.html" {
			segs[len(segs)-1] = ""
		}
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		pages = append(pages, "/"+strings.Join(segs, "/"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return append(pages, "/search/?q=alert", "/search/?q=script", "/search/?q=onerror")
}

// hostileActivate clicks, from script, every link whose scheme is not
// http(s) — a reader clicking a diagram node or a link in a note — and
// focuses every form field; it returns how many links it clicked.
const hostileActivate = `(() => {
	let n = 0;
	for (const a of document.querySelectorAll("a")) {
		const raw = a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href") || "";
		let scheme;
		try { scheme = new URL(raw, location.href).protocol; } catch (e) { continue; }
		if (scheme === "http:" || scheme === "https:") continue;
		a.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
		n++;
	}
	for (const el of document.querySelectorAll("main input, main button, main [tabindex]")) el.focus();
	return n;
})()`

func TestBrowserHostileNotes(t *testing.T) {
	t.Parallel() // the two longest browser tests overlap their page loads
	rec := &hostileRecorder{}
	attacker := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(&rec.hits, r.Method+" "+r.URL.String())
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(attacker.Close)
	listener := strings.TrimPrefix(attacker.URL, "http://")

	out := hostileSite(t, listener)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)

	ctx := browserTab(t, 5*time.Minute)
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			rec.add(&rec.dialogs, string(ev.Type)+": "+ev.Message)
			// A dialog blocks the page: dismiss it so the test goes on.
			go func() { _ = chromedp.Run(ctx, page.HandleJavaScriptDialog(false)) }()
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") && u != "about:blank" {
				rec.add(&rec.requests, u)
			}
		}
	})
	// The tab starts on the site, so a first page's requests are judged
	// against the right origin.
	browserRun(t, ctx, "open the site", chromedp.Navigate(srv.URL+"/"))

	pages := hostilePages(t, out)
	if len(pages) < 10 {
		t.Fatalf("only %d pages in the output: %v", len(pages), pages)
	}
	clicked := 0
	for _, p := range pages {
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+p)); err != nil {
			t.Errorf("open %s: %v", p, err)
			continue
		}
		if err := browserPoll(ctx, 20*time.Second, browserLoaded); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		time.Sleep(150 * time.Millisecond) // timers, refreshes, late image errors
		var n int
		if err := chromedp.Run(ctx, chromedp.Evaluate(hostileActivate, &n)); err == nil {
			clicked += n
		}
		time.Sleep(150 * time.Millisecond)
		var origin string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`location.origin`, &origin)); err == nil && origin != srv.URL {
			t.Errorf("%s navigated the reader away, to %s", p, origin)
		}
		hits, dialogs, requests := rec.take()
		for _, h := range hits {
			t.Errorf("%s: a request reached the attacker's listener: %s", p, h)
		}
		for _, d := range dialogs {
			t.Errorf("%s: a note's script opened a dialog (%s)", p, d)
		}
		for _, r := range requests {
			t.Errorf("%s: the page requested %s, outside its own origin", p, r)
		}
	}
	t.Logf("opened %d pages, clicked %d non-http links", len(pages), clicked)
}
