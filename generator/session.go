package generator

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"sitegen/generator/content"
	"sitegen/generator/render"
)

// Session keeps the state of the last build between rebuilds, for `sitegen
// serve`. An edit to the body of a note re-renders that note and the pages
// that show something of it (their backlinks), and rebuilds the search
// index; a theme edit re-renders pages without re-reading notes; anything
// else (front matter, new or removed notes, config, data files) is a full
// build, which is always correct.
type Session struct {
	cfg   Config
	last  *build // the last successful build; nil before the first
	dirty bool   // the last incremental rebuild failed half-way
}

// Update is the result of one Session build.
type Update struct {
	*Result
	Full    bool     // everything was rebuilt
	Pages   []string // URLs of the pages that were re-rendered
	CSSOnly bool     // only stylesheets changed
	Summary string   // "rebuilt 3 of 5000 pages", for the terminal
}

// NewSession prepares builds of cfg; cfg.Out is ignored (serve keeps the
// site in memory).
func NewSession(cfg Config) *Session {
	cfg.Out = ""
	return &Session{cfg: cfg}
}

// Build rebuilds after the given changes (paths relative to the site
// root); no changes means a full build.
func (s *Session) Build(ctx context.Context, changed []string) (*Update, error) {
	if s.last == nil || s.dirty || len(changed) == 0 {
		return s.full(ctx)
	}
	var notes, theme []string
	for _, c := range changed {
		switch {
		case strings.HasPrefix(c, "themes/"+s.last.site.Theme+"/"):
			theme = append(theme, c)
		case s.isNote(c):
			notes = append(notes, c)
		default:
			return s.full(ctx)
		}
	}
	if len(notes) > 0 {
		return s.notes(ctx, notes, len(theme) > 0)
	}
	return s.theme(ctx, theme)
}

// isNote reports whether path is an existing, loaded note.
func (s *Session) isNote(p string) bool {
	return content.IsNote(p) && s.last.pages.ByFile(p) != nil
}

func (s *Session) full(ctx context.Context) (*Update, error) {
	b := newBuild(s.cfg)
	if s.last != nil {
		b.indexer = s.last.indexer // pages that did not change are not indexed again
	}
	res, err := b.run(ctx, b.stages())
	if err != nil {
		return nil, err
	}
	s.last, s.dirty = b, false
	return &Update{Result: res, Full: true, Summary: fmt.Sprintf("rebuilt all %d pages", res.Pages)}, nil
}

// theme re-renders every page with the theme read anew.
func (s *Session) theme(ctx context.Context, changed []string) (*Update, error) {
	b := s.last
	start := time.Now()
	old := b.files
	b.files = maps.Clone(old)
	if err := b.render(ctx); err != nil {
		b.files = old
		return nil, err
	}
	cssOnly := true
	for _, c := range changed {
		cssOnly = cssOnly && path.Ext(c) == ".css"
	}
	return &Update{
		Result:  &Result{Files: b.files, Pages: len(b.pages.Pages), Took: time.Since(start)},
		CSSOnly: cssOnly,
		Summary: fmt.Sprintf("theme changed: re-rendered %d pages", len(b.pages.Pages)),
	}, nil
}

// notes handles edits to the bodies of existing notes.
func (s *Session) notes(ctx context.Context, files []string, themeToo bool) (*Update, error) {
	if themeToo {
		return s.full(ctx)
	}
	b := s.last
	start := time.Now()
	var edited []*content.Page
	for _, f := range files {
		p := b.pages.ByFile(f)
		np, err := content.LoadPage(b.fsys, f)
		if err != nil {
			return nil, err
		}
		if !reflect.DeepEqual(p.Meta, np.Meta) {
			return s.full(ctx) // front matter feeds lists, tables, diagrams
		}
		edited = append(edited, p)
		// From here the loaded site is changed: if anything fails, the
		// next build starts afresh.
		s.dirty = true
		title := p.Title
		p.Body, p.BodyLine, p.ModTime = np.Body, np.BodyLine, np.ModTime
		r, err := b.renderMarkdown(ctx, p)
		if err != nil {
			return nil, err
		}
		if p.Title != title {
			return s.full(ctx) // a title from the first heading changed
		}
		if !slices.Equal(b.parsed[p].Tags, r.Tags) {
			return s.full(ctx) // inline #tags feed the tag pages
		}
		b.parsed[p] = r
	}
	before := b.backlinks
	if err := b.checkLinks(ctx); err != nil {
		return nil, err
	}
	embedded := embeddingPages(b)
	if err := b.embeds(ctx); err != nil {
		return nil, err
	}
	pages := append(edited, changedBacklinks(before, b.backlinks)...)
	pages = append(pages, changedEmbeds(b, embedded)...)
	b.files = maps.Clone(b.files)
	if err := b.index(ctx); err != nil {
		return nil, err
	}
	if err := b.renderPages(ctx, unique(pages)); err != nil {
		return nil, err
	}
	s.dirty = false
	up := &Update{Result: &Result{Files: b.files, Pages: len(b.pages.Pages), Took: time.Since(start)}}
	for _, p := range unique(pages) {
		up.Pages = append(up.Pages, p.URL)
	}
	up.Summary = fmt.Sprintf("re-rendered %d of %d pages", len(up.Pages), len(b.pages.Pages))
	return up, nil
}

// embeddingPages holds the HTML of every page that embeds another, so
// changedEmbeds can tell which of them an edit reached.
func embeddingPages(b *build) map[*content.Page][]byte {
	html := map[*content.Page][]byte{}
	for p, r := range b.parsed {
		if len(r.Embeds) > 0 {
			html[p] = r.HTML
		}
	}
	return html
}

// changedEmbeds lists the pages whose spliced-in embeds changed.
func changedEmbeds(b *build, before map[*content.Page][]byte) []*content.Page {
	var out []*content.Page
	for p, html := range before {
		if !bytes.Equal(b.parsed[p].HTML, html) {
			out = append(out, p)
		}
	}
	return out
}

// changedBacklinks lists the pages whose "Mentioned in" list changed.
func changedBacklinks(before, after map[*content.Page][]render.Link) []*content.Page {
	var out []*content.Page
	for p, links := range after {
		if !reflect.DeepEqual(links, before[p]) {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}

func unique(pages []*content.Page) []*content.Page {
	seen := map[*content.Page]bool{}
	out := pages[:0:0]
	for _, p := range pages {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
