// Package srcerr is the error type every build stage uses to point at a
// source file and line, and a list type to report many of them at once.
//
// A build that finds three broken links should say so in one run, not in
// three, so stages collect *Error values into a List and return it.
package srcerr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is a problem at a place in a source file. File is relative to the
// site root (content/services/lambda.md); Line is 1-based, 0 when unknown.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.File == "":
		return e.Msg
	case e.Line <= 0:
		return e.File + ": " + e.Msg
	default:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
}

// New returns an *Error with a formatted message.
func New(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// List is several errors reported together, sorted by file and line.
type List []*Error

func (l List) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Add appends err, flattening Lists and wrapping plain errors without a place.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var list List
	var one *Error
	switch {
	case errors.As(err, &list):
		*l = append(*l, list...)
	case errors.As(err, &one):
		*l = append(*l, one)
	default:
		*l = append(*l, &Error{Msg: err.Error()})
	}
}

// Sorted returns the list sorted by file and line (nil when empty).
func (l List) Sorted() List {
	if len(l) == 0 {
		return nil
	}
	return l.Err().(List)
}

// Err returns the list sorted, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
	return l
}
