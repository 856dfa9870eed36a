package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"sitegen/internal/browsertest"
)

const (
	clientPath = "../../themes/default/assets/search.js"
	workerPath = "../../themes/default/assets/sw.js"
)

// testSite serves an index, search.js and tiny HTML pages that use it the
// way the default theme does, and counts the index bytes it sends. It
// honours Range requests (http.ServeContent, as static hosts do) unless
// ignoreRange is set (under mu). It also serves the theme's service
// worker, /sw.js, which no page registers by itself.
type testSite struct {
	*httptest.Server
	mu          sync.Mutex
	ignoreRange bool
	sent        map[string]int // index file → bytes sent
	total       int
	partial     int // 206 answers
}

// countingWriter counts the body bytes written through it.
type countingWriter struct {
	http.ResponseWriter
	n, status int
}

func (c *countingWriter) WriteHeader(status int) {
	c.status = status
	c.ResponseWriter.WriteHeader(status)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += n
	return n, err
}

const searchBox = `<input id="search-input" type="search" autocomplete="off">
<div id="search-results" hidden></div>`

// The theme's main.js imports search.js on the first focus of the box.
const loader = `<script type="module">
window.alerted = 0;
window.alert = () => window.alerted++;
const input = document.getElementById("search-input");
input.addEventListener("focus", async () => {
  window.search = await import("/search.js");
  window.search.init({ input, results: document.getElementById("search-results"), base: "/search/" });
  window.ready = true;
}, { once: true });
</script>`

func newTestSite(t *testing.T, ix *Index, docs []Doc) *testSite {
	s := &testSite{sent: map[string]int{}}
	js, err := os.ReadFile(clientPath)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]Doc{}
	for _, d := range docs {
		pages[d.URL] = d
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/search.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(js)
	})
	sw, err := os.ReadFile(workerPath)
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("/sw.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(sw)
	})
	mux.HandleFunc("/search/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/search/")
		b, ok := ix.Files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		cw := &countingWriter{ResponseWriter: w}
		s.mu.Lock()
		ignore := s.ignoreRange
		s.mu.Unlock()
		if ignore {
			cw.Write(b)
		} else {
			http.ServeContent(cw, r, name, time.Time{}, bytes.NewReader(b))
		}
		s.mu.Lock()
		s.sent[name] += cw.n
		s.total += cw.n
		if cw.status == http.StatusPartialContent {
			s.partial++
		}
		s.mu.Unlock()
	})
	mux.HandleFunc("/results/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><meta charset="utf-8"><div id="r"></div><script type="module">
import { renderResultsPage } from "/search.js";
renderResultsPage(document.getElementById("r"), undefined, { base: "/search/" }).then(() => window.ready = true);
</script>`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<!doctype html><meta charset="utf-8"><title>test</title>` + searchBox + "<main>")
		if d, ok := pages[r.URL.Path]; ok {
			fmt.Fprintf(&b, "<h1>%s</h1>", html.EscapeString(d.Title))
			// The facts come before the first section, as in the theme.
			for _, f := range d.Facts {
				fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(f))
			}
			for _, p := range d.Parts {
				if p.Heading != "" {
					fmt.Fprintf(&b, "<h2 id=%q>%s</h2>", p.Anchor, html.EscapeString(p.Heading))
				}
				fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p.Text))
			}
			b.WriteString(`</main><script type="module">import("/search.js").then(m => { window.marked = m.highlightFromURL(); })</script>`)
		} else {
			b.WriteString("</main>")
		}
		b.WriteString(loader)
		fmt.Fprint(w, b.String())
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *testSite) setIgnoreRange(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ignoreRange = on
}

func (s *testSite) bytesSent() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// result is what the dropdown shows for one hit.
type result struct {
	Title, Path, Snippet, Href string
	Marks                      []string
}

const readResults = `[...document.querySelectorAll("#search-results .sr-item")].map(a => ({
  Title: a.querySelector(".sr-title").textContent,
  Path: a.querySelector(".sr-path").textContent,
  Snippet: a.querySelector(".sr-snippet").textContent,
  Href: a.getAttribute("href"),
  Marks: [...a.querySelectorAll(".sr-snippet mark")].map(m => m.textContent),
}))`

