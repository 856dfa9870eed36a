// Package check verifies a built site as a reader's browser would see it:
// every internal link and #anchor resolves to a file of the output, every
// referenced asset exists, every image has alt text, every page has a
// <title> and exactly one <h1>, no page links to http:// of its own host,
// and the tags of every page balance.
//
// It reads output files (from memory or a folder) and knows nothing of
// how they were made: it does not import the generator, and it does not
// fetch external URLs. A URL it cannot parse (a note's <http://localhost:port>)
// is taken as external too: it cannot name a file of the site.
package check

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Options describe where the site is served.
type Options struct {
	BasePath string // path of the base URL: "/" or "/notes/"
	Host     string // host of the base URL (example.org); "" when the base URL is a path
}

// Finding is one problem on one page.
type Finding struct {
	Page string // output path: services/lambda/index.html
	Line int    // line in the output file; 0 when unknown
	Msg  string
	// Value is the attribute value the finding is about (an href, a src),
	// "" for findings about the page as a whole. A caller that knows the
	// page's source can look for it there to point at the source line.
	Value string
}

func (f Finding) String() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", f.Page, f.Line, f.Msg)
	}
	return f.Page + ": " + f.Msg
}

// Dir checks the output folder dir.
func Dir(dir string, opts Options) ([]Finding, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	return Files(files, opts), nil
}

