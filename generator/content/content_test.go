package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/generator/srcerr"
)

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"AWS Lambda":           "aws-lambda",
		"  Café & Crème ":      "cafe-creme",
		"ECS vs. Fargate (v2)": "ecs-vs-fargate-v2",
		"API_Gateway":          "api-gateway",
		"日本語":                  "",
		"already-a-slug":       "already-a-slug",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseFrontMatter(t *testing.T) {
	src := "---\ntitle: AWS Lambda\nweight: 3\ntags: [a, b]\nfacts:\n  max_runtime: 15 minutes\n  serverless: true\n  runtimes: [Go, Python]\nlinks:\n  exposes: [lambda]\ncustom: 7\n---\nBody line\n"
	p, err := Parse("content/services/lambda.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "AWS Lambda" || p.Meta.Weight != 3 || len(p.Meta.Tags) != 2 {
		t.Errorf("meta = %+v", p.Meta)
	}
	if p.URL != "/services/lambda/" || p.Kind != KindPage || p.Slug != "lambda" {
		t.Errorf("URL %s kind %s slug %s", p.URL, p.Kind, p.Slug)
	}
	if p.BodyLine != 13 || string(p.Body) != "Body line\n" {
		t.Errorf("body starts on line %d: %q", p.BodyLine, p.Body)
	}
	wantFacts := []Fact{{"max_runtime", "15 minutes", 6}, {"serverless", true, 7}, {"runtimes", []any{"Go", "Python"}, 8}}
	if len(p.Meta.Facts) != 3 {
		t.Fatalf("facts = %+v", p.Meta.Facts)
	}
	for i, f := range wantFacts {
		got := p.Meta.Facts[i]
		if got.Key != f.Key || got.Line != f.Line {
			t.Errorf("fact %d = %+v, want %+v", i, got, f)
		}
	}
	if p.Meta.Params["custom"] != 7 {
		t.Errorf("unknown key not kept in Params: %v", p.Meta.Params)
	}
}

func TestKindsAndURLs(t *testing.T) {
	for file, want := range map[string]string{
		"content/_index.md":               "home /",
		"content/services/_index.md":      "section /services/",
		"content/Services/API Gateway.md": "page /services/api-gateway/",
		"content/a/b/_index.md":           "section /a/b/",
	} {
		p, err := Parse(file, []byte("x"))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(p.Kind) + " " + p.URL; got != want {
			t.Errorf("%s: %s, want %s", file, got, want)
		}
	}
}

func TestFrontMatterErrorsHaveLines(t *testing.T) {
	for src, want := range map[string]string{
		"---\ntitle: ok\ntags: [a\n---\n":     "x.md:3: front matter: did not find expected",
		"---\ntitle: ok\nweight: x\n---\n":    "x.md:3: front matter: cannot unmarshal",
		"---\n- a list\n---\n":                "x.md:2: front matter: want key: value pairs",
		"---\ntitle: x\nfacts: [1, 2]\n---\n": "x.md:3: front matter: facts: want a map",
		"---\ntitle: x\n":                     "x.md:1: front matter: no closing --- line",
	} {
		_, err := Parse("x.md", []byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %v, want prefix %q", src, err, want)
		}
	}
}

func TestLoadTreeAndOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":         {Data: []byte("home")},
		"content/s/_index.md":       {Data: []byte("---\ntitle: S\n---\n")},
		"content/s/b.md":            {Data: []byte("---\ntitle: B\nweight: 2\n---\n")},
		"content/s/a.md":            {Data: []byte("---\ntitle: A\nweight: 1\n---\n")},
		"content/s/z.md":            {Data: []byte("---\ntitle: Z-unweighted\n---\n")},
		"content/s/deep/x.md":       {Data: []byte("x")},
		"content/s/pic.png":         {Data: []byte{0x89, 'P', 'N', 'G'}},
		"content/s/.hidden.md":      {Data: []byte("no")},
		"content/s/notes.md~":       {Data: []byte("junk")},
		"content/_facts.yaml":       {Data: []byte("facts: []")},
		"content/_drafts/secret.md": {Data: []byte("skip")},
	}
	site, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sec := site.Page("/s/")
	var order []string
	for _, p := range sec.Pages {
		order = append(order, p.Title)
	}
	if got := strings.Join(order, ","); got != "A,B,Deep,Z-unweighted" {
		t.Errorf("section order = %s", got)
	}
	deep := site.Page("/s/deep/")
	if deep == nil || !deep.Implicit || deep.Kind != KindSection || deep.Parent != sec || site.Page("/s/deep/x/").Parent != deep {
		t.Error("a folder without an index note is not an implicit section between its pages and the section above")
	}
	if len(site.Assets) != 1 || site.Assets[0].Dest != "s/pic.png" {
		t.Errorf("assets = %+v", site.Assets)
	}
	if _, ok := site.Data["facts"]; !ok {
		t.Error("content/_facts.yaml not loaded as data")
	}
	if site.Page("/drafts/secret/") != nil || len(site.Pages) != 7 {
		t.Errorf("%d pages; _ folders, hidden files and editor junk must be skipped", len(site.Pages))
	}
}

func TestResolve(t *testing.T) {
	site, err := Load(fstest.MapFS{
		"content/services/lambda.md": {Data: []byte("---\ntitle: AWS Lambda\naliases: [/functions/]\n---\n")},
		"content/services/batch.md":  {Data: []byte("---\ntitle: AWS Batch\n---\n")},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"lambda", "Lambda", "AWS Lambda", "aws lambda", "functions"} {
		if p, err := site.Resolve("", target); err != nil || p.Slug != "lambda" {
			t.Errorf("Resolve(%q) = %v, %v", target, p, err)
		}
	}
	if _, err := site.Resolve("", "lamda"); err == nil || !strings.Contains(err.Error(), `did you mean "lambda"?`) {
		t.Errorf("Resolve(lamda) error = %v, want a suggestion", err)
	}
	if p, err := site.ResolveFile("content/services/lambda.md", "batch.md"); err != nil || p.Slug != "batch" {
		t.Errorf("ResolveFile(batch.md) = %v, %v", p, err)
	}
	if p, err := site.ResolveFile("content/x/y.md", "../services/batch.md"); err != nil || p.Slug != "batch" {
		t.Errorf("ResolveFile(../services/batch.md) = %v, %v", p, err)
	}
}

func TestLoadCollectsAllErrors(t *testing.T) {
	_, err := Load(fstest.MapFS{
		"content/a.md": {Data: []byte("---\nweight: [\n---\n")},
		"content/b.md": {Data: []byte("ok\n\xfe\n")},
	}, Options{})
	var list srcerr.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v, want two problems", err)
	}
	if list[0].File != "content/a.md" || list[1].File != "content/b.md" || list[1].Line != 2 {
		t.Errorf("problems = %v", err)
	}
}

// FuzzParse feeds arbitrary bytes as a note: Parse may fail but must
// never panic, and a page it returns has a URL and a title.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: x\nfacts:\n  a: 1\n---\n# H\nbody"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nfacts: {a: [1, {b: 2}]}\nlinks: {x: [y]}\n---\n"))
	f.Add([]byte("# only a heading"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse("content/f/x.md", src)
		if err != nil {
			var e *srcerr.Error
			if !errors.As(err, &e) || e.File != "content/f/x.md" {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		if p.URL != "/f/x/" || p.Title == "" {
			t.Fatalf("page URL %q title %q", p.URL, p.Title)
		}
	})
}
