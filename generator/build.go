// Package generator runs the build: a flat list of timed stages that take
// a site from its sources to finished output files.
//
//	config    sitegen.toml → config.Site
//	load      content/ → content.Site (pages, front matter, section tree)
//	dates     last change of each note from git history (file time without git)
//	facts     facts validated against content/_facts.yaml; comparison tables, matrix
//	markdown  each page → HTML, headings, links, search text (in parallel)
//	tags      a page per tag (front matter and inline #tags) under /tags/
//	links     every internal link and #anchor resolves
//	embeds    ![[Note]], ![[Note#Heading]] and ![[Note#^block]] spliced into the pages that embed them
//	study     flashcards, quiz and "which service?" guide from facts and author cards (/study/)
//	diagrams  service map, context and flow diagrams from links:/flows: (in parallel)
//	search    the search index, from the same parsed text (not from HTML)
//	cheatsheet the printable summary: every service, the comparisons, the map
//	render    theme layouts → minified HTML, assets, sitemap, redirects, 404 (in parallel)
//	check     the output's links, anchors, assets and markup (only with Config.Check)
//	write     the output folder, swapped in atomically (only with Config.Out);
//	          files are written while the stages run, into a temporary folder
//
// Build returns the output as files in memory, so `sitegen serve` can
// serve them without touching the disk; Session keeps a build between
// rebuilds and redoes only what an edit needs.
package generator

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"sitegen/generator/config"
	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/search"
	"sitegen/generator/sitefs"
	"sitegen/generator/srcerr"
)

// Config is one build's input.
type Config struct {
	Src      string // site root on disk, read through sitefs when FS is nil
	FS       fs.FS  // site root (sitegen.toml, content/, themes/); in memory for tests
	Out      string // output folder; "" keeps the output in memory only
	BaseURL  string // overrides sitegen.toml's base_url when set
	Drafts   bool
	Minify   bool
	Diagrams markdown.DiagramRenderer // nil: ```d2 fences stay code
	Version  string
	Check    bool // verify the output (links, assets, alt text, markup) before writing
	// Strict fails the build on broken links, anchors and assets, as
	// sitegen.toml's strict = true does; WarnLinks overrides both and keeps
	// them warnings, for drafts in progress.
	Strict    bool
	WarnLinks bool
}

// Result is a finished build.
type Result struct {
	Files    map[string][]byte // output path → bytes
	Pages    int
	Stages   []Stage
	Took     time.Duration
	Warnings srcerr.List // problems that did not fail the build (broken links unless strict)
	Missing  []string    // facts the schema knows that a service does not state: "lambda: storage"
}

// Stage is one timed step of a build.
type Stage struct {
	Name string
	Took time.Duration
}

// build is the state passed from stage to stage.
type build struct {
	cfg        Config
	fsys       fs.FS
	disk       *sitefs.FS // fsys when the site is read from disk: its skipped files are warnings
	site       config.Site
	pages      *content.Site
	parsed     map[*content.Page]*markdown.Result
	conv       *markdown.Converter
	indexer    *search.Indexer // kept by a Session: an unchanged page is not indexed again
	indexFiles []string        // output paths of the search index, replaced on a rebuild
	renderer   *render.Renderer
	facts      *facts
	backlinks  map[*content.Page][]render.Link
	sheet      *render.Sheet
	generated  map[*content.Page]*generatedDiagrams
	tags       *tags
	files      map[string][]byte
	outputs    *outputs       // the source of every output file
	writer     *render.Writer // nil when the output stays in memory
	warnings   srcerr.List
	warnMu     sync.Mutex // guards warnings while stages run in parallel
}

// warn keeps a problem that does not fail the build; stages running on
// all cores may call it.
func (b *build) warn(e *srcerr.Error) {
	b.warnMu.Lock()
	b.warnings = append(b.warnings, e)
	b.warnMu.Unlock()
}

// pageKey carries the page being converted to the renderers of fenced
// blocks (```compare), which resolve names from that page's folder.
type pageKey struct{}

// Build runs every stage. With Config.Out, files are written into a
// temporary folder as they are made and swapped in at the end; on error
// the previous output is left as it was.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	b := newBuild(cfg)
	stages := b.stages()
	if cfg.Check {
		stages = append(stages, stage{"check", b.check})
	}
	if cfg.Out != "" {
		src := cfg.Src
		if src == "" {
			src = "."
		}
		if err := render.CheckOut(cfg.Out, src); err != nil {
			return nil, err
		}
		w, err := render.NewWriter(cfg.Out)
		if err != nil {
			return nil, err
		}
		b.writer = w
		stages = append(stages, stage{"write", func(context.Context) error { return w.Commit() }})
	}
	res, err := b.run(ctx, stages)
	if err != nil && b.writer != nil {
		b.writer.Abort()
	}
	return res, err
}

// put adds an output file written by src, and starts writing it when
// the build writes to disk. A second source for one output path is an
// error naming both.
func (b *build) put(name string, src source, data []byte) error {
	if err := b.outputs.claim(name, src); err != nil {
		return err
	}
	b.files[name] = data
	if b.writer != nil {
		b.writer.Put(name, data)
	}
	return nil
}