// Files checks output files (output path → bytes), as generator.Build
// returns them. Findings are sorted by page and line.
func Files(files map[string][]byte, opts Options) []Finding {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	c := &checker{opts: opts, files: files, pages: map[string]*page{}}
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	// Pages are scanned, then their references resolved, on every core:
	// the check reads every byte of a large site.
	scanned := make([]*page, len(names))
	parallel(len(names), func(i int) { scanned[i] = scan(names[i], files[names[i]]) })
	for i, name := range names {
		c.pages[name] = scanned[i]
	}
	parallel(len(names), func(i int) {
		p := scanned[i]
		for _, r := range p.refs {
			c.resolve(p, names[i], r)
		}
	})
	for _, p := range scanned {
		c.found = append(c.found, p.found...)
	}
	if r, ok := files["_redirects"]; ok {
		c.redirects(r)
	}
	sort.SliceStable(c.found, func(i, j int) bool {
		a, b := c.found[i], c.found[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		return a.Line < b.Line
	})
	return c.found
}

type checker struct {
	opts  Options
	files map[string][]byte
	pages map[string]*page // read-only once scanned
	found []Finding
	// targets caches where site paths lead: most references are the
	// same sidebar links and assets on every page.
	targets sync.Map // path → target
}

type target struct {
	file string
	ok   bool
}

func (c *checker) add(page string, line int, format string, args ...any) {
	c.found = append(c.found, Finding{Page: page, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// parallel runs fn for 0..n-1 on every core.
func parallel(n int, fn func(i int)) {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		g.Go(func() error { fn(i); return nil })
	}
	_ = g.Wait() // fn reports through its page's findings, never an error
}

// ref is a URL a page points at.
type ref struct {
	url       string
	line      int
	asset     bool // a resource the page loads (script, stylesheet, image), not a link
	tag, attr string
}

// what names the reference in messages: "<img src>".
func (r ref) what() string { return "<" + r.tag + " " + r.attr + ">" }

// page is what a scan learns of one HTML file, and its findings.
type page struct {
	ids   map[string]bool
	refs  []ref
	found []Finding
}

func (p *page) add(name string, line int, format string, args ...any) {
	p.found = append(p.found, Finding{Page: name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// addRef records a finding about one reference.
func (p *page) addRef(name string, r ref, format string, args ...any) {
	p.found = append(p.found, Finding{Page: name, Line: r.line, Msg: fmt.Sprintf(format, args...), Value: r.url})
}

// resolve checks that one reference of page name points at something.
func (c *checker) resolve(p *page, name string, r ref) {
	raw := strings.TrimSpace(r.url)
	if raw == "" {
		if r.asset {
			p.addRef(name, r, "%s is empty", r.what())
		}
		return
	}
	// Site paths without a query (the sidebar, assets) are the same on
	// every page: resolve each once.
	if strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") && !strings.ContainsAny(raw, "?%\\") {
		pathPart, frag, _ := strings.Cut(raw, "#")
		file, ok := c.cachedFile(pathPart)
		c.found1(p, name, r, raw, pathPart, file, ok, frag)
		return
	}
	u, err := url.Parse(raw)
	if err != nil {
		// Not a URL Go can parse (<http://localhost:port> in a note):
		// whatever it is, it does not lead to a file of this site.
		return
	}
	switch u.Scheme {
	case "", "http", "https":
	default:
		return // mailto:, data:, tel: …
	}
	if u.Host != "" {
		if c.opts.Host == "" || !strings.EqualFold(u.Hostname(), c.opts.Host) {
			return // another site: not checked offline
		}
		if u.Scheme == "http" {
			p.addRef(name, r, "%s %s: links to http:// of the site's own host; use https or a site path", r.what(), raw)
			return
		}
	}
	base := &url.URL{Path: c.opts.BasePath + path.Dir(name) + "/"}
	if path.Dir(name) == "." {
		base.Path = c.opts.BasePath
	}
	target := base.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath, Fragment: u.Fragment})
	if u.Path == "" {
		target.Path = c.opts.BasePath + name // "#x" and "?q" point into the page itself
	}
	file, ok := c.cachedFile(target.Path)
	c.found1(p, name, r, raw, target.Path, file, ok, u.Fragment)
}

// found1 reports a reference whose target path is missing, or whose
// #fragment is not an id of the page it leads to.
func (c *checker) found1(p *page, name string, r ref, raw, targetPath, file string, ok bool, frag string) {
	if !ok {
		kind := "broken link"
		if r.asset {
			kind = "missing asset"
		}
		p.addRef(name, r, "%s: %s %s (no file %s in the output)", kind, r.what(), raw, c.outName(targetPath))
		return
	}
	if frag == "" || !strings.HasSuffix(file, ".html") {
		return
	}
	if tp := c.pages[file]; tp != nil && !tp.ids[frag] {
		p.addRef(name, r, "broken anchor: %s %s (%s has no id %q)", r.what(), raw, file, frag)
	}
}

func (c *checker) cachedFile(p string) (string, bool) {
	if t, ok := c.targets.Load(p); ok {
		return t.(target).file, t.(target).ok
	}
	file, ok := c.file(p)
	c.targets.Store(p, target{file, ok})
	return file, ok
}

// file maps a URL path to the output file a static host would serve.
func (c *checker) file(p string) (string, bool) {
	if !strings.HasPrefix(p, c.opts.BasePath) {
		return "", false
	}
	rel := strings.TrimPrefix(p, c.opts.BasePath)
	candidates := []string{rel}
	if rel == "" || strings.HasSuffix(rel, "/") {
		candidates = []string{rel + "index.html"}
	} else if path.Ext(rel) == "" {
		candidates = append(candidates, rel+"/index.html") // a host redirects /x to /x/
	}
	for _, f := range candidates {
		if _, ok := c.files[f]; ok {
			return f, true
		}
	}
	return "", false
}

func (c *checker) outName(p string) string {
	if !strings.HasPrefix(p, c.opts.BasePath) {
		return p + " (outside the base path " + c.opts.BasePath + ")"
	}
	rel := strings.TrimPrefix(p, c.opts.BasePath)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

// redirects checks that every _redirects rule leads to a file.
func (c *checker) redirects(data []byte) {
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") || strings.Contains(f[1], "://") || strings.Contains(f[1], ":") || strings.Contains(f[1], "*") {
			continue
		}
		if _, ok := c.file(f[1]); !ok {
			c.add("_redirects", i+1, "redirect %s → %s: no file %s in the output", f[0], f[1], c.outName(f[1]))
		}
	}
}

// voidElements never have an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// scan tokenizes one page: ids, references, alt text, title and h1
// counts, and tag balance.
func scan(name string, data []byte) *page {
	p := &page{ids: map[string]bool{}}
	lx := newLexer(data)
	type open struct {
		tag  string
		line int
	}
	var stack []open
	titles, h1s, svg := 0, 0, 0
	attrs := map[string]string{} // reused for every tag
	for {
		tok, ok := lx.next(attrs)
		if !ok {
			break
		}
		tag, at := tok.name, tok.line
		if !tok.end {
			if id := attrs["id"]; id != "" {
				p.ids[id] = true
			}
			if tag == "a" && attrs["name"] != "" {
				p.ids[attrs["name"]] = true
			}
			p.refsOf(name, at, tag, attrs, svg > 0)
			switch {
			case tag == "svg":
				svg++
			case tag == "title" && svg == 0:
				titles++
			case tag == "h1":
				h1s++
			}
			if tok.selfClosing || voidElements[tag] {
				if tag == "svg" {
					svg--
				}
				continue
			}
			stack = append(stack, open{tag, at})
			continue
		}
		if voidElements[tag] {
			continue
		}
		if len(stack) == 0 {
			p.add(name, at, "malformed HTML: </%s> without an open <%s>", tag, tag)
			continue
		}
		top := stack[len(stack)-1]
		if top.tag != tag {
			p.add(name, at, "malformed HTML: </%s> closes <%s> opened on line %d", tag, top.tag, top.line)
			// Recover: drop to the matching open tag, if any.
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].tag == tag {
					stack = stack[:i+1]
					break
				}
			}
		}
		stack = stack[:len(stack)-1]
		if tag == "svg" && svg > 0 {
			svg--
		}
	}
	for _, o := range stack {
		p.add(name, o.line, "malformed HTML: <%s> is never closed", o.tag)
	}
	if titles != 1 {
		p.add(name, 0, "has %d <title> elements; want exactly 1", titles)
	}
	if h1s != 1 {
		p.add(name, 0, "has %d <h1> elements; want exactly 1", h1s)
	}
	return p
}

