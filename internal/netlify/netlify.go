// Package netlify reads the parts of a netlify.toml that sitegen's deploy
// uses (build settings and header rules) and serves a published folder
// the way Netlify would: pretty URLs, the header rules, _redirects and
// 404.html. Tests use it to show a deploy works without reaching Netlify.
// It is no full emulation: no edge functions, proxies or redirect splats.
package netlify

import (
	"bufio"
	"bytes"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"sitegen/internal/mediatype"
)

// DefaultCacheControl is what Netlify sends for a file no rule gives a
// Cache-Control: cached, but revalidated on every use.
const DefaultCacheControl = "public, max-age=0, must-revalidate"

// Config is the typed content of netlify.toml.
type Config struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Headers []Rule `toml:"headers"`
}

// Rule is one [[headers]] table.
type Rule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// Load reads a netlify.toml.
func Load(file string) (*Config, error) {
	var c Config
	md, err := toml.DecodeFile(file, &c)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &UnknownKeyError{Key: und[0].String()}
	}
	return &c, nil
}

// UnknownKeyError names a key Load does not know.
type UnknownKeyError struct{ Key string }

func (e *UnknownKeyError) Error() string { return "netlify.toml: unknown key " + e.Key }

// Matches reports whether a rule's for pattern matches a request path,
// with Netlify's rules: a segment ":name" matches one segment, a segment
// "*" matches the rest (or nothing), a "*" inside a segment matches any
// characters, slashes too; a trailing slash is optional; case is ignored.
func Matches(pattern, urlPath string) bool {
	return forRegexp(pattern).MatchString(urlPath)
}

func forRegexp(pattern string) *regexp.Regexp {
	var parts []string
	for _, seg := range strings.Split(pattern, "/") {
		seg = strings.TrimRight(seg, " ")
		switch {
		case seg == "":
			continue
		case strings.HasPrefix(seg, ":"):
			parts = append(parts, "([^/]+)")
		case seg == "*":
			parts = append(parts, "?(.*)")
		default:
			quoted := strings.Split(seg, "*")
			for i := range quoted {
				quoted[i] = regexp.QuoteMeta(quoted[i])
			}
			parts = append(parts, strings.Join(quoted, "(.*)"))
		}
	}
	return regexp.MustCompile("(?i)^/" + strings.Join(parts, "/") + "/?$")
}

// HeadersFor returns the headers the rules give a request path. A header
// set by several matching rules keeps every value, as Netlify joins them.
func (c *Config) HeadersFor(urlPath string) http.Header {
	h := http.Header{}
	for _, r := range c.Headers {
		if !Matches(r.For, urlPath) {
			continue
		}
		for k, v := range r.Values {
			h.Add(k, strings.Join(strings.Fields(v), " "))
		}
	}
	return h
}

// Handler serves the published folder dir as Netlify would.
func (c *Config) Handler(dir string) http.Handler {
	redirects := readRedirects(filepath.Join(dir, "_redirects"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		file, ok := lookup(dir, p)
		if !ok {
			if to, code, found := redirects.find(p); found {
				http.Redirect(w, r, to, code)
				return
			}
			if !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
				if _, ok := lookup(dir, p+"/"); ok {
					http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
					return
				}
			}
		}
		for k, vs := range c.HeadersFor(p) {
			w.Header()[k] = vs
		}
		if w.Header().Get("Cache-Control") == "" {
			w.Header().Set("Cache-Control", DefaultCacheControl)
		}
		status := http.StatusOK
		if !ok {
			status = http.StatusNotFound
			if file, ok = lookup(dir, "/404.html"); !ok {
				http.NotFound(w, r)
				return
			}
		}
		data, err := os.ReadFile(file)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if ct := mediatype.ByName(file); ct != "" {
			w.Header().Set("Content-Type", ct)
		} else {
			w.Header().Set("Content-Type", http.DetectContentType(data))
		}
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
	})
}

func lookup(dir, urlPath string) (string, bool) {
	rel := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if strings.HasSuffix(urlPath, "/") {
		rel = path.Join(rel, "index.html")
	}
	if rel == "" || strings.HasPrefix(path.Base(rel), "_") {
		return "", false // _redirects and _headers are not served
	}
	file := filepath.Join(dir, filepath.FromSlash(rel))
	info, err := os.Stat(file)
	if err != nil || info.IsDir() {
		return "", false
	}
	return file, true
}

type redirect struct {
	from, to string
	code     int
}

type redirectList []redirect

// readRedirects reads the "from to [code]" lines of a _redirects file.
func readRedirects(file string) redirectList {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var out redirectList
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		code := http.StatusMovedPermanently
		if len(f) > 2 {
			if n, err := strconv.Atoi(strings.TrimSuffix(f[2], "!")); err == nil {
				code = n
			}
		}
		out = append(out, redirect{f[0], f[1], code})
	}
	return out
}

func (l redirectList) find(p string) (string, int, bool) {
	for _, r := range l {
		if strings.TrimSuffix(r.from, "/") == strings.TrimSuffix(p, "/") {
			return r.to, r.code, true
		}
	}
	return "", 0, false
}
