package content

import (
	"path"
	"strings"
)

// locate sets Kind, Slug and URL from the file's place under the content
// root and the front matter's slug, url or permalink.
func (p *Page) locate(isIndex bool) {
	dir := folderOf(p.rel)
	segs := splitPath(folderURLPath(dir))
	switch {
	case isIndex && dir == "":
		p.Kind = KindHome
	case isIndex:
		p.Kind = KindSection
		p.up = folderOf(dir)
	default:
		p.Kind = KindPage
		p.up = dir
		stem := strings.TrimSuffix(path.Base(p.rel), path.Ext(p.rel))
		segs = append(segs, URLSegment(stem))
	}
	whole, key := p.Meta.URL, "url"
	if whole == "" {
		whole, key = p.Meta.Permalink, "permalink"
	}
	switch {
	case strings.Contains(whole, "/:") || strings.HasPrefix(whole, ":"):
		// Jekyll's patterns (/:categories/:title/) need dates and
		// categories sitegen does not have: the path URL stands.
		p.warning = key + " " + whole + ": patterns such as :title are not expanded; the page keeps the URL of its path"
	case whole != "":
		segs = nil
		for _, s := range splitPath(UnescapePath(whole)) {
			segs = append(segs, URLSegment(s))
		}
		if n := len(segs); n > 0 && (strings.HasSuffix(segs[n-1], ".html") || strings.HasSuffix(segs[n-1], ".htm")) {
			segs[n-1] = strings.TrimSuffix(strings.TrimSuffix(segs[n-1], ".html"), ".htm")
			if segs[n-1] == "index" {
				segs = segs[:n-1]
			}
		}
	case strings.TrimSpace(p.Meta.Slug) != "" && len(segs) > 0:
		segs[len(segs)-1] = URLSegment(strings.TrimSpace(p.Meta.Slug))
	}
	if len(segs) == 0 {
		p.Slug, p.URL = "", "/"
		return
	}
	p.Slug = segs[len(segs)-1]
	p.URL = "/" + EscapePath(strings.Join(segs, "/")) + "/"
}

// splitPath splits a path into its non-empty segments.
func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" && s != "." {
			out = append(out, s)
		}
	}
	return out
}
