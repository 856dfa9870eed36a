package check

import (
	"strings"
	"testing"
)

func TestLexer(t *testing.T) {
	page := "<!doctype html>\n<HTML lang=en><!-- <div> in a comment -->\n" +
		`<a href="/x?a=1&amp;b=2" title='has > inside'>x</a>` + "\n" +
		`<script>if (a < b) document.write("<div>")</script>` +
		`<svg viewBox="0 0 1 1"><style>.a{}</style><path d="M0"/><![CDATA[ <b> ]]></svg>` +
		`<img src=/i.png alt><br/></html>`
	var got []string
	var attrs attrs
	lx := newLexer([]byte(page))
	for {
		tok, ok := lx.next(&attrs)
		if !ok {
			break
		}
		s := tok.name
		if tok.end {
			s = "/" + s
		}
		if tok.selfClosing {
			s += "/"
		}
		if h := attrs.get(attrHref); h != "" && !tok.end {
			s += "[" + h + "]"
		}
		if v, ok := attrs.lookup(attrSrc); ok && !tok.end {
			s += "[" + v + "]"
		}
		if _, ok := attrs.lookup(attrAlt); ok && !tok.end {
			s += "(alt)"
		}
		got = append(got, s+"@"+string(rune('0'+tok.line)))
	}
	want := "html@2 a[/x?a=1&b=2]@3 /a@3 script@4 /script@4 svg@4 style@4 /style@4 path/@4 /svg@4 img[/i.png](alt)@4 br/@4 /html@4"
	if strings.Join(got, " ") != want {
		t.Errorf("tags:\n%s\nwant:\n%s", strings.Join(got, " "), want)
	}
}
