package generator

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"sitegen/generator/config"
	"sitegen/generator/content"
	"sitegen/generator/render"
)

// TestGeneratedPagesResolve: [[matrix]], [[cheatsheet]], [[search]] and
// tag pages resolve on a site with comparisons, whose matrix page is added
// after names were first looked up.
func TestGeneratedPagesResolve(t *testing.T) {
	fsys := siteFS(t, `-- content/_facts.yaml --
groups: [Limits]
facts:
  - key: max_runtime
    label: Max runtime
    kind: duration
    group: Limits
-- content/a.md --
---
title: A
tags: [aws]
facts:
  max_runtime: 15m
---
A
-- content/b.md --
---
title: B
facts:
  max_runtime: 1h
---
B
-- content/a-vs-b.md --
---
title: A vs B
compare: [a, b]
---
See [[matrix]], [[cheatsheet]], [[search]], [[tags/aws]], [[tags]] and [the tag](/tags/aws/).
`)
	res, err := Build(context.Background(), Config{FS: fsys, Version: "test", Strict: true, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["a-vs-b/index.html"])
	for _, href := range []string{`href="/compare/matrix/"`, `href="/cheatsheet/"`, `href="/search/"`, `href="/tags/aws/"`, `href="/tags/"`} {
		if !strings.Contains(page, href) {
			t.Errorf("the comparison page has no link %s", href)
		}
	}
	if _, err := Build(context.Background(), Config{FS: siteFS(t, "-- content/a.md --\nSee [[tags/nosuch]].\n"), Strict: true}); err == nil ||
		!strings.Contains(err.Error(), "content/a.md:1: link /tags/nosuch/: no such page") {
		t.Errorf("a link to a tag no note has: %v", err)
	}
}

// TestFlowStepsResolveToOneNode: a flow step naming a note by title, by
// alias, by folder-qualified path or by file name draws the note's one
// node, linked to its page.
func TestFlowStepsResolveToOneNode(t *testing.T) {
	fsys := siteFS(t, `-- content/_external.yaml --
user: {label: User, kind: user}
-- content/services/lambda.md --
---
title: AWS Lambda
aliases: [/lambda-fn/, Functions]
flows:
  - title: Calls
    steps:
      - "user -> AWS Lambda: calls"
      - "AWS Lambda -> lambda-fn: retries"
      - "Functions -> services/lambda: again"
      - "lambda -> user: answers"
---
Body
`)
	rec := &recordingDiagrams{sources: map[string]string{}}
	if _, err := Build(context.Background(), Config{FS: fsys, Diagrams: rec, Strict: true}); err != nil {
		t.Fatal(err)
	}
	d2 := rec.sources["Calls"]
	nodes := regexp.MustCompile(`(?m)^"([^"]+)": \{`).FindAllStringSubmatch(d2, -1)
	if len(nodes) != 2 || nodes[0][1] != "lambda" || nodes[1][1] != "user" {
		t.Errorf("want the nodes lambda and user, got %q in:\n%s", nodes, d2)
	}
	if !strings.Contains(d2, `link: "/services/lambda/"`) {
		t.Errorf("the lambda node is not linked to its page:\n%s", d2)
	}
	// Flow steps are numbered in their order.
	for _, edge := range []string{`"user" -> "lambda": "1.`, `"lambda" -> "lambda": "2. retries"`, `"lambda" -> "lambda": "3. again"`, `"lambda" -> "user": "4.`} {
		if !strings.Contains(d2, edge) {
			t.Errorf("no edge %s in:\n%s", edge, d2)
		}
	}
}

// TestAliasPages: every old URL gets a redirect page that passes the
// output check, next to the _redirects rule for Netlify.
func TestAliasPages(t *testing.T) {
	fsys := siteFS(t, `-- sitegen.toml --
base_url = "https://example.org/notes/"
-- content/services/lambda.md --
---
title: Lambda <fn>
aliases: [/lambda/, /old/lambda.html, /old.pdf]
---
# Lambda
`)
	res, err := Build(context.Background(), Config{FS: fsys, Version: "test", Strict: true, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"lambda/index.html", "old/lambda.html"} {
		page := string(res.Files[name])
		for _, want := range []string{
			`<link rel="canonical" href="https://example.org/notes/services/lambda/">`,
			`<meta http-equiv="refresh" content="0; url=/notes/services/lambda/">`,
			`<meta name="robots" content="noindex">`,
			`<a href="/notes/services/lambda/">Lambda &lt;fn&gt;</a>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s:\n%s", name, want, page)
			}
		}
	}
	if _, ok := res.Files["old.pdf"]; ok {
		t.Error("an alias that is no page got an HTML redirect page (only a _redirects rule)")
	}
	want := "/notes/lambda/ /notes/services/lambda/ 301\n/notes/old/lambda.html /notes/services/lambda/ 301\n/notes/old.pdf /notes/services/lambda/ 301\n"
	if got := string(res.Files["_redirects"]); got != want {
		t.Errorf("_redirects:\n%s\nwant:\n%s", got, want)
	}
}

// TestAliasPageEscapesItsURL: what would end the url= of a meta refresh
// or the attribute is escaped.
func TestAliasPageEscapesItsURL(t *testing.T) {
	p := &content.Page{URL: `/a;b,c'd"e/`, Title: `"x"`}
	page := string(render.AliasPage(config.Settings{BaseURL: "/"}, render.Alias{Path: "/old/", Page: p}))
	if !strings.Contains(page, `content="0; url=/a%3Bb%2Cc%27d%22e/"`) {
		t.Errorf("meta refresh not escaped:\n%s", page)
	}
}
