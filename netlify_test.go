package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"sitegen/generator"
	"sitegen/generator/check"
	"sitegen/internal/netlify"
)

const immutableCache = "public, max-age=31536000, immutable"

func loadNetlify(t *testing.T) *netlify.Config {
	t.Helper()
	c, err := netlify.Load("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// buildBundled builds the bundled study site in memory, diagrams and all.
func buildBundled(t *testing.T) map[string][]byte {
	t.Helper()
	res, err := generator.Build(context.Background(), generator.Config{
		Src: ".", Minify: true, Diagrams: newDiagrams("."), Version: "test", Check: false,
	})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res.Files
}

func TestNetlifyBuildSettings(t *testing.T) {
	c := loadNetlify(t)
	if c.Build.Command != "go run . build --out public" {
		t.Errorf("build command %q: want the repo's own code building into public/", c.Build.Command)
	}
	if c.Build.Publish != "public" {
		t.Errorf("publish = %q, want public", c.Build.Publish)
	}
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)\s*$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	if got := c.Build.Environment["GO_VERSION"]; got != string(m[1]) {
		t.Errorf("GO_VERSION = %q, want go.mod's %q", got, m[1])
	}
}

func TestNetlifyPatterns(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/services/lambda/", true},
		{"/*.css", "/style.1d5589f3.css", true},
		{"/*.css", "/services/", false},
		{"/favicon.*.svg", "/favicon.9418c59f.svg", true},
		{"/favicon.*.svg", "/services/arch.svg", false},
		{"/search/:index/:kind/*", "/search/461d6758a2/d/0.bin", true},
		{"/search/:index/:kind/*", "/search/manifest.bin", false},
		{"/search/:index/:kind/*", "/search/", false},
	} {
		if got := netlify.Matches(tc.pattern, tc.path); got != tc.want {
			t.Errorf("Matches(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

// fingerprinted matches the files whose name changes with their content:
// theme assets (style.3f2a9c1b.css) and the search shards under their hash.
var fingerprinted = regexp.MustCompile(`^[a-z0-9-]+\.[0-9a-f]{8}\.[a-z0-9]+$|^search/[0-9a-f]+/`)

func TestNetlifyHeaders(t *testing.T) {
	c := loadNetlify(t)
	files := buildBundled(t)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	sawAsset, sawShard := false, false
	for _, name := range names {
		urls := []string{"/" + name}
		if name == "index.html" || strings.HasSuffix(name, "/index.html") {
			urls = append(urls, "/"+strings.TrimSuffix(name, "index.html"))
		}
		for _, u := range urls {
			h := c.HeadersFor(u)
			for k, v := range h {
				if len(v) > 1 {
					t.Errorf("%s: %d matching rules set %s; Netlify would join them: %q", u, len(v), k, v)
				}
			}
			for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options"} {
				if h.Get(k) == "" {
					t.Errorf("%s: no %s", u, k)
				}
			}
			cc := h.Get("Cache-Control")
			switch {
			case fingerprinted.MatchString(name):
				sawAsset = sawAsset || !strings.HasPrefix(name, "search/")
				sawShard = sawShard || strings.HasPrefix(name, "search/")
				if cc != immutableCache {
					t.Errorf("%s is fingerprinted: Cache-Control %q, want %q", u, cc, immutableCache)
				}
			case cc != "":
				t.Errorf("%s changes under its URL: Cache-Control %q, want none (Netlify's %q)", u, cc, netlify.DefaultCacheControl)
			}
		}
	}
	if !sawAsset || !sawShard {
		t.Errorf("the output has no fingerprinted assets (%v) or search shards (%v): is the pattern stale?", sawAsset, sawShard)
	}
	if h := c.HeadersFor("/"); h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" {
		t.Errorf("security headers: %v", h)
	}
}

// csp is a parsed Content-Security-Policy: directive → sources.
type csp map[string][]string

func parseCSP(s string) csp {
	p := csp{}
	for _, d := range strings.Split(s, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			p[strings.ToLower(f[0])] = f[1:]
		}
	}
	return p
}

// sources are a directive's sources, with CSP's fallbacks.
func (p csp) sources(directive string) []string {
	for _, d := range []string{directive, strings.TrimSuffix(strings.TrimSuffix(directive, "-elem"), "-attr"), "default-src"} {
		if s, ok := p[d]; ok {
			return s
		}
	}
	return nil
}

func (p csp) has(directive, source string) bool {
	for _, s := range p.sources(directive) {
		if s == source {
			return true
		}
	}
	return false
}

// allows reports whether directive lets in a resource: a same-origin URL
// ("self"), inline content (text, checked against hashes) or a data: URL.
func (p csp) allows(directive, kind, text string) bool {
	switch kind {
	case "self":
		return p.has(directive, "'self'")
	case "data":
		return p.has(directive, "data:")
	}
	sum := sha256.Sum256([]byte(text))
	return p.has(directive, "'unsafe-inline'") || p.has(directive, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
}

// loaded is one thing a page makes the browser load.
type loaded struct {
	directive, kind, text, what string
}

// pageLoads lists what one built page loads, the way the theme's scripts
// do too (the search module and stylesheet, the index, the service worker).
func pageLoads(t *testing.T, name string, data []byte, files map[string][]byte) []loaded {
	t.Helper()
	var out []loaded
	local := func(directive, url, what string) {
		switch {
		case strings.HasPrefix(url, "data:"):
			out = append(out, loaded{directive, "data", "", what})
		case strings.HasPrefix(url, "/") && !strings.HasPrefix(url, "//"):
			out = append(out, loaded{directive, "self", "", what + " " + url})
		default:
			t.Errorf("%s: %s loads %q from another origin", name, what, url)
		}
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	inStyle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, _ := z.TagName()
			tag, attrs := string(tn), map[string]string{}
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				if len(k) > 0 {
					attrs[string(k)] = string(v)
				}
			}
			if s, ok := attrs["style"]; ok {
				out = append(out, loaded{"style-src-attr", "inline", s, "style attribute on <" + tag + ">"})
			}
			switch tag {
			case "script":
				if src, ok := attrs["src"]; ok {
					local("script-src-elem", src, "<script src>")
				} else {
					t.Errorf("%s: inline <script>: the policy allows none", name)
				}
			case "link":
				switch attrs["rel"] {
				case "stylesheet":
					local("style-src-elem", attrs["href"], "<link rel=stylesheet>")
				case "icon":
					local("img-src", attrs["href"], "<link rel=icon>")
				}
			case "img":
				local("img-src", attrs["src"], "<img>")
			case "style":
				inStyle = tt == html.StartTagToken
			case "input", "meta":
				for attr, directive := range map[string]string{"data-search-module": "script-src-elem", "data-search-css": "style-src-elem", "data-search-index": "connect-src", "data-sw": "worker-src"} {
					if v, ok := attrs[attr]; ok {
						local(directive, v, attr)
					}
				}
			}
		case html.TextToken:
			if inStyle {
				css := string(z.Text())
				out = append(out, loaded{"style-src-elem", "inline", css, "<style> element"})
				if strings.Contains(css, "url(data:") || strings.Contains(css, `url("data:`) {
					out = append(out, loaded{"font-src", "data", "", "data: font in a <style>"})
				}
			}
		case html.EndTagToken:
			inStyle = false
		}
	}
	return out
}

