// Command bench-search compares sitegen's built-in search with Pagefind
// on the same built sites: the bundled study site and synthetic sites of
// 1,000 and 10,000 notes of realistic text (internal/synth, WriteRealistic:
// a Zipf-distributed vocabulary of tens of thousands of words).
//
// For each site it builds with generator.Build (as `sitegen build` does,
// but without D2: diagram fences stay code blocks) and runs Pagefind on
// the same output folder, then prints a Markdown table of
//
//   - the index build time: sitegen's "search" stage, and its share of the
//     whole build; Pagefind's wall time through npx (node start-up
//     included) and the time Pagefind reports itself;
//   - the index size: every file under public/search/ and public/pagefind/
//     (Pagefind's folder includes its UI scripts and styles);
//   - the time from the last keystroke to the results painted, for a
//     first query and then a new query on the warm index, typed a key
//     every 120 ms into the search box (latency.go); for Pagefind, from
//     pagefind.search() to the top five results' data and the next frame;
//   - per query, the bytes a first query transfers and the top three
//     results. Each query runs in a fresh page load with the browser cache
//     off, served from 127.0.0.1 by a file server that gzips JavaScript,
//     CSS, JSON and HTML as a static host would. sitegen: the search box
//     is focused and the query typed, as a reader does, and the requests
//     made from the focus until the results show and the network is quiet
//     are summed (search.js, search.css, index files). Pagefind: from the
//     same page, `await import("/pagefind/pagefind.js")`, `pagefind.search(q)`
//     and `data()` of the top five results, as its UI does, summing every
//     request (pagefind.js, the WebAssembly, the entry, index chunks and
//     fragments). Sizes are response bodies as the server sent them
//     (headers not included; for the Range requests that read sitegen's
//     page records, the bytes of the range), counted at the server, so
//     that the requests of Pagefind's web worker count too; the theme's
//     service worker is bypassed.
//
// Run it from the repository root; it needs Chromium (as `sitegen pdf`
// does: apt-get install chromium) and npx with access to the npm
// registry:
//
//	go run ./scripts/bench-search                       # bundled site and 1,000 notes
//	go run ./scripts/bench-search -sites bundled,1000,10000
//	go run ./scripts/bench-search -sites 1000 -keep /tmp/bench   # keep the built sites
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"sitegen/generator"
	"sitegen/generator/pdf"
	"sitegen/internal/synth"
)

const pagefindPkg = "pagefind@1.6.0"

// Queries per site: the bundled site's cover a word, a typo, a prefix
// typed so far, two words and a quoted phrase; the synthetic sites' use
// words of synth's vocabulary the same ways.
var (
	bundledQueries = []string{"lambda", "runtme", "fargat", "batch jobs", `"no time limit"`}
	synthQueries   = []string{"snapshot", "snapshto", "throughp", "spot capacity", `"load balancer"`}
)

func main() {
	sites := flag.String("sites", "bundled,1000", "comma-separated: bundled and/or numbers of synthetic notes")
	keep := flag.String("keep", "", "build the sites in this folder and keep them (default: a temporary folder, removed)")
	flag.Parse()
	if err := run(*sites, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench-search:", err)
		os.Exit(1)
	}
}

