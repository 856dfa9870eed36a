package generator

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// A bare folder of notes (no sitegen.toml, no home note, no facts) builds
// into a site whose home page lists its folders and notes, with no empty
// cheat sheet or comparison pages and no menu entries to them.
func TestBareFolderNavigation(t *testing.T) {
	res := mustBuild(t, siteFS(t, `
-- content/recipes/bread.md --
# Bread
Flour, water, salt.
-- content/recipes/soup.md --
# Soup
-- content/travel/_index.md --
# Travel
-- content/travel/lisbon.md --
# Lisbon
-- content/todo.md --
# To do
`))
	for _, name := range []string{"cheatsheet/index.html", "compare/matrix/index.html"} {
		if _, ok := res.Files[name]; ok {
			t.Errorf("%s generated for a site without facts", name)
		}
	}
	home := string(res.Files["index.html"])
	for _, want := range []string{`href="/travel/"`, `href="/todo/"`, `href="/recipes/"`, "Start here"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	for name, data := range res.Files {
		if strings.HasSuffix(name, ".html") && (strings.Contains(string(data), "Cheat sheet") || strings.Contains(string(data), `href="/compare/`)) {
			t.Errorf("%s links a cheat sheet or comparison the site does not have", name)
		}
	}
}

// A menu entry copied from another site's sitegen.toml, to a page this
// site lacks, is left out with a warning instead of a dead link.
func TestMenuEntryToMissingPageIsLeftOut(t *testing.T) {
	res := mustBuild(t, siteFS(t, `
-- sitegen.toml --
title = "Notes"
[[menu]]
name = "Compare"
url = "/compare/"
[[menu]]
name = "Travel"
url = "/travel/"
-- content/travel/_index.md --
# Travel
`))
	home := string(res.Files["index.html"])
	if strings.Contains(home, `href="/compare/"`) || !strings.Contains(home, `href="/travel/"`) {
		t.Error("menu: want Travel kept and Compare left out")
	}
	if !strings.Contains(res.Warnings.Error(), `sitegen.toml: menu entry "Compare": the site has no page /compare/`) {
		t.Errorf("warnings = %v", res.Warnings)
	}
}

// Jekyll's layout: post is not a layout of the theme: a warning at the
// line of the key, and the page renders with the default layout.
func TestUnknownLayoutIsAWarning(t *testing.T) {
	res := mustBuild(t, siteFS(t, `
-- content/posts/hello.md --
---
title: Hello
layout: post
---
Hello, world.
`))
	if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].Error(), `content/posts/hello.md:3: layout "post": the theme has no such layout`) ||
		!strings.Contains(res.Warnings[0].Error(), `using "page"`) {
		t.Fatalf("warnings = %v", res.Warnings)
	}
	if page := string(res.Files["posts/hello/index.html"]); !strings.Contains(page, `class="layout-page"`) || !strings.Contains(page, "Hello, world.") {
		t.Error("the page is not rendered with the page layout")
	}
}

