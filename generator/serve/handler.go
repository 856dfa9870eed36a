package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitegen/internal/mediatype"
)

// snapshot is one whole built site as the handler serves it. It is
// replaced, never modified, so a request sees one build from start to end.
type snapshot struct {
	files map[string]*file
	build uint64 // count of successful builds; 0 is the placeholder
}

// file is one output file with what the handler derives from it once.
type file struct {
	data  []byte
	ctype string
	mod   time.Time

	once sync.Once
	etag string
	body int // offset of the reload script in HTML (before </body>), -1 otherwise
}

func (f *file) derive() {
	f.once.Do(func() {
		sum := sha256.Sum256(f.data)
		f.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
		f.body = -1
		if strings.HasPrefix(f.ctype, "text/html") {
			f.body = bodyEnd(f.data)
		}
	})
}

// newSnapshot wraps files. A file whose bytes are the very same slice as
// in prev (an incremental build left it alone) keeps its entry, with its
// ETag already computed and its modification time.
func newSnapshot(prev *snapshot, files map[string][]byte, build uint64, now time.Time) *snapshot {
	s := &snapshot{files: make(map[string]*file, len(files)), build: build}
	for name, data := range files {
		if prev != nil {
			if old := prev.files[name]; old != nil && sameBytes(old.data, data) {
				s.files[name] = old
				continue
			}
		}
		s.files[name] = &file{data: data, ctype: contentType(name), mod: now}
	}
	return s
}

func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// bodyEnd finds where the reload script goes: before the last </body>,
// or at the end of a page without one.
func bodyEnd(html []byte) int {
	const tag = "</body"
	for i := len(html) - len(tag); i >= 0; i-- {
		if html[i] == '<' && bytes.EqualFold(html[i:i+len(tag)], []byte(tag)) {
			return i
		}
	}
	return len(html)
}

// contentType falls back to bytes for what mediatype does not know, which
// with the nosniff header the browser downloads instead of guessing at.
func contentType(name string) string {
	if t := mediatype.ByName(name); t != "" {
		return t
	}
	return "application/octet-stream"
}

// handler serves the latest snapshot, with the reload script injected into
// HTML, and the live-reload endpoints under /_sitegen/, to requests for a
// Host the server answers to (hosts.go).
type handler struct {
	srv *server
}

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.srv.hosts.allowed(r.Host) {
		h.srv.refuse(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, status := sitePath(r)
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if strings.HasPrefix(p, reservedPrefix) {
		h.srv.serveInternal(w, r, strings.TrimPrefix(p, reservedPrefix))
		return
	}
	site := h.srv.site.Load()
	site.serve(w, r, p, scriptTag(site.build))
}

// serve answers a request for the site path p from the snapshot as a
// static host would: /x/ is x/index.html, /x redirects to /x/ when that is
// a page, anything else is 404.html. HTML gets tag before </body>.
func (s *snapshot) serve(w http.ResponseWriter, r *http.Request, p, tag string) {
	key := strings.TrimPrefix(p, "/")
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	if f := s.files[key]; f != nil {
		serveFile(w, r, f, http.StatusOK, tag)
		return
	}
	if !strings.HasSuffix(p, "/") && s.files[key+"/index.html"] != nil {
		// Pretty URLs: /services/lambda → /services/lambda/, as on the host.
		target := r.URL.EscapedPath() + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	if f := s.files["404.html"]; f != nil {
		serveFile(w, r, f, http.StatusNotFound, tag)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// Files serves one finished build's files from memory under basePath
// ("/" or "/notes/") the way the dev server does, without its additions
// (no reload script, no Host check): `sitegen pdf` prints from it.
func Files(files map[string][]byte, basePath string) http.Handler {
	site := newSnapshot(nil, files, 0, time.Now())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p, status := sitePath(r)
		if status == 0 && !strings.HasPrefix(p, basePath) {
			status = http.StatusNotFound
		}
		if status != 0 {
			http.Error(w, http.StatusText(status), status)
			return
		}
		site.serve(w, r, "/"+strings.TrimPrefix(p, basePath), "")
	})
}

// sitePath returns the request's path, or the status refusing it. Only
// keys of the in-memory site are ever served, so this is not what keeps
// the disk safe; it turns tricks into plain errors instead of lookups.
func sitePath(r *http.Request) (string, int) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", http.StatusBadRequest
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", http.StatusBadRequest
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." || seg == "." {
			return "", http.StatusBadRequest
		}
	}
	if strings.Contains(p, "//") {
		// Never canonical, and "//host" would make the pretty-URL
		// redirect point at another site.
		return "", http.StatusNotFound
	}
	return p, 0
}

// serveFile writes f with the dev server's headers: revalidate every
// time (no-cache), ETag and Last-Modified for cheap 304s. HTML gets tag
// before </body>.
func serveFile(w http.ResponseWriter, r *http.Request, f *file, status int, tag string) {
	f.derive()
	hdr := w.Header()
	hdr.Set("Content-Type", f.ctype)
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("X-Content-Type-Options", "nosniff")
	var body io.ReadSeeker = bytes.NewReader(f.data)
	size := int64(len(f.data))
	if f.body >= 0 && tag != "" {
		size += int64(len(tag))
		body = io.NewSectionReader(spliced{f.data, f.body, tag}, 0, size)
	}
	if status == http.StatusOK {
		hdr.Set("ETag", f.etag)
		http.ServeContent(w, r, "", f.mod, body)
		return
	}
	hdr.Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.Copy(w, body)
	}
}

// scriptTag is what the server adds to every HTML response; built files
// never contain it. data-build names the build the page came from, so a
// build that finishes before the page's event stream connects still
// reloads it.
func scriptTag(build uint64) string {
	return `<script src="/_sitegen/reload.js" data-build="` + strconv.FormatUint(build, 10) + `" defer></script>`
}

// spliced reads as data with tag inserted at offset at, without copying
// the page for every request.
type spliced struct {
	data []byte
	at   int
	tag  string
}

func (s spliced) ReadAt(p []byte, off int64) (int, error) {
	total := int64(len(s.data) + len(s.tag))
	if off >= total {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && off < total {
		var c int
		switch at := int64(s.at); {
		case off < at:
			c = copy(p[n:], s.data[off:at])
		case off < at+int64(len(s.tag)):
			c = copy(p[n:], s.tag[off-at:])
		default:
			c = copy(p[n:], s.data[off-int64(len(s.tag)):])
		}
		n += c
		off += int64(c)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
