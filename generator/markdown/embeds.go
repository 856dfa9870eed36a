package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Embeds, as Obsidian writes them:
//
//	![[Note]]            the whole rendered note
//	![[Note#Heading]]    that heading and its section
//	![[Note#^block]]     that block
//	![[image.png|300]]   an image (300 px wide; |300x200 sets the height too)
//	![[file.pdf]]        a PDF viewer; audio and video files get their players
//
// Files resolve through Resolver.Asset. A note's HTML exists only once it
// is rendered, so a note embed renders as a placeholder, listed in
// Result.Embeds; the build splices every note in with SpliceEmbeds after
// all notes are rendered. Only an embed that stands alone in its
// paragraph is transcluded (a block cannot sit inside a <p>); one inside
// running text is a link to the part it names.

// EmbedNode is ![[target#anchor|label]] in the AST.
type EmbedNode struct {
	ast.BaseInline
	Target, Anchor, Label string
	Offset                int
	html                  string // what to render, filled by the embed transformer
}

// KindEmbed is the node kind of an EmbedNode.
var KindEmbed = ast.NewNodeKind("Embed")

func (n *EmbedNode) Kind() ast.NodeKind { return KindEmbed }

func (n *EmbedNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Anchor": n.Anchor}, nil)
}

// Embedded is a part of another note to splice into this one.
type Embedded struct {
	URL    string // site path of the embedded note
	Anchor string // heading id, "^block-id", or "" for the whole note
	Href   string // link to the part, under the base path
	Label  string // text of that link: "Lambda › Billing"
	Line   int    // where the embed is written
}

type embedParser struct{}

func (embedParser) Trigger() []byte { return []byte{'!'} }

func (embedParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	target, anchor, label, n, ok := parseWiki(line[min(1, len(line)):])
	if !ok || len(line) == 0 || line[0] != '!' {
		return nil
	}
	block.Advance(n + 1)
	return &EmbedNode{Target: target, Anchor: anchor, Label: label, Offset: seg.Start}
}

var mediaKinds = map[string]string{
	".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".svg": "image", ".webp": "image", ".avif": "image", ".bmp": "image",
	".mp3": "audio", ".wav": "audio", ".ogg": "audio", ".m4a": "audio", ".flac": "audio", ".3gp": "audio",
	".mp4": "video", ".webm": "video", ".mov": "video", ".mkv": "video", ".ogv": "video",
	".pdf": "pdf",
}

type embedTransformer struct{ c *Converter }

func (t *embedTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	var embeds []*EmbedNode
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*EmbedNode); ok && entering {
			embeds = append(embeds, e)
		}
		return ast.WalkContinue, nil
	})
	for _, e := range embeds {
		ext := strings.ToLower(path.Ext(e.Target))
		if ext != "" && !isNote(e.Target) {
			t.file(st, e, ext)
		} else {
			t.note(st, e)
		}
	}
}

// file renders an embedded image, PDF, audio or video file, or a link to
// any other file.
func (t *embedTransformer) file(st *state, e *EmbedNode, ext string) {
	what := "embed ![[" + e.Target + "]]"
	u, ok := t.c.resolveAsset(st, e.Offset, what, e.Target)
	if !ok {
		e.html = `<span class="broken-link">` + html.EscapeString(e.Target) + `</span>`
		return
	}
	src := html.EscapeString(t.c.href(u))
	name := html.EscapeString(path.Base(e.Target))
	switch mediaKinds[ext] {
	case "image":
		alt, size := e.Label, ""
		if w, h, ok := imageSize(e.Label); ok {
			alt, size = "", ` width="`+w+`"`
			if h != "" {
				size += ` height="` + h + `"`
			}
		}
		if alt == "" {
			alt = strings.TrimSuffix(path.Base(e.Target), path.Ext(e.Target))
		}
		e.html = `<img src="` + src + `" alt="` + html.EscapeString(alt) + `"` + size + `>`
	case "pdf":
		e.html = `<object class="embed-pdf" data="` + src + `" type="application/pdf"><a href="` + src + `">` + name + `</a></object>`
	case "audio":
		e.html = `<audio controls src="` + src + `"><a href="` + src + `">` + name + `</a></audio>`
	case "video":
		e.html = `<video controls src="` + src + `"><a href="` + src + `">` + name + `</a></video>`
	default:
		e.html = `<a class="embed-file" href="` + src + `">` + name + `</a>`
	}
}

