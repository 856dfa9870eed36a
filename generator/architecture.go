package generator

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"sitegen/diagrams/graph"
	"sitegen/generator/compare"
	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// externalFile names nodes that are not notes (S3, EC2, users) for the
// generated diagrams: id: {label: Amazon S3, kind: storage}.
const externalFile = "content/_external.yaml"

type externalNode struct {
	Label string         `yaml:"label"`
	Kind  graph.NodeKind `yaml:"kind"`
}

// architecture is the site's service graph, from each note's links: and
// flows: front matter. It makes the generated diagrams: a context diagram
// per service, the service map on the home page and one per flow.
type architecture struct {
	b        *build
	external map[string]externalNode
	edges    []graph.Edge // every relation of every note
	nodes    map[string]graph.Node
	ids      map[*content.Page]string // node id of each note: its slug, or its path when notes share the slug
	warned   map[string]bool          // "file:line:name" already warned about
}

// relations checks every note's links: and flows: (a check stage: it
// runs with the other checks, before anything is drawn).
func (b *build) relations(context.Context) error {
	arch, err := newArchitecture(b)
	b.arch = arch
	return err
}

// diagrams renders the generated diagrams of the checked relations and
// adds the standalone SVG files of every page's diagrams.
func (b *build) diagrams(ctx context.Context) error {
	jobs := b.arch.jobs()
	if b.cfg.Diagrams == nil || len(jobs) == 0 {
		return b.putDiagramFiles(b.pages.Pages, false)
	}
	ctx = b.diagramContext(ctx)
	html, err := parallel(ctx, len(jobs), func(i int) (string, error) {
		out, err := b.cfg.Diagrams.RenderDiagram(ctx, jobs[i].graph.D2(), jobs[i].graph.Title, b.settings.UnsafeHTML)
		if err != nil {
			return "", srcerr.New(jobs[i].page.File, jobs[i].line, "generated diagram %q: %v", jobs[i].graph.Title, err)
		}
		return out, nil
	})
	if err != nil {
		return err
	}
	b.generated = map[*content.Page]*generatedDiagrams{}
	for i, j := range jobs {
		g := b.generated[j.page]
		if g == nil {
			g = &generatedDiagrams{}
			b.generated[j.page] = g
		}
		if j.flow {
			g.flows += template.HTML(html[i])
		} else {
			g.context = template.HTML(html[i])
		}
	}
	return b.putDiagramFiles(b.pages.Pages, true)
}

// generatedDiagrams are a page's rendered generated diagrams.
type generatedDiagrams struct {
	context template.HTML // service context, or the service map on home
	flows   template.HTML
}

func newArchitecture(b *build) (*architecture, error) {
	a := &architecture{b: b, external: map[string]externalNode{}, nodes: map[string]graph.Node{},
		ids: pageIDs(b.pages.Pages), warned: map[string]bool{}}
	var errs srcerr.List
	if data, ok := b.pages.Data["external"]; ok {
		if err := yaml.Unmarshal(data.Src, &a.external); err != nil {
			errs.Add(compare.YAMLError(data.File, data.Src, err))
		}
	}
	for _, p := range b.pages.Pages {
		for _, rel := range p.Meta.Links {
			for _, target := range rel.Targets {
				to, err := a.node(p, rel.Line, "links."+rel.Name, target)
				if err != nil {
					errs.Add(srcerr.New(p.File, rel.Line, "links.%s: %v", rel.Name, err))
					continue
				}
				e, ok := graph.RelationEdge(a.ids[p], rel.Name, to.ID)
				if !ok {
					errs.Add(srcerr.New(p.File, rel.Line, "links.%s: unknown relation%s; known: %s",
						rel.Name, didYouMean(rel.Name, graph.Relations()), strings.Join(graph.Relations(), ", ")))
					break
				}
				a.nodes[a.ids[p]] = a.pageNode(p)
				a.edges = append(a.edges, e)
			}
		}
		for _, f := range p.Meta.Flows {
			if _, err := a.flow(p, f); err != nil {
				errs.Add(srcerr.New(p.File, f.Line, "flows: %q: %v", f.Title, err))
			}
		}
	}
	return a, errs.Err()
}

