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

// TestBundledFactsComplete: every bundled service states every fact of
// the schema or marks it n/a with a reason, and every value beyond the
// seed notes carries where it comes from (a note-level or fact source)
// and when it was checked.
func TestBundledFactsComplete(t *testing.T) {
	root := filepath.Join("..", "..")
	src, err := os.ReadFile(filepath.Join(root, "content", "_facts.yaml"))
	if err != nil {
		t.Skipf("no bundled content: %v", err)
	}
	schema, err := ParseSchema("content/_facts.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "content", "services", "*.md"))
	var services []Service
	for _, f := range files {
		src, _ := os.ReadFile(f)
		p, err := content.Parse(f, src)
		if err != nil || len(p.Meta.Facts) == 0 {
			continue
		}
		facts, err := schema.Validate(p.File, p.Meta.Facts)
		if err != nil {
			t.Fatal(err)
		}
		for key, v := range facts {
			if why, na := v.NA(); na && len(why) < 10 {
				t.Errorf("%s: %s is n/a without a reason", f, key)
			}
			if v.Source == "" || v.CheckedOn() == "" {
				t.Errorf("%s: %s has no source or as_of", f, key)
			}
		}
		services = append(services, Service{Slug: p.Slug, Facts: facts})
	}
	if missing := Missing(schema, services); len(missing) > 0 {
		t.Errorf("facts neither stated nor n/a: %v", missing)
	}
}

func TestFactForms(t *testing.T) {
	schema, err := ParseSchema("_facts.yaml", []byte("groups: [A]\nfacts:\n  - {key: t, label: T, kind: duration, group: A}\n  - {key: m, label: M, kind: size, group: A}\n  - {key: x, label: X, group: A}\n"))
	if err != nil {
		t.Fatal(err)
	}
	facts, err := schema.Validate("n.md", []content.Fact{
		{Key: "source", Value: "https://example.org/all", Line: 2},
		{Key: "t", Value: map[string]any{"value": "29 s", "source": "https://example.org/t", "as_of": "2026-01-02"}, Line: 3},
		{Key: "m", Value: map[string]any{"n/a": "runs nothing"}, Line: 4},
		{Key: "x", Value: "plain", Line: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	if v := facts["t"]; v.String() != "29 s" || v.Source != "https://example.org/t" || v.CheckedOn() != "2026-01-02" || v.Line != 3 {
		t.Errorf("t = %v %+v", v, v.Provenance)
	}
	if why, na := facts["m"].NA(); !na || why != "runs nothing" || facts["m"].Stated() {
		t.Errorf("m = %+v", facts["m"])
	}
	if facts["x"].Source != "https://example.org/all" {
		t.Errorf("x did not take the note's source: %+v", facts["x"].Provenance)
	}
	for _, bad := range []struct {
		raw  any
		want string
	}{
		{map[string]any{"n/a": "x", "value": "1 s"}, "either value: or n/a:"},
		{map[string]any{"vaule": "1 s"}, "did you mean value?"},
		{map[string]any{"value": "1 s", "source": "docs"}, "source: want an http(s) URL"},
		{map[string]any{"value": "1 s", "as_of": "June"}, "as_of: want a date"},
		{map[string]any{"n/a": ""}, "n/a: want the reason"},
	} {
		_, err := schema.Validate("n.md", []content.Fact{{Key: "t", Value: bad.raw, Line: 7}})
		if err == nil || !strings.Contains(err.Error(), "n.md:7: facts.t:") || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: %v, want %q", bad.raw, err, bad.want)
		}
	}
}

func TestSchemaAskAndSheet(t *testing.T) {
	s, err := ParseSchema("_facts.yaml", []byte("groups: [A]\nfacts:\n  - {key: t, label: T, kind: duration, group: A, ask: \"How long?\", sheet: false}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Def("t"); d.Ask != "How long?" || !d.OffSheet {
		t.Errorf("def = %+v", d)
	}
	_, err = ParseSchema("_facts.yaml", []byte("groups: [A]\nfacts:\n  - key: t\n    label: T\n    group: A\n    sheet: maybe\n"))
	if err == nil || !strings.Contains(err.Error(), "_facts.yaml:6: fact t: sheet: want true or false") {
		t.Errorf("sheet: maybe: %v", err)
	}
}
