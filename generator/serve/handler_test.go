package serve

import (
	"sitegen/generator/change"

	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// newTestServer serves one fake build through the handler.
func newTestServer(t *testing.T, fb *fakeBuilder) (*server, *httptest.Server) {
	t.Helper()
	s := mustServer(t, fb, Options{Log: io.Discard})
	s.rebuild(context.Background(), batch{full: true})
	ts := httptest.NewServer(handler{s})
	t.Cleanup(func() {
		s.hub.close()
		ts.Close()
	})
	return s, ts
}

func get(t *testing.T, ts *httptest.Server, method, path string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestServePages(t *testing.T) {
	fb := &fakeBuilder{}
	s, ts := newTestServer(t, fb)
	built := string(s.site.Load().files["services/lambda/index.html"].data)

	resp, body := get(t, ts, "GET", "/services/lambda/")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /services/lambda/: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	want := strings.Replace(built, "</body>", scriptTag(s.site.Load().build)+"</body>", 1)
	if body != want {
		t.Errorf("body:\n%s\nwant the built page with the script before </body>:\n%s", body, want)
	}
	if strings.Contains(built, "reload.js") {
		t.Error("the built file itself must not carry the reload script")
	}
	for _, h := range []string{"ETag", "Last-Modified"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", got)
	}
	if resp.ContentLength != int64(len(want)) {
		t.Errorf("Content-Length = %d, want %d", resp.ContentLength, len(want))
	}

	// Conditional requests.
	etag := resp.Header.Get("ETag")
	if resp, body := get(t, ts, "GET", "/services/lambda/", "If-None-Match", etag); resp.StatusCode != 304 || body != "" {
		t.Errorf("If-None-Match: %d %q, want 304 and no body", resp.StatusCode, body)
	}
	if resp, _ := get(t, ts, "GET", "/services/lambda/", "If-None-Match", `"other"`); resp.StatusCode != 200 {
		t.Errorf("If-None-Match with another tag: %d, want 200", resp.StatusCode)
	}

	// HEAD has the headers and no body.
	if resp, body := get(t, ts, "HEAD", "/services/lambda/"); resp.StatusCode != 200 || body != "" || resp.ContentLength != int64(len(want)) {
		t.Errorf("HEAD: %d, %d bytes, Content-Length %d", resp.StatusCode, len(body), resp.ContentLength)
	}

	// A range of an HTML page is a range of what GET serves.
	if resp, body := get(t, ts, "GET", "/services/lambda/", "Range", "bytes=100-"); resp.StatusCode != 206 || body != want[100:] {
		t.Errorf("Range: %d %q, want 206 %q", resp.StatusCode, body, want[100:])
	}

	// A new build changes the ETag.
	s.rebuild(context.Background(), batch{changes: []Change{{Path: "content/services/lambda.md", Kind: change.Note}}})
	if resp, _ := get(t, ts, "GET", "/services/lambda/", "If-None-Match", etag); resp.StatusCode != 200 {
		t.Errorf("after a rebuild the old ETag must not match: %d", resp.StatusCode)
	}
}

func TestServeKinds(t *testing.T) {
	_, ts := newTestServer(t, &fakeBuilder{})
	for _, tt := range []struct{ path, ctype, body string }{
		{"/", "text/html; charset=utf-8", "<title>home</title>"},
		{"/index.html", "text/html; charset=utf-8", "<title>home</title>"},
		{"/compare/ecs-vs-fargate.html", "text/html; charset=utf-8", "<title>ecs</title>"},
		{"/style.1.css", "text/css; charset=utf-8", "--build:1"},
		{"/img/diagram.svg", "image/svg+xml", "<svg"},
		{"/data.bin", "application/octet-stream", "\x00\x01"},
		{"/_sitegen/reload.js", "text/javascript; charset=utf-8", "EventSource"},
	} {
		resp, body := get(t, ts, "GET", tt.path)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != tt.ctype || !strings.Contains(body, tt.body) {
			t.Errorf("GET %s: %d %q, body %.60q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		if strings.HasPrefix(tt.ctype, "text/html") != strings.Contains(body, `<script src="/_sitegen/reload.js" data-build=`) {
			t.Errorf("GET %s: the reload script belongs in HTML only", tt.path)
		}
	}
}

func TestPrettyURLs(t *testing.T) {
	_, ts := newTestServer(t, &fakeBuilder{pages: 5})
	for _, tt := range []struct{ path, location string }{
		{"/services/lambda", "/services/lambda/"},
		{"/services/lambda?tab=limits&x=1", "/services/lambda/?tab=limits&x=1"},
		{"/p/3", "/p/3/"},
	} {
		resp, _ := get(t, ts, "GET", tt.path)
		if resp.StatusCode != 301 || resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s: %d Location %q, want 301 %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.location)
		}
	}
}

func TestNotFound(t *testing.T) {
	fb := &fakeBuilder{}
	_, ts := newTestServer(t, fb)
	for _, p := range []string{"/nope", "/services/", "/services", "/services/lambda/index", "/p/", "/_sitegen/nope"} {
		resp, body := get(t, ts, "GET", p)
		if resp.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
		if p != "/_sitegen/nope" && (!strings.Contains(body, "<title>not found</title>") || !strings.Contains(body, `<script src="/_sitegen/reload.js" data-build=`)) {
			t.Errorf("GET %s: want the site's own 404.html with the reload script, got %.80q", p, body)
		}
	}

	// A site without 404.html gets a plain one.
	s := mustServer(t, BuilderFunc(func(context.Context, []Change) (*Output, error) {
		return &Output{Files: map[string][]byte{"index.html": []byte("<html><body>hi</body></html>")}}, nil
	}), Options{Log: io.Discard})
	s.rebuild(context.Background(), batch{full: true})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/nope", nil)
	req.Host = "localhost"
	handler{s}.ServeHTTP(rec, req)
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "404 page not found") {
		t.Errorf("no 404.html: %d %q", rec.Code, rec.Body.String())
	}
}

