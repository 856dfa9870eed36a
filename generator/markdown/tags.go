package markdown

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/generator/content"
)

// Tag is an inline #tag or #nested/tag, as Obsidian writes them: '#' at
// the start of a line or after a space, then letters, digits, '_', '-'
// and '/', at least one of them not a digit (#123 is an issue number, not
// a tag). Headings' '#', code, URLs (no space before their '#') and
// entities never start one. It links to the tag's page, /tags/NAME/.
type Tag struct {
	ast.BaseInline
	Name string // as written, without '#'
}

// KindTag is the node kind of a Tag.
var KindTag = ast.NewNodeKind("Tag")

func (n *Tag) Kind() ast.NodeKind { return KindTag }

func (n *Tag) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

type tagParser struct{}

func (tagParser) Trigger() []byte { return []byte{'#'} }

func (tagParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if prev := block.PrecendingCharacter(); !unicode.IsSpace(prev) {
		return nil
	}
	line, _ := block.PeekLine()
	end, letter := 1, false
	for end < len(line) {
		r, size := utf8.DecodeRune(line[end:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '-' || r == '/') {
			break
		}
		letter = letter || !unicode.IsDigit(r)
		end += size
	}
	name := strings.TrimRight(string(line[1:end]), "/")
	if name == "" || !letter || strings.Trim(name, "-_/") == "" {
		return nil
	}
	block.Advance(1 + len(name))
	st := stateOf(pc)
	lower := strings.ToLower(name)
	for _, t := range st.tags {
		if t == lower {
			return &Tag{Name: name}
		}
	}
	st.tags = append(st.tags, lower)
	return &Tag{Name: name}
}

type tagRenderer struct{ c *Converter }

func (r *tagRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTag, r.render)
}

func (r *tagRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	t := n.(*Tag)
	text := html.EscapeString("#" + t.Name)
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindLink, ast.KindAutoLink, KindWikiLink, ast.KindImage:
			_, _ = w.WriteString(text) // a link in a link is not HTML
			return ast.WalkSkipChildren, nil
		}
	}
	_, _ = w.WriteString(`<a class="tag" href="` + html.EscapeString(r.c.TagURL(t.Name)) + `">` + text + `</a>`)
	return ast.WalkSkipChildren, nil
}

// TagURL is the address of a tag's page under the base path (see
// content.TagURL, which the tag pages use too).
func (c *Converter) TagURL(tag string) string {
	return c.href(content.TagURL(tag))
}
