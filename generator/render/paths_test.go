package render

import (
	"strings"
	"testing"

	"sitegen/generator/config"
	"sitegen/generator/content"
)

func TestOutputPathDecodesURL(t *testing.T) {
	for url, want := range map[string]string{
		"/":                          "index.html",
		"/services/lambda/":          "services/lambda/index.html",
		"/notes/%5B/":                "notes/[/index.html",
		"/notes/%25/":                "notes/%/index.html",
		"/notes/c++/":                "notes/c++/index.html",
		"/notes/%E6%97%A5%E6%9C%AC/": "notes/日本/index.html",
	} {
		if got := OutputPath(url); got != want {
			t.Errorf("OutputPath(%s) = %s, want %s", url, got, want)
		}
	}
}

func TestSitemapKeepsURLsEncoded(t *testing.T) {
	p, err := content.Parse("content/notes/[.md", []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/"
	if got := string(Sitemap(cfg, []*content.Page{p})); !strings.Contains(got, "<loc>https://example.org/notes/%5B/</loc>") {
		t.Errorf("sitemap = %s", got)
	}
}
