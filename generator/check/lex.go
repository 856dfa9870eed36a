package check

import (
	"bytes"
	"html"
)

// lexer walks the tags of an HTML page with just enough HTML for the
// check: tags and their attributes, comments, and the raw text of
// script, style, title and textarea, which holds no tags. It is several
// times faster than a full tokenizer, and the check reads every byte of
// every page of a large site.
type lexer struct {
	data []byte
	pos  int
	line int // line of data[pos]
}

type tagToken struct {
	name        string // lower-cased
	end         bool   // </name>
	selfClosing bool   // <name … />
	line        int
}

func newLexer(data []byte) *lexer { return &lexer{data: data, line: 1} }

// advance moves to byte n, counting lines.
func (l *lexer) advance(n int) {
	l.line += bytes.Count(l.data[l.pos:n], []byte{'\n'})
	l.pos = n
}

// skipPast moves past the next sep, or to the end.
func (l *lexer) skipPast(sep string) {
	i := bytes.Index(l.data[l.pos:], []byte(sep))
	if i < 0 {
		l.advance(len(l.data))
		return
	}
	l.advance(l.pos + i + len(sep))
}

// next returns the next tag, filling attrs with its checked attributes;
// ok is false at the end of the page.
func (l *lexer) next(attrs *attrs) (t tagToken, ok bool) {
	for {
		i := bytes.IndexByte(l.data[l.pos:], '<')
		if i < 0 {
			l.advance(len(l.data))
			return t, false
		}
		l.advance(l.pos + i)
		rest := l.data[l.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			l.skipPast("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			l.skipPast("]]>")
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
			l.skipPast(">")
		case len(rest) > 2 && rest[1] == '/' && isNameStart(rest[2]):
			t = tagToken{end: true, line: l.line}
			l.pos++
			t.name = l.name()
			l.skipPast(">")
			return t, true
		case len(rest) > 1 && isNameStart(rest[1]):
			t = tagToken{line: l.line}
			l.pos++
			t.name = l.name()
			t.selfClosing = l.attributes(attrs)
			switch t.name {
			case "script", "style", "title", "textarea":
				l.skipRawText(t.name)
			}
			return t, true
		default:
			l.advance(l.pos + 1) // a lone '<' in text
		}
	}
}

// name reads a tag or attribute name at pos (after '<' or '</').
func (l *lexer) name() string {
	start := l.pos
	if l.data[l.pos] == '/' {
		start++
		l.pos++
	}
	for l.pos < len(l.data) && isNameByte(l.data[l.pos]) {
		l.pos++
	}
	return tagName(lower(l.data[start:l.pos]))
}

// lower lower-cases b, without copying when it already is.
func lower(b []byte) []byte {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			return bytes.ToLower(b)
		}
	}
	return b
}

// attributes reads up to the end of a start tag and reports whether it
// was self-closing (<x />).
func (l *lexer) attributes(attrs *attrs) bool {
	attrs.set = 0
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case c == '>':
			l.pos++
			return false
		case c == '/' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '>':
			l.pos += 2
			return true
		case isSpace(c) || c == '/':
			l.advance(l.pos + 1)
			continue
		}
		start := l.pos
		for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && l.data[l.pos] != '=' && l.data[l.pos] != '>' && l.data[l.pos] != '/' {
			l.pos++
		}
		key := lower(l.data[start:l.pos])
		if l.pos == start {
			l.pos++ // a stray byte; never loop in place
			continue
		}
		for l.pos < len(l.data) && isSpace(l.data[l.pos]) {
			l.advance(l.pos + 1)
		}
		var val []byte
		if l.pos < len(l.data) && l.data[l.pos] == '=' {
			l.pos++
			for l.pos < len(l.data) && isSpace(l.data[l.pos]) {
				l.advance(l.pos + 1)
			}
			val = l.value()
		}
		if a, ok := checkedAttr(key); ok {
			v := string(val)
			if bytes.IndexByte(val, '&') >= 0 {
				v = html.UnescapeString(v)
			}
			attrs.put(a, v)
		}
	}
	return false
}

// value reads a quoted or unquoted attribute value.
func (l *lexer) value() []byte {
	if l.pos >= len(l.data) {
		return nil
	}
	if q := l.data[l.pos]; q == '"' || q == '\'' {
		end := bytes.IndexByte(l.data[l.pos+1:], q)
		if end < 0 {
			v := l.data[l.pos+1:]
			l.advance(len(l.data))
			return v
		}
		v := l.data[l.pos+1 : l.pos+1+end]
		l.advance(l.pos + end + 2)
		return v
	}
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && l.data[l.pos] != '>' {
		l.pos++
	}
	return l.data[start:l.pos]
}

// skipRawText moves to the end tag of an element whose content is text.
func (l *lexer) skipRawText(name string) {
	closing := []byte("</" + name)
	for i := l.pos; i < len(l.data); {
		j := bytes.IndexByte(l.data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if len(l.data)-i >= len(closing) && bytes.EqualFold(l.data[i:i+len(closing)], closing) {
			l.advance(i)
			return
		}
		i++
	}
	l.advance(len(l.data))
}

func isNameStart(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == ':' || c == '_' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
