package mermaid

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// flowDirections maps Mermaid's directions to D2's.
var flowDirections = map[string]string{"TD": "down", "TB": "down", "BT": "up", "LR": "right", "RL": "left"}

// shape is a Mermaid node shape: its brackets and the D2 it becomes.
type shape struct {
	open    string
	closers []string
	d2      string // D2 fields, one a line
}

// shapes lists every bracket form, longest opener first, so "((" is not
// read as "(".
var shapes = []shape{
	{"(((", []string{")))"}, "shape: circle\nstyle.double-border: true"},
	{"((", []string{"))"}, "shape: circle"},
	{"([", []string{"])"}, "shape: oval"},
	{"[[", []string{"]]"}, "shape: rectangle\nstyle.double-border: true"},
	{"[(", []string{")]"}, "shape: cylinder"},
	{"[/", []string{"/]", `\]`}, "shape: parallelogram"},
	{`[\`, []string{`\]`, "/]"}, "shape: parallelogram"},
	{"{{", []string{"}}"}, "shape: hexagon"},
	{"[", []string{"]"}, "shape: rectangle"},
	{"(", []string{")"}, "shape: rectangle\nstyle.border-radius: 12"},
	{"{", []string{"}"}, "shape: diamond"},
	{">", []string{"]"}, "shape: step"},
}

type flowNode struct {
	key, label, d2 string
	parent         *subgraph
}

type subgraph struct {
	key, label, dir string
	parent          *subgraph
	line            int
}

type flowEdge struct {
	from, to string // Mermaid ids of nodes or subgraphs
	link     link
}

// link is one parsed Mermaid link: its label and how it is drawn.
type link struct {
	label            string
	left, head, body string // "<" or ""; ">", "o", "x" or ""; the line itself
}

type flow struct {
	nodes     map[string]*flowNode
	nodeKeys  *keys
	subs      map[string]*subgraph
	subOrder  []*subgraph
	edges     []flowEdge
	stack     []*subgraph
	direction string
}

func flowchart(head line, rest string, lines []line) (string, error) {
	f := &flow{nodes: map[string]*flowNode{}, nodeKeys: newKeys("n"), subs: map[string]*subgraph{}, direction: "down"}
	dir, more, _ := strings.Cut(rest, ";")
	if dir = strings.TrimSpace(dir); dir != "" {
		d, ok := flowDirections[dir]
		if !ok {
			return "", errorf(head.n, "unknown flowchart direction %q (TD, TB, BT, LR or RL)", dir)
		}
		f.direction = d
	}
	if strings.TrimSpace(more) != "" {
		lines = append([]line{{head.n, more}}, lines...)
	}
	for _, l := range lines {
		// A line may hold several statements separated by ";". Flowchart
		// statements end at the first ";" outside a label, which only the
		// cursor that reads labels knows.
		for s := l.text; s != ""; {
			rest, err := f.statement(l.n, s)
			if err != nil {
				return "", err
			}
			s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ";"))
		}
	}
	if len(f.stack) > 0 {
		return "", errorf(f.stack[len(f.stack)-1].line, "subgraph has no end")
	}
	return f.d2(), nil
}

// skipped are the styling and interaction statements, which do not change
// what is drawn.
var skipped = []string{"classDef ", "class ", "style ", "linkStyle ", "click ", "accTitle", "accDescr"}

// statement reads one statement from the start of s and returns what
// follows it on the line.
func (f *flow) statement(n int, s string) (string, error) {
	for _, p := range skipped {
		if strings.HasPrefix(s, p) {
			_, after, _ := strings.Cut(s, ";")
			return after, nil
		}
	}
	stmt, after, _ := strings.Cut(s, ";")
	word, rest, _ := strings.Cut(strings.TrimSpace(stmt), " ")
	rest = strings.TrimSpace(rest)
	switch {
	case word == "subgraph":
		return after, f.openSubgraph(n, rest)
	case word == "end" && rest == "":
		if len(f.stack) == 0 {
			return "", errorf(n, "end without subgraph")
		}
		f.stack = f.stack[:len(f.stack)-1]
		return after, nil
	case word == "direction":
		d, ok := flowDirections[rest]
		if !ok {
			return "", errorf(n, "unknown direction %q (TD, TB, BT, LR or RL)", rest)
		}
		if len(f.stack) > 0 {
			f.stack[len(f.stack)-1].dir = d
		} else {
			f.direction = d
		}
		return after, nil
	}
	return f.chain(n, s)
}

var subgraphTitle = regexp.MustCompile(`^([^\s\[]+)\s*\[(.*)\]$`)

func (f *flow) openSubgraph(n int, rest string) error {
	id, label := rest, rest
	if m := subgraphTitle.FindStringSubmatch(rest); m != nil {
		id, label = m[1], m[2]
	}
	if id == "" {
		id = "\x00" + strconv.Itoa(len(f.subOrder)) // an unnamed subgraph: no node can name it
	}
	if _, dup := f.subs[id]; dup {
		return errorf(n, "subgraph %q is defined twice", id)
	}
	sg := &subgraph{key: "g" + strconv.Itoa(len(f.subOrder)), label: labelText(label), line: n}
	if len(f.stack) > 0 {
		sg.parent = f.stack[len(f.stack)-1]
	}
	f.subs[id] = sg
	f.subOrder = append(f.subOrder, sg)
	f.stack = append(f.stack, sg)
	return nil
}

// chain reads "A & B --> C -.-> D": node groups joined by links, up to
// the end of the line or a ";".
func (f *flow) chain(n int, s string) (string, error) {
	p := &cursor{s: s}
	from, err := f.nodeGroup(n, p)
	if err != nil {
		return "", err
	}
	for {
		p.spaces()
		if p.done() || strings.HasPrefix(p.rest(), ";") {
			return p.rest(), nil
		}
		l, ok := p.link()
		if !ok {
			return "", errorf(n, "cannot read %q in %q", p.rest(), s)
		}
		p.spaces()
		to, err := f.nodeGroup(n, p)
		if err != nil {
			return "", err
		}
		for _, a := range from {
			for _, b := range to {
				f.edges = append(f.edges, flowEdge{a, b, l})
			}
		}
		from = to
	}
}

func (f *flow) nodeGroup(n int, p *cursor) ([]string, error) {
	var ids []string
	for {
		p.spaces()
		id, err := f.node(n, p)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
		p.spaces()
		if !p.eat("&") {
			return ids, nil
		}
	}
}

// node reads an id with an optional shape and ":::class", and records it.
func (f *flow) node(n int, p *cursor) (string, error) {
	id := p.id()
	if id == "" {
		return "", errorf(n, "expected a node id at %q", p.rest())
	}
	label, d2, hasShape := "", "", false
	for _, sh := range shapes {
		if !p.eat(sh.open) {
			continue
		}
		text, ok := p.until(sh.closers)
		if !ok {
			return "", errorf(n, "node %s: %q is not closed", id, sh.open)
		}
		label, d2, hasShape = labelText(text), sh.d2, true
		break
	}
	if p.eat(":::") {
		p.id()
	}
	if _, ok := f.subs[id]; ok {
		if hasShape {
			return "", errorf(n, "%s is a subgraph and cannot have a shape", id)
		}
		return id, nil
	}
	node := f.nodes[id]
	if node == nil {
		key, _ := f.nodeKeys.key(id)
		node = &flowNode{key: key, label: id, d2: "shape: rectangle"}
		f.nodes[id] = node
	}
	if hasShape {
		node.label, node.d2 = label, d2
	}
	// A node belongs to the first subgraph that mentions it, as in Mermaid
	// where a subgraph may list a node drawn earlier at the top level.
	if node.parent == nil && len(f.stack) > 0 {
		node.parent = f.stack[len(f.stack)-1]
	}
	return id, nil
}

// cursor reads a statement from left to right.
type cursor struct {
	s string
	i int
}

func (c *cursor) done() bool   { return c.i >= len(c.s) }
func (c *cursor) rest() string { return c.s[c.i:] }

func (c *cursor) spaces() {
	for c.i < len(c.s) && (c.s[c.i] == ' ' || c.s[c.i] == '\t') {
		c.i++
	}
}

func (c *cursor) eat(prefix string) bool {
	if strings.HasPrefix(c.rest(), prefix) {
		c.i += len(prefix)
		return true
	}
	return false
}

// id reads a Mermaid id: letters, digits and "_", with single "-" or "."
// between them (so "A-->B" is A, a link and B).
func (c *cursor) id() string {
	start := c.i
	rs := []rune(c.rest())
	n := 0
	for n < len(rs) {
		r := rs[n]
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			n++
			continue
		}
		if (r == '-' || r == '.') && n > 0 && n+1 < len(rs) && (unicode.IsLetter(rs[n+1]) || unicode.IsDigit(rs[n+1]) || rs[n+1] == '_') {
			n++
			continue
		}
		break
	}
	c.i += len(string(rs[:n]))
	return c.s[start:c.i]
}

// until reads a label up to the first of closers; a label in double
// quotes may hold any bracket.
func (c *cursor) until(closers []string) (string, bool) {
	rest := c.rest()
	if strings.HasPrefix(rest, `"`) {
		if end := strings.Index(rest[1:], `"`); end >= 0 {
			after := rest[end+2:]
			for _, cl := range closers {
				if strings.HasPrefix(after, cl) {
					c.i += end + 2 + len(cl)
					return rest[:end+2], true
				}
			}
		}
	}
	best, bestLen := -1, 0
	for _, cl := range closers {
		if i := strings.Index(rest, cl); i >= 0 && (best < 0 || i < best) {
			best, bestLen = i, len(cl)
		}
	}
	if best < 0 {
		return "", false
	}
	c.i += best + bestLen
	return rest[:best], true
}

