package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// HeadingID makes the id GitHub gives a heading, without de-duplication:
// lower case; every character that is not a letter, mark, number, space,
// '-' or '_' dropped; each space a '-'. Repeated hyphens stay, so links
// written on GitHub keep working:
//
//	"AWS Organization - Consolidated Billing" → aws-organization---consolidated-billing
//	"Business support plan 24/7"              → business-support-plan-247
//	"C++ tips"                                → c-tips
//
// An id is its own HeadingID, so a link that already names an id keeps
// working when it is passed through here.
func HeadingID(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// emptyID is the id of a heading with no letters or digits ("## ???"):
// stable, and made unique like any other.
const emptyID = "section"

// ids makes heading ids unique within a page as GitHub does: a second
// "Billing" is billing-1, a third billing-2. A counter per base id keeps
// this linear however many headings repeat, and an id already taken (a
// heading literally named "billing-1") is skipped, never reused.
type ids struct {
	used map[string]bool
	next map[string]int // base id → last suffix handed out
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

// unique returns base, or base-N with the smallest N not yet used.
func (s *ids) unique(base string) string {
	if base == "" {
		base = emptyID
	}
	id := base
	if s.used[id] {
		n := s.next[base]
		for {
			n++
			id = base + "-" + strconv.Itoa(n)
			if !s.used[id] {
				break
			}
		}
		s.next[base] = n
	}
	s.used[id] = true
	return id
}

// headingIDTransformer gives every heading its GitHub id from the text a
// reader sees (not the Markdown source: "[Lambda](x.md) billing" is
// lambda-billing). It runs before the title is taken, so the page's own
// "# Title" keeps its id as on GitHub and a later "## Title" is title-1.
type headingIDTransformer struct{}

func (headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	src := reader.Source()
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if id, has := h.AttributeString("id"); has {
			if b, ok := id.([]byte); ok {
				st.ids.used[string(b)] = true // an id given by hand is never generated again
			}
		} else {
			headings = append(headings, h)
		}
		return ast.WalkSkipChildren, nil
	})
	for _, h := range headings {
		h.SetAttributeString("id", []byte(st.ids.unique(HeadingID(plainText(h, src)))))
	}
}