// node finds a relation target written at line of the note from under
// key what: an entry of content/_external.yaml, else a note by the rule
// wiki links follow (content.Site.Resolve), so "services/lambda" picks one of two
// lambda notes and a bare name several notes share warns. An id that
// names both an entry and a note means the entry, with a warning.
func (a *architecture) node(from *content.Page, line int, what, id string) (graph.Node, error) {
	if ext, ok := a.external[id]; ok {
		if p, _ := a.b.pages.Resolve(from.File, id); p != nil && a.once(from, line, id) {
			a.b.warn(srcerr.New(from.File, line, "%s: %q names both the entry of %s and the note %s; it means the entry "+
				"(write the note's folder too, such as %q, to mean the note)", what, id, externalFile, p.File, qualified(p)))
		}
		n := graph.Node{ID: id, Label: ext.Label, Kind: ext.Kind}
		a.nodes[id] = n
		return n, nil
	}
	p, err := a.b.pages.Resolve(from.File, id)
	var amb *content.AmbiguousError
	if p != nil && errors.As(err, &amb) && a.once(from, line, id) {
		a.b.warn(srcerr.New(from.File, line, "%s: %v", what, err))
	}
	if p == nil {
		ids := make([]string, 0, len(a.external))
		for k := range a.external {
			ids = append(ids, k)
		}
		return graph.Node{}, fmt.Errorf("%q is neither a note nor an entry of %s%s", id, externalFile, didYouMean(id, ids))
	}
	n := a.pageNode(p)
	a.nodes[n.ID] = n
	return n, nil
}

// once reports whether a warning about id at from:line is new: flows are
// read again when their diagrams are drawn.
func (a *architecture) once(from *content.Page, line int, id string) bool {
	k := fmt.Sprintf("%s:%d:%s", from.File, line, id)
	if a.warned[k] {
		return false
	}
	a.warned[k] = true
	return true
}

// qualified is a note's path from the content root without extension,
// the name that means only that note.
func qualified(p *content.Page) string {
	name := strings.TrimSuffix(p.File, path.Ext(p.File))
	if i := strings.Index(name, "/"); i >= 0 && strings.HasPrefix(p.File, "content/") {
		name = name[i+1:]
	}
	return name
}

// pageIDs gives each note its node id: the slug, unless notes in two
// folders share it (then their URL paths, as for generated pages), so two
// lambda notes are two nodes, not one.
func pageIDs(pages []*content.Page) map[*content.Page]string {
	count := map[string]int{}
	for _, p := range pages {
		if !generated(p) { // a tag page /tags/batch/ is no service
			count[p.Slug]++
		}
	}
	ids := make(map[*content.Page]string, len(pages))
	for _, p := range pages {
		ids[p] = p.Slug
		if count[p.Slug] > 1 || generated(p) {
			ids[p] = strings.Trim(content.UnescapePath(p.URL), "/")
		}
	}
	return ids
}

func (a *architecture) pageNode(p *content.Page) graph.Node {
	return graph.Node{ID: a.ids[p], Label: p.Title, URL: a.b.href(p.URL), Kind: graph.KindService}
}

// stepPattern splits "from -> to: label"; names may hold spaces (a
// title, "AWS Lambda") but no colon.
var stepPattern = regexp.MustCompile(`^\s*([^:]+?)\s*->\s*([^:]+?)\s*(?::\s*(.*))?$`)

// flow turns "a -> b: label" steps of the note p into a graph.
func (a *architecture) flow(p *content.Page, f content.Flow) (graph.Graph, error) {
	g := graph.Graph{Title: f.Title}
	seen := map[string]bool{}
	for _, step := range f.Steps {
		m := stepPattern.FindStringSubmatch(step)
		if m == nil {
			return g, fmt.Errorf("step %q: want \"from -> to: label\"", step)
		}
		var ends [2]string
		for i, id := range m[1:3] {
			n, err := a.node(p, f.Line, "flows", id)
			if err != nil {
				return g, err
			}
			if !seen[n.ID] {
				seen[n.ID] = true
				g.Nodes = append(g.Nodes, n)
			}
			ends[i] = n.ID
		}
		g.Edges = append(g.Edges, graph.Edge{From: ends[0], To: ends[1], Label: m[3], Step: len(g.Edges) + 1})
	}
	return g, nil
}