var (
	plainLink    = regexp.MustCompile(`^(<?)(-{2,}|-\.+-|={2,}|~{3,})([>ox]?)`)
	textLink     = regexp.MustCompile(`^(<?)(--|==|-\.)\s+`)
	textLinkEnds = map[string]*regexp.Regexp{
		"--": regexp.MustCompile(`^(.*?)\s*(-{2,})([>ox]?)`),
		"==": regexp.MustCompile(`^(.*?)\s*(={2,})([>ox]?)`),
		"-.": regexp.MustCompile(`^(.*?)\s*(\.-+)([>ox]?)`),
	}
	pipeLabel = regexp.MustCompile(`^\s*\|([^|]*)\|`)
)

// link reads "-->", "---", "-.->", "==>", "~~~", "<-->", "--o", "--x",
// with a label as "-- text -->" or "-->|text|".
func (c *cursor) link() (link, bool) {
	var l link
	if m := textLink.FindStringSubmatch(c.rest()); m != nil {
		after := c.rest()[len(m[0]):]
		cm := textLinkEnds[m[2]].FindStringSubmatch(after)
		if cm == nil || cm[1] == "" || (m[2] != "-." && cm[3] == "" && len(cm[2]) < 3) {
			return l, false
		}
		c.i += len(m[0]) + len(strings.TrimRight(cm[0], " \t"))
		l = link{label: labelText(cm[1]), left: m[1], head: cm[3], body: m[2]}
	} else if m := plainLink.FindStringSubmatch(c.rest()); m != nil {
		c.i += len(m[0])
		l = link{left: m[1], head: m[3], body: m[2]}
	} else {
		return l, false
	}
	if m := pipeLabel.FindStringSubmatch(c.rest()); m != nil {
		c.i += len(m[0])
		l.label = labelText(m[1])
	}
	return l, true
}