func run(sites, keep string) error {
	work := keep
	if work == "" {
		dir, err := os.MkdirTemp("", "bench-search-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	if _, err := os.Stat("sitegen.toml"); err != nil {
		return fmt.Errorf("run from the repository root: %w", err)
	}
	chrome, err := pdf.FindChrome("")
	if err != nil {
		return err
	}
	// npx downloads Pagefind once; keep that out of the timings.
	if out, err := exec.Command("npx", "--yes", pagefindPkg, "--version").CombinedOutput(); err != nil {
		return fmt.Errorf("npx %s: %v\n%s", pagefindPkg, err, out)
	}
	ctx := context.Background()
	browser, cancel, err := pdf.Launch(ctx, chrome)
	if err != nil {
		return err
	}
	defer cancel()

	for _, name := range strings.Split(sites, ",") {
		name = strings.TrimSpace(name)
		src, queries, pair := ".", bundledQueries, bundledLatency
		if name != "bundled" {
			n, err := strconv.Atoi(name)
			if err != nil || n < 1 {
				return fmt.Errorf("-sites: %q is neither bundled nor a number of notes", name)
			}
			src, queries, pair = filepath.Join(work, "src-"+name), synthQueries, synthLatency
			if err := writeSynth(src, n); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "bench-search: %s site…\n", name)
		r, err := benchSite(ctx, browser, src, filepath.Join(work, "public-"+name), queries, pair)
		if err != nil {
			return fmt.Errorf("%s site: %w", name, err)
		}
		r.print(os.Stdout, name)
	}
	return nil
}

func writeSynth(dir string, n int) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	var failed error
	synth.WriteRealistic(n, func(name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil && failed == nil {
			failed = err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil && failed == nil {
			failed = err
		}
	})
	return failed
}

// report is one site's measurements.
type report struct {
	pages                  int
	build, index           time.Duration // sitegen: whole build, search stage
	pfWall, pfSelf         time.Duration // Pagefind: through npx, as it reports
	ixBytes, pfBytes       int64
	ixFiles, pfFiles       int
	queries                []string
	ixQuery, pfQuery       []int64    // bytes of each query
	ixResults, pfResults   [][]string // top three URL paths of each query
	ixRequests, pfRequests []int
	pair                   [2]string
	lat                    latencies
}

func benchSite(ctx context.Context, browser context.Context, src, out string, queries []string, pair [2]string) (*report, error) {
	if err := os.RemoveAll(out); err != nil {
		return nil, err
	}
	res, err := generator.Build(ctx, generator.Config{Src: src, Out: out, Minify: true, Check: true})
	if err != nil {
		return nil, err
	}
	r := &report{pages: res.Pages, build: res.Took, queries: queries}
	for _, s := range res.Stages {
		if s.Name == "search" {
			r.index = s.Took
		}
	}
	if r.ixBytes, r.ixFiles, err = folderSize(filepath.Join(out, "search")); err != nil {
		return nil, err
	}

	start := time.Now()
	pf, err := exec.Command("npx", "--yes", pagefindPkg, "--site", out).CombinedOutput()
	r.pfWall = time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("pagefind: %v\n%s", err, pf)
	}
	if m := regexp.MustCompile(`Finished in ([0-9.]+) seconds`).FindSubmatch(pf); m != nil {
		secs, _ := strconv.ParseFloat(string(m[1]), 64)
		r.pfSelf = time.Duration(secs * float64(time.Second))
	}
	if r.pfBytes, r.pfFiles, err = folderSize(filepath.Join(out, "pagefind")); err != nil {
		return nil, err
	}

	tr := &traffic{}
	srv := httptest.NewServer(tr.handler(gzipStatic(http.FileServer(http.Dir(out)))))
	defer srv.Close()
	for _, q := range queries {
		m, err := measure(browser, srv.URL, tr, q, sitegenQuery)
		if err != nil {
			return nil, fmt.Errorf("sitegen %q: %w", q, err)
		}
		r.ixQuery, r.ixResults, r.ixRequests = append(r.ixQuery, m.bytes), append(r.ixResults, m.top), append(r.ixRequests, m.requests)
		if m, err = measure(browser, srv.URL, tr, q, pagefindQuery); err != nil {
			return nil, fmt.Errorf("pagefind %q: %w", q, err)
		}
		r.pfQuery, r.pfResults, r.pfRequests = append(r.pfQuery, m.bytes), append(r.pfResults, m.top), append(r.pfRequests, m.requests)
	}
	tr.mu.Lock()
	tr.on = false
	tr.mu.Unlock()
	r.pair = pair
	if r.lat, err = measureLatency(browser, srv.URL, pair); err != nil {
		return nil, fmt.Errorf("latency: %w", err)
	}
	return r, nil
}

func folderSize(dir string) (int64, int, error) {
	var total int64
	var files int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		files++
		return nil
	})
	return total, files, err
}

// gzipStatic compresses text responses for clients that accept gzip, as
// static hosts do; the index files of both tools are already compressed.
func gzipStatic(h http.Handler) http.Handler {
	text := map[string]bool{".js": true, ".mjs": true, ".css": true, ".json": true, ".html": true, "": true}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !text[path.Ext(r.URL.Path)] || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		if rec.Code != http.StatusOK {
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(rec.Body.Bytes())
		zw.Close()
		w.Header().Del("Content-Length")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
		w.WriteHeader(http.StatusOK)
		io.Copy(w, &b)
	})
}

// measurement is what one query cost and found.
type measurement struct {
	bytes    int64
	requests int
	top      []string
}

// traffic counts what the server sends while on: response bodies as
// sent (after gzip) and requests. Counting at the server sees the
// requests of Pagefind's web worker too.
type traffic struct {
	mu       sync.Mutex
	on       bool
	inFlight int
	bytes    int64
	requests int
	last     time.Time
}

func (t *traffic) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.mu.Lock()
		on := t.on
		if on {
			t.inFlight++
			t.requests++
		}
		t.mu.Unlock()
		if !on {
			h.ServeHTTP(w, r)
			return
		}
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		t.mu.Lock()
		t.inFlight--
		t.bytes += cw.n
		t.last = time.Now()
		t.mu.Unlock()
	})
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n += int64(n)
	return n, err
}

func (t *traffic) start() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.on, t.inFlight, t.bytes, t.requests, t.last = true, 0, 0, 0, time.Now()
}

