// Package compare turns services' structured facts into HTML: it reads
// the fact schema (content/_facts.yaml), validates and normalises each
// service's facts: values, and builds a service's facts table, the
// comparison table of a few services and the full matrix of them all.
//
// The schema lists groups (display order) and facts (display order within
// a group), each with a key, a label, a description, a kind and a group:
//
//	groups: [Basics, Limits]
//	facts:
//	  - key: max_runtime
//	    label: Max run time
//	    description: Longest a single run may last.
//	    kind: duration   # text | list | duration | size | bool
//	    group: Limits
//	    ask: How long does one run last?   # optional: the guide asks it
//	    sheet: false                       # optional: not on the printed cheat sheet
//
// A fact without kind is text. Value forms per kind are described on
// ParseValue. Sizes are binary: 1 GB is 1,024 MB, as AWS writes memory
// limits (Lambda's "10 GB" is 10,240 MB); KiB, MiB, GiB are accepted as
// the same units.
//
// The package knows nothing of Markdown, pages or URLs: callers pass the
// services (slug, title, site path) and apply the site's base path with
// WithURLFor. Every string from content is escaped by html/template.
package compare

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// Kind is the type of a fact's value.
type Kind string

// The kinds a schema may give a fact.
const (
	KindText     Kind = "text"
	KindList     Kind = "list"
	KindDuration Kind = "duration"
	KindSize     Kind = "size"
	KindBool     Kind = "bool"
)

var kindNames = []string{string(KindText), string(KindList), string(KindDuration), string(KindSize), string(KindBool)}

// Def is one fact of the schema.
type Def struct {
	Key         string
	Label       string
	Description string
	Kind        Kind
	Group       string
	// Ask is the question the "which service?" guide asks about this fact
	// ("How long does one run last?"); facts without it are not asked.
	Ask string
	// OffSheet (sheet: false) leaves the fact out of the printed cheat
	// sheet, which must fit a few pages; pages and cards keep it.
	OffSheet bool
	Line     int // line of the entry in the schema file
}

// Schema is the parsed fact schema: groups and facts in display order.
type Schema struct {
	File   string
	Groups []string
	Defs   []Def
	index  map[string]int
}

// Def returns the fact with key.
func (s *Schema) Def(key string) (Def, bool) {
	i, ok := s.index[key]
	if !ok {
		return Def{}, false
	}
	return s.Defs[i], true
}

