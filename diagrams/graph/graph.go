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
	"strconv"
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
	Focus bool   // the page's own service, highlighted
	Group string // a box drawn around the nodes of one group (the service map's categories); none when ""
}

// Edge is one arrow of a generated diagram, between node IDs.
type Edge struct {
	From, To, Label string
	Step            int // a flow's step number, drawn before the label ("2. invokes"); 0 for none
}

// Graph is a diagram built from service data.
type Graph struct {
	Title     string // the figure caption; not drawn inside the diagram
	Nodes     []Node
	Edges     []Edge
	Direction string // "right", "down", "left" or "up"; "" chooses (see Layout)
}

// Layout returns the direction the graph is drawn in: Direction when set,
// else down for a flow of more than one step or a graph of more than
// three nodes, right otherwise. A diagram is shrunk to the width of the
// page, so a long row of boxes would print its labels too small to read;
// a column keeps its natural size.
func (g Graph) Layout() string {
	if g.Direction != "" {
		return direction(g.Direction)
	}
	steps := 0
	for _, e := range g.Edges {
		if e.Step > 0 {
			steps++
		}
	}
	if steps > 1 || (steps == 0 && len(g.Nodes) > 3) {
		return "down"
	}
	return "right"
}

// Reduced drops each edge u→w that a longer path u→…→w already shows,
// a path whose last edge has the same label: on an overview map "ECS
// uses Docker" says nothing "ECS runs on Fargate, which uses Docker" does
// not, and every edge left out is one crossing fewer. (ECR → ECS
// "images" stays beside ECR → Batch → ECS: the path's last edge is "runs
// on".) Two edges between
// the same nodes, either way round, become one whose label joins both.
func (g Graph) Reduced() Graph {
	out := g
	out.Edges = nil
	pair := map[[2]string]int{} // unordered pair → index in out.Edges
	for _, e := range g.Edges {
		k := [2]string{min(e.From, e.To), max(e.From, e.To)}
		if i, ok := pair[k]; ok {
			if e.Label != "" && !strings.Contains(out.Edges[i].Label, e.Label) {
				out.Edges[i].Label = strings.TrimPrefix(out.Edges[i].Label+", "+e.Label, ", ")
			}
			continue
		}
		pair[k] = len(out.Edges)
		out.Edges = append(out.Edges, e)
	}
	next := map[string][]Edge{}
	for _, e := range out.Edges {
		next[e.From] = append(next[e.From], e)
	}
	// shown reports a path e.From→…→e.To of two edges or more that ends
	// with an edge labelled like e.
	shown := func(e Edge) bool {
		seen := map[string]bool{e.From: true}
		stack := []string{}
		for _, f := range next[e.From] {
			if f.To != e.To {
				stack = append(stack, f.To)
			}
		}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[n] {
				continue
			}
			seen[n] = true
			for _, f := range next[n] {
				if f.To == e.To && f.Label == e.Label {
					return true
				}
				stack = append(stack, f.To)
			}
		}
		return false
	}
	kept := out.Edges[:0:0]
	for _, e := range out.Edges {
		if !shown(e) {
			kept = append(kept, e)
		}
	}
	out.Edges = kept
	return out
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
		return cmp.Or(cmp.Compare(a.Step, b.Step), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Label, b.Label))
	})

	var b strings.Builder
	b.WriteString("direction: " + g.Layout() + "\n")
	// Nodes of a group sit in a container named after it; edges then
	// address them by path ("Containers"."ecs").
	path := map[string]string{}
	var groups []string
	for _, n := range nodes {
		path[n.ID] = quote(n.ID, true)
		if n.Group != "" {
			path[n.ID] = quote(n.Group, true) + "." + path[n.ID]
			if !slices.Contains(groups, n.Group) {
				groups = append(groups, n.Group)
			}
		}
	}
	slices.Sort(groups)
	for _, grp := range groups {
		b.WriteString(quote(grp, true) + ": {\n  label: " + quote(grp, false) + "\n  style: {" + groupStyle + "}\n")
		for _, n := range nodes {
			if n.Group == grp {
				writeNode(&b, n, "  ")
			}
		}
		b.WriteString("}\n")
	}
	for _, n := range nodes {
		if n.Group == "" {
			writeNode(&b, n, "")
		}
	}
	for _, grp := range groups { // an edge may end at a group's box
		path[grp] = cmp.Or(path[grp], quote(grp, true))
	}
	for _, e := range edges {
		b.WriteString(path[e.From] + " -> " + path[e.To])
		label := e.Label
		if e.Step > 0 {
			label = strings.TrimSuffix(strconv.Itoa(e.Step)+". "+label, " ")
		}
		if label != "" {
			b.WriteString(": " + quote(label, false))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// groupStyle draws a group's box lightly: it frames, it is not a node.
const groupStyle = `stroke-dash: 4; border-radius: 8; font-size: 18`

// writeNode writes one node, its lines indented by indent.
func writeNode(b *strings.Builder, n Node, indent string) {
	label := wrap(cmp.Or(n.Label, n.ID))
	ks, ok := kindShapes[n.Kind]
	if !ok {
		ks = kindShapes[KindService]
	}
	b.WriteString(indent + quote(n.ID, true) + ": {\n")
	b.WriteString(indent + "  label: " + quote(label, false) + "\n")
	b.WriteString(indent + "  shape: " + ks.shape + "\n")
	if n.URL != "" {
		b.WriteString(indent + "  link: " + quote(n.URL, false) + "\n")
	}
	var style []string
	if ks.style != "" {
		style = append(style, ks.style)
	}
	if n.Focus {
		style = append(style, focusStyle)
	}
	if len(style) > 0 {
		b.WriteString(indent + "  style: {" + strings.Join(style, "; ") + "}\n")
	}
	b.WriteString(indent + "}\n")
}

// wrapAt is the length of a node label that is broken in two lines: a
// box as wide as "Application Load Balancer" widens every row of the map
// and so shrinks its text.
const wrapAt = 16

// wrap breaks a long label at the space nearest its middle.
func wrap(label string) string {
	if len(label) <= wrapAt || strings.Contains(label, "\n") {
		return label
	}
	best := -1
	for i, r := range label {
		if r == ' ' && (best < 0 || abs(i-len(label)/2) < abs(best-len(label)/2)) {
			best = i
		}
	}
	if best < 0 {
		return label
	}
	return label[:best] + "\n" + label[best+1:]
}

func abs(n int) int { return max(n, -n) }

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
