package generator

// Acceptance tests of issue 12, "Safe with untrusted notes": the notes
// folder testdata/notes/hostile holds every attack that can live in files
// (raw HTML, D2 and Mermaid labels, links, math, front matter); it builds
// with the default settings and no output file carries any of them. The
// attacks that must fail a build (bad aliases, colliding outputs, a bad
// --out or --base-url) are small sites written here. Symlinks, special
// files and git configuration are in hostile_files_test.go.

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"sitegen/diagrams"
	"sitegen/generator/markdown"
)

// hostileDiagrams draws diagrams with the real D2 renderer, as the CLI
// does: diagram output is where script got through before issue 12.
type hostileDiagrams struct{ r *diagrams.Renderer }

func newHostileDiagrams(cacheDir string) hostileDiagrams {
	return hostileDiagrams{diagrams.NewRenderer(diagrams.Config{CacheDir: cacheDir})}
}

func (d hostileDiagrams) RenderDiagram(ctx context.Context, src, title string, unsafeHTML bool) (string, error) {
	fig, err := d.r.Render(ctx, src, diagrams.Options{Title: title, UnsafeHTML: unsafeHTML, BasePath: markdown.DiagramBasePath(ctx)})
	var se *diagrams.SourceError
	if errors.As(err, &se) {
		return "", &markdown.LineError{Line: se.Line, Msg: se.Msg}
	}
	return fig.HTML, err
}

// DiagramFiles writes each diagram's standalone SVG file, as the CLI does:
// a file opened as a page of its own runs any script it holds.
func (d hostileDiagrams) DiagramFiles(page []byte) map[string][]byte { return d.r.Files(page) }

// hostileCopy copies the fixture to a temporary folder, so builds may add
// files (a diagram cache, symlinks, .git) without touching the repository.
func hostileCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "hostile")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "notes", "hostile"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// hostileBuild builds the site at dir from disk as `sitegen build --src
// dir` does: output check on, diagrams drawn and cached under .sitegen/.
func hostileBuild(t *testing.T, dir string) *Result {
	t.Helper()
	res, err := Build(context.Background(), Config{
		Src: dir, Check: true, Version: "test",
		Diagrams: newHostileDiagrams(filepath.Join(dir, ".sitegen", "cache", "diagrams")),
	})
	if err != nil {
		t.Fatalf("the hostile fixture must build with warnings, not fail:\n%v", err)
	}
	return res
}

// hostileSecret is set in the environment of every hostile build: no
// output may ever hold it.
func hostileSecret(t *testing.T) string {
	secret := "s3cr3t-sitegen-issue12-b6a93d5"
	t.Setenv("SITEGEN_TEST_SECRET", secret)
	return secret
}

func TestHostileNotes(t *testing.T) {
	secret := hostileSecret(t)
	dir := hostileCopy(t)
	res := hostileBuild(t, dir)
	assertHarmless(t, res.Files, secret)
	wantDiagramFiles(t, res.Files)

	// The ordinary notes are still there, and the hostile ones are shown
	// as text rather than dropped.
	page := func(p string) string {
		t.Helper()
		b, ok := res.Files[p]
		if !ok {
			t.Fatalf("no %s in the output", p)
		}
		return string(b)
	}
	if !strings.Contains(page("garden/watering/index.html"), "Water at dawn") {
		t.Error("the ordinary Watering note lost its text")
	}
	if got := elementText(t, page("shared/front-matter/index.html"), "title"); !strings.HasPrefix(got, "</title><script>alert(1)</script>") {
		t.Errorf("the hostile title is not shown as text: <title>%s</title>", got)
	}

	// _redirects holds exactly the rules of the notes' valid aliases.
	wantRules := []string{
		"/old/watering/ /garden/watering/ 301",
		"/plot/ /garden/ 301",
		"/water/ /garden/watering/ 301",
	}
	var rules []string
	for _, l := range strings.Split(strings.TrimSpace(page("_redirects")), "\n") {
		rules = append(rules, strings.Join(strings.Fields(l), " "))
	}
	sort.Strings(rules)
	if strings.Join(rules, "\n") != strings.Join(wantRules, "\n") {
		t.Errorf("_redirects:\n%s\nwant exactly:\n%s", strings.Join(rules, "\n"), strings.Join(wantRules, "\n"))
	}

	// A note named only in Cyrillic, or only in punctuation, gets a page
	// of its own; the section's index stays the section's.
	for section, title := range map[string]string{"beds": "Кабачок", "jobs": "Urgent"} {
		if got := elementText(t, page(section+"/index.html"), "h1"); got == title {
			t.Errorf("the note %q overwrote %s/index.html", title, section)
		}
		found := false
		for name, b := range res.Files {
			if strings.HasPrefix(name, section+"/") && name != section+"/index.html" && strings.HasSuffix(name, "/index.html") &&
				elementText(t, string(b), "h1") == title {
				found = true
			}
		}
		if !found {
			t.Errorf("the note %q has no page of its own under /%s/", title, section)
		}
	}

	// Two notes named compost: [[compost]] resolves by the documented rule
	// and the warning names both candidates.
	if !hasWarning(res, "content/garden/watering.md", "content/garden/compost.md", "content/kitchen/compost.md") {
		t.Errorf("no warning naming both compost notes; warnings:\n%v", res.Warnings)
	}
}