func TestTagPages(t *testing.T) {
	fsys := siteFS(t, `
-- content/services/lambda.md --
---
title: Lambda
summary: Functions on demand.
tags: [serverless, AWS/Compute]
---
Body.
-- content/services/fargate.md --
---
title: Fargate
tags: [serverless]
---
-- content/notes/plain.md --
# Plain
See #budget in the text.
`)
	b := newBuild(Config{FS: fsys, Version: "test"})
	stages := b.stages()
	// The Markdown stage finds inline tags; stand in for it here so the
	// test does not depend on its syntax.
	i := slices.IndexFunc(stages, func(s stage) bool { return s.name == "markdown" })
	stages = slices.Insert(stages, i+1, stage{"inline tags", checkStage, func(context.Context) error {
		b.parsed[b.pages.Page("/notes/plain/")].Tags = []string{"budget", "aws/compute"}
		return nil
	}})
	res, err := b.run(context.Background(), stages)
	if err != nil {
		t.Fatal(err)
	}
	page := func(name string) string {
		t.Helper()
		data, ok := res.Files[name]
		if !ok {
			t.Fatalf("no output %s", name)
		}
		return string(data)
	}
	index := page("tags/index.html")
	for _, want := range []string{
		`<a href="/tags/serverless/" rel="tag">#serverless</a> <span class="tag-count">2`,
		// Tags differing in case are one tag, named as first written (in
		// URL order: /notes/plain/ first); nested tags count for their parent.
		`<a href="/tags/aws/" rel="tag">#aws</a> <span class="tag-count">2`,
		`<a href="/tags/aws/compute/" rel="tag">#aws/compute</a> <span class="tag-count">2`,
		`<a href="/tags/budget/" rel="tag">#budget</a> <span class="tag-count">1`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("/tags/ lacks %s", want)
		}
	}
	serverless := page("tags/serverless/index.html")
	for _, want := range []string{`href="/services/lambda/"`, "Functions on demand.", `href="/services/fargate/"`, "<h1>#serverless</h1>"} {
		if !strings.Contains(serverless, want) {
			t.Errorf("/tags/serverless/ lacks %s", want)
		}
	}
	nested := page("tags/aws/compute/index.html")
	if !strings.Contains(nested, `href="/tags/aws/">#aws</a>`) || !strings.Contains(nested, `href="/notes/plain/"`) {
		t.Error("/tags/aws/compute/ lacks its breadcrumb to #AWS or the page with the inline tag")
	}
	if !strings.Contains(page("tags/aws/index.html"), `href="/tags/aws/compute/" rel="tag"`) {
		t.Error("/tags/aws/ does not list the tag nested in it")
	}
	lambda := page("services/lambda/index.html")
	if !strings.Contains(lambda, `<a href="/tags/aws/compute/" rel="tag">#AWS/Compute</a>`) { // as the note writes it
		t.Error("a page's tags are not links to their tag pages")
	}
	if strings.Contains(lambda, `<a href="/tags/">`) || strings.Contains(page("index.html"), `href="/tags/`) {
		t.Error("tag pages are listed in the sidebar or on the home page")
	}
}

func TestNoTagPagesWithoutTags(t *testing.T) {
	res := mustBuild(t, siteFS(t, "-- content/a.md --\n# A\n"))
	for name := range res.Files {
		if strings.HasPrefix(name, "tags/") {
			t.Errorf("%s generated for a site without tags", name)
		}
	}
}

func TestNoteAtTagsURLClashes(t *testing.T) {
	got := buildErr(t, siteFS(t, "-- content/tags.md --\n# My tags\n-- content/a.md --\n---\ntags: [x]\n---\n"))
	if !strings.Contains(got, "content/tags.md: the tag page /tags/ is generated") {
		t.Errorf("error = %s", got)
	}
}

// The bundled study site builds strict with no warning at all: a warning
// there (a menu entry left out, a stale fact) is a bug a reader would see.
func TestBundledSiteHasNoWarnings(t *testing.T) {
	t.Setenv("SITEGEN_CACHE_DIR", t.TempDir())
	res, err := Build(context.Background(), Config{Src: "..", Check: true, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings:\n%v", res.Warnings)
	}
	home := string(res.Files["index.html"])
	_, menu, _ := strings.Cut(home, `<nav class="site-menu"`)
	menu, _, _ = strings.Cut(menu, "</nav>")
	for _, name := range []string{"Services", "Compare", "Serverless", "Study"} {
		if !strings.Contains(menu, ">"+name+"</a>") {
			t.Errorf("the header menu lacks %s: %s", name, menu)
		}
	}
}

// Obsidian's cssclasses (one string or a list) reach the page's <body>,
// escaped, for the author's own CSS.
func TestCSSClassesOnBody(t *testing.T) {
	res := mustBuild(t, siteFS(t, "-- content/a.md --\n---\ncssclasses: [wide, \"x\\\" onload=\\\"y\"]\n---\nA\n-- content/b.md --\n---\ncssclasses: narrow\n---\nB\n"))
	a, b := string(res.Files["a/index.html"]), string(res.Files["b/index.html"])
	if !strings.Contains(a, `<body class="layout-page wide x&#34; onload=&#34;y">`) {
		t.Errorf("a.md's body: %s", a[strings.Index(a, "<body"):][:80])
	}
	if !strings.Contains(b, `<body class="layout-page narrow">`) {
		t.Errorf("b.md's body: %s", b[strings.Index(b, "<body"):][:80])
	}
}
