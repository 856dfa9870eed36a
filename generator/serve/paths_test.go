package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"sitegen/generator/content"
	"sitegen/generator/render"
)

// filesBuilder serves fixed files.
type filesBuilder map[string][]byte

func (f filesBuilder) Build(context.Context, []Change) (*Output, error) {
	return &Output{Files: f}, nil
}

// TestAwkwardPagePaths serves pages whose URLs need percent-encoding:
// the href a page links with (Page.URL) must reach the file the build
// wrote (render.OutputPath), as on a static host.
func TestAwkwardPagePaths(t *testing.T) {
	files := filesBuilder{"404.html": []byte("<html><body>gone</body></html>")}
	var urls []string
	for _, name := range []string{"[", "%", "c++", "日本", "a#b", "my note", "x_y", "~", "{", "^"} {
		p, err := content.Parse("content/notes/"+name+".md", []byte("# "+name))
		if err != nil {
			t.Fatal(err)
		}
		files[render.OutputPath(p.URL)] = []byte("<html><body>" + name + "</body></html>")
		urls = append(urls, p.URL)
	}
	s := mustServer(t, files, Options{Log: io.Discard})
	s.rebuild(context.Background(), batch{full: true})
	t.Cleanup(s.hub.close)
	h := handler{s}
	for _, u := range urls {
		rec := serveOnce(h, u)
		if rec.Code != 200 {
			t.Errorf("GET %s: %d", u, rec.Code)
		}
		rec = serveOnce(h, u[:len(u)-1])
		if rec.Code != 301 || rec.Header().Get("Location") != u {
			t.Errorf("GET %s: %d Location %q, want 301 to %s", u[:len(u)-1], rec.Code, rec.Header().Get("Location"), u)
		}
	}
}

func serveOnce(h http.Handler, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", target, nil)
	req.Host = "127.0.0.1:1313" // httptest's example.com is not a name of the server
	h.ServeHTTP(rec, req)
	return rec
}
