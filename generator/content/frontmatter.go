package content

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// FrontMatter is the typed YAML block at the top of a note. Keys the
// generator knows are fields; anything else lands in Params.
type FrontMatter struct {
	Title    string   `yaml:"title"`
	Summary  string   `yaml:"summary"`
	Category string   `yaml:"category"`
	Weight   int      `yaml:"weight"`
	Draft    bool     `yaml:"draft"`
	Aliases  []string `yaml:"aliases"`
	Tags     []string `yaml:"tags"`
	Layout   string   `yaml:"layout"`
	// Facts are a service's structured attributes, in file order, each
	// with its line so the fact schema can point at a bad value.
	Facts []Fact `yaml:"-"`
	// Links are a service's relations to other services, for diagrams
	// (runs_on: [ecs], exposes: [lambda], …), in file order.
	Links []Relation `yaml:"-"`
	// Flows are use-case flows drawn as diagrams ("a -> b: label" steps).
	Flows []Flow `yaml:"-"`
	// Cheatsheet holds the bullets the printable cheat sheet shows.
	Cheatsheet []string `yaml:"cheatsheet"`
	// Compare makes the page a comparison of these service slugs.
	Compare []string `yaml:"compare"`
	// FactsShown picks and orders the facts of a comparison table.
	FactsShown []string `yaml:"facts_shown"`
	// AutoLink switches automatic linking of mentions for this page.
	AutoLink *bool `yaml:"auto_link"`
	// Params keeps keys the generator does not know, for templates.
	Params map[string]any `yaml:"-"`
}

// Fact is one entry of the facts: map. Value is the decoded YAML value
// (string, bool, number or []any).
type Fact struct {
	Key   string
	Value any
	Line  int
}

// Relation is one entry of the links: map.
type Relation struct {
	Name    string
	Targets []string
	Line    int
}

// Flow is a use-case flow of a note; Line is the line of its entry.
type Flow struct {
	Title string   `yaml:"title"`
	Steps []string `yaml:"steps"`
	Line  int      `yaml:"-"`
}

var known = map[string]bool{
	"title": true, "summary": true, "category": true, "weight": true, "draft": true,
	"aliases": true, "tags": true, "layout": true, "facts": true, "links": true,
	"flows": true, "cheatsheet": true, "compare": true, "facts_shown": true, "auto_link": true,
}

// frontMatterError is a problem inside the YAML block; Line counts from
// the first line of the file.
type frontMatterError struct {
	Line int
	Msg  string
}

func (e *frontMatterError) Error() string { return e.Msg }

// splitFrontMatter separates a leading --- block from the body. bodyLine
// is the 1-based file line where the body starts.
func splitFrontMatter(src []byte) (fm []byte, body []byte, bodyLine int, err error) {
	if !bytes.HasPrefix(src, []byte("---")) {
		return nil, src, 1, nil
	}
	first, rest, ok := cutLine(src)
	if strings.TrimRight(string(first), " \t\r") != "---" {
		return nil, src, 1, nil
	}
	if !ok {
		return nil, nil, 0, &frontMatterError{Line: 1, Msg: "front matter: no closing --- line"}
	}
	line := 2
	start := rest
	for len(rest) > 0 {
		lineStart := len(start) - len(rest)
		var l []byte
		l, rest, _ = cutLine(rest)
		if strings.TrimRight(string(l), " \t\r") == "---" {
			return start[:lineStart], rest, line + 1, nil
		}
		line++
	}
	return nil, nil, 0, &frontMatterError{Line: 1, Msg: "front matter: no closing --- line"}
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

// parseFrontMatter decodes the YAML block. Line numbers in errors are file
// lines (the block starts on line 2).
func parseFrontMatter(src []byte) (FrontMatter, error) {
	var fm FrontMatter
	if len(bytes.TrimSpace(src)) == 0 {
		return fm, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return fm, yamlError(err)
	}
	if len(doc.Content) == 0 {
		return fm, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fm, &frontMatterError{Line: root.Line + 1, Msg: "front matter: want key: value pairs"}
	}
	if err := root.Decode(&fm); err != nil {
		return fm, yamlError(err)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch {
		case key.Value == "facts":
			facts, err := decodeFacts(val)
			if err != nil {
				return fm, err
			}
			fm.Facts = facts
		case key.Value == "links":
			links, err := decodeLinks(val)
			if err != nil {
				return fm, err
			}
			fm.Links = links
		case key.Value == "flows":
			if err := val.Decode(&fm.Flows); err != nil {
				return fm, yamlError(err)
			}
			for i, item := range val.Content {
				if i < len(fm.Flows) {
					fm.Flows[i].Line = item.Line + 1
				}
			}
		case !known[key.Value]:
			var v any
			if err := val.Decode(&v); err != nil {
				return fm, yamlError(err)
			}
			if fm.Params == nil {
				fm.Params = map[string]any{}
			}
			fm.Params[key.Value] = v
		}
	}
	return fm, nil
}

func decodeFacts(n *yaml.Node) ([]Fact, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, &frontMatterError{Line: n.Line + 1, Msg: "front matter: facts: want a map of key: value"}
	}
	facts := make([]Fact, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		var v any
		if err := n.Content[i+1].Decode(&v); err != nil {
			return nil, yamlError(err)
		}
		facts = append(facts, Fact{Key: n.Content[i].Value, Value: v, Line: n.Content[i].Line + 1})
	}
	return facts, nil
}

func decodeLinks(n *yaml.Node) ([]Relation, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, &frontMatterError{Line: n.Line + 1, Msg: "front matter: links: want a map of relation: [targets]"}
	}
	var links []Relation
	for i := 0; i+1 < len(n.Content); i += 2 {
		var targets []string
		val := n.Content[i+1]
		if val.Kind == yaml.ScalarNode {
			targets = []string{val.Value}
		} else if err := val.Decode(&targets); err != nil {
			return nil, yamlError(err)
		}
		links = append(links, Relation{Name: n.Content[i].Value, Targets: targets, Line: n.Content[i].Line + 1})
	}
	return links, nil
}

// yamlError turns yaml.v3's "yaml: line 3: ..." into a file line.
func yamlError(err error) error {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		line++ // the YAML block starts on file line 2
		// yaml.v3 counts parser errors (not scanner errors) from 0.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	}
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	return &frontMatterError{Line: line, Msg: "front matter: " + msg}
}
