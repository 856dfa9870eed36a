package generator

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// resolver answers the Markdown stage's link questions from the loaded
// site: notes through content.Site, other files from the site's assets.
type resolver struct {
	site   *content.Site
	assets map[string]string   // source file (content/images/x.png) → site path
	byName map[string][]string // lower-case file name → source files, for ![[x.png]]
	files  []string
}

func newResolver(site *content.Site) *resolver {
	r := &resolver{site: site, assets: map[string]string{}, byName: map[string][]string{}}
	for _, a := range site.Assets {
		r.assets[a.File] = (&url.URL{Path: "/" + a.Dest}).EscapedPath()
		base := strings.ToLower(path.Base(a.File))
		r.byName[base] = append(r.byName[base], a.File)
		r.files = append(r.files, a.File)
	}
	return r
}

// Wiki finds a note by Folder/Note path (from the linking note's folder,
// then from the content root), else by name, slug, title or alias.
func (r *resolver) Wiki(fromFile, target string) (markdown.Target, error) {
	name := strings.TrimSuffix(target, ".md")
	if strings.Contains(name, "/") {
		for _, f := range []string{
			path.Join(path.Dir(fromFile), name+".md"),
			path.Join(content.Dir, name+".md"),
			path.Join(content.Dir, name, "_index.md"),
		} {
			if p := r.site.ByFile(f); p != nil {
				return markdown.Target{URL: p.URL, Title: p.Title}, nil
			}
		}
		name = path.Base(name)
	}
	p, err := r.site.Resolve(name)
	if err != nil {
		return markdown.Target{}, err
	}
	return markdown.Target{URL: p.URL, Title: p.Title}, nil
}

func (r *resolver) File(fromFile, target string) (markdown.Target, error) {
	p, err := r.site.ResolveFile(fromFile, target)
	if err != nil {
		return markdown.Target{}, err
	}
	return markdown.Target{URL: p.URL, Title: p.Title}, nil
}

// Asset finds a file that is not a note: relative to the linking note's
// folder, then to the content root, then (as Obsidian does for
// ![[x.png]]) by file name anywhere, with a warning when several match.
func (r *resolver) Asset(fromFile, target string) (string, error) {
	tries := []string{path.Join(path.Dir(fromFile), target), path.Join(content.Dir, target)}
	for _, f := range tries {
		if u, ok := r.assets[f]; ok {
			return u, nil
		}
	}
	if !strings.Contains(target, "/") {
		switch found := r.byName[strings.ToLower(target)]; len(found) {
		case 0:
		case 1:
			return r.assets[found[0]], nil
		default:
			return r.assets[found[0]], fmt.Errorf("%d files are named %s (%s); using the first", len(found), target, strings.Join(found, ", "))
		}
	}
	if same := r.byName[strings.ToLower(path.Base(target))]; len(same) > 0 {
		return "", fmt.Errorf("no file %s (did you mean %s?)", tries[0], same[0])
	}
	if best, ok := content.Closest(tries[0], r.files); ok {
		return "", fmt.Errorf("no file %s (did you mean %s?)", tries[0], best)
	}
	return "", fmt.Errorf("no file %s", tries[0])
}

// checkLinks verifies that every internal link points at a page and, with
// an #anchor, at a heading of that page. Pages are already known to exist
// for wiki and .md links; absolute site paths and anchors are checked here.
func (b *build) checkLinks(context.Context) error {
	var errs srcerr.List
	b.backlinks = map[*content.Page][]render.Link{}
	for _, p := range b.pages.Pages {
		linked := map[*content.Page]bool{p: true}
		for _, l := range b.parsed[p].Links {
			target := p
			if l.URL != "" {
				target = b.pages.Page(l.URL)
			}
			if target != nil && !linked[target] {
				linked[target] = true
				b.backlinks[target] = append(b.backlinks[target], render.Link{Title: p.Title, URL: p.URL})
			}
			if target == nil {
				errs.Add(srcerr.New(p.File, l.Line, "link %s: no such page%s", l.URL, suggestURL(l.URL, b.pages)))
				continue
			}
			if l.Anchor == "" || b.parsed[target].HasID(l.Anchor) {
				continue
			}
			errs.Add(srcerr.New(p.File, l.Line, "link %s#%s: %s has no heading or block with that id%s",
				l.URL, l.Anchor, target.File, suggestAnchor(l.Anchor, b.parsed[target])))
		}
	}
	for _, links := range b.backlinks {
		sort.Slice(links, func(i, j int) bool { return links[i].Title+links[i].URL < links[j].Title+links[j].URL })
	}
	return b.linkProblems(errs)
}

// linkProblems fails a strict build with broken links, and keeps them as
// warnings otherwise.
func (b *build) linkProblems(errs srcerr.List) error {
	if !b.strict() {
		b.warnings = append(b.warnings, errs...)
		return nil
	}
	return errs.Err()
}

func suggestURL(url string, site *content.Site) string {
	urls := make([]string, len(site.Pages))
	for i, p := range site.Pages {
		urls[i] = p.URL
	}
	if best, ok := content.Closest(url, urls); ok {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return ""
}

func suggestAnchor(id string, r *markdown.Result) string {
	if best, ok := content.Closest(id, r.IDs()); ok {
		return fmt.Sprintf(" (did you mean #%s?)", best)
	}
	return ""
}