// d2 writes the flowchart: nodes inside their subgraphs' containers, then
// the edges between full paths.
func (f *flow) d2() string {
	var b strings.Builder
	b.WriteString("direction: " + f.direction + "\n")
	f.writeContainer(&b, nil, "")
	for _, e := range f.edges {
		b.WriteString(f.path(e.from) + " " + edgeOp(e.link) + " " + f.path(e.to))
		var fields []string
		if e.link.label != "" {
			fields = append(fields, "label: "+quote(e.link.label))
		}
		fields = append(fields, linkStyle(e.link)...)
		if len(fields) > 0 {
			b.WriteString(": {\n  " + strings.Join(fields, "\n  ") + "\n}")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (f *flow) writeContainer(b *strings.Builder, parent *subgraph, indent string) {
	for _, id := range f.nodeKeys.order {
		n := f.nodes[id]
		if n.parent != parent {
			continue
		}
		b.WriteString(indent + n.key + ": {\n")
		b.WriteString(indent + "  label: " + quote(n.label) + "\n")
		for _, field := range strings.Split(n.d2, "\n") {
			b.WriteString(indent + "  " + field + "\n")
		}
		b.WriteString(indent + "}\n")
	}
	for _, sg := range f.subOrder {
		if sg.parent != parent {
			continue
		}
		b.WriteString(indent + sg.key + ": {\n")
		b.WriteString(indent + "  label: " + quote(sg.label) + "\n")
		if sg.dir != "" {
			b.WriteString(indent + "  direction: " + sg.dir + "\n")
		}
		f.writeContainer(b, sg, indent+"  ")
		b.WriteString(indent + "}\n")
	}
}

// path is the D2 key path of a node or subgraph: g0.g1.n3.
func (f *flow) path(id string) string {
	var parts []string
	sg := f.subs[id]
	if sg == nil {
		n := f.nodes[id]
		parts = []string{n.key}
		sg = n.parent
	} else {
		parts = []string{sg.key}
		sg = sg.parent
	}
	for ; sg != nil; sg = sg.parent {
		parts = append([]string{sg.key}, parts...)
	}
	return strings.Join(parts, ".")
}

func edgeOp(l link) string {
	switch {
	case l.left != "" && l.head != "":
		return "<->"
	case l.left != "":
		return "<-"
	case l.head != "":
		return "->"
	}
	return "--"
}

// arrowheads maps Mermaid's link ends to D2 arrowhead shapes.
var arrowheads = map[string]string{"o": "circle", "x": "cross"}

func linkStyle(l link) []string {
	var fields []string
	switch {
	case strings.Contains(l.body, "."):
		fields = append(fields, "style.stroke-dash: 3")
	case strings.HasPrefix(l.body, "="):
		fields = append(fields, "style.stroke-width: 4")
	case strings.HasPrefix(l.body, "~"):
		fields = append(fields, "style.opacity: 0")
	}
	if s := arrowheads[l.head]; s != "" {
		fields = append(fields, "target-arrowhead.shape: "+s)
		if l.left != "" {
			fields = append(fields, "source-arrowhead.shape: "+s)
		}
	}
	return fields
}
