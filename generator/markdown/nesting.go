package markdown

import (
	"bytes"

	"sitegen/generator/srcerr"
)

// MaxNesting is how deeply list items and block quotes may nest in a note,
// counted together (a list inside a quote inside a list is three levels).
// goldmark's parse cannot be interrupted and grows about cubically with
// nesting: 3,000 levels take a minute and 10,000 run for a quarter of an
// hour, so a note nested deeper than this is an error before it reaches the
// parser. Real notes rarely pass ten levels; goldmark parses a note at this
// limit in about 3 ms.
const MaxNesting = 100

// checkNesting finds the first line of body that opens a container (list
// item or block quote) deeper than MaxNesting and returns that line
// (0-based within body); ok is false when a line crosses the limit.
//
// It follows CommonMark's block structure closely enough to measure depth,
// in one pass: each line continues the open containers it matches (a list
// item by indentation, a quote by its '>'), a paragraph line may continue
// them lazily, and what follows may open new ones. Fenced code opens
// nothing. The open containers never exceed MaxNesting+1, so the work per
// line is bounded and the whole check is linear in the size of the note.
func checkNesting(body []byte) (line int, ok bool) {
	var (
		stack      []container // open containers, outermost first
		fence      []byte      // the open code fence ("```", "~~~~"), nil outside one
		fenceDepth int         // containers the fence sits in
		para       bool        // the previous line was paragraph text
	)
	for n := 0; len(body) > 0; n++ {
		var l []byte
		l, body, _ = bytes.Cut(body, []byte("\n"))
		s := lineScanner{b: l}

		matched := 0
		for _, c := range stack {
			if !s.continues(c) {
				break
			}
			matched++
		}
		blank := s.blank()

		if fence != nil {
			if matched >= fenceDepth {
				if s.closesFence(fence) {
					fence = nil
				}
				continue // code: it opens nothing
			}
			fence = nil // the fence's container closed, and the fence with it
		}

		opened := false
		for len(stack) <= MaxNesting {
			c, ok := s.open()
			if !ok {
				break
			}
			if !opened {
				stack = stack[:matched]
				opened = true
			}
			stack = append(stack, c)
		}
		if len(stack) > MaxNesting {
			return n, false
		}
		switch {
		case opened:
		case blank:
			// A blank line closes the quotes it does not continue; list
			// items stay open across it.
			for matched < len(stack) && stack[matched].list {
				matched++
			}
			stack = stack[:matched]
		case para && matched < len(stack) && !s.startsBlock():
			// A lazy continuation line keeps every container open.
		default:
			stack = stack[:matched]
		}
		if f := s.opensFence(); f != nil {
			fence, fenceDepth, para = f, len(stack), false
			continue
		}
		para = !blank && !s.startsBlock()
	}
	return 0, true
}

// nestingError is checkNesting's verdict on a page as a srcerr.
func nestingError(p Page) *srcerr.Error {
	line, ok := checkNesting(p.Body)
	if ok {
		return nil
	}
	return srcerr.New(p.File, p.BodyLine+line,
		"lists and block quotes nest more than %d levels deep here; "+
			"a note nested this deep takes minutes to parse, so flatten it", MaxNesting)
}

// container is an open list item or block quote.
type container struct {
	list   bool
	indent int // a list item's content column; lines indented this far continue it
}

// lineScanner walks one line, expanding tabs to the next multiple of 4
// columns as CommonMark does.
type lineScanner struct {
	b   []byte
	i   int // byte offset
	col int // column of b[i]
}

