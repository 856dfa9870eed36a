package search_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"

	"sitegen/generator"
)

// jsClient runs the real themes/default/assets/search.js in goja against a
// built index, so that Go tests check the ranking readers get. The shims:
// fetch reads the index files from memory and honours a Range header (as
// static hosts do) unless ignoreRanges was called; DecompressionStream
// and Response do just what search.js asks of them, with compress/gzip;
// and the regular expressions' \p{sc=Han} is written \p{Han}, the form
// goja's engine reads.
type jsClient struct {
	vm       *goja.Runtime
	ranges   bool
	requests []string // "path" or "path bytes=a-b", in order
	sent     int      // bytes answered
}

var exportLine = regexp.MustCompile(`(?m)^export const \{[^}]*\} = client\(\);\s*$`)

func newJSClient(t testing.TB, files map[string][]byte) *jsClient {
	t.Helper()
	src, err := os.ReadFile("../../themes/default/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	code := strings.ReplaceAll(string(src), `\\p{sc=`, `\\p{`)
	if !exportLine.MatchString(code) {
		t.Fatal("search.js: no export line to replace")
	}
	code = exportLine.ReplaceAllString(code, "var api = client();")
	vm := goja.New()
	c := &jsClient{vm: vm, ranges: true}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	// __fetch answers [status, body] or null for a missing file.
	must(vm.Set("__fetch", func(path, rng string) goja.Value {
		name := strings.TrimPrefix(path, "/search/")
		b, ok := files[name]
		if !ok {
			return goja.Null()
		}
		status := 200
		if rng != "" {
			c.requests = append(c.requests, name+" "+rng)
			var a, z int
			if _, err := fmt.Sscanf(rng, "bytes=%d-%d", &a, &z); err != nil || a > z || z >= len(b) {
				panic(vm.NewTypeError("bad range %q for %s (%d bytes)", rng, name, len(b)))
			}
			if c.ranges {
				b, status = b[a:z+1], 206
			}
		} else {
			c.requests = append(c.requests, name)
		}
		c.sent += len(b)
		return vm.ToValue([]any{status, vm.NewArrayBuffer(bytes.Clone(b))})
	}))
	must(vm.Set("__gunzip", func(buf goja.ArrayBuffer, off, n int) goja.Value {
		zr, err := gzip.NewReader(bytes.NewReader(buf.Bytes()[off : off+n]))
		if err != nil {
			panic(vm.NewGoError(err))
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return vm.ToValue(vm.NewArrayBuffer(b))
	}))
	must(vm.Set("__utf8", func(buf goja.ArrayBuffer, off, n int) string { return string(buf.Bytes()[off : off+n]) }))
	_, err = vm.RunString(`
var fetch = (path, init) => {
  const r = __fetch(path, init && init.headers && init.headers.Range || "");
  return Promise.resolve(r == null ? { ok: false, status: 404 } : { ok: true, status: r[0], arrayBuffer: () => Promise.resolve(r[1]) });
};
class DecompressionStream {}
class Response {
  constructor(b) { this.b = b; }
  get body() { const b = this.b; return { pipeThrough: () => __gunzip(b.buffer, b.byteOffset, b.byteLength) }; }
  arrayBuffer() { return Promise.resolve(this.b); }
}
class TextDecoder { decode(u) { return __utf8(u.buffer, u.byteOffset, u.byteLength); } }
` + code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ignoreRanges makes fetch answer every request with the whole file, as
// a server that does not support Range does.
func (c *jsClient) ignoreRanges() { c.ranges = false }

type jsHit struct {
	URL, Title, Path, Text string
	Marks                  []string
	Subs                   []struct{ URL, Heading, Text string }
}

type jsAnswer struct {
	Hits    []jsHit
	Suggest string
}

// query runs search.js's query(q, n).
func (c *jsClient) query(t testing.TB, q string, n int) jsAnswer {
	t.Helper()
	c.vm.Set("__q", q)
	c.vm.Set("__n", n)
	_, err := c.vm.RunString(`var __out = null, __err = null;
api.query(__q, __n).then((r) => { __out = JSON.stringify({ hits: r.hits.map((h) => ({ ...h, marks: [...h.marks] })), suggest: r.suggest }); }, (e) => { __err = String(e && e.stack || e); });`)
	if err != nil {
		t.Fatal(err)
	}
	if e := c.vm.Get("__err"); !goja.IsNull(e) {
		t.Fatalf("%q: %v", q, e)
	}
	out := c.vm.Get("__out")
	if goja.IsNull(out) {
		t.Fatalf("%q: the promise did not settle", q)
	}
	var a jsAnswer
	if err := json.Unmarshal([]byte(out.String()), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

var (
	bundledOnce  sync.Once
	bundledFiles map[string][]byte
	bundledErr   error
)

// bundledIndex builds the bundled study site (content/ of the repository)
// in memory and returns its search files by their path under /search/.
func bundledIndex(t testing.TB) map[string][]byte {
	t.Helper()
	bundledOnce.Do(func() {
		res, err := generator.Build(t.Context(), generator.Config{Src: "../.."})
		if err != nil {
			bundledErr = err
			return
		}
		bundledFiles = map[string][]byte{}
		for name, b := range res.Files {
			if rest, ok := strings.CutPrefix(name, "search/"); ok && !strings.HasSuffix(name, ".html") {
				bundledFiles[rest] = b
			}
		}
	})
	if bundledErr != nil {
		t.Fatal(bundledErr)
	}
	return bundledFiles
}

func (a jsAnswer) String() string {
	var b strings.Builder
	for i, h := range a.Hits {
		fmt.Fprintf(&b, "\n  %d. %s [%s] %s — %.80s", i+1, h.Title, h.Path, h.URL, h.Text)
	}
	if a.Suggest != "" {
		fmt.Fprintf(&b, "\n  did you mean %q", a.Suggest)
	}
	return b.String()
}

func TestJSDebug(t *testing.T) {
	c := newJSClient(t, bundledIndex(t))
	for _, q := range strings.Split(os.Getenv("Q"), ";") {
		if q != "" {
			t.Logf("%s:%s", q, c.query(t, q, 5))
		}
	}
}

// TestJSClientRanges runs the same queries against a server that honours
// Range and one that does not: the answers are the same; with Range, page
// shards are only ever read by byte range; without, each shard is fetched
// once, whole, and its records sliced from it.
func TestJSClientRanges(t *testing.T) {
	files := bundledIndex(t)
	ranged, whole := newJSClient(t, files), newJSClient(t, files)
	whole.ignoreRanges()
	for _, q := range []string{"lambda", "fargate memory", "batch jobs", `"no time limit"`} {
		a, b := ranged.query(t, q, 8), whole.query(t, q, 8)
		if len(a.Hits) == 0 || a.Hits[0].Text == "" {
			t.Errorf("%q: no hit with a snippet:%s", q, a)
		}
		if a.String() != b.String() {
			t.Errorf("%q: with Range:%s\nwithout:%s", q, a, b)
		}
	}
	shard := regexp.MustCompile(`/d/\d+\.bin`)
	seen := map[string]bool{}
	for _, r := range ranged.requests {
		if name, rng, _ := strings.Cut(r, " "); shard.MatchString(name) && rng == "" {
			t.Errorf("with Range: %s fetched whole", name)
		}
	}
	for _, r := range whole.requests {
		name, _, _ := strings.Cut(r, " ")
		if shard.MatchString(name) {
			if seen[name] {
				t.Errorf("without Range: %s fetched twice", name)
			}
			seen[name] = true
		}
	}
	if len(seen) == 0 {
		t.Error("without Range: no page shard fetched")
	}
	t.Logf("bytes sent: %d with Range, %d without", ranged.sent, whole.sent)
}