// stop waits until no request has been in flight or finished for 300 ms,
// stops counting and returns the counts.
func (t *traffic) stop(ctx context.Context) (int64, int, error) {
	for {
		t.mu.Lock()
		if t.inFlight == 0 && time.Since(t.last) > 300*time.Millisecond {
			t.on = false
			b, n := t.bytes, t.requests
			t.mu.Unlock()
			return b, n, nil
		}
		t.mu.Unlock()
		select {
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// A query runner types or runs q on the loaded home page and returns the
// top three result URLs.
type queryRunner func(ctx context.Context, q string) ([]string, error)

// measure loads the home page in a fresh tab with the cache off, then
// counts what run(q) transfers.
func measure(browser context.Context, base string, tr *traffic, q string, run queryRunner) (measurement, error) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 2*time.Minute)
	defer cancelT()
	// The theme's service worker (offline reading) would answer from its
	// own cache: bypass it, as on a reader's first visit.
	err := chromedp.Run(tab,
		network.Enable(),
		// Pagefind's worker is a target of its own, which SetCacheDisabled
		// does not reach: empty the cache for it.
		network.ClearBrowserCache(),
		network.SetCacheDisabled(true),
		network.SetBypassServiceWorker(true),
		emulation.SetFocusEmulationEnabled(true),
		chromedp.Navigate(base+"/"),
		chromedp.WaitReady("#search-input", chromedp.ByID),
	)
	if err != nil {
		return measurement{}, err
	}
	// Let the page's own requests (styles, scripts, fonts) finish first.
	if err := chromedp.Run(tab, chromedp.Poll(`document.readyState === "complete"`, nil), chromedp.Sleep(300*time.Millisecond)); err != nil {
		return measurement{}, err
	}
	tr.start()
	urls, err := run(tab, q)
	if err != nil {
		return measurement{}, err
	}
	b, n, err := tr.stop(tab)
	if err != nil {
		return measurement{}, err
	}
	top := make([]string, 0, 3)
	for _, u := range urls {
		if len(top) == 3 {
			break
		}
		u = strings.TrimPrefix(u, base)
		u, _, _ = strings.Cut(u, "#")
		u, _, _ = strings.Cut(u, "?")
		top = append(top, u)
	}
	return measurement{bytes: b, requests: n, top: top}, nil
}

// sitegenQuery focuses the search box and types q, as a reader does,
// then reads the results the dropdown shows.
func sitegenQuery(ctx context.Context, q string) ([]string, error) {
	qs, _ := json.Marshal(q)
	var urls []string
	err := chromedp.Run(ctx,
		chromedp.Focus("#search-input", chromedp.ByID),
		chromedp.SendKeys("#search-input", q, chromedp.ByID),
		chromedp.Poll(fmt.Sprintf(`document.getElementById("search-results").dataset.query === %s`, qs), nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`[...document.querySelectorAll("#search-results .sr-item")].map((a) => a.href)`, &urls),
	)
	return urls, err
}

// pagefindQuery runs q through Pagefind's JavaScript API, loading the
// fragments of the top five results as its UI does.
func pagefindQuery(ctx context.Context, q string) ([]string, error) {
	qs, _ := json.Marshal(q)
	var urls []string
	err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`(async () => {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(%s);
  const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  return data.map((d) => d.url);
})()`, qs), &urls, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	return urls, err
}

func (r *report) print(w io.Writer, name string) {
	title := "Bundled study site"
	if name != "bundled" {
		title = "Synthetic site, " + name + " notes"
	}
	fmt.Fprintf(w, "\n### %s (%d pages built)\n\n", title, r.pages)
	fmt.Fprintln(w, "| | sitegen | Pagefind "+strings.TrimPrefix(pagefindPkg, "pagefind@")+" |")
	fmt.Fprintln(w, "| --- | --- | --- |")
	fmt.Fprintf(w, "| index build | %s (%.1f%% of the %s build) | %s wall via npx (%s self-reported) |\n",
		ms(r.index), 100*r.index.Seconds()/r.build.Seconds(), ms(r.build), ms(r.pfWall), ms(r.pfSelf))
	fmt.Fprintf(w, "| index size | %s in %d files | %s in %d files |\n", kb(r.ixBytes), r.ixFiles, kb(r.pfBytes), r.pfFiles)
	for i, q := range r.queries {
		fmt.Fprintf(w, "| first query `%s` | %s in %d requests | %s in %d requests |\n", q, kb(r.ixQuery[i]), r.ixRequests[i], kb(r.pfQuery[i]), r.pfRequests[i])
	}
	fmt.Fprintf(w, "| first query `%s`, last key → results painted | %.0f ms | %.0f ms |\n", r.pair[0], r.lat.ixFirst, r.lat.pfFirst)
	fmt.Fprintf(w, "| then a new query `%s`, warm index | %.0f ms | %.0f ms |\n", r.pair[1], r.lat.ixWarm, r.lat.pfWarm)
	fmt.Fprintln(w, "\n| query | sitegen top 3 | Pagefind top 3 |")
	fmt.Fprintln(w, "| --- | --- | --- |")
	for i, q := range r.queries {
		fmt.Fprintf(w, "| `%s` | %s | %s |\n", q, list(r.ixResults[i]), list(r.pfResults[i]))
	}
}

func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

func kb(n int64) string {
	if n >= 10<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

func list(urls []string) string {
	if len(urls) == 0 {
		return "(none)"
	}
	return strings.Join(urls, ", ")
}