// Keys returns every fact key in schema order.
func (s *Schema) Keys() []string {
	keys := make([]string, len(s.Defs))
	for i, d := range s.Defs {
		keys[i] = d.Key
	}
	return keys
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

var defFields = []string{"key", "label", "description", "kind", "group", "ask", "sheet"}

// ParseSchema reads a fact schema. file names it in errors; every
// problem is reported, each with its line, in one srcerr.List.
func ParseSchema(file string, src []byte) (*Schema, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, YAMLError(file, src, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, srcerr.New(file, 1, "fact schema: want groups: and facts: at the top level")
	}
	root := doc.Content[0]
	s := &Schema{File: file, index: map[string]int{}}
	var errs srcerr.List
	var groupsNode, factsNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "groups":
			groupsNode = val
		case "facts":
			factsNode = val
		default:
			errs = append(errs, srcerr.New(file, key.Line, "unknown key %s%s", key.Value,
				didYouMean(key.Value, []string{"groups", "facts"}, "groups, facts")))
		}
	}
	if groupsNode == nil {
		errs = append(errs, srcerr.New(file, root.Line, "missing groups: (the display order of fact groups)"))
	} else {
		s.parseGroups(groupsNode, &errs)
	}
	if factsNode == nil {
		errs = append(errs, srcerr.New(file, root.Line, "missing facts: (the list of facts)"))
	} else if factsNode.Kind != yaml.SequenceNode {
		errs = append(errs, srcerr.New(file, factsNode.Line, "facts: want a list of facts (- key: …)"))
	} else {
		for i, n := range factsNode.Content {
			s.parseDef(i+1, n, groupsNode != nil, &errs)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Schema) parseGroups(n *yaml.Node, errs *srcerr.List) {
	if n.Kind != yaml.SequenceNode {
		*errs = append(*errs, srcerr.New(s.File, n.Line, "groups: want a list of group names"))
		return
	}
	for _, g := range n.Content {
		switch {
		case g.Kind != yaml.ScalarNode || strings.TrimSpace(g.Value) == "":
			*errs = append(*errs, srcerr.New(s.File, g.Line, "groups: want a group name"))
		case slices.Contains(s.Groups, g.Value):
			*errs = append(*errs, srcerr.New(s.File, g.Line, "groups: %s is listed twice", g.Value))
		default:
			s.Groups = append(s.Groups, g.Value)
		}
	}
}

// parseDef adds the n-th fact entry; a bad entry adds errors instead.
func (s *Schema) parseDef(n int, node *yaml.Node, haveGroups bool, errs *srcerr.List) {
	if node.Kind != yaml.MappingNode {
		*errs = append(*errs, srcerr.New(s.File, node.Line, "fact %d: want key:, label:, kind:, group:", n))
		return
	}
	d := Def{Line: node.Line}
	lines := map[string]int{}
	fail := func(line int, format string, args ...any) {
		name := d.Key
		if name == "" {
			name = strconv.Itoa(n)
		}
		*errs = append(*errs, srcerr.New(s.File, line, "fact %s: %s", name, fmt.Sprintf(format, args...)))
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		if !slices.Contains(defFields, k.Value) {
			fail(k.Line, "unknown field %s%s", k.Value, didYouMean(k.Value, defFields, strings.Join(defFields, ", ")))
			continue
		}
		if v.Kind != yaml.ScalarNode {
			fail(v.Line, "%s: want a single value", k.Value)
			continue
		}
		lines[k.Value] = k.Line
		val := strings.TrimSpace(v.Value)
		switch k.Value {
		case "key":
			d.Key = val
		case "label":
			d.Label = val
		case "description":
			d.Description = val
		case "kind":
			d.Kind = Kind(val)
		case "group":
			d.Group = val
		case "ask":
			d.Ask = val
		case "sheet":
			on, ok := parseBool(val)
			if !ok {
				fail(lines["sheet"], "sheet: want true or false, got %q", val)
			}
			d.OffSheet = ok && !on
		}
	}
	ok := true
	if d.Key == "" {
		fail(node.Line, "missing key")
		ok = false
	} else if !keyPattern.MatchString(d.Key) {
		fail(lines["key"], "key %q: want lower-case letters, digits and _ (max_runtime)", d.Key)
		ok = false
	} else if first, dup := s.index[d.Key]; dup {
		fail(lines["key"], "duplicate key (first on line %d)", s.Defs[first].Line)
		ok = false
	}
	if d.Label == "" {
		fail(node.Line, "missing label")
		ok = false
	}
	switch {
	case d.Kind == "":
		d.Kind = KindText
	case !slices.Contains(kindNames, string(d.Kind)):
		fail(lines["kind"], "unknown kind %q%s", d.Kind, didYouMean(string(d.Kind), kindNames, strings.Join(kindNames, ", ")))
		ok = false
	}
	switch {
	case !haveGroups:
		// The missing groups: list is reported once, not per fact.
	case d.Group == "":
		fail(node.Line, "missing group (one of %s)", strings.Join(s.Groups, ", "))
		ok = false
	case !slices.Contains(s.Groups, d.Group):
		fail(lines["group"], "group %q is not in groups%s", d.Group, didYouMean(d.Group, s.Groups, strings.Join(s.Groups, ", ")))
		ok = false
	}
	if ok {
		s.index[d.Key] = len(s.Defs)
		s.Defs = append(s.Defs, d)
	}
}

// didYouMean returns " (did you mean x?)" for a close candidate, else
// " (want <known>)" so the message always says what would be accepted.
func didYouMean(word string, candidates []string, known string) string {
	if best, ok := content.Closest(word, candidates); ok {
		return " (did you mean " + best + "?)"
	}
	if known == "" {
		return ""
	}
	return " (want " + known + ")"
}

// YAMLError places an error of decoding src, the data file named file,
// at its line (srcerr.YAMLPlace).
func YAMLError(file string, src []byte, err error) *srcerr.Error {
	line, msg := srcerr.YAMLPlace(src, err)
	return srcerr.New(file, line, "%s", msg)
}
