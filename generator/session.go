package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"sitegen/generator/change"
	"sitegen/generator/content"
	"sitegen/generator/render"
)

// Session keeps the state of the last build between rebuilds, for `sitegen
// serve`. It acts on the watcher's classification of each change
// (change.Change), never on a guess from the path:
//
//	note written          re-render it, the pages that show something of it
//	                      (backlinks, embeds), the search index and sitemap
//	asset written         copy its new bytes (.d2 sources: full build, notes read them)
//	theme file (any op)   re-render every page without re-reading notes
//	anything else         a full build: notes created, removed or renamed, folders,
//	                      data files, sitegen.toml, front matter or title edits
//
// A full build is always correct; the incremental paths must give what it
// gives, byte for byte (session_random_test.go checks that), and fall back
// to it when they cannot. After a failed build the next one is full, from
// the files as they are: a failed batch is never replayed.
type Session struct {
	cfg        Config
	last       *build  // the last successful build; nil before the first
	lastResult *Result // its full build's result: warnings, missing facts
	failed     bool    // the last build failed (perhaps half-way through changing last)
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

// Build rebuilds after changes, as the watcher classified them (paths
// relative to the site folder); no changes means a full build.
func (s *Session) Build(ctx context.Context, changes []change.Change) (*Update, error) {
	up, err := s.build(ctx, changes)
	s.failed = err != nil
	return up, err
}

func (s *Session) build(ctx context.Context, changes []change.Change) (*Update, error) {
	if s.last == nil || s.failed || len(changes) == 0 {
		return s.full(ctx)
	}
	var notes, theme, assets []string
	for _, c := range changes {
		switch {
		case c.Kind == change.Other:
		case c.Kind == change.Theme:
			theme = append(theme, c.Path)
		case c.Kind == change.Note && !c.Gone() && s.last.pages.ByFile(c.Path) != nil:
			// Created too: editors save by renaming a new file into place.
			notes = append(notes, c.Path)
		case c.Kind == change.Asset && c.Op == change.Written && s.copiedAsset(c.Path):
			assets = append(assets, c.Path)
		default:
			return s.full(ctx)
		}
	}
	switch {
	case len(theme) > 0 && len(notes)+len(assets) > 0:
		return s.full(ctx)
	case len(theme) > 0:
		return s.theme(ctx, theme)
	case len(notes) > 0:
		return s.notes(ctx, notes, assets)
	case len(assets) > 0:
		return s.assets(ctx, assets)
	}
	return &Update{Result: s.result(0), Summary: "nothing the site reads changed"}, nil
}

// copiedAsset reports whether file is an asset of the last build that is
// only copied: .d2 sources are read by the notes that draw them.
func (s *Session) copiedAsset(file string) bool {
	if strings.EqualFold(path.Ext(file), ".d2") {
		return false
	}
	for _, a := range s.last.pages.Assets {
		if a.File == file {
			return true
		}
	}
	return false
}

// result describes the last build's output after an incremental rebuild.
func (s *Session) result(took time.Duration) *Result {
	b := s.last
	return &Result{Files: b.files, Pages: len(b.pages.Pages), Took: took, Warnings: s.lastResult.Warnings,
		Missing: s.lastResult.Missing}
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
	s.last, s.lastResult = b, res
	return &Update{Result: res, Full: true, Summary: fmt.Sprintf("rebuilt all %d pages", res.Pages)}, nil
}

// assets copies the new bytes of assets that were written.
func (s *Session) assets(ctx context.Context, files []string) (*Update, error) {
	b := s.last
	start := time.Now()
	next := maps.Clone(b.files)
	for _, f := range files {
		data, err := fs.ReadFile(b.fsys, f)
		if err != nil {
			return s.full(ctx) // gone again, or no longer readable: see what is there
		}
		for _, a := range b.pages.Assets {
			if a.File == f {
				next[a.Dest] = data
			}
		}
	}
	b.files = next
	return &Update{Result: s.result(time.Since(start)), Summary: fmt.Sprintf("copied %d changed files", len(files))}, nil
}

// theme re-renders every page with the theme read anew.
func (s *Session) theme(ctx context.Context, changed []string) (*Update, error) {
	b := s.last
	start := time.Now()
	b.files = maps.Clone(b.files)
	for name, src := range b.outputs.by {
		if strings.HasPrefix(src.What, themeFileSource) {
			delete(b.files, name) // a file of a removed override is gone unless the theme still has it
			b.outputs.release(name)
		}
	}
	warnings := b.warnings
	err := b.render(ctx)
	b.warnings = warnings // the theme's warnings were kept by the full build
	if err != nil {
		return nil, err
	}
	cssOnly := true
	for _, c := range changed {
		cssOnly = cssOnly && path.Ext(c) == ".css"
	}
	return &Update{
		Result:  s.result(time.Since(start)),
		CSSOnly: cssOnly,
		Summary: fmt.Sprintf("theme changed: re-rendered %d pages", len(b.pages.Pages)),
	}, nil
}

// notes handles edits to the bodies of existing notes (and copies the
// assets written in the same batch).
func (s *Session) notes(ctx context.Context, files, assets []string) (*Update, error) {
	b := s.last
	start := time.Now()
	warnings := b.warnings
	defer func() { b.warnings = warnings }() // the link check adds its warnings again
	var edited []*content.Page
	earlier := map[*content.Page][]byte{} // HTML before the edit, for the author cards
	newDay := false
	for _, f := range files {
		p := b.pages.ByFile(f)
		np, err := content.LoadPage(b.fsys, f)
		if err != nil {
			return s.full(ctx) // gone again, or broken: the full build sees and reports what is there
		}
		if !reflect.DeepEqual(p.Meta, np.Meta) || np.Title != p.Title {
			// Front matter, and a title from the first heading, feed
			// lists, tables, links and diagrams.
			return s.full(ctx)
		}
		edited = append(edited, p)
		// From here the loaded site is changed: if anything fails, the
		// next build starts afresh (Build marks the session failed).
		title := p.Title
		// The sitemap carries each page's day of last change.
		newDay = newDay || p.ModTime.UTC().Format(time.DateOnly) != np.ModTime.UTC().Format(time.DateOnly)
		p.Body, p.BodyLine, p.ModTime = np.Body, np.BodyLine, np.ModTime
		r, err := b.renderMarkdown(ctx, p)
		if err != nil {
			return nil, err
		}
		if p.Title != title {
			return s.full(ctx) // the rendered first heading reads differently
		}
		if !slices.Equal(b.parsed[p].Tags, r.Tags) {
			return s.full(ctx) // inline #tags feed the tag pages
		}
		earlier[p] = b.parsed[p].HTML
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
	for p, html := range embedded {
		if _, ok := earlier[p]; !ok {
			earlier[p] = html
		}
	}
	if b.authorCardsChanged(earlier) {
		return s.full(ctx) // author cards feed the study pages
	}
	pages := append(edited, changedBacklinks(before, b.backlinks)...)
	pages = append(pages, changedEmbeds(b, embedded)...)
	b.files = maps.Clone(b.files)
	if err := b.putDiagramFiles(edited, false); err != nil {
		return nil, err
	}
	if err := b.index(ctx); err != nil {
		return nil, err
	}
	if err := b.renderPages(ctx, unique(pages)); err != nil {
		return nil, err
	}
	if newDay {
		b.files["sitemap.xml"] = render.Sitemap(b.settings, b.pages.Pages)
	}
	for _, f := range assets {
		data, err := fs.ReadFile(b.fsys, f)
		if err != nil {
			return s.full(ctx)
		}
		for _, a := range b.pages.Assets {
			if a.File == f {
				b.files[a.Dest] = data
			}
		}
	}
	up := &Update{Result: s.result(time.Since(start))}
	for _, p := range unique(pages) {
		up.Pages = append(up.Pages, p.URL)
	}
	up.Summary = fmt.Sprintf("re-rendered %d of %d pages", len(up.Pages), len(b.pages.Pages))
	return up, nil
}

// themeFileSource starts the source of every output file the theme gives.
const themeFileSource = "the generated theme file "

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
