package generator

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"sitegen/generator/srcerr"
)

// authorErrorsSite is one note with a mistake of every kind the checks
// know, another note whose front matter does not parse (a tab), and a
// theme override with a broken template.
const authorErrorsSite = `
-- content/_facts.yaml --
groups: [Limits]
facts:
  - key: max_runtime
    label: Max runtime
    kind: duration
    group: Limits
  - key: serverless
    label: Serverless
    kind: bool
    group: Limits
-- content/_external.yaml --
user: {label: User, kind: user}
-- content/services/good.md --
---
title: Good
facts:
  max_runtime: 15m
---
# Good

## Limits
Fifteen minutes.
-- content/services/bad.md --
---
title: Bad
layout: nosuch
facts:
  max_runtime: forever and ever
  colour: red
links:
  runs_on: [nowhere]
flows:
  - title: Calls
    steps: ["user -> ghost: calls"]
compare: [good, missing]
---
# Bad

See [[nope]] and [[good#nothere]].

See [the gone note](gone.md) and [limits](good.md#limitz).
-- content/services/tabbed.md --
---
title: Tabbed
tags:
  - a
	- b
---
Text.
-- themes/default/layouts/partials/footer.html --
<footer>
<p>
{{ if }}
</p>
</footer>
`

// TestAuthorErrorsInOneBuild: every author problem of the site is
// reported by one strict build, each at its file and line, sorted; the
// unknown layout is a warning at its line.
func TestAuthorErrorsInOneBuild(t *testing.T) {
	b := newBuild(Config{FS: siteFS(t, authorErrorsSite), Version: "test", Strict: true})
	_, err := b.run(context.Background(), b.stages())
	var list srcerr.List
	if !errors.As(err, &list) {
		t.Fatalf("want a srcerr.List, got %v", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, fmt.Sprintf("%s:%d", e.File, e.Line))
	}
	want := []string{
		"content/services/bad.md:5",  // facts.max_runtime: not a duration
		"content/services/bad.md:6",  // facts.colour: unknown fact
		"content/services/bad.md:8",  // links.runs_on: nowhere
		"content/services/bad.md:10", // flows: ghost
		"content/services/bad.md:12", // compare: missing
		"content/services/bad.md:16", // [[nope]]
		"content/services/bad.md:16", // [[good#nothere]]
		"content/services/bad.md:18", // gone.md
		"content/services/bad.md:18", // good.md#limitz
		"content/services/tabbed.md:5",
		"themes/default/layouts/partials/footer.html:3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%v\n\nplaces:\n%s\nwant:\n%s", err, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, frag := range []string{"forever", "colour", "nowhere", "ghost", "missing", "nope", "nothere", "gone.md", "limitz", "tab character", "template:"} {
		if !strings.Contains(err.Error(), frag) {
			t.Errorf("no error mentions %q", frag)
		}
	}
	warned := false
	for _, w := range b.warnings {
		warned = warned || (w.File == "content/services/bad.md" && w.Line == 3 && strings.Contains(w.Msg, "nosuch"))
	}
	if !warned {
		t.Errorf("no warning for layout: nosuch at bad.md:3; warnings: %v", b.warnings)
	}
	if len(b.files) != 0 || b.generated != nil || b.sheet != nil {
		t.Error("the produce stages (diagrams, search, cheatsheet, render) ran on a site with errors")
	}
}

// TestChecksStopBeforeProducing: a site whose checks fail produces no
// output at all, and one that passes runs every stage.
func TestChecksStopBeforeProducing(t *testing.T) {
	site := "-- content/a.md --\n---\nlinks:\n  runs_on: [nowhere]\n---\nA\n"
	b := newBuild(Config{FS: siteFS(t, site), Version: "test"})
	if _, err := b.run(context.Background(), b.stages()); err == nil {
		t.Fatal("no error")
	}
	if len(b.files) != 0 {
		t.Errorf("a failed check still wrote %d files", len(b.files))
	}
}

// TestYAMLTabLine: a tab in the indentation of a nested block is
// reported on its own line, in notes and in data files.
func TestYAMLTabLine(t *testing.T) {
	for _, c := range []struct{ site, want string }{
		{"-- content/a.md --\n---\ntitle: A\ntags:\n  - x\n\t- y\n---\nA\n", "content/a.md:5: front matter: found a tab character"},
		{"-- content/a.md --\n---\nfacts:\n  a: 1\n\tb: 2\n---\nA\n", "content/a.md:4: front matter: found a tab character"},
		{"-- content/a.md --\n---\ntitle: A\n\tlayout: x\n---\nA\n", "content/a.md:3: front matter: found a tab character"},
		{"-- content/a.md --\nA\n-- content/_facts.yaml --\ngroups: [A]\nfacts:\n  - key: a\n\t  label: A\n", "content/_facts.yaml:4: found a tab character"},
		{"-- content/a.md --\nA\n-- content/_facts.yaml --\ngroups: [A]\n# caf\xe9\nfacts: []\n", "content/_facts.yaml:2: not valid UTF-8"},
		{"-- content/a.md --\nA\n-- content/_external.yaml --\nuser: {label: User}\ns3:\n\tlabel: S3\n", "content/_external.yaml:3: found character that cannot start any token"},
	} {
		if got := buildErr(t, siteFS(t, c.site)); !strings.HasPrefix(got, c.want) {
			t.Errorf("got  %s\nwant %s…", got, c.want)
		}
	}
}

// TestTemplateErrorLines: a broken theme template is reported at its own
// file and line, when it does not parse and when it fails on a page, with
// minified templates too (they lose their line breaks).
func TestTemplateErrorLines(t *testing.T) {
	for _, minify := range []bool{false, true} {
		for _, c := range []struct{ site, want string }{
			{"-- content/a.md --\nA\n-- themes/default/layouts/partials/footer.html --\n<footer>\n<p>x</p>\n{{ range }}\n</footer>\n",
				"themes/default/layouts/partials/footer.html:3: template:"},
			{"-- content/a.md --\nA\n-- themes/default/layouts/page.html --\n{{define \"main\"}}\n<main>\n<h1>{{.Page.Title}}</h1>\n\n<p>{{.Page.Nope}}</p>\n</main>\n{{end}}\n",
				"themes/default/layouts/page.html:5: rendering content/a.md: template:"},
		} {
			_, err := Build(context.Background(), Config{FS: siteFS(t, c.site), Version: "test", Minify: minify})
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("minify=%v: got  %v\nwant %s…", minify, err, c.want)
			}
		}
	}
}