// indent is the column of the next non-blank character, without moving.
func (s *lineScanner) indent() (col, i int) {
	col, i = s.col, s.i
	for i < len(s.b) && (s.b[i] == ' ' || s.b[i] == '\t') {
		if s.b[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		i++
	}
	return col, i
}

func (s *lineScanner) blank() bool {
	_, i := s.indent()
	return i == len(s.b) || (i == len(s.b)-1 && s.b[i] == '\r')
}

// continues reports whether the line continues c and moves past c's prefix.
func (s *lineScanner) continues(c container) bool {
	col, i := s.indent()
	if c.list {
		if s.blank() {
			s.col, s.i = col, i
			return true
		}
		if col < c.indent {
			return false
		}
		// Move to the content column; extra indentation stays content.
		s.skipTo(c.indent)
		return true
	}
	if col-s.col > 3 || i == len(s.b) || s.b[i] != '>' {
		return false
	}
	s.col, s.i = col+1, i+1
	s.optionalSpace()
	return true
}

// skipTo moves over blanks up to column want.
func (s *lineScanner) skipTo(want int) {
	for s.i < len(s.b) && s.col < want && (s.b[s.i] == ' ' || s.b[s.i] == '\t') {
		if s.b[s.i] == '\t' {
			s.col += 4 - s.col%4
		} else {
			s.col++
		}
		s.i++
	}
}

func (s *lineScanner) optionalSpace() {
	if s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t') {
		s.skipTo(s.col + 1)
	}
}

// open moves past a new container's marker: '>' or a list marker
// (-, +, * or 1. 1) followed by a blank or the line's end).
func (s *lineScanner) open() (container, bool) {
	col, i := s.indent()
	if col-s.col > 3 || i == len(s.b) {
		return container{}, false // indented code, or nothing
	}
	if s.b[i] == '>' {
		s.col, s.i = col+1, i+1
		s.optionalSpace()
		return container{}, true
	}
	end := i
	switch c := s.b[i]; {
	case c == '-' || c == '+' || c == '*':
		if thematicBreak(s.b[i:]) {
			return container{}, false
		}
		end = i + 1
	case c >= '0' && c <= '9':
		for end < len(s.b) && end-i < 9 && s.b[end] >= '0' && s.b[end] <= '9' {
			end++
		}
		if end == len(s.b) || (s.b[end] != '.' && s.b[end] != ')') {
			return container{}, false
		}
		end++
	default:
		return container{}, false
	}
	if end < len(s.b) && s.b[end] != ' ' && s.b[end] != '\t' && s.b[end] != '\r' {
		return container{}, false
	}
	markerEnd := col + end - i
	s.col, s.i = markerEnd, end
	content, ci := s.indent()
	if ci == len(s.b) || content-markerEnd > 4 {
		content = markerEnd + 1 // blank after the marker, or indented code inside the item
		s.skipTo(content)
	} else {
		s.col, s.i = content, ci
	}
	return container{list: true, indent: content}, true
}

// thematicBreak reports whether b is a line of three or more of one of
// -, * or _ with only blanks between.
func thematicBreak(b []byte) bool {
	var mark byte
	n := 0
	for _, c := range b {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark, n = c, 1
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// startsBlock reports whether the rest of the line starts a block that
// cannot be a lazy paragraph line: a heading, a fence or a thematic break.
func (s *lineScanner) startsBlock() bool {
	col, i := s.indent()
	if col-s.col > 3 || i == len(s.b) {
		return false
	}
	rest := s.b[i:]
	return rest[0] == '#' || s.opensFenceAt(rest) != nil || thematicBreak(rest)
}

// opensFence returns the fence a ``` or ~~~ line opens, nil otherwise.
func (s *lineScanner) opensFence() []byte {
	col, i := s.indent()
	if col-s.col > 3 {
		return nil
	}
	return s.opensFenceAt(s.b[i:])
}

func (s *lineScanner) opensFenceAt(rest []byte) []byte {
	if len(rest) < 3 || (rest[0] != '`' && rest[0] != '~') {
		return nil
	}
	n := 0
	for n < len(rest) && rest[n] == rest[0] {
		n++
	}
	if n < 3 || (rest[0] == '`' && bytes.IndexByte(rest[n:], '`') >= 0) {
		return nil
	}
	return rest[:n]
}

// closesFence reports whether the line closes fence: the same character,
// at least as many, nothing else.
func (s *lineScanner) closesFence(fence []byte) bool {
	col, i := s.indent()
	if col-s.col > 3 {
		return false
	}
	rest := bytes.TrimRight(s.b[i:], " \t\r")
	n := 0
	for n < len(rest) && rest[n] == fence[0] {
		n++
	}
	return n == len(rest) && n >= len(fence)
}
