package render

import (
	"bytes"
	"fmt"
	"strings"

	"sitegen/generator/config"
	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// Redirects writes a Netlify _redirects file: each page's aliases (old
// URLs from front matter, already normalised and checked by content)
// move permanently (301) to the page. Hosts read it from the root of the
// published folder; paths carry the base path.
//
// owner names what writes an output file ("" for nothing): an alias where
// a file is published would never redirect (hosts serve the file), so it
// is an error naming both, as is one alias on two notes.
func Redirects(cfg config.Site, pages []*content.Page, owner func(outputPath string) string) ([]byte, error) {
	var b bytes.Buffer
	var errs srcerr.List
	base := cfg.BasePath()
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
			fmt.Fprintf(&b, "%s%s %s%s 301\n", base, content.EscapePath(a[1:]), base, p.URL[1:])
		}
	}
	return b.Bytes(), errs.Err()
}

// aliasOutput is the output file an alias path would be served from.
func aliasOutput(a string) string {
	if strings.HasSuffix(a, "/") {
		return a[1:] + "index.html"
	}
	return a[1:]
}