type stage struct {
	name string
	run  func(context.Context) error
}

// newBuild prepares a build; the site folder on disk is opened by the
// config stage, which can fail.
func newBuild(cfg Config) *build {
	return &build{cfg: cfg, fsys: cfg.FS, files: map[string][]byte{}, outputs: newOutputs()}
}

// stages lists the stages of a full build, in order.
func (b *build) stages() []stage {
	return []stage{
		{"config", b.loadConfig},
		{"load", b.load},
		{"dates", b.gitDates},
		{"facts", b.loadFacts},
		{"markdown", b.markdown},
		{"tags", b.tagPages},
		{"links", b.checkLinks},
		{"embeds", b.embeds},
		{"study", b.studyStage},
		{"diagrams", b.diagrams},
		{"search", b.index},
		{"cheatsheet", b.cheatsheet},
		{"render", b.render},
	}
}

// run runs stages in order, timing each.
func (b *build) run(ctx context.Context, stages []stage) (*Result, error) {
	start := time.Now()
	res := &Result{}
	for _, s := range stages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := time.Now()
		if err := s.run(ctx); err != nil {
			return nil, err
		}
		res.Stages = append(res.Stages, Stage{Name: s.name, Took: time.Since(t)})
	}
	res.Files = b.files
	res.Pages = len(b.pages.Pages)
	res.Warnings = b.warnings
	if b.disk != nil {
		res.Warnings = slices.Concat(b.warnings, b.disk.Warnings())
	}
	res.Warnings = res.Warnings.Sorted()
	res.Missing = b.facts.missing
	res.Took = time.Since(start)
	return res, nil
}

func (b *build) loadConfig(context.Context) error {
	if b.fsys == nil {
		disk, err := sitefs.New(cmp.Or(b.cfg.Src, "."))
		if err != nil {
			return fmt.Errorf("site folder: %w", err)
		}
		b.disk, b.fsys = disk, disk
	}
	site, err := config.Load(b.fsys)
	if err != nil {
		return err
	}
	if b.disk != nil {
		b.disk.FollowAll(site.FollowSymlinks)
	}
	if b.cfg.BaseURL != "" {
		if site, err = site.WithBaseURL(b.cfg.BaseURL); err != nil {
			return fmt.Errorf("--base-url %w", err)
		}
	}
	b.site = site
	return nil
}

// strict says whether broken links fail the build: sitegen.toml's
// strict or --strict, unless --warn-links.
func (b *build) strict() bool {
	return (b.site.Strict || b.cfg.Strict) && !b.cfg.WarnLinks
}

func (b *build) load(context.Context) error {
	site, err := content.Load(b.fsys, content.Options{Drafts: b.cfg.Drafts})
	if err != nil {
		return err
	}
	b.pages = site
	b.warnings = append(b.warnings, site.Warnings...)
	if b.site.Title == "" {
		b.site.Title = site.DefaultTitle(siteFolder(b.cfg.Src))
	}
	if err := b.addSearchPage(); err != nil {
		return err
	}
	return b.addCheatsheetPage()
}

// siteFolder is the site folder's own name, for a site title.
func siteFolder(src string) string {
	abs, err := filepath.Abs(cmp.Or(src, "."))
	if err != nil {
		return ""
	}
	return filepath.Base(abs)
}

// markdown renders every page's body on all cores.
func (b *build) markdown(ctx context.Context) error {
	b.conv = markdown.New(markdown.Options{
		UnsafeHTML: b.site.UnsafeHTML,
		Resolver:   newResolver(b.pages),
		Diagrams:   b.cfg.Diagrams,
		Files:      b.fsys,
		BasePath:   b.site.BasePath(),
		Fences:     map[string]markdown.FenceRenderer{"compare": b.compareFence},
		AutoLinks:  b.autoLinkTargets(),
		WarnLinks:  !b.strict(),
	})
	results := make([]*markdown.Result, len(b.pages.Pages))
	err := parallel(ctx, len(b.pages.Pages), func(i int) error {
		r, err := b.renderMarkdown(ctx, b.pages.Pages[i])
		results[i] = r
		return err
	})
	b.parsed = make(map[*content.Page]*markdown.Result, len(results))
	for i, r := range results {
		b.parsed[b.pages.Pages[i]] = r
		if r != nil {
			b.warnings = append(b.warnings, r.Warnings...)
		}
	}
	return err
}

// renderMarkdown converts one page; a leading "# heading" becomes the
// title of a page whose front matter has none.
func (b *build) renderMarkdown(ctx context.Context, p *content.Page) (*markdown.Result, error) {
	autoLink := p.Meta.AutoLink == nil || *p.Meta.AutoLink
	ctx = context.WithValue(ctx, pageKey{}, p)
	r, err := b.conv.Render(ctx, markdown.Page{File: p.File, BodyLine: p.BodyLine, Body: p.Body, URL: p.URL, AutoLink: autoLink})
	if err != nil {
		return nil, err
	}
	if p.Meta.Title == "" && r.Title != "" {
		p.Title = r.Title
	}
	return r, nil
}

