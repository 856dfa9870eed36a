package generator

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// tags is what the tags stage learns: the generated pages and, for each
// note, its front matter tags as links.
type tags struct {
	lists map[*content.Page]*tag          // a tag page → its tag; the /tags/ page → nil
	all   []*tag                          // every tag, by URL
	links map[*content.Page][]render.Link // a note's front matter tags, linked
}

// tag is one tag and the pages that carry it or a tag nested in it.
type tag struct {
	name     string // as first written: "AWS/Lambda"
	url      string // /tags/aws/lambda/
	pages    []*content.Page
	children []*tag
}

// tagPages gives every tag of the site a page, from front matter tags and
// inline #tags (markdown.Result.Tags). A site without tags gets none.
// It runs after the Markdown stage, which finds the inline tags, and
// before the links stage, so a link to a tag page resolves.
func (b *build) tagPages(context.Context) error {
	t := &tags{lists: map[*content.Page]*tag{}, links: map[*content.Page][]render.Link{}}
	b.tags = t
	byURL := map[string]*tag{}
	// get returns the tag at url, creating it and the tags it nests in.
	var get func(name string) *tag
	get = func(name string) *tag {
		url := content.TagURL(name)
		if tg := byURL[url]; tg != nil {
			return tg
		}
		tg := &tag{name: name, url: url}
		byURL[url] = tg
		if i := strings.LastIndex(name, "/"); i > 0 {
			parent := get(name[:i])
			parent.children = append(parent.children, tg)
		}
		return tg
	}
	// tagOf returns the tag a name as written stands for, nil for one no
	// URL can hold (empty, or "#..."). Names repeat across notes: each is
	// made into a URL once, and every link to a tag shares its URL.
	byName := map[string]*tag{}
	tagOf := func(name string) *tag {
		name = cleanTag(name)
		tg, ok := byName[name]
		if !ok {
			if content.TagURL(name) != content.TagsURL {
				tg = get(name)
			}
			byName[name] = tg
		}
		return tg
	}
	seen := map[*tag]bool{}
	// count counts p for tg and every tag tg nests in, once each.
	count := func(p *content.Page, tg *tag) {
		for up := tg; up != nil; up = byURL[parentTagURL(up)] {
			if !seen[up] {
				seen[up] = true
				up.pages = append(up.pages, p)
			}
		}
	}
	for _, p := range b.pages.Pages {
		clear(seen)
		for _, n := range p.Meta.Tags {
			if tg := tagOf(n); tg != nil {
				count(p, tg)
				t.links[p] = append(t.links[p], render.Link{Title: cleanTag(n), URL: tg.url})
			}
		}
		if r := b.parsed[p]; r != nil {
			for _, n := range r.Tags {
				if tg := tagOf(n); tg != nil {
					count(p, tg)
				}
			}
		}
	}
	if len(byURL) == 0 {
		return nil
	}
	for _, tg := range byURL {
		t.all = append(t.all, tg)
		sort.SliceStable(tg.pages, func(i, j int) bool { return content.Less(tg.pages[i], tg.pages[j]) })
		sort.Slice(tg.children, func(i, j int) bool { return tg.children[i].url < tg.children[j].url })
	}
	// By URL, so a nested tag's page is added after the page it nests in.
	sort.Slice(t.all, func(i, j int) bool { return t.all[i].url < t.all[j].url })
	index := &content.Page{File: "content/ (generated tag list)", Kind: content.KindSection, Slug: "tags", URL: content.TagsURL,
		Title: "Tags", Meta: content.FrontMatter{Summary: "Every tag, with the number of pages that have it.", Layout: "tags"}}
	if err := b.addTagPage(index, nil); err != nil {
		return err
	}
	var errs srcerr.List
	var add []*content.Page
	noBody := &markdown.Result{} // shared: a tag page's body is made by the theme
	for _, tg := range t.all {
		n := len(tg.pages)
		p := &content.Page{File: "content/ (generated tag page)", Kind: content.KindSection,
			Slug: path.Base(tg.url), URL: tg.url, Title: "#" + tg.name,
			Meta: content.FrontMatter{Summary: fmt.Sprintf("%d %s tagged #%s.", n, plural(n, "page"), tg.name), Layout: "tags"}}
		if other := b.pages.Page(p.URL); other != nil {
			errs.Add(srcerr.New(other.File, 0, "the tag page %s is generated for the site's tags; move or rename this note", p.URL))
			continue
		}
		add = append(add, p)
		b.tags.lists[p] = tg
		b.parsed[p] = noBody
	}
	// All at once: tens of thousands of tags are as many pages.
	if err := b.pages.AddAll(add); err != nil {
		errs.Add(srcerr.New(add[0].File, 0, "%v", err))
	}
	// Tag pages are reached from the tags on pages, not from the sidebar
	// or the home page's list: take them out of the section tree, keeping
	// their parents for breadcrumbs.
	parents := map[*content.Page]bool{}
	for p := range t.lists {
		parents[p.Parent] = true
	}
	for sec := range parents {
		var keep []*content.Page
		for _, q := range sec.Pages {
			if _, isTag := t.lists[q]; !isTag {
				keep = append(keep, q)
			}
		}
		sec.Pages = keep
	}
	return errs.Err()
}

// addTagPage adds a generated tag page; a note at its URL is a clash.
func (b *build) addTagPage(p *content.Page, tg *tag) error {
	if other := b.pages.Page(p.URL); other != nil {
		return srcerr.New(other.File, 0, "the tag page %s is generated for the site's tags; move or rename this note", p.URL)
	}
	if err := b.pages.Add(p); err != nil {
		return srcerr.New(p.File, 0, "%v", err)
	}
	b.tags.lists[p] = tg
	b.parsed[p] = &markdown.Result{}
	return nil
}

// tagBody fills in what a page shows of tags: a note's tags as links, the
// list of every tag on /tags/, and the tagged pages and nested tags on a
// tag's page.
func (b *build) tagBody(p *content.Page, body *render.Body) {
	if b.tags == nil {
		return
	}
	body.Tags = b.tags.links[p]
	tg, ok := b.tags.lists[p]
	if !ok {
		return
	}
	list := b.tags.all
	if tg != nil {
		list = tg.children
		body.Pages = tg.pages
	}
	for _, c := range list {
		body.TagList = append(body.TagList, render.TagLink{Name: c.name, URL: c.url, Count: len(c.pages)})
	}
}

// cleanTag trims a tag as written (" #aws/lambda/ ") to its name.
func cleanTag(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	return strings.Trim(s, "/ ")
}

// parentTagURL is the URL of the tag tg nests in, "" for a top-level tag.
func parentTagURL(tg *tag) string {
	u := strings.TrimSuffix(tg.url, "/")
	up := u[:strings.LastIndex(u, "/")+1]
	if up == content.TagsURL {
		return ""
	}
	return up
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
