package check

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Dir checks the output folder dir, reading one file at a time.
func Dir(dir string, opts Options) ([]Finding, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		return nil, err
	}
	s := NewStream(opts)
	s.Expect(names...)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, name := range names {
		g.Go(func() error {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err == nil {
				s.Add(name, data)
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return s.Findings(), nil
}

// Files checks output files (output path → bytes), as generator.Build
// returns them. Findings are sorted by page and line.
func Files(files map[string][]byte, opts Options) []Finding {
	s := NewStream(opts)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	s.Expect(names...)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, name := range names {
		g.Go(func() error { s.Add(name, files[name]); return nil })
	}
	_ = g.Wait() // Add reports through the findings, never an error
	return s.Findings()
}

// Stream checks a site's files one at a time, as a build makes them, so
// the check never needs every page in memory at once: of a page it keeps
// its ids (the #anchors other pages may link to) and its findings.
//
// A page's references are resolved when it is added, against the files
// added or announced by Expect so far. A reference to a file not known
// yet, or to an #anchor of a page not added yet, waits for Findings; a
// caller that announces every output path first keeps the waiting few
// (only links to a heading of a later page). The findings are the same
// whatever the order of Add.
//
// Add may be called from many goroutines at once; Findings once, after
// the last Add. Every name given to Expect must be added before Findings:
// the check trusts that an announced file exists.
type Stream struct {
	opts Options
	mu   sync.RWMutex
	// files maps the added or announced output paths each to itself:
	// a lookup finds the path as stored, and a link's target is no copy.
	files     map[string]string
	ids       map[string]idSet // HTML page → its ids
	waiting   []link
	found     []finding
	redirects []byte // _redirects, checked once every file is known
}

// NewStream starts a check of a site served as opts says.
func NewStream(opts Options) *Stream {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	return &Stream{opts: opts, files: map[string]string{}, ids: map[string]idSet{}}
}

// Expect announces output paths that will be added: references to them
// are then resolved at once instead of waiting for Findings.
func (s *Stream) Expect(names ...string) {
	s.mu.Lock()
	for _, n := range names {
		s.files[n] = n
	}
	s.mu.Unlock()
}

// Add checks one output file. data is not retained; an HTML page is
// scanned, other files only count as existing (and _redirects is read).
func (s *Stream) Add(name string, data []byte) {
	if !strings.HasSuffix(name, ".html") {
		s.mu.Lock()
		s.files[name] = name
		if name == "_redirects" {
			s.redirects = slices.Clone(data)
		}
		s.mu.Unlock()
		return
	}
	p := pagePool.Get().(*page)
	defer pagePool.Put(p)
	p.scan(name, data)
	ids := packIDs(p.ids)
	s.mu.Lock()
	s.files[name] = name
	s.ids[name] = ids
	s.mu.Unlock()
	// Findings keep the order of one page's problems: those of the scan,
	// then one per reference, in the page's order.
	found := make([]finding, 0, len(p.found))
	for i, f := range p.found {
		found = append(found, finding{f, i})
	}
	var waiting []link
	for i, r := range p.refs {
		l, f, ok := s.resolve(p, name, r, len(p.found)+i)
		switch {
		case f != nil:
			found = append(found, *f)
		case !ok:
			waiting = append(waiting, l)
		}
	}
	s.mu.Lock()
	s.found = append(s.found, found...)
	s.waiting = append(s.waiting, waiting...)
	s.mu.Unlock()
}

// Findings resolves the references still waiting and returns every
// problem, sorted by page and line.
func (s *Stream) Findings() []Finding {
	for _, l := range s.waiting {
		if f, _ := s.settle(l, nil, true); f != nil {
			s.found = append(s.found, *f)
		}
	}
	s.waiting = nil
	if s.redirects != nil {
		s.checkRedirects(s.redirects)
	}
	slices.SortStableFunc(s.found, func(a, b finding) int {
		switch {
		case a.Page != b.Page:
			return strings.Compare(a.Page, b.Page)
		case a.Line != b.Line:
			return a.Line - b.Line
		}
		return a.seq - b.seq
	})
	out := make([]Finding, len(s.found))
	for i, f := range s.found {
		out[i] = f.Finding
	}
	return out
}

// idSet is a page's ids packed into one string, each as its length (a
// uvarint) and its bytes. Every page's ids are kept until the end of the
// check: as a []string they cost a slice and an allocation per id (about
// 100 MB at 100,000 notes, all of it for the collector to trace); packed
// they cost one allocation and nothing to trace. Pages have a few dozen
// ids, so a lookup reads through them.
type idSet string

func packIDs(ids map[string]bool) idSet {
	var num [binary.MaxVarintLen64]byte
	n := 0
	for id := range ids {
		n += len(binary.AppendUvarint(num[:0], uint64(len(id)))) + len(id)
	}
	var b strings.Builder
	b.Grow(n)
	for id := range ids {
		b.Write(binary.AppendUvarint(num[:0], uint64(len(id))))
		b.WriteString(id)
	}
	return idSet(b.String())
}

func (s idSet) has(id string) bool {
	for i := 0; i < len(s); {
		n, shift := 0, 0
		for ; i < len(s) && s[i] >= 0x80; i++ {
			n |= int(s[i]&0x7f) << shift
			shift += 7
		}
		if i == len(s) {
			return false
		}
		n |= int(s[i]) << shift
		i++
		if i+n > len(s) {
			return false
		}
		if string(s[i:i+n]) == id {
			return true
		}
		i += n
	}
	return false
}

// finding is a Finding with its place among its page's findings.
type finding struct {
	Finding
	seq int
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
	p.found = append(p.found, refFinding(name, r, format, args...))
}

func refFinding(name string, r ref, format string, args ...any) Finding {
	return Finding{Page: name, Line: r.line, Msg: fmt.Sprintf(format, args...), Value: r.url}
}

// link is a reference that leads into the site: to the file at path,
// and to its #frag when frag is set.
type link struct {
	page      string
	seq       int
	r         ref
	raw, path string
	frag      string
}

// resolve checks that one reference of page name points at something.
// It returns the reference's problem, if any, and ok false when it
// cannot tell yet: the link waits for Findings.
func (s *Stream) resolve(p *page, name string, r ref, seq int) (l link, f *finding, ok bool) {
	problem := func(format string, args ...any) (link, *finding, bool) {
		return l, &finding{refFinding(name, r, format, args...), seq}, true
	}
	raw := strings.TrimSpace(r.url)
	if raw == "" {
		if r.asset {
			return problem("%s is empty", r.what())
		}
		return l, nil, true
	}
	// Site paths without a query (the sidebar, assets, most links) need
	// no URL parser.
	if strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") && !strings.ContainsAny(raw, "?%\\") {
		pathPart, frag, _ := strings.Cut(raw, "#")
		l = link{page: name, seq: seq, r: r, raw: raw, path: pathPart, frag: frag}
		f, ok := s.settle(l, p, false)
		return l, f, ok
	}
	u, err := url.Parse(raw)
	if err != nil {
		// Not a URL Go can parse (<http://localhost:port> in a note):
		// whatever it is, it does not lead to a file of this site.
		return l, nil, true
	}
	switch u.Scheme {
	case "", "http", "https":
	default:
		return l, nil, true // mailto:, data:, tel: …
	}
	if u.Host != "" {
		if s.opts.Host == "" || !strings.EqualFold(u.Hostname(), s.opts.Host) {
			return l, nil, true // another site: not checked offline
		}
		if u.Scheme == "http" {
			return problem("%s %s: links to http:// of the site's own host; use https or a site path", r.what(), raw)
		}
	}
	base := &url.URL{Path: s.opts.BasePath + path.Dir(name) + "/"}
	if path.Dir(name) == "." {
		base.Path = s.opts.BasePath
	}
	target := base.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath, Fragment: u.Fragment})
	if u.Path == "" {
		target.Path = s.opts.BasePath + name // "#x" and "?q" point into the page itself
	}
	l = link{page: name, seq: seq, r: r, raw: raw, path: target.Path, frag: u.Fragment}
	f, ok = s.settle(l, p, false)
	return l, f, ok
}

