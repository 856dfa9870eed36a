package content

import (
	"sitegen/generator/srcerr"

	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FrontMatter is the typed block at the top of a note (YAML, TOML or
// JSON; see splitFrontMatter). Keys the generator knows are fields;
// anything else lands in Params.
type FrontMatter struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	// Description is the summary when there is no summary (Hugo, Jekyll).
	Description string     `yaml:"description"`
	Category    string     `yaml:"category"`
	Weight      int        `yaml:"weight"`
	Draft       bool       `yaml:"draft"`
	Aliases     StringList `yaml:"aliases"`
	Tags        StringList `yaml:"tags"`
	// CSSClasses are Obsidian's classes for the page body.
	CSSClasses StringList `yaml:"cssclasses"`
	// Layout names a theme layout; the theme decides what it accepts.
	Layout string `yaml:"layout"`
	// Slug replaces the last segment of the page's URL; URL and
	// Permalink (Hugo, Jekyll, Obsidian Publish) replace the whole path.
	Slug      string `yaml:"slug"`
	URL       string `yaml:"url"`
	Permalink string `yaml:"permalink"`
	// Facts are a service's structured attributes, in file order, each
	// with its line so the fact schema can point at a bad value.
	Facts []Fact `yaml:"-"`
	// Links are a service's relations to other services, for diagrams
	// (runs_on: [ecs], exposes: [lambda], …), in file order.
	Links []Relation `yaml:"-"`
	// Flows are use-case flows drawn as diagrams ("a -> b: label" steps).
	Flows []Flow `yaml:"-"`
	// AliasLines holds the file line of each of Aliases, which are
	// normalised and checked as they are read (aliases.go).
	AliasLines []int `yaml:"-"`
	// CompareLine is the file line of compare:, for its warnings.
	CompareLine int `yaml:"-"`
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

// StringList is a list that front matter may also give as one string
// (aliases: Fold), as Obsidian and Hugo accept.
type StringList []string

// UnmarshalYAML takes a sequence of strings or a single scalar.
func (l *StringList) UnmarshalYAML(n *yaml.Node) error {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		*l = nil
		return nil
	case n.Kind == yaml.ScalarNode:
		*l = StringList{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*l = list
	return nil
}

var known = map[string]bool{
	"title": true, "summary": true, "description": true, "category": true, "weight": true, "draft": true,
	"aliases": true, "tags": true, "cssclasses": true, "cssclass": true, "layout": true, "facts": true, "links": true,
	"flows": true, "cheatsheet": true, "compare": true, "facts_shown": true, "auto_link": true,
	"slug": true, "url": true, "permalink": true,
}

// frontMatterError is a problem inside the front matter; Line counts from
// the first line of the file.
type frontMatterError struct {
	Line int
	Msg  string
}

func (e *frontMatterError) Error() string { return e.Msg }

// parseFrontMatter decodes the block in its format into one YAML node
// tree, so every format shares the decoding below. Node lines are file
// lines minus one, as for a YAML block that starts on file line 2.
func parseFrontMatter(format byte, src []byte, firstLine int) (FrontMatter, error) {
	var fm FrontMatter
	if len(bytes.TrimSpace(src)) == 0 {
		return fm, nil
	}
	var root *yaml.Node
	switch format {
	case '+':
		n, err := tomlNode(src, firstLine)
		if err != nil {
			return fm, err
		}
		root = n
	case '{':
		n, err := jsonNode(src)
		if err != nil {
			return fm, err
		}
		root = n
	default:
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			line, msg := srcerr.YAMLPlace(src, err)
			if line > 0 {
				line += firstLine - 1
			}
			return fm, &frontMatterError{Line: line, Msg: "front matter: " + msg}
		}
		if len(doc.Content) == 0 {
			return fm, nil
		}
		root = doc.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return fm, &frontMatterError{Line: root.Line + 1, Msg: "front matter: want key: value pairs"}
	}
	if err := root.Decode(&fm); err != nil {
		return fm, yamlError(err)
	}
	if fm.Summary == "" {
		fm.Summary = fm.Description
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch {
		case key.Value == "cssclass" && len(fm.CSSClasses) == 0:
			if err := val.Decode(&fm.CSSClasses); err != nil {
				return fm, yamlError(err)
			}
		case key.Value == "facts":
			facts, err := decodeFacts(val)
			if err != nil {
				return fm, err
			}
			fm.Facts = facts
		case key.Value == "aliases":
			aliases, lines, err := decodeAliases(val)
			if err != nil {
				return fm, err
			}
			fm.Aliases, fm.AliasLines = aliases, lines
		case key.Value == "compare":
			fm.CompareLine = key.Line + 1
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
