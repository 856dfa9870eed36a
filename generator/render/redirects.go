package render

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"sitegen/generator/config"
	"sitegen/generator/content"
)

// Redirects writes a Netlify _redirects file: each page's aliases (old
// URLs from front matter) move permanently (301) to the page. Hosts read
// it from the root of the published folder; paths carry the base path.
func Redirects(cfg config.Site, pages []*content.Page) []byte {
	var b bytes.Buffer
	base := cfg.BasePath()
	for _, p := range pages {
		for _, a := range p.Meta.Aliases {
			from := aliasPath(a)
			if from == "" || from == p.URL {
				continue
			}
			fmt.Fprintf(&b, "%s%s %s%s 301\n", base, from[1:], base, p.URL[1:])
		}
	}
	return b.Bytes()
}

// aliasPath normalises an alias to a site path: /lambda → /lambda/, while
// a path to a file (/old.html) keeps its name. "" for an unusable alias.
func aliasPath(a string) string {
	a = strings.TrimSpace(a)
	if a == "" || strings.ContainsAny(a, " \t#?") || strings.Contains(a, "://") {
		return ""
	}
	a = "/" + strings.TrimPrefix(a, "/")
	if !strings.HasSuffix(a, "/") && path.Ext(a) == "" {
		a += "/"
	}
	return a
}
