package render

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/generator/config"
	"sitegen/generator/content"
)

// deepSite is a notes folder five levels deep, as people keep them:
// content/a/b/c/d/e/, a big folder at the bottom (40 notes), a note
// beside each sub-folder, and a second top-level folder.
func deepSite(t *testing.T) (*Renderer, *content.Site) {
	t.Helper()
	fsys := fstest.MapFS{
		"content/_index.md":           {Data: []byte("# Home\n")},
		"content/z/_index.md":         {Data: []byte("# Z\n")},
		"content/z/y.md":              {Data: []byte("# Y\n")},
		"content/a/_index.md":         {Data: []byte("# A\n")},
		"content/a/b/_index.md":       {Data: []byte("# B\n")},
		"content/a/b/x.md":            {Data: []byte("# X\n")},
		"content/a/b/c/_index.md":     {Data: []byte("# C\n")},
		"content/a/b/c/d/_index.md":   {Data: []byte("# D\n")},
		"content/a/b/c/d/q.md":        {Data: []byte("# Q\n")},
		"content/a/b/c/d/r.md":        {Data: []byte("# R\n")},
		"content/a/b/c/d/e/_index.md": {Data: []byte("# E\n")},
	}
	for i := range 40 {
		fsys[fmt.Sprintf("content/a/b/c/d/e/n%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# N%02d\n", i))}
	}
	site, err := content.Load(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	theme, err := LoadTheme(fstest.MapFS{}, "default", "/", map[string][]byte{"syntax.css": nil}, NewMinifier(false))
	if err != nil {
		t.Fatal(err)
	}
	return NewRenderer(config.Default(), site, theme, NewMinifier(false), "test"), site
}

func titles(links []Link) string {
	var out []string
	for _, l := range links {
		out = append(out, l.Title)
	}
	return strings.Join(out, " / ")
}

func TestBreadcrumbsAndSidebarFiveLevelsDeep(t *testing.T) {
	r, site := deepSite(t)
	p := site.Page("/a/b/c/d/e/n20/")
	n := r.nav(p)
	if got := titles(n.Breadcrumbs); got != "Home / A / B / C / D / E" {
		t.Errorf("breadcrumbs = %q", got)
	}
	// The sidebar is open along the path, and only along it.
	level := n.Sidebar
	for _, want := range []string{"A", "B", "C", "D", "E"} {
		var open *NavItem
		for i := range level {
			it := &level[i]
			if it.Title == want {
				open = it
			} else if it.Open || len(it.Children) > 0 {
				t.Errorf("%s is open beside %s", it.Title, want)
			}
		}
		if open == nil || !open.Open {
			t.Fatalf("sidebar: %s is not an open item of its level (%v)", want, level)
		}
		level = open.Children
	}
	// E holds 40 notes: the sidebar shows a window around n20 and a link
	// to the full list.
	if len(level) > 2*sidebarWindow+1 {
		t.Errorf("E shows %d notes, want a window of at most %d", len(level), 2*sidebarWindow+1)
	}
	active := 0
	for _, it := range level {
		if it.Active {
			active++
			if it.Title != "N20" {
				t.Errorf("active item is %s, want N20", it.Title)
			}
		}
	}
	if active != 1 {
		t.Errorf("%d active items in E, want 1", active)
	}
	tree := string(n.Tree)
	for _, want := range []string{
		`<a href="/a/b/c/d/e/n20/" aria-current="page">N20</a>`,
		`<a href="/a/b/c/d/e/">All 40 pages →</a>`,
		`<a href="/z/">Z</a></li>`, // closed: its note is not listed
	} {
		if !strings.Contains(tree, want) {
			t.Errorf("sidebar lacks %s", want)
		}
	}
	if strings.Contains(tree, "/z/y/") {
		t.Error("a closed folder lists its notes")
	}
	if depth := strings.Count(tree, "<ul>"); depth != 5 {
		t.Errorf("sidebar nests %d lists, want 5 (A to E)", depth)
	}

	html, err := r.Page(p, Body{})
	if err != nil {
		t.Fatal(err)
	}
	crumbs := string(html)
	crumbs = crumbs[strings.Index(crumbs, `<nav class="breadcrumbs"`):]
	crumbs = crumbs[:strings.Index(crumbs, "</nav>")]
	for _, want := range []string{`href="/a/"`, `href="/a/b/c/d/"`, `href="/a/b/c/d/e/"`, `<span aria-current="page">N20</span>`} {
		if !strings.Contains(crumbs, want) {
			t.Errorf("breadcrumbs lack %s:\n%s", want, crumbs)
		}
	}
}

// Prev and next stay inside a folder: never into a sub-folder, a parent
// folder or a sibling folder.
func TestPrevNextStaysInsideAFolder(t *testing.T) {
	r, site := deepSite(t)
	link := func(l *Link) string {
		if l == nil {
			return "-"
		}
		return l.URL
	}
	for _, tt := range []struct{ page, prev, next string }{
		{"/a/b/c/d/e/n00/", "-", "/a/b/c/d/e/n01/"}, // first: no prev into D
		{"/a/b/c/d/e/n20/", "/a/b/c/d/e/n19/", "/a/b/c/d/e/n21/"},
		{"/a/b/c/d/e/n39/", "/a/b/c/d/e/n38/", "-"}, // last: no next out of E
		{"/a/b/c/d/q/", "-", "/a/b/c/d/r/"},         // E, a sub-folder, is skipped
		{"/a/b/c/d/r/", "/a/b/c/d/q/", "-"},
		{"/a/b/x/", "-", "-"},     // alone beside folder C
		{"/a/b/c/d/e/", "-", "-"}, // a folder's page: no neighbours
		{"/z/y/", "-", "-"},
	} {
		n := r.nav(site.Page(tt.page))
		if got, want := link(n.Prev)+" "+link(n.Next), tt.prev+" "+tt.next; got != want {
			t.Errorf("%s: prev next = %s, want %s", tt.page, got, want)
		}
	}
}

func TestSortLinks(t *testing.T) {
	links := []Link{
		{Title: "AWS Lambda", URL: "/l/"}, {Title: "Amazon ECS", URL: "/e/"}, {Title: "AWSome", URL: "/w/"},
		{Title: "écrire", URL: "/x/"}, {Title: "AWS Batch", URL: "/b/"}, {Title: "Docker", URL: "/d/"},
		{Title: "amazon ECR", URL: "/r/"},
	}
	SortLinks(links)
	var got []string
	for _, l := range links {
		got = append(got, l.Title)
	}
	want := "amazon ECR|Amazon ECS|AWS Batch|AWS Lambda|AWSome|Docker|écrire"
	if strings.Join(got, "|") != want {
		t.Errorf("order = %s, want %s", strings.Join(got, "|"), want)
	}
}

func TestIsNote(t *testing.T) {
	for _, tt := range []struct {
		p    *content.Page
		want bool
	}{
		{&content.Page{Kind: content.KindPage}, true},
		{&content.Page{Kind: content.KindHome}, false},
		{&content.Page{Kind: content.KindSection}, false},
		{&content.Page{Kind: content.KindPage, Meta: content.FrontMatter{Layout: "cheatsheet"}}, false},
		{&content.Page{Kind: content.KindPage, Meta: content.FrontMatter{Layout: "search"}}, false},
	} {
		if got := IsNote(tt.p); got != tt.want {
			t.Errorf("IsNote(%s %q) = %v", tt.p.Kind, tt.p.Meta.Layout, got)
		}
	}
}
