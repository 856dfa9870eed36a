package srcerr

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// YAMLPlace finds where in src, a YAML document, the error err of
// go.yaml.in/yaml/v3 lies, and its message without yaml.v3's prefixes.
// line counts from 1 at the first line of src; 0 when unknown. It knows
// the decoder's quirks: parser errors count lines from 0, a tab in the
// indentation of a nested block is reported on the line above it, and
// invalid UTF-8 comes with no line at all.
func YAMLPlace(src []byte, err error) (line int, msg string) {
	if !utf8.Valid(src) {
		return badUTF8Line(src), "not valid UTF-8: save the file as UTF-8"
	}
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i] // the first of several decoding errors: the rest follow once it is fixed
	}
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n != 1 {
		return 0, msg
	}
	msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	switch {
	case strings.HasPrefix(msg, "did not find expected"):
		line++
	case strings.Contains(msg, "tab character"):
		line = tabLine(src, line)
	}
	return line, msg
}

// badUTF8Line is the line of the first byte that is not UTF-8.
func badUTF8Line(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return bytes.Count(src[:i], []byte("\n")) + 1
		}
		i += size
	}
	return 0
}

// tabLine is the first line from line on whose indentation holds a tab.
func tabLine(src []byte, line int) int {
	lines := bytes.Split(src, []byte("\n"))
	for i := max(line-1, 0); i < len(lines); i++ {
		indent := lines[i][:len(lines[i])-len(bytes.TrimLeft(lines[i], " \t"))]
		if bytes.IndexByte(indent, '\t') >= 0 {
			return i + 1
		}
	}
	return line
}
