// Package generator runs the build: a flat list of timed stages that take
// a site from its sources to finished output files.
//
//	config    sitegen.toml → config.Settings                                       setup
//	load      content/ → content.Site (pages, front matter, section tree)          check
//	dates     last change of each note from git history (file time without git)   setup
//	facts     facts validated against content/_facts.yaml; comparison tables, matrix check
//	markdown  each page → HTML, headings, links, search text (in parallel)         check
//	tags      a page per tag (front matter and inline #tags) under /tags/          check
//	links     every internal link and #anchor resolves                             check
//	embeds    ![[Note]], ![[Note#Heading]] and ![[Note#^block]] spliced in         check
//	relations links:/flows: of every note name notes or external nodes            check
//	theme     layouts parse; each note's layout exists (a warning when not)       check
//	study     flashcards, quiz and "which service?" guide from facts (/study/)     produce
//	diagrams  service map, context and flow diagrams from links:/flows: (in parallel)
//	search    the search index, from the same parsed text (not from HTML)
//	cheatsheet the printable summary: every service, the comparisons, the map
//	render    theme layouts → minified HTML, assets, sitemap, redirects, 404 (in parallel)
//	check     the output's links, anchors, assets and markup (only with Config.Check);
//	          each file is scanned as it is made, the links resolved at the end
//	write     the output folder, swapped in atomically (only with Config.Out);
//	          files are written while the stages run, into a temporary folder
//
// The kinds say how a stage fails. A setup stage's error ends the build
// at once: nothing after it can run without it. A check stage reads the
// author's input and collects its problems; the stages after it still
// run, so one build reports every mistake of every note (sorted, as one
// srcerr.List), and they take the pieces a failed check left out as
// missing. The build stops before the first produce stage (the unmarked
// ones) when any check failed: output is never made from broken data.
//
// Without Config.Out, Build returns the output as files in memory, so
// `sitegen serve` can serve them without touching the disk; Session keeps
// a build between rebuilds and redoes only what an edit needs. With
// Config.Out, each file goes to the writer (and the output check) as soon
// as it is made and is not kept: a build's memory does not grow with the
// bytes of its output.
package generator

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"sitegen/generator/check"
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
	// DiagramTimeout bounds one diagram's layout (--diagram-timeout),
	// overriding sitegen.toml's diagram_timeout; zero keeps that.
	DiagramTimeout time.Duration
	// Progress, when set, hears each stage as it starts (done and total
	// 0) and, in the stages that work page by page, each page done. It is
	// called from many goroutines at once and must return quickly.
	Progress func(stage string, done, total int)
}

// Result is a finished build.
type Result struct {
	Files    map[string][]byte // output path → bytes; nil with Config.Out (the files are on disk)
	Pages    int
	Stages   []Stage
	Took     time.Duration
	Warnings srcerr.List // problems that did not fail the build (broken links unless strict)
	Missing  []string    // facts the schema knows that a service does not state: "lambda: storage"
	Book     []BookPage  // the pages a printed study book holds, in reading order
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
	settings   config.Settings
	pages      *content.Site
	parsed     map[*content.Page]*markdown.Result
	conv       *markdown.Converter
	indexer    *search.Indexer // kept by a Session: an unchanged page is not indexed again
	indexFiles []string        // output paths of the search index, replaced on a rebuild
	renderer   *render.Renderer
	theme      *render.Theme
	min        *render.Minifier
	themeFresh bool // the theme stage loaded the theme this build
	facts      *facts
	backlinks  map[*content.Page][]render.Link
	sheet      *render.Sheet
	arch       *architecture // the checked links: and flows: of every note
	generated  map[*content.Page]*generatedDiagrams
	tags       *tags
	files      map[string][]byte // nil when the files go to the writer only
	outputs    *outputs          // the source of every output file
	writer     *render.Writer    // nil when the output stays in memory
	checking   bool              // Build runs the output check (Config.Check); a Session does not
	checker    *check.Stream     // the output check, fed each file as it is made; made by the config stage
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
		b.checking = true
		stages = append(stages, stage{name: "check", run: b.check})
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
		b.files = nil
		stages = append(stages, stage{name: "write", run: func(context.Context) error { return w.Commit() }})
	}
	res, err := b.run(ctx, stages)
	if err != nil && b.writer != nil {
		b.writer.Abort()
	}
	return res, err
}

// put adds an output file written by src. A second source for one
// output path is an error naming both.
func (b *build) put(name string, src source, data []byte) error {
	if err := b.outputs.claim(name, src); err != nil {
		return err
	}
	if b.files != nil {
		b.files[name] = data
	}
	b.emit(name, data)
	return nil
}