// query types q into the focused search box and returns the results shown.
func query(t *testing.T, ctx context.Context, q string) []result {
	t.Helper()
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("search-input").value = ""`, nil),
		chromedp.SendKeys("#search-input", q, chromedp.ByID),
	)
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	return shown(t, ctx, q)
}

// pasted puts q in the search box in one input event, as a paste does,
// and returns its results: the first query's bytes then do not depend on
// how fast a loaded machine delivers key events.
func pasted(t *testing.T, ctx context.Context, q string) []result {
	t.Helper()
	qs, _ := json.Marshal(q)
	err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`{
  const box = document.getElementById("search-input");
  box.value = %s;
  box.dispatchEvent(new Event("input", {bubbles: true}));
}`, qs), nil))
	if err != nil {
		t.Fatalf("paste %q: %v", q, err)
	}
	return shown(t, ctx, q)
}

// shown waits for the results of q and returns them.
func shown(t *testing.T, ctx context.Context, q string) []result {
	t.Helper()
	var done bool
	var res []result
	qs, _ := json.Marshal(q)
	err := chromedp.Run(ctx,
		chromedp.Poll(fmt.Sprintf(`document.getElementById("search-results").dataset.query === %s`, qs), &done, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(readResults, &res),
	)
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	return res
}

// logConsole reports the page's console messages and exceptions in t's log.
func logConsole(t *testing.T, ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			t.Logf("console.%s: %s", ev.Type, strings.Join(args, " "))
		case *runtime.EventExceptionThrown:
			t.Logf("exception: %s", ev.ExceptionDetails.Error())
		}
	})
}

func titles(rs []result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Title)
	}
	return out
}

// browserFixture builds the fixture's index, serves it, and opens a tab
// with a minute to work in.
func browserFixture(t *testing.T) (context.Context, *Index, *testSite) {
	t.Helper()
	ctx, cancel := context.WithTimeout(browsertest.New(t), 60*time.Second)
	t.Cleanup(cancel)
	ix, err := Build(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return ctx, ix, newTestSite(t, ix, fixture)
}

func TestBrowser(t *testing.T) {
	ctx, _, site := browserFixture(t)
	logConsole(t, ctx)

	// A headless tab never has the system focus: without focus emulation,
	// focus events do not fire.
	if err := chromedp.Run(ctx, emulation.SetFocusEmulationEnabled(true), chromedp.Navigate(site.URL+"/"), chromedp.WaitReady("#search-input", chromedp.ByID), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if n := site.bytesSent(); n != 0 {
		t.Errorf("%d index bytes fetched before the search box was focused", n)
	}
	var ready bool
	if err := chromedp.Run(ctx, chromedp.Focus("#search-input", chromedp.ByID), chromedp.Poll("window.ready", &ready)); err != nil {
		t.Fatal(err)
	}

	t.Run("terms match Go", func(t *testing.T) {
		for _, c := range termCases(t) {
			in, _ := json.Marshal(c[0])
			var got string
			if err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`search.toks(%s).map(search.term).filter(Boolean).join(" ")`, in), &got)); err != nil {
				t.Fatal(err)
			}
			if got != c[1] {
				t.Errorf("search.js terms of %q = %q, want %q", c[0], got, c[1])
			}
		}
	})

	for _, c := range []struct {
		query, first string
		marks        []string // in the first hit's snippet
	}{
		{"lambda", "AWS Lambda", []string{"Lambda"}},
		{"lamda", "AWS Lambda", []string{"Lambda"}},             // typo: one deletion
		{"lamdba", "AWS Lambda", []string{"Lambda"}},            // typo: transposition
		{"fargat", "AWS Fargate", []string{"Fargate"}},          // prefix of fargate
		{"fargaet ", "AWS Fargate", []string{"Fargate"}},        // typo, word complete
		{"serverl", "Serverless containers compared", nil},      // prefix
		{"cold start", "AWS Lambda", []string{"cold", "start"}}, // heading part
		{`"fifteen minutes"`, "AWS Batch", []string{"fifteen", "minutes"}},
		{`"fifteen minute limit"`, "AWS Fargate", []string{"fifteen", "minute", "limit"}},
		{"provisioned concurrency", "AWS Lambda", []string{"Provisioned", "concurrency"}},
	} {
		rs := query(t, ctx, c.query)
		if testing.Verbose() {
			for _, r := range rs {
				t.Logf("%-24q %s | %s | %s | %s %q", c.query, r.Title, r.Path, r.Href, r.Snippet, r.Marks)
			}
		}
		if len(rs) == 0 || rs[0].Title != c.first {
			t.Errorf("%q: got %q, want %q first", c.query, titles(rs), c.first)
			continue
		}
		if c.marks != nil && fmt.Sprint(rs[0].Marks) != fmt.Sprint(c.marks) {
			t.Errorf("%q: marked %q in %q, want %q", c.query, rs[0].Marks, rs[0].Snippet, c.marks)
		}
		if strings.HasPrefix(c.query, `"`) && len(rs) != 1 {
			t.Errorf("%q: got %q, want one page", c.query, titles(rs))
		}
	}
	if rs := query(t, ctx, "cold start"); len(rs) > 0 && !strings.HasSuffix(rs[0].Href, "#cold-starts") {
		t.Errorf("cold start: links to %s, want #cold-starts", rs[0].Href)
	}
	if rs := query(t, ctx, "qqqzzz"); len(rs) != 0 {
		t.Errorf("qqqzzz: got %q", titles(rs))
	}
	site.mu.Lock()
	if site.partial == 0 {
		t.Error("no page record read by byte range (206)")
	}
	site.mu.Unlock()

	t.Run("injection shows as text", func(t *testing.T) {
		rs := query(t, ctx, "injection")
		if len(rs) != 1 || !strings.Contains(rs[0].Title, "<script>alert(1)</script>") || !strings.Contains(rs[0].Snippet, "<img src=x") {
			t.Fatalf("got %+v", rs)
		}
		var n struct{ Elements, Alerted int }
		err := chromedp.Run(ctx, chromedp.Sleep(300*time.Millisecond), chromedp.Evaluate(`({
			Elements: document.querySelectorAll("#search-results :is(img, script, b)").length,
			Alerted: window.alerted })`, &n))
		if err != nil || n.Elements != 0 || n.Alerted != 0 {
			t.Errorf("injected elements: %+v, %v", n, err)
		}
	})

	t.Run("escape closes", func(t *testing.T) {
		query(t, ctx, "lambda")
		var hidden bool
		if err := chromedp.Run(ctx, chromedp.SendKeys("#search-input", kb.Escape, chromedp.ByID), chromedp.Evaluate(`document.getElementById("search-results").hidden`, &hidden)); err != nil || !hidden {
			t.Errorf("results hidden after Escape: %v, %v", hidden, err)
		}
	})

	t.Run("arrow down and enter", func(t *testing.T) {
		rs := query(t, ctx, "fargate")
		if len(rs) < 2 {
			t.Fatalf("got %q", titles(rs))
		}
		var selected string
		var path string
		var marked, k int
		// Sub-results are options too: go down to the second page's.
		err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("#search-results [role=option]")].indexOf(document.querySelectorAll("#search-results .sr-item")[1])`, &k))
		if err != nil || k < 1 {
			t.Fatalf("second result at option %d: %v", k, err)
		}
		err = chromedp.Run(ctx,
			chromedp.SendKeys("#search-input", strings.Repeat(kb.ArrowDown, k+1), chromedp.ByID),
			chromedp.Evaluate(`document.querySelector("#search-results [aria-selected=true] .sr-title").textContent`, &selected),
			chromedp.SendKeys("#search-input", kb.Enter, chromedp.ByID),
		)
		if err != nil {
			t.Fatal(err)
		}
		// Evaluate fails while the page changes: retry.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			var st struct {
				Path   string
				Marked *int
			}
			if chromedp.Run(ctx, chromedp.Evaluate(`({Path: location.pathname, Marked: window.marked})`, &st)) == nil && st.Marked != nil {
				path, marked = st.Path, *st.Marked
				break
			}
		}
		if selected != rs[1].Title {
			t.Errorf("second ArrowDown selected %q, want %q", selected, rs[1].Title)
		}
		if want := strings.SplitN(rs[1].Href, "?", 2)[0]; path != want {
			t.Errorf("Enter went to %s, want %s", path, want)
		}
		if marked == 0 {
			t.Errorf("no term marked on %s", path)
		}
	})

	t.Run("results page", func(t *testing.T) {
		var n int
		err := chromedp.Run(ctx,
			chromedp.Navigate(site.URL+"/results/?q=serverless"),
			chromedp.Poll("window.ready", &ready),
			chromedp.Evaluate(`document.querySelectorAll("#r .sr-item").length`, &n),
		)
		if err != nil || n < 3 {
			t.Errorf("results page shows %d results, %v", n, err)
		}
	})
}

// TestBrowserNoRange serves the index from a server that ignores Range
// (200 and the whole file, as some static servers do): search.js slices
// the page shard itself, and results show their snippets as with Range.
func TestBrowserNoRange(t *testing.T) {
	ctx, ix, site := browserFixture(t)
	site.setIgnoreRange(true)
	logConsole(t, ctx)
	err := chromedp.Run(ctx, emulation.SetFocusEmulationEnabled(true), chromedp.Navigate(site.URL+"/"),
		chromedp.WaitReady("#search-input", chromedp.ByID), chromedp.Focus("#search-input", chromedp.ByID), chromedp.Poll("window.ready", nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, first, mark string }{
		{"lambda", "AWS Lambda", "Lambda"},
		{"cold start", "AWS Lambda", "cold"},
		{`"fifteen minutes"`, "AWS Batch", "fifteen"},
	} {
		rs := query(t, ctx, c.query)
		if len(rs) == 0 || rs[0].Title != c.first || rs[0].Snippet == "" || !slices.Contains(rs[0].Marks, c.mark) {
			t.Errorf("%q: got %+v, want %q first with %q marked in its snippet", c.query, rs, c.first, c.mark)
		}
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	for name, n := range site.sent {
		if strings.Contains(name, "/d/") && n != len(ix.Files[name]) {
			t.Errorf("%s: %d bytes sent, want the whole file once (%d)", name, n, len(ix.Files[name]))
		}
	}
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// TestBrowserServiceWorkerRanges checks how the theme's service worker
// (offline reading) answers the Range requests search.js makes for page
// shards: passed to the network while it has no copy, the range kept
// under a key of its own and answered from it the next time; the whole
// file kept when a server sent it whole; and any Range request then
// answered from that copy, sliced into a 206, without the network.
func TestBrowserServiceWorkerRanges(t *testing.T) {
	ctx, ix, site := browserFixture(t)
	logConsole(t, ctx)
	var shard string
	for name := range ix.Files {
		if strings.Contains(name, "/d/") {
			shard = name
		}
	}
	err := chromedp.Run(ctx, chromedp.Navigate(site.URL+"/"),
		chromedp.Evaluate(`navigator.serviceWorker.register("/sw.js").then(() => true)`, nil, awaitPromise),
		chromedp.Poll(`navigator.serviceWorker.ready.then(() => true)`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Reload(),
		chromedp.Poll(`!!navigator.serviceWorker.controller`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		Status      int
		Range       string
		Bytes       []int
		Cached      bool
		FromNetwork int
	}
	get := func(rng string) answer {
		t.Helper()
		before := func() int { site.mu.Lock(); defer site.mu.Unlock(); return site.sent[shard] }()
		var a answer
		err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`(async () => {
  const r = await fetch("/search/%s", { headers: { Range: %q } });
  const b = [...new Uint8Array(await r.arrayBuffer())];
  const c = await caches.open("sitegen-assets:/");
  return { Status: r.status, Range: r.headers.get("Content-Range") || "", Bytes: b, Cached: !!(await c.match("/search/%s")) };
})()`, shard, rng, shard), &a, awaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		site.mu.Lock()
		a.FromNetwork = site.sent[shard] - before
		site.mu.Unlock()
		return a
	}
	file := ix.Files[shard]
	ints := func(b []byte) []int {
		out := make([]int, len(b))
		for i, c := range b {
			out[i] = int(c)
		}
		return out
	}
	if a := get("bytes=0-7"); a.Status != 206 || !slices.Equal(a.Bytes, ints(file[:8])) || a.Cached || a.FromNetwork != 8 {
		t.Errorf("no copy: got %d %q %v, kept %v, %d B from the network; want 206, the first 8 bytes, not kept", a.Status, a.Range, a.Bytes, a.Cached, a.FromNetwork)
	}
	// The range read is kept on its own, so the snippets a reader has
	// seen show again offline.
	err = chromedp.Run(ctx, chromedp.Poll(fmt.Sprintf(`caches.open("sitegen-assets:/").then((c) => c.keys()).then((ks) => ks.some((k) => k.url.endsWith("/search/%s?sitegen-range=0-7")))`, shard),
		nil, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("the range read was not kept: %v", err)
	}
	want := fmt.Sprintf("bytes 0-7/%d", len(file))
	if a := get("bytes=0-7"); a.Status != 206 || a.Range != want || !slices.Equal(a.Bytes, ints(file[:8])) || a.FromNetwork != 0 {
		t.Errorf("the same range again: got %d %q %v, %d B from the network; want 206 %q, the first 8 bytes, none", a.Status, a.Range, a.Bytes, a.FromNetwork, want)
	}
	site.setIgnoreRange(true)
	if a := get("bytes=0-5"); a.Status != 200 || len(a.Bytes) != len(file) {
		t.Errorf("server ignoring Range: got %d, %d bytes; want 200, the whole file (%d B)", a.Status, len(a.Bytes), len(file))
	}
	// The worker stores the copy after answering.
	err = chromedp.Run(ctx, chromedp.Poll(fmt.Sprintf(`caches.open("sitegen-assets:/").then((c) => c.match("/search/%s")).then(Boolean)`, shard),
		nil, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("server ignoring Range: the whole file was not kept: %v", err)
	}
	site.setIgnoreRange(false)
	want = fmt.Sprintf("bytes 4-11/%d", len(file))
	if a := get("bytes=4-11"); a.Status != 206 || a.Range != want || !slices.Equal(a.Bytes, ints(file[4:12])) || a.FromNetwork != 0 {
		t.Errorf("from the copy: got %d %q %v, %d B from the network; want 206 %q %v, none", a.Status, a.Range, a.Bytes, a.FromNetwork, want, ints(file[4:12]))
	}
}

// TestBrowserBytes prints what search.js downloads for queries on
// synthetic sites, pasted at once or typed a letter every 150 ms (go test -run
// BrowserBytes -v), and checks the first-query budget on the pasted query.
// Typed letter by letter, the box must end on the same results as pasted:
// an answer for an earlier prefix arriving late may not replace them.
// Not with -short.
func TestBrowserBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds large indexes")
	}
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	_, jsGz := clientJS(t)
	for _, n := range sizes() {
		docs := synthCorpus(n)
		ix, err := Build(docs)
		if err != nil {
			t.Fatal(err)
		}
		site := newTestSite(t, ix, nil)
		limit := firstQueryLimit(n)
		phrase := `"` + strings.Join(strings.Fields(docs[n/2].Parts[0].Text)[4:7], " ") + `"`
		for _, q := range []string{"lambda", "lamda", "fargte", "serverless memory", "deploying network", phrase, "kaloberfin", "kalobrfin"} {
			var whole []result // the results of the pasted query
			for _, slow := range []bool{false, true} {
				err := chromedp.Run(ctx, emulation.SetFocusEmulationEnabled(true), chromedp.Navigate(site.URL+"/"),
					chromedp.Focus("#search-input", chromedp.ByID), chromedp.Poll("window.ready", nil))
				if err != nil {
					t.Fatal(err)
				}
				site.mu.Lock()
				site.total = 0
				site.mu.Unlock()
				var rs []result
				if slow {
					for i := range q {
						if err := chromedp.Run(ctx, chromedp.SendKeys("#search-input", q[i:i+1], chromedp.ByID), chromedp.Sleep(150*time.Millisecond)); err != nil {
							t.Fatalf("typing %q: %v", q[:i+1], err)
						}
					}
					rs = shown(t, ctx, q)
					if !slices.EqualFunc(rs, whole, func(a, b result) bool { return a.Href == b.Href }) {
						t.Errorf("%d pages, %q typed a letter at a time shows %d results, pasted %d: %v, want %v", n, q, len(rs), len(whole), hrefs(rs), hrefs(whole))
					}
				} else {
					rs = pasted(t, ctx, q)
					whole = rs
				}
				total := site.bytesSent() + jsGz
				how := "pasted at once"
				if slow {
					how = "a letter every 150 ms"
				}
				t.Logf("%5d pages %-20q %-22s %2d results  %6d B (index %d + js %d)", n, q, how, len(rs), total, total-jsGz, jsGz)
				if !slow && total > limit {
					t.Errorf("%d pages, %q: first query %d B, over %d", n, q, total, limit)
				}
			}
		}
	}
}

// hrefs lists where results lead, for messages.
func hrefs(rs []result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Href
	}
	return out
}
