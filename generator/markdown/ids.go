package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"sitegen/generator/content"
)

// ids gives headings ASCII ids from their text, unique within the page:
// "Billing" → billing, a second "Billing" → billing-1.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := content.Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
