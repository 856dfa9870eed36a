package diagrams

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// The URL and CSS checks of sanitizeSVG. A URL is judged by its scheme as
// a browser would find it: after trimming spaces and control characters
// and removing tabs and newlines, which browsers drop anywhere in a URL
// ("java\tscript:" is javascript:).

// scheme returns the lower-case scheme of u, "" for a relative URL, and
// ok false for a URL with something before a colon that is no scheme.
func scheme(u string) (s string, ok bool) {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	end := strings.IndexAny(u, ":/?#")
	if end < 0 || u[end] != ':' {
		return "", true
	}
	for i, c := range u[:end] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return "", false
		}
	}
	if end == 0 {
		return "", false
	}
	return strings.ToLower(u[:end]), true
}

// linkURL accepts a link target: http, https, mailto or relative.
func linkURL(u string) bool {
	s, ok := scheme(u)
	return ok && (s == "" || s == "http" || s == "https" || s == "mailto")
}

// imageURL accepts a data:image/ URL or one on the site itself; images
// from other hosts would make every reader's browser call them.
func imageURL(u string) bool {
	s, ok := scheme(u)
	switch {
	case !ok:
		return false
	case s == "data":
		return hasPrefixFold(strings.TrimSpace(u), "data:image/")
	case s != "":
		return false
	}
	u = strings.TrimSpace(u)
	// //host/x and /\host/x are other hosts.
	return !(strings.HasPrefix(u, "//") || strings.HasPrefix(u, `/\`) || strings.HasPrefix(u, `\`))
}

// cssURL accepts what a style sheet may load: embedded fonts and images
// and references within the document.
func cssURL(u string) bool {
	if strings.HasPrefix(u, "#") {
		return true
	}
	for _, p := range []string{"data:font/", "data:application/font-", "data:application/x-font-", "data:image/"} {
		if hasPrefixFold(u, p) {
			return true
		}
	}
	return false
}

// localURL accepts only a reference within the document, url(#id).
func localURL(u string) bool { return strings.HasPrefix(u, "#") }

func safeStyleSheet(s string) bool   { return safeCSS(s, cssURL) }
func safeDeclarations(s string) bool { return safeCSS(s, cssURL) }
func safePaint(s string) bool        { return safeCSS(s, localURL) }

// atRules are the at-rules D2's style sheets use; @import and the rest
// are refused.
var atRules = setOf("@font-face", "@media", "@supports", "@keyframes", "@-webkit-keyframes")

// fetchingFunctions load what their string arguments name.
var fetchingFunctions = setOf(
	"src(", "image(", "-webkit-image(", "image-set(", "-webkit-image-set(",
	"cross-fade(", "-webkit-cross-fade(", "expression(",
)

// safeCSS reports whether CSS s loads nothing but URLs that urlOK accepts.
// Escapes in names and URLs are refused outright: they could spell a
// refused name (u\72l, @\69mport) past the checks.
func safeCSS(s string, urlOK func(string) bool) bool {
	l := css.NewLexer(parse.NewInputString(s))
	for {
		tt, data := l.Next()
		switch tt {
		case css.ErrorToken:
			return l.Err() == nil || errors.Is(l.Err(), io.EOF)
		case css.BadURLToken:
			return false
		case css.IdentToken, css.FunctionToken, css.AtKeywordToken, css.URLToken:
			if bytes.IndexByte(data, '\\') >= 0 {
				return false
			}
		}
		switch tt {
		case css.AtKeywordToken:
			if !atRules[strings.ToLower(string(data))] {
				return false
			}
		case css.FunctionToken:
			if fetchingFunctions[strings.ToLower(string(data))] {
				return false
			}
		case css.URLToken:
			if !urlOK(urlOf(data)) {
				return false
			}
		}
	}
}

// urlOf returns the address inside a url(…) token.
func urlOf(tok []byte) string {
	s := string(tok)
	s = s[strings.IndexByte(s, '(')+1:]
	s = strings.TrimSpace(strings.TrimSuffix(s, ")"))
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
