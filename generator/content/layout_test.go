package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func note(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestFolderPages(t *testing.T) {
	site, err := Load(fstest.MapFS{
		"content/README.md":         note("# My Notes\n"),
		"content/aws/README.md":     note("# AWS\n"),
		"content/gcp/index.md":      note("# GCP\n"),
		"content/gcp/README.md":     note("# GCP readme\n"),
		"content/az/_index.md":      note("# Azure\n"),
		"content/az/index.md":       note("# Azure index\n"),
		"content/az/README.md":      note("# Azure readme\n"),
		"content/a/b/c/deep.md":     note("deep"),
		"content/a/b/c/d/deeper.md": note("deeper"),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if site.Home.Title != "My Notes" || site.Home.Implicit || site.Home.File != "content/README.md" {
		t.Errorf("home = %+v", site.Home)
	}
	for url, want := range map[string]string{
		"/aws/":            "section content/aws/README.md",
		"/gcp/":            "section content/gcp/index.md",
		"/gcp/readme/":     "page content/gcp/README.md",
		"/az/":             "section content/az/_index.md",
		"/az/index/":       "page content/az/index.md",
		"/az/readme/":      "page content/az/README.md",
		"/a/":              "section content/a",
		"/a/b/c/":          "section content/a/b/c",
		"/a/b/c/d/":        "section content/a/b/c/d",
		"/a/b/c/d/deeper/": "page content/a/b/c/d/deeper.md",
	} {
		p := site.Page(url)
		if p == nil {
			t.Errorf("%s: no page", url)
			continue
		}
		if got := string(p.Kind) + " " + p.File; got != want {
			t.Errorf("%s: %s, want %s", url, got, want)
		}
	}
	var chain []string
	for _, a := range site.Page("/a/b/c/d/deeper/").Ancestors() {
		chain = append(chain, a.Title)
	}
	if got := strings.Join(chain, " > "); got != "My Notes > A > B > C > D" {
		t.Errorf("breadcrumbs = %s", got)
	}
}

func TestBareNotesFolder(t *testing.T) {
	site, err := Load(fstest.MapFS{
		"README.md":                  note("# Vault\n"),
		"root note.md":               note("at the root"),
		"sitegen.toml":               note("title = 'x'"),
		"Daily/2024-01-01.markdown":  note("a day"),
		"attachments/pic.png":        note("png"),
		".obsidian/app.json":         note("{}"),
		".obsidian/plugins/x/doc.md": note("no"),
		".trash/old.md":              note("no"),
		".git/HEAD":                  note("ref"),
		"themes/default/x.md":        note("no"),
		"public/index.md":            note("no"),
		"node_modules/pkg/README.md": note("no"),
		"_posts/2020-01-01-hello.md": note("---\nlayout: post\ntitle: Hello\n---\n"),
		"_layouts/default.md":        note("no"),
		"_site/index.md":             note("no"),
		"_includes/x.md":             note("no"),
		"_attachments/diagram.svg":   note("<svg/>"),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if site.Root != "." {
		t.Errorf("root = %q", site.Root)
	}
	var urls []string
	for _, p := range site.Pages {
		urls = append(urls, p.URL)
	}
	if got := strings.Join(urls, " "); got != "/ /daily/ /daily/2024-01-01/ /posts/ /posts/2020-01-01-hello/ /root-note/" {
		t.Errorf("pages = %s", got)
	}
	var assets []string
	for _, a := range site.Assets {
		assets = append(assets, a.URL)
	}
	if got := strings.Join(assets, " "); got != "/_attachments/diagram.svg /attachments/pic.png" {
		t.Errorf("assets = %s", got)
	}
	if got := site.DefaultTitle("/home/me/vault"); got != "Vault" {
		t.Errorf("site title = %q", got)
	}
	bare, err := Load(fstest.MapFS{"a.md": note("a")}, Options{})
	if err != nil || bare.DefaultTitle("/home/me/my-vault") != "my-vault" {
		t.Errorf("title of a folder without a home note = %q, %v", bare.DefaultTitle("/home/me/my-vault"), err)
	}
}

func TestFolderNoteBesideItsFolder(t *testing.T) {
	site, err := Load(fstest.MapFS{
		"Projects.md":       note("# Projects\n"),
		"Projects/alpha.md": note("alpha"),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sec := site.Page("/projects/")
	if sec == nil || sec.File != "Projects.md" || sec.Kind != KindSection || site.Page("/projects/alpha/").Parent != sec {
		t.Errorf("folder note = %+v", sec)
	}
}

func TestFrontMatterFormats(t *testing.T) {
	for name, src := range map[string]string{
		"yaml": "---\ntitle: T\ntags: one\naliases: Fold\ncssclasses: wide\ndescription: D\nlayout: default\nfacts:\n  a: 1\n  b: x\nmine: 7\n---\nbody\n",
		"bom":  "\xEF\xBB\xBF---\ntitle: T\ntags: [one]\naliases: [Fold]\ncssclasses: [wide]\ndescription: D\nlayout: default\nfacts:\n  a: 1\n  b: x\nmine: 7\n---\nbody\n",
		"toml": "+++\ntitle = \"T\"\ntags = \"one\"\naliases = [\"Fold\"]\ncssclasses = \"wide\"\ndescription = \"D\"\nlayout = \"default\"\nmine = 7\n\n[facts]\na = 1\nb = \"x\"\n+++\nbody\n",
		"json": "{\n  \"title\": \"T\",\n  \"tags\": \"one\",\n  \"aliases\": [\"Fold\"],\n  \"cssclasses\": [\"wide\"],\n  \"description\": \"D\",\n  \"layout\": \"default\",\n  \"facts\": {\"a\": 1, \"b\": \"x\"},\n  \"mine\": 7\n}\nbody\n",
	} {
		p, err := Parse("content/n.md", []byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		m := p.Meta
		if p.Title != "T" || strings.Join(m.Tags, ",") != "one" || strings.Join(m.Aliases, ",") != "/Fold/" || len(m.AliasLines) != 1 || m.AliasLines[0] != 4 ||
			strings.Join(m.CSSClasses, ",") != "wide" || m.Summary != "D" || m.Layout != "default" || string(p.Body) != "body\n" {
			t.Errorf("%s: %+v body %q", name, m, p.Body)
		}
		if len(m.Facts) != 2 || m.Facts[0].Key != "a" || m.Facts[1].Key != "b" {
			t.Errorf("%s: facts %+v", name, m.Facts)
		}
		if v, ok := m.Params["mine"].(int); !ok || v != 7 {
			t.Errorf("%s: params %#v", name, m.Params)
		}
		want := map[string]int{"yaml": 13, "bom": 13, "toml": 14, "json": 11}[name]
		if p.BodyLine != want {
			t.Errorf("%s: body line %d, want %d", name, p.BodyLine, want)
		}
	}
}

func TestFrontMatterErrorLinesInEveryFormat(t *testing.T) {
	for src, want := range map[string]string{
		"+++\ntitle = \"x\"\nweight = \n+++\n":           "n.md:3: front matter:",
		"+++\ntitle = \"x\"\n\n[facts]\nweight = 1\n":    "n.md:1: front matter: no closing +++ line",
		"+++\ntitle = \"x\"\nweight = \"heavy\"\n+++\n":  "n.md:3: front matter: cannot unmarshal",
		"{\n  \"title\": \"x\",\n  \"weight\": [1]\n}\n": "n.md:3: front matter: cannot unmarshal",
		"{\n  \"title\": \"x\",\n  \"weight\": 1,\n}\n":  "n.md:4: front matter: JSON:",
		"{\n  \"title\": \"x\"\n":                        "n.md:1: front matter: JSON object is not closed",
		"\xEF\xBB\xBF---\ntitle: [\n---\n":               "n.md:3: front matter:",
	} {
		_, err := Parse("n.md", []byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %v, want prefix %q", src, err, want)
		}
	}
}

func TestSectionsWithoutHome(t *testing.T) {
	site, err := Load(fstest.MapFS{"content/big/_index.md": note("Big"), "content/big/a.md": note("a")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if site.Home == nil || !site.Home.Implicit || site.Page("/big/").Parent != site.Home {
		t.Errorf("home = %+v", site.Home)
	}
}
