package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// bom is the UTF-8 byte-order mark some Windows editors put first.
var bom = []byte("\xEF\xBB\xBF")

// splitFrontMatter separates the front matter from the body. format is
// '-' (YAML between --- lines), '+' (TOML between +++ lines), '{' (a JSON
// object, Hugo style) or 0 for none; fmLine is the file line where the
// block's text starts and bodyLine the 1-based line where the body starts.
func splitFrontMatter(src []byte) (format byte, fm, body []byte, fmLine, bodyLine int, err error) {
	if bytes.HasPrefix(src, []byte("{")) {
		return splitJSON(src)
	}
	for _, delim := range []string{"---", "+++"} {
		if !bytes.HasPrefix(src, []byte(delim)) {
			continue
		}
		first, rest, ok := cutLine(src)
		if strings.TrimRight(string(first), " \t\r") != delim {
			return 0, nil, src, 0, 1, nil
		}
		unclosed := &frontMatterError{Line: 1, Msg: "front matter: no closing " + delim + " line"}
		if !ok {
			return 0, nil, nil, 0, 0, unclosed
		}
		line := 2
		start := rest
		for len(rest) > 0 {
			lineStart := len(start) - len(rest)
			var l []byte
			l, rest, _ = cutLine(rest)
			if strings.TrimRight(string(l), " \t\r") == delim {
				return delim[0], start[:lineStart], rest, 2, line + 1, nil
			}
			line++
		}
		return 0, nil, nil, 0, 0, unclosed
	}
	return 0, nil, src, 0, 1, nil
}

// splitJSON takes the JSON object at the start of src; the body starts on
// the line after its closing brace.
func splitJSON(src []byte) (byte, []byte, []byte, int, int, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, nil, nil, 0, 0, jsonError(err, src)
	}
	end := int(dec.InputOffset())
	_, rest, _ := cutLine(src[end:])
	return '{', src[:end], rest, 1, lineAt(src, end) + 1, nil
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

func jsonError(err error, src []byte) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return &frontMatterError{Line: lineAt(src, min(int(syn.Offset), len(src))), Msg: "front matter: JSON: " + syn.Error()}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &frontMatterError{Line: 1, Msg: "front matter: JSON object is not closed"}
	}
	return &frontMatterError{Line: 1, Msg: "front matter: JSON: " + err.Error()}
}

// jsonNode reads a JSON object into a YAML node tree, keeping key order
// and each value's line.
func jsonNode(src []byte) (*yaml.Node, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	n, err := jsonValue(dec, src)
	if err != nil {
		return nil, jsonError(err, src)
	}
	return n, nil
}

func jsonValue(dec *json.Decoder, src []byte) (*yaml.Node, error) {
	start := int(dec.InputOffset())
	for start < len(src) && strings.IndexByte(" \t\r\n,:", src[start]) >= 0 {
		start++
	}
	line := lineAt(src, start) - 1 // node lines are file lines minus one
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	scalar := func(tag, value string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: line}
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
			for dec.More() {
				k, err := jsonValue(dec, src)
				if err != nil {
					return nil, err
				}
				v, err := jsonValue(dec, src)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, k, v)
			}
			_, err := dec.Token()
			return n, err
		}
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
		for dec.More() {
			v, err := jsonValue(dec, src)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
		}
		_, err := dec.Token()
		return n, err
	case string:
		return scalar("!!str", t), nil
	case json.Number:
		if strings.ContainsAny(string(t), ".eE") {
			return scalar("!!float", string(t)), nil
		}
		return scalar("!!int", string(t)), nil
	case bool:
		return scalar("!!bool", fmt.Sprint(t)), nil
	}
	return scalar("!!null", ""), nil
}

// tomlNode reads a TOML block into a YAML node tree. BurntSushi/toml
// gives key order but no positions, so each key's line is found in the
// text: good enough to point an error at the right line.
func tomlNode(src []byte, firstLine int) (*yaml.Node, error) {
	var m map[string]any
	md, err := toml.Decode(string(src), &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, &frontMatterError{Line: firstLine + perr.Position.Line - 1, Msg: "front matter: " + perr.Message}
		}
		return nil, &frontMatterError{Line: firstLine, Msg: "front matter: " + err.Error()}
	}
	t := tomlTree{order: map[string]int{}, lines: strings.Split(string(src), "\n"), first: firstLine}
	for i, k := range md.Keys() {
		t.order[k.String()] = i
	}
	return t.node(m, nil, firstLine-1), nil
}

type tomlTree struct {
	order map[string]int
	lines []string
	first int
}

func (t tomlTree) node(v any, path []string, line int) *yaml.Node {
	scalar := func(tag, value string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: line}
	}
	switch v := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		prefix := strings.Join(path, ".")
		if prefix != "" {
			prefix += "."
		}
		slices.SortFunc(keys, func(a, b string) int { return t.order[prefix+a] - t.order[prefix+b] })
		for _, k := range keys {
			kl := t.keyLine(append(slices.Clone(path), k))
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kl},
				t.node(v[k], append(slices.Clone(path), k), kl))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
		for _, e := range v {
			n.Content = append(n.Content, t.node(e, path, line))
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
		for _, e := range v {
			n.Content = append(n.Content, t.node(e, path, line))
		}
		return n
	case string:
		return scalar("!!str", v)
	case bool:
		return scalar("!!bool", fmt.Sprint(v))
	case int64:
		return scalar("!!int", fmt.Sprint(v))
	case float64:
		return scalar("!!float", fmt.Sprint(v))
	case time.Time:
		return scalar("!!timestamp", v.Format(time.RFC3339Nano))
	case nil:
		return scalar("!!null", "")
	}
	return scalar("!!str", fmt.Sprint(v))
}

// keyLine finds the line defining the key path (as a node line: file
// line minus one): "key =" after its table's [header], or a dotted key.
func (t tomlTree) keyLine(path []string) int {
	from := 0
	if len(path) > 1 {
		header := regexp.MustCompile(`^\s*\[+\s*"?` + regexp.QuoteMeta(strings.Join(path[:len(path)-1], ".")) + `"?\s*\]`)
		for i, l := range t.lines {
			if header.MatchString(l) {
				from = i
				break
			}
		}
	}
	key := regexp.MustCompile(`^\s*("?` + regexp.QuoteMeta(path[len(path)-1]) + `"?\s*=|\[+\s*"?` + regexp.QuoteMeta(strings.Join(path, ".")) + `"?\s*\])`)
	for i := from; i < len(t.lines); i++ {
		if key.MatchString(t.lines[i]) {
			return t.first + i - 1
		}
	}
	return t.first - 1
}