// checkedAttrs are the attributes the check reads; others are skipped
// without allocating.
var checkedAttrs = map[string]bool{
	"id": true, "name": true, "href": true, "xlink:href": true, "src": true, "srcset": true,
	"alt": true, "rel": true, "action": true, "property": true, "content": true,
}

// tagNames interns common tag names, so scanning a page does not
// allocate a string per tag.
var tagNames = func() map[string]string {
	m := map[string]string{}
	for _, t := range strings.Fields("a abbr article aside body button caption circle code dd defs details dialog div dl dt em figcaption figure footer form g h1 h2 h3 h4 head header html img input label li link main mark meta nav ol p path pre rect script section small span strong style summary svg table tbody td text th thead time title tr tspan ul use") {
		m[t] = t
	}
	return m
}()

func tagName(b []byte) string {
	if t, ok := tagNames[string(b)]; ok {
		return t
	}
	return string(b)
}

// refs records the URLs one tag points at and checks its alt text.
func (p *page) refsOf(name string, line int, tag string, attrs map[string]string, inSVG bool) {
	add := func(attr string, asset bool) {
		if v, ok := attrs[attr]; ok {
			p.refs = append(p.refs, ref{url: v, line: line, asset: asset, tag: tag, attr: attr})
		}
	}
	switch tag {
	case "a", "area":
		add("href", false)
		if inSVG {
			add("xlink:href", false)
		}
	case "link":
		add("href", !strings.Contains(" "+attrs["rel"]+" ", " canonical ") && !strings.Contains(attrs["rel"], "alternate"))
	case "script", "iframe", "embed", "audio", "video", "track":
		add("src", true)
	case "img", "source":
		add("src", true)
		for _, u := range srcset(attrs["srcset"]) {
			p.refs = append(p.refs, ref{url: u, line: line, asset: true, tag: tag, attr: "srcset"})
		}
		if _, ok := attrs["alt"]; tag == "img" && !ok {
			p.addRef(name, ref{url: attrs["src"], line: line}, "<img src=%q> has no alt attribute (use alt=\"\" for a decorative image)", attrs["src"])
		}
	case "form":
		add("action", false)
	case "meta":
		if attrs["property"] == "og:url" || attrs["property"] == "og:image" || attrs["name"] == "twitter:image" {
			add("content", attrs["property"] != "og:url")
		}
	}
}

// srcset returns the URLs of a srcset attribute ("a.png 1x, b.png 2x").
func srcset(s string) []string {
	var out []string
	for _, cand := range strings.Split(s, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// ForBaseURL makes the options of a site whose canonical base URL is
// base ("https://example.org/notes/" or "/notes/").
func ForBaseURL(base string) Options {
	u, err := url.Parse(base)
	if err != nil {
		return Options{BasePath: "/"}
	}
	opts := Options{BasePath: u.Path, Host: u.Hostname()}
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	if !strings.HasSuffix(opts.BasePath, "/") {
		opts.BasePath += "/"
	}
	return opts
}
