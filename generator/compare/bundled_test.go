package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/generator/content"
)

// TestBundledContent checks the study site's schema, service facts and
// comparison pages against this package, so a content change that breaks
// a table fails here with the file and line.
func TestBundledContent(t *testing.T) {
	root := filepath.Join("..", "..")
	src, err := os.ReadFile(filepath.Join(root, "content", "_facts.yaml"))
	if err != nil {
		t.Skipf("no bundled content: %v", err)
	}
	schema, err := ParseSchema("content/_facts.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	services := map[string]Service{}
	for _, dir := range []string{"services", "compare"} {
		files, _ := filepath.Glob(filepath.Join(root, "content", dir, "*.md"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.ToSlash(strings.TrimPrefix(f, root+string(filepath.Separator)))
			p, err := content.Parse(name, src)
			if err != nil {
				t.Error(err)
				continue
			}
			facts, err := schema.Validate(p.File, p.Meta.Facts)
			if err != nil {
				t.Error(err)
			}
			if dir == "services" && len(p.Meta.Facts) > 0 {
				services[p.Slug] = Service{Slug: p.Slug, Title: p.Title, URL: p.URL, Facts: facts}
			}
			if len(p.Meta.Compare) > 0 {
				var cols []Service
				for _, slug := range p.Meta.Compare {
					s, ok := services[slug]
					if !ok {
						t.Errorf("%s: compare: no service %s with facts", p.File, slug)
					}
					cols = append(cols, s)
				}
				if _, err := Table(schema, cols, p.Meta.FactsShown); err != nil {
					t.Errorf("%s: facts_shown: %v", p.File, err)
				}
			}
		}
	}
	if len(services) == 0 {
		t.Fatal("no services with facts")
	}
}
