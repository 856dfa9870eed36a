package generator

import (
	"context"
	"fmt"
	"sort"

	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// resolver answers the Markdown stage's link questions from the loaded site.
type resolver struct{ site *content.Site }

func (r resolver) Wiki(target string) (string, string, error) {
	p, err := r.site.Resolve("", target)
	if p == nil {
		return "", "", err
	}
	// An ambiguous name (*content.AmbiguousError) resolves to the nearest
	// note; the Markdown stage reports it as a warning once it passes
	// the linking note.
	return p.URL, p.Title, nil
}

func (r resolver) File(fromFile, target string) (string, error) {
	p, err := r.site.ResolveFile(fromFile, target)
	if err != nil {
		return "", err
	}
	return p.URL, nil
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
			errs.Add(srcerr.New(p.File, l.Line, "link %s#%s: %s has no heading with that id%s",
				l.URL, l.Anchor, target.File, suggestAnchor(l.Anchor, b.parsed[target])))
		}
	}
	for _, links := range b.backlinks {
		sort.Slice(links, func(i, j int) bool { return links[i].Title+links[i].URL < links[j].Title+links[j].URL })
	}
	return b.linkProblems(errs)
}

// linkProblems fails the build with broken links, or with WarnLinks
// keeps them as warnings.
func (b *build) linkProblems(errs srcerr.List) error {
	if b.cfg.WarnLinks {
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
