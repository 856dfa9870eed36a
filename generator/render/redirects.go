package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"path"
	"strings"

	"sitegen/generator/config"
	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// Alias is an old URL of a page (from its front matter aliases), checked.
type Alias struct {
	Path   string // decoded site path: /lambda/
	Output string // the redirect page's output path: lambda/index.html; "" for none
	Page   *content.Page
	File   string // the note and line that name the alias, for errors
	Line   int
}

// Aliases lists every page's aliases (old URLs from front matter, already
// normalised and checked by content) in page order.
//
// owner names what writes an output file ("" for nothing): an alias where
// a file is published would never redirect (hosts serve the file), so it
// is an error naming both, as is one alias on two notes.
func Aliases(pages []*content.Page, owner func(outputPath string) string) ([]Alias, error) {
	var out []Alias
	var errs srcerr.List
	type place struct {
		file string
		line int
	}
	seen := map[string]place{}
	for _, p := range pages {
		for i, a := range p.Meta.Aliases {
			if !content.IsAliasPath(a) {
				continue // a name only (Obsidian)
			}
			line := 0
			if i < len(p.Meta.AliasLines) {
				line = p.Meta.AliasLines[i]
			}
			key := strings.ToLower(a)
			if prev, ok := seen[key]; ok {
				if prev.file != p.File {
					errs.Add(srcerr.New(p.File, line, "alias %s is also an alias of %s:%d; an old URL can redirect to one page only",
						a, prev.file, prev.line))
				}
				continue
			}
			seen[key] = place{p.File, line}
			if content.UnescapePath(p.URL) == a {
				errs.Add(srcerr.New(p.File, line, "alias %s is the URL of this note's own page; remove it", a))
				continue
			}
			if by := owner(aliasOutput(a)); by != "" {
				errs.Add(srcerr.New(p.File, line, "alias %s is a URL the site already publishes (%s); an alias must be an old URL no page or file uses",
					a, by))
				continue
			}
			al := Alias{Path: a, Page: p, File: p.File, Line: line}
			if ext := path.Ext(a); strings.HasSuffix(a, "/") || ext == ".html" || ext == ".htm" {
				al.Output = aliasOutput(a) // a host serves it as a page; /old.pdf stays a _redirects rule only
			}
			out = append(out, al)
		}
	}
	return out, errs.Err()
}

// Redirects writes a Netlify _redirects file: each alias moves
// permanently (301) to its page. Hosts read it from the root of the
// published folder; paths carry the base path.
func Redirects(cfg config.Settings, aliases []Alias) []byte {
	var b bytes.Buffer
	base := cfg.BasePath()
	for _, a := range aliases {
		fmt.Fprintf(&b, "%s %s 301\n", content.UnderBase(base, content.EscapePath(a.Path)), content.UnderBase(base, a.Page.URL))
	}
	return b.Bytes()
}

// AliasPage is the small page written at an alias's path, so an old URL
// works on any host (and under sitegen serve), not only where _redirects
// is read: a refresh to the page at once, its canonical link (search
// engines index the page, not the alias), noindex, and a link for a
// browser that does not refresh.
func AliasPage(cfg config.Settings, a Alias) []byte {
	target := refreshSafe(content.UnderBase(cfg.BasePath(), a.Page.URL))
	esc := html.EscapeString
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>Moved: %s</title>
<link rel="canonical" href="%s">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=%s">
</head>
<body>
<h1>This page has moved</h1>
<p><a href="%s">%s</a></p>
</body>
</html>
`, esc(cmp.Or(cfg.Language, "en")), esc(a.Page.Title), esc(cfg.Absolute(a.Page.URL)), esc(target), esc(target), esc(a.Page.Title))
	return b.Bytes()
}

// refreshSafe percent-encodes what would end or split the url= part of
// a meta refresh (quotes, ';', ',', spaces) in a path that is otherwise
// already encoded.
func refreshSafe(p string) string {
	return strings.NewReplacer(`'`, "%27", `"`, "%22", ";", "%3B", ",", "%2C", " ", "%20").Replace(p)
}

// aliasOutput is the output file an alias path would be served from.
func aliasOutput(a string) string {
	if strings.HasSuffix(a, "/") {
		return a[1:] + "index.html"
	}
	return a[1:]
}
