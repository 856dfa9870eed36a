// Package graph turns typed service relations into D2 source: the
// diagrams sitegen generates from data (a service's context, the site's
// service map, use-case flows). It only writes text; the diagrams package
// renders it. Keeping it apart lets the build make graphs without
// importing D2.
//
// [Graph.D2] writes deterministic D2 source with one style per [NodeKind]:
// service is a rectangle, storage a cylinder, user a person, external a
// dashed cloud. The Focus node (the page's own service) gets a thick orange
// border: D2 styles take only literal colours, and this one reads on both
// themes. [RelationEdge] maps the relation names of a service note's front
// matter (links:) to edges:
//
//	runs_on            X -> Y: "runs on"
//	pulls_images_from  Y -> X: "images"     (Y stores the images X runs)
//	exposes            X -> Y: "exposes"
//	triggered_by       Y -> X: "triggers"
//	uses               X -> Y: "uses"
//
// where X is the note's service and Y the linked one. [Relations] lists the
// known names for error messages.
package graph

import (
	"cmp"
	"slices"
	"strings"
)

// NodeKind selects a node's shape in generated diagrams.
type NodeKind string

// The node kinds of generated diagrams.
const (
	KindService  NodeKind = "service"  // rectangle
	KindStorage  NodeKind = "storage"  // cylinder
	KindUser     NodeKind = "user"     // person
	KindExternal NodeKind = "external" // dashed cloud
)

// Node is one box of a generated diagram.
type Node struct {
	ID    string // unique within the graph; any text
	Label string // shown text; the ID when empty
	URL   string // link target: an absolute path or a full URL
	Kind  NodeKind
	Focus bool // the page's own service, highlighted
}

// Edge is one arrow of a generated diagram, between node IDs.
type Edge struct {
	From, To, Label string
}

// Graph is a diagram built from service data.
type Graph struct {
	Title     string // the figure caption; not drawn inside the diagram
	Nodes     []Node
	Edges     []Edge
	Direction string // "right" (the default), "down", "left" or "up"
}

// kindShapes maps each kind to its D2 shape and extra style.
var kindShapes = map[NodeKind]struct{ shape, style string }{
	KindService:  {"rectangle", ""},
	KindStorage:  {"cylinder", ""},
	KindUser:     {"person", ""},
	KindExternal: {"cloud", "stroke-dash: 3"},
}

// focusStyle highlights the page's own service. D2 accepts only literal
// colours in styles, so the accent is an orange that reads on both the light
// and the dark theme; the fill stays the theme's.
const focusStyle = `bold: true; stroke: "#E8590C"; stroke-width: 3`

// D2 returns the graph as D2 source. The output depends only on the graph's
// content, not on the order of Nodes and Edges, so an unchanged graph hits the
// render cache. Every ID, label and URL is quoted, so no text can break the
// source or inject D2.
func (g Graph) D2() string {
	nodes := slices.Clone(g.Nodes)
	slices.SortStableFunc(nodes, func(a, b Node) int { return cmp.Compare(a.ID, b.ID) })
	edges := slices.Clone(g.Edges)
	slices.SortStableFunc(edges, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Label, b.Label))
	})

	var b strings.Builder
	b.WriteString("direction: " + direction(g.Direction) + "\n")
	for _, n := range nodes {
		label := n.Label
		if label == "" {
			label = n.ID
		}
		ks, ok := kindShapes[n.Kind]
		if !ok {
			ks = kindShapes[KindService]
		}
		b.WriteString(quote(n.ID, true) + ": {\n")
		b.WriteString("  label: " + quote(label, false) + "\n")
		b.WriteString("  shape: " + ks.shape + "\n")
		if n.URL != "" {
			b.WriteString("  link: " + quote(n.URL, false) + "\n")
		}
		var style []string
		if ks.style != "" {
			style = append(style, ks.style)
		}
		if n.Focus {
			style = append(style, focusStyle)
		}
		if len(style) > 0 {
			b.WriteString("  style: {" + strings.Join(style, "; ") + "}\n")
		}
		b.WriteString("}\n")
	}
	for _, e := range edges {
		b.WriteString(quote(e.From, true) + " -> " + quote(e.To, true))
		if e.Label != "" {
			b.WriteString(": " + quote(e.Label, false))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func direction(d string) string {
	switch d {
	case "down", "left", "up":
		return d
	}
	return "right"
}

// quote writes s as a D2 double-quoted string. In values a "$" is escaped
// too, since D2 substitutes ${var} there; keys never substitute.
func quote(s string, inKey bool) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
		case r == '\n':
			b.WriteString(`\n`)
			continue
		case r == '$' && !inKey:
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// relations is the vocabulary of a service note's front matter links:
// relation name → edge label, and whether the arrow points back at the note.
var relations = map[string]struct {
	label   string
	reverse bool
}{
	"runs_on":           {"runs on", false},
	"pulls_images_from": {"images", true},
	"exposes":           {"exposes", false},
	"triggered_by":      {"triggers", true},
	"uses":              {"uses", false},
}

// RelationEdge returns the edge for "from <relation> to", e.g.
// RelationEdge("lambda", "triggered_by", "api-gateway") is
// api-gateway -> lambda: "triggers". It reports false for an unknown relation.
func RelationEdge(from, relation, to string) (Edge, bool) {
	rel, ok := relations[relation]
	if !ok {
		return Edge{}, false
	}
	if rel.reverse {
		from, to = to, from
	}
	return Edge{From: from, To: to, Label: rel.label}, true
}

// Relations lists the known relation names, sorted, for error messages.
func Relations() []string {
	names := make([]string, 0, len(relations))
	for name := range relations {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
