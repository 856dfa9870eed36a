package generator

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestDiagramFiles: under a base path, every diagram's figure links its
// standalone SVG files under that path, the build writes them (one file
// for a diagram drawn on two pages, embedded or generated alike) and the
// output check finds every link resolved.
func TestDiagramFiles(t *testing.T) {
	site := siteFS(t, `-- sitegen.toml --
title = "Vault"
base_url = "https://example.org/sub/"
strict = true
-- content/a.md --
# A

`+"```d2\nx -> y: calls\n```"+`

![[b]]
-- content/b.md --
---
links:
  uses: [a]
---
# B

`+"```d2\nx -> y: calls\n```"+`
`)
	res, err := Build(context.Background(), Config{FS: site, Check: true, Diagrams: newHostileDiagrams("")})
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`href="/sub/(diagrams/[0-9a-f]{20}\.svg)"`)
	linked := map[string][]string{}
	for _, page := range []string{"a/index.html", "b/index.html"} {
		for _, m := range link.FindAllStringSubmatch(string(res.Files[page]), -1) {
			linked[page] = append(linked[page], m[1])
			if !strings.HasPrefix(string(res.Files[m[1]]), `<?xml version="1.0" encoding="UTF-8"?>`+"\n<svg ") {
				t.Errorf("%s links %s, which is not a standalone SVG file", page, m[1])
			}
		}
	}
	// a draws the block and embeds b's copy of it: one light and one
	// dark file, linked twice on a and once on b.
	a, b := linked["a/index.html"], linked["b/index.html"]
	if len(a) != 4 || len(b) != 2 || a[0] != b[0] || a[1] != b[1] || a[2] != b[0] || a[0] == a[1] {
		t.Errorf("a links %v and b %v; want the same light and dark file for the same diagram", a, b)
	}
}
