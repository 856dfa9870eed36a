// Package mermaid translates Mermaid diagrams into D2 source, so notes
// written for GitHub or Obsidian draw their ```mermaid blocks through the
// same in-process pipeline as D2 (light and dark, cached), with no script
// in the page.
//
// Two kinds are translated: flowcharts (flowchart/graph: directions, node
// shapes, every link style with labels, chains, "&", subgraphs) and
// sequence diagrams (participants and actors with aliases, messages,
// notes, and loop/alt/opt/par/critical/break/rect blocks as groups).
// Styling statements (classDef, class, style, linkStyle, click) are
// skipped: the site's themes colour the result. Any other kind, or a line
// the translation does not understand, is an *Error naming the line, and
// the caller keeps the block as code.
//
// Like package graph it only writes text and does not import D2. Every
// key it writes is generated (n0, n1, g0, …) and every label is quoted and
// escaped, so no Mermaid input can inject D2.
package mermaid

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Error is a problem at a line of the Mermaid source (1-based).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func errorf(line int, format string, args ...any) *Error {
	return &Error{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// line is one statement of the source with its 1-based line number.
type line struct {
	n    int
	text string
}

// ToD2 translates a Mermaid flowchart or sequence diagram into D2 source.
func ToD2(src string) (string, error) {
	lines := statements(src)
	if len(lines) == 0 {
		return "", errorf(1, "empty Mermaid diagram")
	}
	head := lines[0]
	kind, rest, _ := strings.Cut(head.text, " ")
	switch kind {
	case "flowchart", "graph", "flowchart-elk":
		return flowchart(head, strings.TrimSpace(rest), lines[1:])
	case "sequenceDiagram":
		if strings.TrimSpace(rest) != "" {
			return "", errorf(head.n, "unexpected %q after sequenceDiagram", rest)
		}
		return sequence(lines[1:])
	}
	return "", errorf(head.n, "Mermaid %q diagrams are not drawn (only flowchart, graph and sequenceDiagram); the block is shown as code", kind)
}

// statements splits the source into trimmed lines, dropping blank lines,
// %% comments and directives, and a leading front-matter block.
func statements(src string) []line {
	raw := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var out []line
	inFront := false
	for i, l := range raw {
		t := strings.TrimSpace(l)
		if len(out) == 0 && t == "---" && (i == 0 || inFront) {
			inFront = !inFront
			continue
		}
		if inFront || t == "" || strings.HasPrefix(t, "%%") {
			continue
		}
		out = append(out, line{i + 1, t})
	}
	return out
}

// quote writes s as a D2 double-quoted string value: '"' and '\' are
// escaped, newlines become \n, and "$" is escaped since D2 substitutes
// ${var} in values.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\', '$':
			b.WriteByte('\\')
		case '\n':
			b.WriteString(`\n`)
			continue
		case '\r', '\t':
			r = ' '
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

var (
	lineBreak = regexp.MustCompile(`(?i)<br\s*/?>`)
	entity    = regexp.MustCompile(`#(\d+|[a-z]+);`)
	named     = map[string]string{"quot": `"`, "amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "semi": ";", "colon": ":"}
)

// labelText turns Mermaid label text into plain text: surrounding quotes
// and Markdown-string backticks go, <br> is a line break, and Mermaid's
// #quot; / #35; entity codes are decoded.
func labelText(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' {
		s = s[1 : len(s)-1]
	}
	s = lineBreak.ReplaceAllString(s, "\n")
	s = entity.ReplaceAllStringFunc(s, func(m string) string {
		name := m[1 : len(m)-1]
		if n, err := strconv.Atoi(name); err == nil && n > 0 && n <= 0x10FFFF {
			return string(rune(n))
		}
		if v, ok := named[name]; ok {
			return v
		}
		return m
	})
	return strings.TrimSpace(s)
}

// keys hands out the generated D2 keys of Mermaid ids, in order of first use.
type keys struct {
	prefix string
	byID   map[string]string
	order  []string
}

func newKeys(prefix string) *keys { return &keys{prefix: prefix, byID: map[string]string{}} }

func (k *keys) key(id string) (key string, isNew bool) {
	if key, ok := k.byID[id]; ok {
		return key, false
	}
	key = k.prefix + strconv.Itoa(len(k.order))
	k.byID[id] = key
	k.order = append(k.order, id)
	return key, true
}
