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
// built index, so that Go tests check the ranking readers get. Two shims
// only: fetch reads the index files from memory, and the regular
// expressions' \p{sc=Han} is written \p{Han}, the form goja's engine reads.
type jsClient struct {
	vm *goja.Runtime
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
	plain := map[string][]byte{}
	err = vm.Set("__file", func(path string) goja.Value {
		name := strings.TrimPrefix(path, "/search/")
		b, ok := plain[name]
		if !ok {
			gz, ok := files[name]
			if !ok {
				return goja.Null()
			}
			zr, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				panic(vm.NewGoError(err))
			}
			if b, err = io.ReadAll(zr); err != nil {
				panic(vm.NewGoError(err))
			}
			plain[name] = b
		}
		return vm.ToValue(vm.NewArrayBuffer(bytes.Clone(b)))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = vm.Set("__utf8", func(buf goja.ArrayBuffer, off, n int) string { return string(buf.Bytes()[off : off+n]) })
	if err != nil {
		t.Fatal(err)
	}
	_, err = vm.RunString(`
var fetch = (path) => { const b = __file(path); return Promise.resolve(b == null ? { ok: false, status: 404 } : { ok: true, arrayBuffer: () => Promise.resolve(b) }); };
class TextDecoder { decode(u) { return __utf8(u.buffer, u.byteOffset, u.byteLength); } }
` + code)
	if err != nil {
		t.Fatal(err)
	}
	return &jsClient{vm: vm}
}

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