// streaming reports whether the output goes to disk as it is made: the
// build is then used once (a Session keeps its output in memory and its
// build for the next edit), so what a stage made for a later one may be
// let go as soon as that stage is done.
func (b *build) streaming() bool { return b.files == nil }

// emit hands a finished file to the writer and the output check, which
// keep none of its bytes; it may be called from many goroutines.
func (b *build) emit(name string, data []byte) {
	if b.writer != nil {
		b.writer.Put(name, data)
	}
	if b.checker != nil {
		b.checker.Add(name, data)
	}
}

// emitThen is emit for bytes the caller reuses: done runs once the
// writer has them on disk (the check reads them at once).
func (b *build) emitThen(name string, data []byte, done func()) {
	if b.checker != nil {
		b.checker.Add(name, data)
	}
	if b.writer == nil {
		done()
		return
	}
	b.writer.PutThen(name, data, done)
}

type stage struct {
	name string
	kind stageKind
	run  func(context.Context) error
}

// stageKind says what a stage's error does to the build (see the package doc).
type stageKind int

const (
	produceStage stageKind = iota // runs only when every check passed
	setupStage                    // an error ends the build at once
	checkStage                    // errors are collected; later stages still run
)

// newBuild prepares a build; the site folder on disk is opened by the
// config stage, which can fail.
func newBuild(cfg Config) *build {
	return &build{cfg: cfg, fsys: cfg.FS, files: map[string][]byte{}, outputs: newOutputs()}
}

// stages lists the stages of a full build, in order.
func (b *build) stages() []stage {
	return []stage{
		{"config", setupStage, b.loadConfig},
		{"load", checkStage, b.load},
		{"dates", setupStage, b.gitDates},
		{"facts", checkStage, b.loadFacts},
		{"markdown", checkStage, b.markdown},
		{"tags", checkStage, b.tagPages},
		{"links", checkStage, b.checkLinks},
		{"embeds", checkStage, b.embeds},
		{"relations", checkStage, b.relations},
		{"theme", checkStage, b.checkTheme},
		{"study", produceStage, b.studyStage},
		{"diagrams", produceStage, b.diagrams},
		{"search", produceStage, b.index},
		{"cheatsheet", produceStage, b.cheatsheet},
		{"render", produceStage, b.render},
	}
}

// run runs stages in order, timing each; check stages collect their
// problems, and the first produce stage is not reached when there are any.
func (b *build) run(ctx context.Context, stages []stage) (*Result, error) {
	start := time.Now()
	res := &Result{}
	var problems srcerr.List
	for _, s := range stages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.kind == produceStage && len(problems) > 0 {
			break
		}
		if b.cfg.Progress != nil {
			b.cfg.Progress(s.name, 0, 0)
		}
		t := time.Now()
		err := s.run(ctx)
		var h halt
		switch {
		case err == nil:
		case isCancel(err) || (s.kind != checkStage && len(problems) == 0):
			return nil, err
		case s.kind != checkStage || errors.As(err, &h):
			problems.Add(err) // nothing after this stage can run
			return nil, problems.Err()
		default:
			problems.Add(err)
		}
		res.Stages = append(res.Stages, Stage{Name: s.name, Took: time.Since(t)})
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	res.Files = b.files
	res.Pages = len(b.pages.Pages)
	res.Warnings = b.warnings
	if b.disk != nil {
		res.Warnings = slices.Concat(b.warnings, b.disk.Warnings())
	}
	res.Warnings = res.Warnings.Sorted()
	res.Missing = b.facts.missing
	res.Book = b.bookOrder()
	res.Took = time.Since(start)
	return res, nil
}

// isCancel reports whether err is the build being stopped, not a problem
// of the site.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
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
	b.settings = site
	if b.checking {
		b.checker = check.NewStream(check.ForBaseURL(site.BaseURL))
	}
	return nil
}

// strict says whether broken links fail the build: sitegen.toml's
// strict or --strict, unless --warn-links.
func (b *build) strict() bool {
	return (b.settings.Strict || b.cfg.Strict) && !b.cfg.WarnLinks
}

func (b *build) load(context.Context) error {
	site, err := content.Load(b.fsys, content.Options{Drafts: b.cfg.Drafts})
	if site == nil {
		return halt{err}
	}
	defer func() { b.warnings = append(b.warnings, site.Warnings...) }()
	b.pages = site
	var errs srcerr.List
	errs.Add(err)
	if b.settings.Title == "" {
		b.settings.Title = site.DefaultTitle(siteFolder(b.cfg.Src))
	}
	errs.Add(b.addSearchPage())
	errs.Add(b.addCheatsheetPage())
	return errs.Err()
}