// imageSize reads Obsidian's |300 or |300x200.
func imageSize(label string) (w, h string, ok bool) {
	w, h, _ = strings.Cut(label, "x")
	if _, err := strconv.Atoi(w); err != nil {
		return "", "", false
	}
	if _, err := strconv.Atoi(h); h != "" && err != nil {
		return "", "", false
	}
	return w, h, true
}

// note records an embedded note and, when the embed stands alone in its
// paragraph, puts a placeholder block in the paragraph's place.
func (t *embedTransformer) note(st *state, e *EmbedNode) {
	anchor := anchorID(e.Anchor)
	written := "![[" + e.Target + "]]"
	if e.Anchor != "" {
		written = "![[" + e.Target + "#" + e.Anchor + "]]"
	}
	target := Target{URL: st.page.URL, Title: st.title}
	if e.Target != "" {
		var ok bool
		if target, ok = t.c.resolveWiki(st, e.Offset, "embed "+written, e.Target); !ok {
			e.html = `<span class="broken-link">` + html.EscapeString(written[3:len(written)-2]) + `</span>`
			return
		}
	}
	label := e.Label
	if label == "" {
		label = target.Title
		if e.Anchor != "" {
			label += " › " + strings.TrimPrefix(lastPart(e.Anchor), "^")
		}
	}
	href := withFragment(t.c.href(target.URL), anchor)
	line := st.line(e.Offset)
	st.links = append(st.links, Link{URL: target.URL, Anchor: anchor, Line: line})
	para := e.Parent()
	if para == nil || para.Kind() != ast.KindParagraph || para.ChildCount() != 1 {
		e.html = `<a class="embed-link" href="` + html.EscapeString(href) + `">` + html.EscapeString(label) + `</a>`
		return
	}
	st.embeds = append(st.embeds, Embedded{URL: target.URL, Anchor: anchor, Href: href, Label: label, Line: line})
	para.Parent().ReplaceChild(para.Parent(), para, &Block{HTML: placeholder(len(st.embeds)-1) + "\n"})
}

type embedRenderer struct{}

func (embedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEmbed, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*EmbedNode).html)
		}
		return ast.WalkSkipChildren, nil
	})
}

func placeholder(i int) string { return "<!--sitegen-embed:" + strconv.Itoa(i) + "-->" }

var placeholderRE = regexp.MustCompile(`<!--sitegen-embed:([0-9]+)-->`)

// renderHTML renders the document one top-level block at a time, noting
// where each heading's section starts and ends, so an embed of a section
// is a slice of the note's HTML; blocks with a ^block-id are rendered
// once more on their own.
func (c *Converter) renderHTML(doc ast.Node, src []byte, st *state, res *Result) error {
	buf := htmlBufs.Get().(*bytes.Buffer)
	defer htmlBufs.Put(buf)
	buf.Reset()
	buf.Grow(len(src) * 2)
	w := htmlWriters.Get().(*bufio.Writer) // a util.BufWriter: the renderer uses it as it is
	w.Reset(buf)
	defer func() { w.Reset(nil); htmlWriters.Put(w) }()
	r := c.md.Renderer()
	var open []int // indexes in res.sections of the headings whose section has not ended
	closeTo := func(level int) {
		for len(open) > 0 && res.sections[open[len(open)-1]].level >= level {
			res.sections[open[len(open)-1]].end = buf.Len()
			open = open[:len(open)-1]
		}
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			closeTo(h.Level)
			if id, ok := h.AttributeString("id"); ok {
				open = append(open, len(res.sections))
				res.sections = append(res.sections, section{id: string(id.([]byte)), level: h.Level, start: buf.Len()})
			}
		} else if n.Kind() == east.KindFootnoteList {
			closeTo(0) // the footnotes belong to no section
		}
		if err := r.Render(w, src, n); err != nil {
			return err
		}
	}
	closeTo(0)
	// A copy of the exact length: the buffer grows by doubling, and the
	// HTML is kept until the page is rendered, after every other note.
	res.raw = bytes.Clone(buf.Bytes())
	res.HTML = res.raw
	if len(st.blocks) > 0 {
		res.blocks = make(map[string][]byte, len(st.blocks))
	}
	for _, b := range st.blocks {
		var one bytes.Buffer
		bw := bufio.NewWriter(&one)
		if err := r.Render(bw, src, b.node); err != nil {
			return err
		}
		if b.node.Kind() == ast.KindListItem {
			res.blocks[b.id] = []byte("<ul>\n" + one.String() + "</ul>\n")
		} else {
			res.blocks[b.id] = one.Bytes()
		}
		res.Blocks = append(res.Blocks, b.id)
	}
	return nil
}

