package diagrams

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"oss.terrastruct.com/d2/d2ast"
	"oss.terrastruct.com/d2/d2parser"
)

// SourceError reports invalid D2 source.
type SourceError struct {
	Line   int    // 1-based line within the D2 source
	Column int    // 1-based column
	Msg    string // D2's message, without its position prefix
}

func (e *SourceError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// TimeoutError reports a diagram whose layout took longer than the limit.
type TimeoutError struct {
	Limit time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("diagram layout took longer than %v; simplify it, or raise diagram_timeout in sitegen.toml (or --diagram-timeout)", e.Limit)
}

// sourceError converts D2's parse and compile errors, which carry 0-based
// ranges, into a SourceError pointing at the earliest problem. Other errors
// (a failed layout, say) pass through unchanged.
func sourceError(err error) error {
	var pe *d2parser.ParseError
	if !errors.As(err, &pe) || len(pe.Errors) == 0 {
		return err
	}
	errs := slices.Clone(pe.Errors)
	slices.SortStableFunc(errs, func(a, b d2ast.Error) int {
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line - b.Range.Start.Line
		}
		return a.Range.Start.Column - b.Range.Start.Column
	})
	first := errs[0]
	msg := strings.TrimPrefix(first.Message, first.Range.String()+": ")
	if n := len(errs) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more %s)", n, plural(n, "error", "errors"))
	}
	return &SourceError{
		Line:   first.Range.Start.Line + 1,
		Column: first.Range.Start.Column + 1,
		Msg:    msg,
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