// settle reports a link whose target path is missing, or whose #frag is
// not an id of the page it leads to. self is the page the link is on
// while that page is being added, nil at the end. Before the end (final
// false), ok is false when the target is not known yet: a file not added
// or announced, or a page not scanned.
func (s *Stream) settle(l link, self *page, final bool) (f *finding, ok bool) {
	file, found := s.file(l.path)
	if !found {
		if !final {
			return nil, false
		}
		kind := "broken link"
		if l.r.asset {
			kind = "missing asset"
		}
		return &finding{refFinding(l.page, l.r, "%s: %s %s (no file %s in the output)", kind, l.r.what(), l.raw, s.outName(l.path)), l.seq}, true
	}
	if l.frag == "" || !strings.HasSuffix(file, ".html") {
		return nil, true
	}
	var has bool
	if self != nil && file == l.page {
		has = self.ids[l.frag]
	} else {
		s.mu.RLock()
		ids, scanned := s.ids[file]
		s.mu.RUnlock()
		if !scanned {
			// Announced and not added yet; at the end, a page that was
			// never added has no ids to check against.
			return nil, final
		}
		has = ids.has(l.frag)
	}
	if has {
		return nil, true
	}
	return &finding{refFinding(l.page, l.r, "broken anchor: %s %s (%s has no id %q)", l.r.what(), l.raw, file, l.frag), l.seq}, true
}

// file maps a URL path to the output file a static host would serve. For
// a path of usual length it allocates nothing: it runs for every link of
// every page, and a cache of its answers grew as large as the site (one
// entry per page linked to) to save no more than the lookup a hit costs.
func (s *Stream) file(p string) (string, bool) {
	rel, ok := strings.CutPrefix(p, s.opts.BasePath)
	if !ok {
		return "", false
	}
	var buf [256]byte
	s.mu.RLock()
	defer s.mu.RUnlock()
	if rel == "" || strings.HasSuffix(rel, "/") {
		f, ok := s.files[string(append(append(buf[:0], rel...), "index.html"...))]
		return f, ok
	}
	if f, ok := s.files[rel]; ok {
		return f, true
	}
	if path.Ext(rel) == "" { // a host redirects /x to /x/
		f, ok := s.files[string(append(append(buf[:0], rel...), "/index.html"...))]
		return f, ok
	}
	return "", false
}

func (s *Stream) outName(p string) string {
	if !strings.HasPrefix(p, s.opts.BasePath) {
		return p + " (outside the base path " + s.opts.BasePath + ")"
	}
	rel := strings.TrimPrefix(p, s.opts.BasePath)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

// checkRedirects checks that every _redirects rule leads to a file.
func (s *Stream) checkRedirects(data []byte) {
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") || strings.Contains(f[1], "://") || strings.Contains(f[1], ":") || strings.Contains(f[1], "*") {
			continue
		}
		if _, ok := s.file(f[1]); !ok {
			s.found = append(s.found, finding{Finding{Page: "_redirects", Line: i + 1,
				Msg: fmt.Sprintf("redirect %s → %s: no file %s in the output", f[0], f[1], s.outName(f[1]))}, i})
		}
	}
}
