package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func vault(t *testing.T) *Site {
	t.Helper()
	site, err := Load(fstest.MapFS{
		"Home.md":                   note("# Home"),
		"a/b/My Note.md":            note("x"),
		"services/lambda.md":        note("---\ntitle: AWS Lambda\naliases: Functions\n---\n"),
		"archive/2019/lambda.md":    note("old"),
		"archive/2019/other.md":     note("o"),
		"guides/README.md":          note("# Guides"),
		"guides/setup guide.md":     note("s"),
		"images/x.png":              note("png"),
		"a/b/attachments/x.pdf":     note("pdf"),
		"a/attachments/diagram.png": note("png"),
		"z/attachments/diagram.png": note("png"),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func TestResolveByName(t *testing.T) {
	site := vault(t)
	for target, want := range map[string]string{
		"My Note":         "a/b/My Note.md",
		"my note":         "a/b/My Note.md",
		"b/My Note":       "a/b/My Note.md",
		"a/b/My Note":     "a/b/My Note.md",
		"/a/b/My Note":    "a/b/My Note.md",
		"My Note.md":      "a/b/My Note.md",
		"my-note":         "a/b/My Note.md",
		"AWS Lambda":      "services/lambda.md",
		"functions":       "services/lambda.md",
		"services/lambda": "services/lambda.md",
		"2019/lambda":     "archive/2019/lambda.md",
		"guides":          "guides/README.md",
		"setup-guide":     "guides/setup guide.md",
	} {
		p, err := site.Resolve("Home.md", target)
		if err != nil || p.File != want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", target, p, err, want)
		}
	}
	if _, err := site.Resolve("Home.md", "My Nite"); err == nil || !strings.Contains(err.Error(), `did you mean "my note"?`) {
		t.Errorf("error = %v, want a suggestion", err)
	}
}

func TestResolveAmbiguousName(t *testing.T) {
	site := vault(t)
	// From elsewhere: the shortest path wins, with a warning naming both.
	p, err := site.Resolve("guides/setup guide.md", "lambda")
	var amb *AmbiguousError
	if p == nil || p.File != "services/lambda.md" || !errors.As(err, &amb) {
		t.Fatalf("Resolve(lambda) = %v, %v; want services/lambda.md and an AmbiguousError", p, err)
	}
	if strings.Join(amb.Candidates, " ") != "archive/2019/lambda.md services/lambda.md" || amb.Chosen != "services/lambda.md" {
		t.Errorf("ambiguity = %+v", amb)
	}
	// From a note beside one of them: that one wins.
	if p, err := site.Resolve("archive/2019/other.md", "lambda"); p == nil || p.File != "archive/2019/lambda.md" || !errors.As(err, &amb) {
		t.Errorf("Resolve(lambda) from archive = %v, %v", p, err)
	}
}

func TestResolveFile(t *testing.T) {
	site := vault(t)
	for _, c := range []struct{ from, target, want string }{
		{"Home.md", "a/b/My%20Note.md", "a/b/My Note.md"},
		{"a/b/My Note.md", "../../services/lambda.md", "services/lambda.md"},
		{"a/b/My Note.md", "/services/lambda.md", "services/lambda.md"},
		{"services/lambda.md", "../guides/", "guides/README.md"},
		{"services/lambda.md", "../guides/README.md", "guides/README.md"},
		{"services/lambda.md", "../Guides/readme.md", "guides/README.md"},
	} {
		p, err := site.ResolveFile(c.from, c.target)
		if err != nil || p.File != c.want {
			t.Errorf("ResolveFile(%s, %s) = %v, %v; want %s", c.from, c.target, p, err, c.want)
		}
	}
	if _, err := site.ResolveFile("Home.md", "services/lamda.md"); err == nil || !strings.Contains(err.Error(), `did you mean "services/lambda.md"?`) {
		t.Errorf("error = %v", err)
	}
}

func TestResolveAsset(t *testing.T) {
	site := vault(t)
	for _, c := range []struct{ from, target, want string }{
		{"a/b/My Note.md", "../../images/x.png", "/images/x.png"},
		{"a/b/My Note.md", "attachments/x.pdf", "/a/b/attachments/x.pdf"},
		{"a/b/My Note.md", "/images/x.png", "/images/x.png"},
		{"services/lambda.md", "x.png", "/images/x.png"},
		{"services/lambda.md", "b/attachments/x.pdf", "/a/b/attachments/x.pdf"},
	} {
		a, err := site.ResolveAsset(c.from, c.target)
		if err != nil || a.URL != c.want {
			t.Errorf("ResolveAsset(%s, %s) = %+v, %v; want %s", c.from, c.target, a, err, c.want)
		}
	}
	a, err := site.ResolveAsset("a/b/My Note.md", "diagram.png")
	var amb *AmbiguousError
	if a.File != "a/attachments/diagram.png" || !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("ambiguous asset = %+v, %v", a, err)
	}
	if _, err := site.ResolveAsset("Home.md", "images/y.png"); err == nil || !strings.Contains(err.Error(), `did you mean "images/x.png"?`) {
		t.Errorf("error = %v", err)
	}
}
