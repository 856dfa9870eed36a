package serve

import (
	"sitegen/generator/change"

	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var buildNumber = regexp.MustCompile(`<p>build (\d+)</p>`)

// oneBuild reports whether page has lines lines, all naming one build.
func oneBuild(page string, lines int) bool {
	m := buildNumber.FindStringSubmatch(page)
	return m != nil && strings.Count(page, "<p>build ") == lines && strings.Count(page, m[0]) == lines
}

// Under load, while 50 new builds replace each other, every response is
// one whole build: no 5xx, no page mixing two builds, no truncated page,
// and memory does not grow with the number of builds.
func TestUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const (
		workers  = 8
		duration = 2 * time.Second
		builds   = 50
	)
	mixedPage := strings.Replace(string(fakePage(1, "x", 3)), "build 1", "build 2", 1)
	if oneBuild(mixedPage, 4) || !oneBuild(string(fakePage(1, "x", 3)), 4) {
		t.Fatal("oneBuild cannot tell a mixed page")
	}
	fb := &fakeBuilder{pages: 200, pad: 200} // ~200 pages of ~3 KB
	s, ts := newTestServer(t, fb)
	siteBytes := 0
	for _, f := range s.site.Load().files {
		siteBytes += len(f.data)
	}

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	paths := []string{"/", "/services/lambda/", "/compare/ecs-vs-fargate.html", "/p/7/", "/p/150/", "/nope", "/services/lambda", "/style.1.css"}
	var requests, fivexx, torn, mixed atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: workers},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	for w := range workers {
		wg.Go(func() {
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(ts.URL + paths[i%len(paths)])
				if err != nil {
					t.Error(err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					t.Error(err)
					return
				}
				requests.Add(1)
				if resp.StatusCode >= 500 {
					fivexx.Add(1)
				}
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || resp.StatusCode == 301 {
					continue
				}
				if !strings.HasSuffix(string(body), "</body></html>\n") || !strings.Contains(string(body), `" defer></script></body>`) {
					torn.Add(1)
				}
				if !oneBuild(string(body), fb.pad+1) {
					mixed.Add(1)
				}
			}
		})
	}

	start := time.Now()
	for i := range builds {
		time.Sleep(time.Until(start.Add(duration * time.Duration(i+1) / builds)))
		s.rebuild(context.Background(), batch{changes: []Change{{Path: fmt.Sprintf("content/p%d.md", i), Kind: change.Note}}})
	}
	close(stop)
	wg.Wait()
	took := time.Since(start)
	client.CloseIdleConnections()

	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	growth := int64(after.HeapAlloc) - int64(before.HeapAlloc)

	t.Logf("%d requests in %v (%.0f/s) by %d workers across %d builds of %d files (%d KB)",
		requests.Load(), took.Round(time.Millisecond), float64(requests.Load())/took.Seconds(), workers, builds,
		len(s.site.Load().files), siteBytes/1024)
	t.Logf("5xx %d, torn %d, mixed %d; heap %d KB before, %d KB after (%+d KB)",
		fivexx.Load(), torn.Load(), mixed.Load(), before.HeapAlloc/1024, after.HeapAlloc/1024, growth/1024)

	if fivexx.Load() != 0 || torn.Load() != 0 || mixed.Load() != 0 {
		t.Errorf("5xx %d, torn pages %d, pages mixing builds %d; want none", fivexx.Load(), torn.Load(), mixed.Load())
	}
	if got := s.site.Load().build; got != builds+1 {
		t.Errorf("serving build %d, want %d", got, builds+1)
	}
	// One live site plus slack for the server's and the runtime's own
	// buffers; 50 builds retained would be 50 sites.
	if limit := int64(3*siteBytes + 16<<20); growth > limit {
		t.Errorf("heap grew by %d KB over %d builds (limit %d KB): old builds are kept", growth/1024, builds, limit/1024)
	}
}
