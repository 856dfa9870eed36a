// Package markdown turns one note's Markdown into HTML plus what the rest
// of the build needs from the same parse: the table of contents, the
// headings (for anchor checks), the links (for backlinks and link checks)
// and the plain text split at headings (for the search index).
//
// It is goldmark with GFM, footnotes, definition lists, typographer and
// :emoji: (goldmark-emoji), plus one file per sitegen extension:
//
//	ids.go        heading ids as GitHub makes them, unique within the page
//	alerts.go     callouts: GitHub's > [!NOTE] alerts and Obsidian's > [!tip]- Title, folded as <details>
//	comments.go   %%comments%%, left out of the page and the search text
//	mark.go       ==highlight== as <mark>
//	html.go       raw HTML through an allow-list (sanitize.go), unless unsafe_html
//	code.go       fenced code highlighted by chroma with CSS classes
//	fences.go     fenced blocks of other languages (```compare, ```d2) handed to a FenceRenderer
//	diagram.go    ```d2 fences and ![caption](file.d2) images become diagrams through a
//	              DiagramRenderer, within the site's diagram_timeout
//	mermaid.go    ```mermaid flowcharts and sequence diagrams drawn as D2 (package diagrams/mermaid)
//	math.go       $…$ and $$…$$ typeset as MathML at build time (package katex)
//	wikilinks.go  [[Note]], [[Folder/Note]], [[Note.md]], [[Note|label]] (also [[Note\|label]]
//	              in tables), [[Note#Heading text]], [[#Heading]], [[Note#^block-id]]
//	blockids.go   a "^block-id" ending a paragraph becomes that block's id
//	embeds.go     ![[Note]], ![[Note#Heading]], ![[Note#^block]] (spliced in by the build
//	              once every note is rendered), ![[image.png|300]], PDFs, audio, video
//	links.go      relative links to notes and files rewritten to site URLs; broken ones
//	              reported and shown as span.broken-link
//	tags.go       inline #tag and #nested/tag as links to /tags/NAME/
//	autolinks.go  a page's names linked on their first mention in another note's prose
//	text.go       the plain text and table of contents taken from the AST
//	nesting.go    notes nested deeper than MaxNesting refused before goldmark parses them
//
// Every problem is returned with the note's file and line; a render never
// panics on user input.
package markdown

import (
	"context"
	"io/fs"
	"sort"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/generator/srcerr"
)

// Options configure a Converter. Resolver and Diagrams may be nil: links
// to other notes are then errors and diagram fences stay code blocks.
type Options struct {
	UnsafeHTML bool                     // let raw HTML through unchanged (off: it is sanitized)
	Resolver   Resolver                 // finds the pages that links point at
	Diagrams   DiagramRenderer          // renders ```d2 and ```mermaid fences and .d2 images
	Fences     map[string]FenceRenderer // renderers of other fenced block languages
	Files      fs.FS                    // the site root, for .d2 files next to notes
	AutoLinks  []AutoLinkTarget         // pages linked on their first mention in prose
	WarnLinks  bool                     // broken links are warnings, not errors (drafts in progress)
	BasePath   string                   // prefix of internal links ("/" or "/notes/")
}

// Resolver finds what links point at. Every method is told the note the
// link is written in (fromFile, as in Page.File), for relative paths and
// for Obsidian's rule that the nearest note of a name wins.
//
// Results are site paths ("/services/lambda/", "/images/x.png"); the
// Converter puts them under Options.BasePath. An error with an empty URL
// is a broken link; its text may carry a suggestion. A URL together with
// an error means "resolved, with a warning" (an ambiguous name: the error
// names the candidates): the link is made and the error is reported as a
// warning, whatever Options.WarnLinks says.
type Resolver interface {
	// Wiki resolves the note of [[target]] or ![[target]]: a name, a
	// Folder/Note path or a Note.md file name (no #anchor, no |label).
	Wiki(fromFile, target string) (Target, error)
	// File resolves a Markdown link to a note (../compare/x.md).
	File(fromFile, target string) (Target, error)
	// Asset resolves a link, image or embed of a file that is not a
	// note (../images/x.png, attachments/x.pdf, ![[diagram.png]]).
	Asset(fromFile, target string) (url string, err error)
}

// Target is a note a link resolved to.
type Target struct {
	URL   string // site path: /services/lambda/
	Title string // the note's title, the label of a wiki link without one
}

// Converter renders notes. It is safe for concurrent use.
type Converter struct {
	opts      Options
	md        goldmark.Markdown
	autoLinks *autoLinker
}

// New returns a Converter.
func New(opts Options) *Converter {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	c := &Converter{opts: opts}
	if len(opts.AutoLinks) > 0 {
		c.autoLinks = newAutoLinker(opts.AutoLinks)
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(&codeRenderer{}, 100),
			util.Prioritized(&alertRenderer{}, 100),
			util.Prioritized(&wikiLinkRenderer{}, 100),
			util.Prioritized(&embedRenderer{}, 100),
			util.Prioritized(brokenLinkRenderer{}, 100),
			util.Prioritized(&tagRenderer{c}, 100),
			util.Prioritized(&blockRenderer{}, 100),
		),
	}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	extensions := []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer,
		comments{}, highlight{}, mathExtension{},
		// goldmark-emoji (by goldmark's author) turns :shortcodes: into
		// Unicode emoji; they used to stay literal text.
		emoji.New(emoji.WithRenderingMethod(emoji.Unicode)),
	}
	if !opts.UnsafeHTML {
		extensions = append(extensions, sanitizedHTML{})
	}
	c.md = goldmark.New(
		goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(util.Prioritized(&wikiLinkParser{}, 99), util.Prioritized(&embedParser{}, 99),
				util.Prioritized(&tagParser{}, 99)),
			parser.WithASTTransformers(
				util.Prioritized(headingIDTransformer{}, 5),
				util.Prioritized(titleTransformer{}, 10),
				util.Prioritized(blockIDTransformer{}, 15),
				util.Prioritized(alertTransformer{}, 20),
				util.Prioritized(&linkTransformer{c}, 30),
				util.Prioritized(&embedTransformer{c}, 31),
				util.Prioritized(&autoLinkTransformer{c}, 35),
				util.Prioritized(&fenceTransformer{c}, 40),
				util.Prioritized(&diagramTransformer{c}, 41),
			),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return c
}