// render executes the theme for every page and adds assets, copied
// content files, sitemap, robots.txt, _redirects and 404.html.
func (b *build) render(ctx context.Context) error {
	min := render.NewMinifier(b.cfg.Minify)
	theme, err := render.LoadTheme(b.fsys, b.site.Theme, b.site.BasePath(),
		map[string][]byte{"syntax.css": markdown.SyntaxCSS()}, min)
	if err != nil {
		return err
	}
	b.renderer = render.NewRenderer(b.site, b.pages, theme, min, b.cfg.Version)
	b.warnings = append(b.warnings, b.themeWarnings()...)
	if err := b.renderPages(ctx, b.pages.Pages); err != nil {
		return err
	}
	var errs srcerr.List
	assets := theme.Assets()
	for _, name := range slices.Sorted(maps.Keys(assets)) {
		errs.Add(b.put(name, generatedSource("theme file "+name), assets[name]))
	}
	for _, a := range b.pages.Assets {
		data, err := fs.ReadFile(b.fsys, a.File)
		if err != nil {
			return srcerr.New(a.File, 0, "%v", err)
		}
		errs.Add(b.put(a.Dest, fileSource(a.File), data))
	}
	notFound, err := b.renderer.NotFound()
	if err != nil {
		return err
	}
	errs.Add(b.put("404.html", generatedSource("404.html"), notFound))
	errs.Add(b.put("sitemap.xml", generatedSource("sitemap.xml"), render.Sitemap(b.site, b.pages.Pages)))
	errs.Add(b.put("robots.txt", generatedSource("robots.txt"), render.Robots(b.site)))
	redirects, err := render.Redirects(b.site, b.pages.Pages, b.outputs.owner)
	errs.Add(err)
	if len(redirects) > 0 {
		errs.Add(b.put("_redirects", generatedSource("_redirects (from aliases)"), redirects))
	}
	return errs.Err()
}

// renderPages executes the theme for pages on all cores into b.files.
func (b *build) renderPages(ctx context.Context, pages []*content.Page) error {
	var errs srcerr.List
	for _, p := range pages {
		errs.Add(b.outputs.claim(render.OutputPath(p.URL), noteSource(p)))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	out := make([][]byte, len(pages))
	err := parallel(ctx, len(pages), func(i int) error {
		html, err := b.renderer.Page(pages[i], b.body(pages[i]))
		if err == nil && b.writer != nil {
			b.writer.Put(render.OutputPath(pages[i].URL), html)
		}
		out[i] = html
		return err
	})
	if err != nil {
		return collapseTemplateErrors(err)
	}
	for i, p := range pages {
		b.files[render.OutputPath(p.URL)] = out[i]
	}
	return nil
}

// collapseTemplateErrors reports a broken template once, not once per
// page that uses it.
func collapseTemplateErrors(err error) error {
	var list srcerr.List
	if !errors.As(err, &list) {
		return err
	}
	var out srcerr.List
	seen := map[string]*srcerr.Error{}
	count := map[*srcerr.Error]int{}
	for _, e := range list {
		key := fmt.Sprintf("%s:%d", e.File, e.Line)
		if first := seen[key]; first != nil && strings.HasPrefix(e.File, "themes/") {
			count[first]++
			continue
		}
		seen[key] = e
		out = append(out, e)
	}
	for e, n := range count {
		e.Msg += fmt.Sprintf(" (and %d more pages)", n)
	}
	return out
}

// body gathers what the earlier stages made for a page.
func (b *build) body(p *content.Page) render.Body {
	r := b.parsed[p]
	body := render.Body{HTML: template.HTML(r.HTML), TOC: toc(r.TOC)}
	if g := b.generated[p]; g != nil {
		body.Diagram, body.Flows = g.context, g.flows
	}
	if len(p.Meta.Compare) > 0 || p.URL == matrixURL {
		body.Comparison = b.facts.tables[p]
	} else {
		body.Facts = b.facts.tables[p]
	}
	if p.URL == cheatsheetURL && p.BodyLine == 0 { // the generated sheet, not a note at that URL
		body.Sheet = b.sheet
	}
	body.CompareWith = b.facts.compareWith[p]
	body.Backlinks = b.backlinks[p]
	b.tagBody(p, &body)
	return body
}

// toc nests h3 entries under the h2 before them.
func toc(headings []markdown.Heading) []render.TOCEntry {
	var out []render.TOCEntry
	for _, h := range headings {
		e := render.TOCEntry{ID: h.ID, Title: h.Text}
		if h.Level == 3 && len(out) > 0 {
			last := &out[len(out)-1]
			last.Children = append(last.Children, e)
			continue
		}
		out = append(out, e)
	}
	return out
}

// parallel runs fn for 0..n-1 on all cores and returns every error as
// one srcerr.List, so one build reports all broken pages at once.
func parallel(ctx context.Context, n int, fn func(i int) error) error {
	var (
		mu   sync.Mutex
		errs srcerr.List
		next = make(chan int)
		wg   sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					errs.Add(err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errs.Err()
}