// TestHostileDiagramCache: a crafted entry in .sitegen/cache is never
// pasted into a page; entries are verified against their key.
func TestHostileDiagramCache(t *testing.T) {
	secret := hostileSecret(t)
	dir := hostileCopy(t)
	hostileBuild(t, dir)
	cache := filepath.Join(dir, ".sitegen", "cache", "diagrams")
	entries, err := filepath.Glob(filepath.Join(cache, "*.json"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("the first build left no cache entries in %s (%v)", cache, err)
	}
	poison := `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert('cache-poisoned')</script>` +
		`<a href="javascript:alert(1)"><text>cache-poisoned</text></a></svg>`
	crafted, _ := json.Marshal(map[string]string{"light": poison, "dark": poison, "description": "cache-poisoned <script>alert(1)</script>"})
	for _, e := range entries {
		if err := os.WriteFile(e, crafted, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := hostileBuild(t, dir)
	assertHarmless(t, res.Files, secret)
	wantDiagramFiles(t, res.Files)
	for name, b := range res.Files {
		if strings.Contains(string(b), "cache-poisoned") {
			t.Errorf("%s holds the crafted cache entry", name)
		}
	}
}

// TestHostileBuildsFail: attacks that make a build fail, with an error
// naming the files involved.
func TestHostileBuildsFail(t *testing.T) {
	for _, c := range []struct {
		name, site string
		want       []string
	}{
		{"alias with a newline",
			"-- content/a.md --\n---\naliases: [\"/x/\\n/evil /etc 200\"]\n---\nA\n",
			[]string{"content/a.md", "alias"}},
		{"alias on two notes",
			"-- content/a.md --\n---\naliases: [/old/]\n---\nA\n-- content/b.md --\n---\naliases: [/old/]\n---\nB\n",
			[]string{"content/a.md", "content/b.md", "/old/"}},
		{"alias equal to a page",
			"-- content/a.md --\n---\naliases: [/b/]\n---\nA\n-- content/b.md --\nB\n",
			[]string{"content/a.md", "content/b.md", "/b/"}},
		{"user file over a generated page",
			"-- content/lambda.md --\nL\n-- content/lambda/index.html --\n<p>mine</p>\n",
			[]string{"content/lambda/index.html", "content/lambda.md"}},
		{"user _redirects",
			"-- content/a.md --\n---\naliases: [/old/]\n---\nA\n-- content/_redirects --\n/* https://evil.example/ 200\n",
			[]string{"content/_redirects"}},
		{"user robots.txt",
			"-- content/a.md --\nA\n-- content/robots.txt --\nUser-agent: *\n",
			[]string{"content/robots.txt"}},
		{"user sitemap.xml",
			"-- content/a.md --\nA\n-- content/sitemap.xml --\n<urlset/>\n",
			[]string{"content/sitemap.xml"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Build(context.Background(), Config{FS: siteFS(t, c.site), Version: "test"})
			if err == nil {
				t.Fatal("the build succeeded; want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not name %q:\n%v", w, err)
				}
			}
		})
	}

	// Aliases that are not paths (a space, a scheme) are refused or
	// dropped with a message naming the note; never silently.
	for _, alias := range []string{"/old page/", "https://evil.example/x", "//evil.example/x", "/x?\x07"} {
		site := siteFS(t, "-- content/a.md --\n---\naliases: ["+strconvQuote(alias)+"]\n---\nA\n")
		res, err := Build(context.Background(), Config{FS: site, Version: "test"})
		switch {
		case err != nil:
			if !strings.Contains(err.Error(), "content/a.md") {
				t.Errorf("alias %q: the error does not name content/a.md:\n%v", alias, err)
			}
		case !hasWarning(res, "content/a.md", "alias"):
			t.Errorf("alias %q: accepted without a warning naming content/a.md; warnings:\n%v", alias, res.Warnings)
		case strings.Contains(string(res.Files["_redirects"]), "evil"):
			t.Errorf("alias %q reached _redirects:\n%s", alias, res.Files["_redirects"])
		}
	}
}

// TestHostileOutAndBaseURL: --out inside the notes and a protocol-relative
// --base-url are refused.
func TestHostileOutAndBaseURL(t *testing.T) {
	dir := hostileCopy(t)
	out := filepath.Join(dir, "content", "out")
	_, err := Build(context.Background(), Config{Src: dir, Out: out, Version: "test"})
	if err == nil {
		t.Error("--out content/out was accepted: the output would be read back as notes")
	} else if !strings.Contains(err.Error(), out) && !strings.Contains(err.Error(), "--out") {
		t.Errorf("the --out error does not name the folder: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the refused build still created content/out")
	}
	for _, base := range []string{"//evil.example/", "javascript:alert(1)//", "evil.example"} {
		_, err := Build(context.Background(), Config{Src: dir, BaseURL: base, Version: "test"})
		if err == nil {
			t.Errorf("--base-url %s was accepted", base)
		} else if !strings.Contains(err.Error(), base) {
			t.Errorf("the --base-url error does not quote %q: %v", base, err)
		}
	}
}

// strconvQuote quotes s for YAML's double-quoted style.
func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// hasWarning reports whether one warning holds every part.
func hasWarning(res *Result, parts ...string) bool {
	for _, w := range res.Warnings {
		msg := w.Error()
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(msg, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// elementText is the text of the first element named tag in the page.
func elementText(t *testing.T, page, tag string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.Data == tag {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	n := find(doc)
	if n == nil {
		return ""
	}
	return strings.TrimSpace(textOf(n))
}

// wantDiagramFiles: the hostile notes' diagrams are written as
// standalone SVG files too (assertHarmless has read them).
func wantDiagramFiles(t *testing.T, files map[string][]byte) {
	t.Helper()
	svgs := 0
	for name := range files {
		if strings.HasPrefix(name, "diagrams/") && strings.HasSuffix(name, ".svg") {
			svgs++
		}
	}
	if svgs < 4 {
		t.Errorf("the hostile notes' diagrams have %d standalone SVG files; want one per diagram and theme", svgs)
	}
}