type diagramJob struct {
	page  *content.Page
	line  int
	graph graph.Graph
	flow  bool
}

// jobs lists every generated diagram: the service map on home, a context
// diagram for each note with relations, and each flow.
func (a *architecture) jobs() []diagramJob {
	var jobs []diagramJob
	if len(a.edges) > 0 {
		jobs = append(jobs, diagramJob{page: a.b.pages.Home, graph: a.serviceMap()})
	}
	for _, p := range a.b.pages.Pages {
		if _, ok := a.nodes[a.ids[p]]; ok && p.Kind == content.KindPage && a.degree(a.ids[p]) > 0 {
			focus := a.ids[p]
			jobs = append(jobs, diagramJob{page: p, graph: a.subgraph(p.Title+" and its neighbours", &focus)})
		}
		for _, f := range p.Meta.Flows {
			g, _ := a.flow(p, f) // validated in newArchitecture; graph.Layout picks its direction
			jobs = append(jobs, diagramJob{page: p, line: f.Line, graph: g, flow: true})
		}
	}
	return jobs
}

// serviceMap is the whole graph for the home page, drawn to fit a laptop's
// column with its labels at 12 px or more: notes boxed by their category
// when it holds two or more (a box around one node frames nothing and
// widens its row), edges a longer path already shows left out, and the
// edges one node sends with one label to several notes of a box drawn
// as one edge to the box.
func (a *architecture) serviceMap() graph.Graph {
	g := a.subgraph("Service map", nil).Reduced()
	cat, size := map[string]string{}, map[string]int{}
	for _, p := range a.b.pages.Pages {
		if _, ok := a.nodes[a.ids[p]]; ok && p.Meta.Category != "" {
			cat[a.ids[p]] = p.Meta.Category
			size[p.Meta.Category]++
		}
	}
	for i := range g.Nodes {
		if c, ok := cat[g.Nodes[i].ID]; ok && size[c] > 1 {
			g.Nodes[i].Group = c
		}
	}
	group := map[string]string{}
	for _, n := range g.Nodes {
		group[n.ID] = n.Group
	}
	type fan struct{ from, label, group string }
	fans := map[fan]int{}
	for _, e := range g.Edges {
		if grp := group[e.To]; grp != "" && grp != group[e.From] {
			fans[fan{e.From, e.Label, grp}]++
		}
	}
	edges := g.Edges[:0:0]
	for _, e := range g.Edges {
		f := fan{e.From, e.Label, group[e.To]}
		switch n := fans[f]; {
		case f.group == "" || n == 1:
			edges = append(edges, e)
		case n > 1: // the first edge of the fan stands for all of it
			edges = append(edges, graph.Edge{From: e.From, To: f.group, Label: e.Label})
			fans[f] = 0
		}
	}
	g.Edges = edges
	return g
}

func (a *architecture) degree(id string) int {
	n := 0
	for _, e := range a.edges {
		if e.From == id || e.To == id {
			n++
		}
	}
	return n
}

// subgraph is the whole map, or with focus the focus node, its
// neighbours and the edges between them.
func (a *architecture) subgraph(title string, focus *string) graph.Graph {
	g := graph.Graph{Title: title, Direction: "down"}
	keep := map[string]bool{}
	for _, e := range a.edges {
		if focus == nil || e.From == *focus || e.To == *focus {
			keep[e.From], keep[e.To] = true, true
		}
	}
	seenEdge := map[graph.Edge]bool{}
	for _, e := range a.edges {
		if keep[e.From] && keep[e.To] && !seenEdge[e] {
			seenEdge[e] = true
			g.Edges = append(g.Edges, e)
		}
	}
	ids := make([]string, 0, len(keep))
	for id := range keep {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n := a.nodes[id]
		n.Focus = focus != nil && id == *focus
		g.Nodes = append(g.Nodes, n)
	}
	return g
}

func didYouMean(word string, candidates []string) string {
	if best, ok := content.Closest(word, candidates); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
