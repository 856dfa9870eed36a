package generator

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// themeBytes is the fixed cost of the default theme on a note page,
// minified: head, header and menu, the windowed sidebar, breadcrumbs,
// prev/next, footer and the search box. What a note adds on top is at
// most twice its own text (markup, heading anchors, the table of
// contents).
const themeBytes = 7 << 10

// TestPageWeight: a plain note's minified HTML is at most twice its text
// plus themeBytes, at every length, in a section large enough that the
// sidebar shows its full window.
func TestPageWeight(t *testing.T) {
	words := strings.Fields(`containers run the same image on a laptop and in the cloud so a team ships
		what it tested while the scheduler places each task on a host with room for its memory and cpu`)
	prose := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 && i%120 == 0 {
				fmt.Fprintf(&b, ".\n\n## Part %d\n\n", i/120)
			} else if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[i%len(words)])
		}
		return b.String() + ".\n"
	}
	var site strings.Builder
	site.WriteString("-- sitegen.toml --\ntitle = \"Weights\"\n-- content/_index.md --\n# Weights\n-- content/notes/_index.md --\n# Notes\n")
	for i := range 300 {
		fmt.Fprintf(&site, "-- content/notes/filler-%03d.md --\n# Filler note number %d\n\n%s", i, i, prose(30))
	}
	sizes := []int{50, 200, 1000, 5000}
	for _, n := range sizes {
		fmt.Fprintf(&site, "-- content/notes/w%d.md --\n# A note of %d words\n\n%s", n, n, prose(n))
	}
	res, err := Build(context.Background(), Config{FS: siteFS(t, site.String()), Version: "test", Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range sizes {
		text := len(prose(n))
		page := len(res.Files[fmt.Sprintf("notes/w%d/index.html", n)])
		t.Logf("%5d words: text %6d B, page %6d B = text × 2 + %5d B", n, text, page, page-2*text)
		if page > 2*text+themeBytes {
			t.Errorf("a note of %d words (%d bytes of text) is %d bytes of HTML; want at most 2 × text + %d", n, text, page, themeBytes)
		}
	}
}
