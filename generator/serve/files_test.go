package serve

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestFiles serves a build under a base path as `sitegen pdf` does: pretty
// URLs, the 404 page, Range, and none of the dev server's reload script.
func TestFiles(t *testing.T) {
	page := "<html><body><h1>Lambda</h1></body></html>"
	ts := httptest.NewServer(Files(map[string][]byte{
		"index.html":                 []byte("<html><body>home</body></html>"),
		"services/lambda/index.html": []byte(page),
		"style.css":                  []byte("body{}"),
		"404.html":                   []byte("<html><body>lost</body></html>"),
	}, "/notes/"))
	defer ts.Close()

	for _, c := range []struct {
		path, status, body, ctype string
		hdr                       []string
	}{
		{path: "/notes/services/lambda/", status: "200 OK", body: page, ctype: "text/html; charset=utf-8"},
		{path: "/notes/", status: "200 OK", body: "<html><body>home</body></html>"},
		{path: "/notes/style.css", status: "200 OK", body: "body{}", ctype: "text/css; charset=utf-8"},
		{path: "/notes/services/lambda/", status: "206 Partial Content", body: page[6:12], hdr: []string{"Range", "bytes=6-11"}},
		{path: "/notes/services/lambda", status: "301 Moved Permanently"},
		{path: "/notes/nowhere/", status: "404 Not Found", body: "<html><body>lost</body></html>"},
		{path: "/services/lambda/", status: "404 Not Found", body: "Not Found\n"},
		{path: "/notes/../etc/passwd", status: "400 Bad Request", body: "Bad Request\n"},
	} {
		resp, body := get(t, ts, "GET", c.path, c.hdr...)
		if resp.Status != c.status || (c.body != "" && body != c.body) {
			t.Errorf("GET %s: %s %q, want %s %q", c.path, resp.Status, body, c.status, c.body)
		}
		if c.ctype != "" && resp.Header.Get("Content-Type") != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, resp.Header.Get("Content-Type"), c.ctype)
		}
		if c.status == "301 Moved Permanently" && resp.Header.Get("Location") != c.path+"/" {
			t.Errorf("GET %s: Location %q, want %q", c.path, resp.Header.Get("Location"), c.path+"/")
		}
	}
	if resp, _ := get(t, ts, "POST", "/notes/"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %s, want 405", resp.Status)
	}
}