// htmlBufs are the buffers notes are rendered into before the HTML is
// copied out at its exact length.
var htmlBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// htmlWriters are the renderer's buffered writers onto htmlBufs: 4 KB
// each, which a note need not allocate anew.
var htmlWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// section is the byte range in a note's HTML of one heading and what
// follows it up to the next heading of its level or higher.
type section struct {
	id         string
	level      int
	start, end int
}

// Fragment returns the HTML, before embeds are spliced in, of the whole
// note (anchor ""), of the section of the heading with that id (the
// heading and all up to the next heading of its level or higher), or of
// the block with that "^block-id"; false if the note has no such part.
func (r *Result) Fragment(anchor string) ([]byte, bool) {
	switch {
	case anchor == "":
		return r.raw, true
	case strings.HasPrefix(anchor, "^"):
		b, ok := r.blocks[anchor]
		return b, ok
	}
	for _, s := range r.sections {
		if s.id == anchor {
			return r.raw[s.start:s.end], true
		}
	}
	return nil, false
}

// SpliceEmbeds returns page (a note's HTML or a Fragment of it) with each
// embed placeholder replaced by the part of the other note that body(i)
// returns for embeds[i], wrapped with a link to its source. A nil part
// (the note or anchor is missing, already reported as a broken link)
// shows the embed as unresolved. The part's ids are dropped (the page it
// comes from has them, and an id may appear only once on a page), so its
// links to its own anchors are made to point at that page.
func SpliceEmbeds(page []byte, embeds []Embedded, body func(i int) ([]byte, error)) ([]byte, error) {
	var out bytes.Buffer
	last := 0
	for _, m := range placeholderRE.FindAllSubmatchIndex(page, -1) {
		i, _ := strconv.Atoi(string(page[m[2]:m[3]]))
		if i >= len(embeds) {
			continue // not one of ours: raw HTML written to look like it
		}
		out.Write(page[last:m[0]])
		last = m[1]
		part, err := body(i)
		if err != nil {
			return nil, err
		}
		e := embeds[i]
		if part == nil {
			fmt.Fprintf(&out, `<p><span class="broken-link">%s</span></p>`, html.EscapeString(e.Label))
			continue
		}
		fmt.Fprintf(&out, `<div class="embed"><div class="embed-source"><a href="%s">%s</a></div>`+"\n", html.EscapeString(e.Href), html.EscapeString(e.Label))
		part = idAttr.ReplaceAll(part, []byte("$1"))
		source, _, _ := strings.Cut(e.Href, "#")
		out.Write(bytes.ReplaceAll(part, []byte(`href="#`), []byte(`href="`+html.EscapeString(source)+`#`)))
		out.WriteString("</div>")
	}
	out.Write(page[last:])
	return out.Bytes(), nil
}

var idAttr = regexp.MustCompile(`(<[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*?)?)\sid="[^"]*"`)
