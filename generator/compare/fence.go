package compare

import (
	"fmt"
	"slices"
	"strings"
)

// FenceError is a problem inside a ```compare block. Line is 1-based
// within the block, so the caller can point at the line of the note.
type FenceError struct {
	Line int
	Msg  string
}

func (e *FenceError) Error() string { return e.Msg }

// ParseFence reads the body of a ```compare block:
//
//	lambda batch
//	facts: max_runtime runtimes billing
//
// The first line names two or more service slugs; an optional facts:
// line picks and orders the facts. Names are separated by spaces or
// commas; blank lines are ignored. The caller resolves the slugs.
func ParseFence(src string) (slugs, shown []string, err error) {
	seenFacts := false
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case slugs == nil:
			if strings.HasPrefix(line, "facts:") {
				return nil, nil, &FenceError{n, "compare block: the first line names the services to compare (lambda batch)"}
			}
			slugs = fields(line)
			if len(slugs) < 2 {
				return nil, nil, &FenceError{n, fmt.Sprintf("compare block: want two or more services, got %d", len(slugs))}
			}
			if d := duplicate(slugs); d != "" {
				return nil, nil, &FenceError{n, fmt.Sprintf("compare block: service %s is named twice", d)}
			}
		case strings.HasPrefix(line, "facts:") && !seenFacts:
			seenFacts = true
			shown = fields(strings.TrimPrefix(line, "facts:"))
			if len(shown) == 0 {
				return nil, nil, &FenceError{n, "compare block: facts: names no facts (facts: max_runtime billing)"}
			}
		default:
			return nil, nil, &FenceError{n, fmt.Sprintf("compare block: unexpected line %q: want one line of services, then facts: key key …", line)}
		}
	}
	if slugs == nil {
		return nil, nil, &FenceError{1, "compare block: empty; want the services to compare (lambda batch)"}
	}
	return slugs, shown, nil
}

func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

func duplicate(names []string) string {
	for i, n := range names {
		if slices.Contains(names[:i], n) {
			return n
		}
	}
	return ""
}