func TestMethods(t *testing.T) {
	_, ts := newTestServer(t, &fakeBuilder{})
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		resp, _ := get(t, ts, m, "/")
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d Allow %q, want 405 with Allow: GET, HEAD", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
}

// Tricks in the path are refused or not found; nothing but the site's
// own files ever comes back.
func TestPathSafety(t *testing.T) {
	_, ts := newTestServer(t, &fakeBuilder{})
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, tt := range []struct {
		target string
		want   int
	}{
		{"/../../../../etc/passwd", 400},
		{"/services/../../etc/passwd", 400},
		{"/%2e%2e/%2e%2e/etc/passwd", 400},
		{"/%2E%2E/index.html", 400},
		{"/services/lambda/%2e%2e/%2e%2e/index.html", 400},
		{"/services%2flambda/", 400},
		{"/services%2Flambda%2Findex.html", 400},
		{"/..%5c..%5cetc%5cpasswd", 400},
		{"/services\\lambda\\index.html", 400},
		{"/index.html%00", 400},
		{"/index.html%00.css", 400},
		{"//etc/passwd", 404},
		{"///index.html", 404},
		{"//evil.example/services/lambda", 404},
		{"/./index.html", 400},
		{"http://example.com/etc/passwd", 421}, // the absolute form names the host: not this server
		{"http://localhost/etc/passwd", 404},
		{"/etc/passwd", 404},
		{"/C:/Windows/win.ini", 404},
		{"/services/", 404},
	} {
		status, body := rawGet(t, addr, tt.target)
		if status != tt.want {
			t.Errorf("GET %s: status %d, want %d", tt.target, status, tt.want)
		}
		if strings.Contains(body, "build 1") && !strings.Contains(body, "<title>not found</title>") {
			t.Errorf("GET %s: served a page: %.80q", tt.target, body)
		}
	}
}

// rawGet sends target as is, bypassing the client's URL cleaning.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	return rawGetHost(t, addr, target, addr)
}

// rawGetHost is rawGet with the Host header given.
func rawGetHost(t *testing.T, addr, target, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// An incremental build that leaves a file alone keeps its entry: the ETag
// is not computed again and Last-Modified stays.
func TestSnapshotReuse(t *testing.T) {
	page := []byte("<html><body>x</body></html>")
	prev := newSnapshot(nil, map[string][]byte{"a.html": page, "b.css": []byte("b")}, 1, t0)
	prev.files["a.html"].derive()
	next := newSnapshot(prev, map[string][]byte{"a.html": page, "b.css": []byte("b")}, 2, t0.Add(time.Hour))
	if next.files["a.html"] != prev.files["a.html"] {
		t.Error("the same bytes must keep their entry")
	}
	if next.files["b.css"] == prev.files["b.css"] || !next.files["b.css"].mod.Equal(t0.Add(time.Hour)) {
		t.Error("new bytes (even equal ones) get a new entry with the new build time")
	}
}

func TestBodyEnd(t *testing.T) {
	for html, want := range map[string]int{
		"<html><body>x</body></html>": 13,
		"<p>x</p></BODY>":             8,
		"<p>no body tag</p>":          18,
		"a</body>b</body>c":           9,
	} {
		if got := bodyEnd([]byte(html)); got != want {
			t.Errorf("bodyEnd(%q) = %d, want %d", html, got, want)
		}
	}
}