// halt is a check stage's error that leaves the later stages nothing to
// work on (no site was loaded): it ends the build at once.
type halt struct{ error }

func (h halt) Unwrap() error { return h.error }

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
	opts := markdown.Options{
		UnsafeHTML: b.settings.UnsafeHTML,
		Resolver:   newResolver(b.pages),
		Diagrams:   b.cfg.Diagrams,
		Files:      b.fsys,
		BasePath:   b.settings.BasePath(),
		Fences:     map[string]markdown.FenceRenderer{"compare": b.compareFence},
		AutoLinks:  b.autoLinkTargets(),
		WarnLinks:  !b.strict(),
	}
	b.conv = markdown.New(opts)
	opts.WarnLinks = true
	lenient := markdown.New(opts)
	results, err := parallel(ctx, len(b.pages.Pages), counted(b, "markdown", len(b.pages.Pages), func(i int) (*markdown.Result, error) {
		p := b.pages.Pages[i]
		r, err := b.convertWith(ctx, b.conv, p)
		if err != nil && b.strict() && !isCancel(err) {
			// A broken link fails a strict note, but the later checks
			// (its anchors, embeds, tags) still need the note: render it
			// again with broken links as warnings, which err already holds.
			if again, err2 := b.convertWith(ctx, lenient, p); err2 == nil {
				again.Warnings = without(again.Warnings, err)
				r = again
			}
		}
		if b.streaming() && p.BodyLine > 0 {
			// No stage after this one reads the note's Markdown in a build
			// used once (the output check reads again the few notes it
			// reports on: noteBody), so it goes as soon as it is converted
			// rather than after every note is: at 100,000 notes the
			// sources and the results together were the build's peak.
			p.Body = nil
		}
		return r, err
	}))
	if err != nil && ctx.Err() != nil {
		return err
	}
	b.parsed = make(map[*content.Page]*markdown.Result, len(results))
	for i, r := range results {
		p := b.pages.Pages[i]
		b.parsed[p] = r
		if r != nil {
			setTitle(p, r)
			b.warnings = append(b.warnings, r.Warnings...)
		}
	}
	return err
}

// renderMarkdown converts one page and takes its title from it.
func (b *build) renderMarkdown(ctx context.Context, p *content.Page) (*markdown.Result, error) {
	r, err := b.convertMarkdown(ctx, p)
	if err != nil {
		return nil, err
	}
	setTitle(p, r)
	return r, nil
}

// convertMarkdown converts one page and changes nothing shared, so a
// conversion abandoned on cancel cannot touch the next build.
func (b *build) convertMarkdown(ctx context.Context, p *content.Page) (*markdown.Result, error) {
	return b.convertWith(ctx, b.conv, p)
}

func (b *build) convertWith(ctx context.Context, conv *markdown.Converter, p *content.Page) (*markdown.Result, error) {
	autoLink := p.Meta.AutoLink == nil || *p.Meta.AutoLink
	ctx = context.WithValue(b.diagramContext(ctx), pageKey{}, p)
	return conv.Render(ctx, markdown.Page{File: p.File, BodyLine: p.BodyLine, Body: p.Body, URL: p.URL, AutoLink: autoLink})
}

// diagramContext carries the diagram timeout to the DiagramRenderer
// (--diagram-timeout, else sitegen.toml's diagram_timeout) and the base path.
func (b *build) diagramContext(ctx context.Context) context.Context {
	ctx = markdown.WithDiagramBasePath(ctx, b.settings.BasePath())
	return markdown.WithDiagramTimeout(ctx, cmp.Or(b.cfg.DiagramTimeout, b.settings.DiagramLimit()))
}

// setTitle makes a leading "# heading" the title of a page whose front
// matter has none.
func setTitle(p *content.Page, r *markdown.Result) {
	if p.Meta.Title == "" && r.Title != "" {
		p.Title = r.Title
	}
}

// without drops from warns the problems err already reports.
func without(warns srcerr.List, err error) srcerr.List {
	var errs srcerr.List
	errs.Add(err)
	reported := map[string]bool{}
	for _, e := range errs {
		reported[e.Error()] = true
	}
	var out srcerr.List
	for _, w := range warns {
		if !reported[w.Error()] {
			out = append(out, w)
		}
	}
	return out
}