// Page is a note to render: its file (for errors and relative links), the
// file line its body starts on, and the body. URL is its own site path,
// which automatic links skip; AutoLink turns them on for this page.
type Page struct {
	File     string
	BodyLine int
	Body     []byte
	URL      string
	AutoLink bool
}

// Result is everything one parse of a note yields.
type Result struct {
	HTML     []byte
	Title    string      // text of a leading "# heading", which is not rendered
	Headings []Heading   // every heading with its id
	TOC      []Heading   // h2 and h3, in order
	Links    []Link      // links to pages of the site
	Parts    []Part      // plain text split at headings, for search
	Warnings srcerr.List // broken links with Options.WarnLinks; ambiguous names
	Tags     []string    // inline #tags, lower case without '#', in order of first use
	Blocks   []string    // block ids ("^summary"), which links may name like heading ids
	Embeds   []Embedded  // notes to splice in with SpliceEmbeds, by index

	raw      []byte            // HTML before embeds are spliced in
	sections []section         // each heading's section in raw, in order
	blocks   map[string][]byte // block id → the block's HTML
}

// Heading is a heading of the note.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link from this note to a page of the site, for checks and
// backlinks. URL is a site path; Anchor is without '#'.
type Link struct {
	URL    string
	Anchor string
	Line   int
}

// Part is the plain text under one heading ("" for the intro).
type Part struct {
	Anchor  string
	Heading string
	Text    string
}

// state is the per-render scratch space the transformers share.
type state struct {
	ctx       context.Context
	page      Page
	lines     []int // byte offsets where body lines start
	ids       *ids
	links     []Link
	tags      []string
	blocks    []blockRef
	embeds    []Embedded
	warnLinks bool
	errs      srcerr.List
	warns     srcerr.List
	title     string
}

var stateKey = parser.NewContextKey()

func stateOf(pc parser.Context) *state { return pc.Get(stateKey).(*state) }

// errorAt records a problem at a byte offset of the body.
func (s *state) errorAt(offset int, format string, args ...any) {
	s.errs = append(s.errs, srcerr.New(s.page.File, s.line(offset), format, args...))
}

// linkProblem records a broken link: an error, or with WarnLinks a warning.
func (s *state) linkProblem(offset int, format string, args ...any) {
	e := srcerr.New(s.page.File, s.line(offset), format, args...)
	if s.warnLinks {
		s.warns = append(s.warns, e)
		return
	}
	s.errs = append(s.errs, e)
}

// warnAt records a warning that never fails the build (an ambiguous name).
func (s *state) warnAt(offset int, format string, args ...any) {
	s.warns = append(s.warns, srcerr.New(s.page.File, s.line(offset), format, args...))
}

// line turns a body byte offset into a file line.
func (s *state) line(offset int) int {
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > offset })
	return s.page.BodyLine + i - 1
}

// Render converts one note. A non-nil error is a srcerr.List. A note
// nested deeper than MaxNesting is refused before it is parsed.
func (c *Converter) Render(ctx context.Context, p Page) (*Result, error) {
	if err := nestingError(p); err != nil {
		return nil, srcerr.List{err}
	}
	st := &state{ctx: ctx, page: p, lines: lineStarts(p.Body), ids: newIDs(), warnLinks: c.opts.WarnLinks}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := c.md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(pc))
	if err := st.errs.Err(); err != nil {
		return nil, err
	}
	res := &Result{Title: st.title, Links: st.links, Warnings: st.warns, Tags: st.tags, Embeds: st.embeds}
	if err := c.renderHTML(doc, p.Body, st, res); err != nil {
		return nil, srcerr.New(p.File, 0, "render: %v", err)
	}
	collectText(doc, p.Body, res)
	return res, nil
}

func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offsetOf finds a byte offset inside the body for any node, for errors.
func offsetOf(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c := n.FirstChild(); c != nil {
			if t, ok := c.(*ast.Text); ok {
				return t.Segment.Start
			}
		}
	}
	return 0
}

// HasID reports whether a link may name id as an anchor in this note: a
// heading's id or a ^block id. Footnote ids do not count, and raw HTML
// keeps no id through the sanitizer.
func (r *Result) HasID(id string) bool {
	for _, h := range r.Headings {
		if h.ID == id {
			return true
		}
	}
	_, ok := r.blocks[id]
	return ok
}

// IDs lists the heading and block ids of the note.
func (r *Result) IDs() []string {
	ids := make([]string, 0, len(r.Headings)+len(r.Blocks))
	for _, h := range r.Headings {
		ids = append(ids, h.ID)
	}
	return append(ids, r.Blocks...)
}