func TestNetlifyCSPAllowsWhatTheThemeLoads(t *testing.T) {
	c := loadNetlify(t)
	files := buildBundled(t)
	policy := parseCSP(c.HeadersFor("/").Get("Content-Security-Policy"))
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} {
		if policy.has("script-src", bad) {
			t.Errorf("script-src allows %s", bad)
		}
	}
	for d, want := range map[string]string{"object-src": "'none'", "base-uri": "'self'", "frame-ancestors": "'none'", "form-action": "'self'"} {
		if got := strings.Join(policy[d], " "); got != want {
			t.Errorf("%s %q, want %q", d, got, want)
		}
	}
	for d, srcs := range policy {
		for _, s := range srcs {
			if strings.Contains(s, "://") || strings.HasSuffix(s, ":") && s != "data:" {
				t.Errorf("%s allows another origin: %s", d, s)
			}
		}
	}
	kinds := map[string]bool{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, l := range pageLoads(t, name, data, files) {
			kinds[l.directive] = true
			if !policy.allows(l.directive, l.kind, l.text) {
				t.Errorf("%s: the CSP blocks %s (%s)", name, l.what, l.directive)
			}
		}
	}
	for name, data := range files {
		if strings.HasSuffix(name, ".css") && bytes.Contains(data, []byte("url(data:")) && !policy.allows("img-src", "data", "") {
			t.Errorf("%s uses data: images; img-src does not allow them", name)
		}
	}
	for _, d := range []string{"script-src-elem", "style-src-elem", "style-src-attr", "img-src", "connect-src", "worker-src", "font-src"} {
		if !kinds[d] {
			t.Errorf("no page loads anything under %s: is the collection stale?", d)
		}
	}
}

// TestNetlifyBuildCommand runs the build command exactly as netlify.toml
// says, in a copy of the repo holding only what git would push (tracked
// and untracked-but-not-ignored files), as Netlify's clone would.
func TestNetlifyBuildCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and builds the whole site")
	}
	c := loadNetlify(t)
	out, err := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git work tree: %v", err)
	}
	dir := t.TempDir()
	for _, name := range strings.Split(string(out), "\x00") {
		data, err := os.ReadFile(name)
		if name == "" || os.IsNotExist(err) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("sh", "-c", c.Build.Command)
	cmd.Dir = dir
	if log, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", c.Build.Command, err, log)
	}
	pub := filepath.Join(dir, c.Build.Publish)
	for _, f := range []string{"index.html", "404.html", "services/lambda/index.html", "compare/lambda-vs-batch/index.html", "search/manifest.bin", "sitemap.xml", "robots.txt", "_redirects"} {
		if _, err := os.Stat(filepath.Join(pub, f)); err != nil {
			t.Errorf("the publish folder lacks %s: %v", f, err)
		}
	}
	findings, err := check.Dir(pub, check.ForBaseURL("https://aws-compute-notes.netlify.app/"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("output check: %s", f)
	}
	var pages int
	_ = filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			pages++
		}
		return nil
	})
	if pages < 15 {
		t.Errorf("the publish folder has %d pages; want the whole study site", pages)
	}
}
