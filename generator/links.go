package generator

import (
	"context"
	"fmt"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// resolver answers the Markdown stage's link questions from the loaded
// site. A page or file returned with a *content.AmbiguousError is a link
// that resolved with a warning, which is how markdown.Resolver reads a
// URL that comes with an error.
type resolver struct{ site *content.Site }

func newResolver(site *content.Site) resolver { return resolver{site} }

func (r resolver) Wiki(fromFile, target string) (markdown.Target, error) {
	p, err := r.site.Resolve(fromFile, target)
	if p == nil {
		// Tag pages are made after the notes are rendered (inline #tags
		// are found then): [[tags/aws]] is taken at its word here, and
		// the links stage checks that the tag page exists.
		t := strings.Trim(target, "/ ")
		if strings.EqualFold(t, "tags") {
			return markdown.Target{URL: content.TagsURL, Title: "Tags"}, nil
		}
		if name, ok := strings.CutPrefix(t, "tags/"); ok && cleanTag(name) != "" {
			return markdown.Target{URL: content.TagURL(cleanTag(name)), Title: "#" + cleanTag(name)}, nil
		}
	}
	return pageTarget(p, err)
}

func (r resolver) File(fromFile, target string) (markdown.Target, error) {
	return pageTarget(r.site.ResolveFile(fromFile, target))
}

func (r resolver) Asset(fromFile, target string) (string, error) {
	a, err := r.site.ResolveAsset(fromFile, target)
	return a.URL, err
}

func pageTarget(p *content.Page, err error) (markdown.Target, error) {
	if p == nil {
		return markdown.Target{}, err
	}
	return markdown.Target{URL: p.URL, Title: p.Title}, err
}

// checkLinks verifies that every internal link points at a page and, with
// an #anchor, at a heading of that page. Pages are already known to exist
// for wiki and .md links; absolute site paths and anchors are checked here.
func (b *build) checkLinks(context.Context) error {
	var errs srcerr.List
	b.backlinks = map[*content.Page][]render.Link{}
	for _, p := range b.pages.Pages {
		r := b.parsed[p]
		if r == nil {
			continue // the note did not render: its problems are reported
		}
		linked := map[*content.Page]bool{p: true}
		for _, l := range r.Links {
			target := p
			if l.URL != "" {
				target = b.pages.Page(l.URL)
			}
			if target != nil && !linked[target] && render.IsNote(p) {
				linked[target] = true
				b.backlinks[target] = append(b.backlinks[target], render.Link{Title: p.Title, URL: p.URL})
			}
			if target == nil {
				errs.Add(srcerr.New(p.File, l.Line, "link %s: no such page%s", l.URL, suggestURL(l.URL, b.pages)))
				continue
			}
			if l.Anchor == "" || b.parsed[target] == nil || b.parsed[target].HasID(l.Anchor) {
				continue
			}
			errs.Add(srcerr.New(p.File, l.Line, "link %s#%s: %s has no heading or block with that id%s",
				l.URL, l.Anchor, target.File, suggestAnchor(l.Anchor, b.parsed[target])))
		}
	}
	for _, links := range b.backlinks {
		render.SortLinks(links) // "Mentioned in": notes only, in reading order of their titles
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
