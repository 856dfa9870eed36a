package generator

import (
	"context"
	"strings"
	"testing"
)

// TestAliasesAreSitePaths: an alias reaches _redirects only as a plain
// path of the site; anything else is an error at its file and line.
func TestAliasesAreSitePaths(t *testing.T) {
	for _, c := range []struct{ alias, want string }{
		{`"/a\n/* https://evil.example/ 200"`, `content/b.md:3: front matter: alias "/a\n/* https://evil.example/ 200": ` +
			"has a control character (a line break would add a rule of its own to _redirects)"},
		{`"/old\tpage/"`, `content/b.md:3: front matter: alias "/old\tpage/": has a control character (a line break would add a rule of its own to _redirects)`},
		{"/old page/", `content/b.md:3: front matter: alias "/old page/": has a space; a URL path has none (write - instead)`},
		{"https://evil.example/", `content/b.md:3: front matter: alias "https://evil.example/": ` +
			"is not a path of this site (it has a scheme or a //host); an alias is an old URL of this site such as /lambda/"},
		{"//evil.example/x", `content/b.md:3: front matter: alias "//evil.example/x": ` +
			"is not a path of this site (it has a scheme or a //host); an alias is an old URL of this site such as /lambda/"},
		{"javascript:alert(1)", `content/b.md:3: front matter: alias "javascript:alert(1)": ` +
			"is not a path of this site (it has a scheme or a //host); an alias is an old URL of this site such as /lambda/"},
		{"/docs/../../etc/", `content/b.md:3: front matter: alias "/docs/../../etc/": ` +
			"has a . or .. segment; write the path from the site root, such as /old/lambda/"},
		{`"/x?y=1"`, `content/b.md:3: front matter: alias "/x?y=1": has a ? or #; an alias is a path such as /lambda/, without query or fragment`},
		{`""`, `content/b.md:3: front matter: alias "": is empty`},
	} {
		site := "-- content/b.md --\n---\ntitle: B\naliases: [" + c.alias + "]\n---\nB.\n"
		if got := buildErr(t, siteFS(t, site)); got != c.want {
			t.Errorf("alias %s:\n got %s\nwant %s", c.alias, got, c.want)
		}
	}
}

// TestAliasClashes: an alias that is a published URL, or that two notes
// claim, is an error naming both notes.
func TestAliasClashes(t *testing.T) {
	for _, c := range []struct{ name, site, want string }{
		{"another note's page", "-- content/a.md --\n---\naliases: [/b/]\n---\nA.\n-- content/b.md --\nB.\n",
			"content/a.md:2: alias /b/ is a URL the site already publishes (the page of content/b.md); an alias must be an old URL no page or file uses"},
		{"its own page", "-- content/a.md --\n---\ntitle: A\naliases: [a]\n---\nA.\n",
			"content/a.md:3: alias /a/ is the URL of this note's own page; remove it"},
		{"a generated page", "-- content/a.md --\n---\naliases: [/search]\n---\nA.\n",
			"content/a.md:2: alias /search/ is a URL the site already publishes (the generated search page); an alias must be an old URL no page or file uses"},
		{"a copied file", "-- content/a.md --\n---\naliases: [/pic.png]\n---\nA.\n-- content/pic.png --\npng\n",
			"content/a.md:2: alias /pic.png is a URL the site already publishes (content/pic.png); an alias must be an old URL no page or file uses"},
		{"two notes", "-- content/a.md --\n---\naliases: [/old/]\n---\nA.\n-- content/b.md --\n---\ntitle: B\naliases: [old]\n---\nB.\n",
			"content/b.md:3: alias /old/ is also an alias of content/a.md:2; an old URL can redirect to one page only"},
	} {
		if got := buildErr(t, siteFS(t, c.site)); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestAliasForms: lambda, /lambda and /lambda/ are one redirect; a name
// with spaces (Obsidian's kind of alias) is a link name, not a redirect.
func TestAliasForms(t *testing.T) {
	res, err := Build(context.Background(), Config{FS: siteFS(t, `-- sitegen.toml --
base_url = "https://example.org/notes/"
-- content/services/lambda.md --
---
aliases: [lambda, /lambda, /lambda/, /old.html, /café/]
---
Lambda.
-- content/algebra.md --
---
aliases: [Linear Algebra I]
---
See [[Linear Algebra I]].
`)})
	if err != nil {
		t.Fatal(err)
	}
	want := "/notes/lambda/ /notes/services/lambda/ 301\n/notes/old.html /notes/services/lambda/ 301\n/notes/caf%C3%A9/ /notes/services/lambda/ 301\n"
	if got := string(res.Files["_redirects"]); got != want {
		t.Errorf("_redirects:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(string(res.Files["algebra/index.html"]), `href="/notes/algebra/"`) {
		t.Error("[[Linear Algebra I]] does not link to the note with that alias")
	}
}
