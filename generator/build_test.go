package generator

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"sitegen/generator/srcerr"
)

var update = flag.Bool("update", false, "rewrite golden files")

// siteFS makes an in-memory site from "-- path --" separated files.
func siteFS(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(body.String()), Mode: 0o644}
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(trimmed, "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return fsys
}

// fixture loads a folder of testdata into memory with a fixed file time,
// so output that shows dates does not depend on when it was checked out.
func fixture(t testing.TB, root string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	stamp := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644, ModTime: stamp}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func mustBuild(t testing.TB, fsys fs.FS) *Result {
	t.Helper()
	res, err := Build(context.Background(), Config{FS: fsys, Version: "test"})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

func buildErr(t testing.TB, fsys fs.FS) string {
	t.Helper()
	_, err := Build(context.Background(), Config{FS: fsys, Version: "test", Strict: true})
	if err == nil {
		t.Fatal("build succeeded, want an error")
	}
	return err.Error()
}

// TestGolden builds testdata/sites/basic unminified and compares every
// HTML page with testdata/golden/basic (go test -update rewrites them).
func TestGolden(t *testing.T) {
	res, err := Build(context.Background(), Config{FS: fixture(t, "testdata/sites/basic"), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "basic")
	if *update {
		_ = os.RemoveAll(golden)
	}
	var names []string
	for name := range res.Files {
		if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".txt") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(golden, name)
		if *update {
			_ = os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, res.Files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./generator -update)", name)
			continue
		}
		if d := lineDiff(path, name+" (built)", want, res.Files[name], 80); d != "" {
			t.Errorf("%s differs from %s (run go test ./generator -update if the change is meant):\n%s", name, path, d)
		}
	}
}

func TestBuildFixtureSite(t *testing.T) {
	res := mustBuild(t, fixture(t, "testdata/sites/basic"))
	page := func(name string) string {
		t.Helper()
		b, ok := res.Files[name]
		if !ok {
			t.Fatalf("no output %s", name)
		}
		return string(b)
	}
	if res.Pages != 10 {
		t.Errorf("Pages = %d, want 10 (home, services, alpha, beta, guides, guide, search, 3 tag pages; no cheat sheet without facts)", res.Pages)
	}
	alpha := page("services/alpha/index.html")
	for _, want := range []string{
		`<h1`, `Alpha</h1>`,
		`href="https://notes.example.org/services/alpha/"`, // canonical
		`<a href="/services/beta/#limits">Beta</a>`,        // .md link rewritten
		`class="alert alert-tip"`,
		`<pre class="chroma" data-lang="go">`,
		`href="#limits"`, // table of contents
		`rel="next"`,     // prev/next within the section
	} {
		if !strings.Contains(alpha, want) {
			t.Errorf("alpha page lacks %q", want)
		}
	}
	if n := strings.Count(alpha, "<h1"); n != 1 {
		t.Errorf("alpha page has %d <h1>, want 1", n)
	}
	if guide := page("guides/untitled-guide/index.html"); !strings.Contains(guide, "A Guide From Its Heading</h1>") {
		t.Error("a page without a title does not take its first heading")
	}
	if !strings.Contains(page("index.html"), `href="/services/beta/">the second one</a>`) {
		t.Error("home page wiki link with a label not rendered")
	}
	if !strings.Contains(page("services/index.html"), "The first service.") {
		t.Error("section page does not list its pages' summaries")
	}
	if _, ok := res.Files["services/diagram.svg"]; !ok {
		t.Error("content asset not copied next to its page")
	}
	if !strings.Contains(page("sitemap.xml"), "<loc>https://notes.example.org/services/beta/</loc>") {
		t.Error("sitemap lacks the beta page")
	}
	if !strings.Contains(page("robots.txt"), "Sitemap: https://notes.example.org/sitemap.xml") {
		t.Error("robots.txt does not point at the sitemap")
	}
	if !strings.Contains(page("404.html"), "<title>") {
		t.Error("404.html is not a themed page")
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	a := mustBuild(t, fixture(t, "testdata/sites/basic"))
	b := mustBuild(t, fixture(t, "testdata/sites/basic"))
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files vs %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, site, want string
	}{
		{"bad yaml", "-- content/a.md --\n---\ntitle: A\nweight: [\n---\nbody\n", "content/a.md:"},
		{"wrong type", "-- content/a.md --\n---\ntitle: A\nweight: heavy\n---\n", "content/a.md:3: front matter: cannot unmarshal !!str `heavy` into int"},
		{"unclosed", "-- content/a.md --\n---\ntitle: A\n", "content/a.md:1: front matter: no closing --- line"},
		{"not utf-8", "-- content/a.md --\nline one\nbad \xff byte\n", "content/a.md:2: not valid UTF-8"},
		{"binary", "-- content/a.md --\nok\x00\n", "content/a.md:1: binary file"},
		{"broken wiki link", "-- content/a.md --\n---\ntitle: A\n---\nintro\n\nsee [[bee]]\n-- content/b.md --\nb\n", "content/a.md:6: wiki link [[bee]]: no note with that file name, path, slug, title or alias (did you mean \"b\"?)"},
		{"broken anchor", "-- content/a.md --\nsee [[b#limts]]\n-- content/b.md --\n## Limits\n", "content/a.md:1: link /b/#limts: content/b.md has no heading or block with that id (did you mean #limits?)"},
		{"broken site path", "-- content/a.md --\n\n[x](/serivces/)\n-- content/services/_index.md --\nS\n", "content/a.md:2: link /serivces/: no such page (did you mean /services/?)"},
		{"template error", "-- content/a.md --\nA\n-- themes/default/layouts/page.html --\n{{define \"main\"}}\n{{.Nope}}\n{{end}}\n", "themes/default/layouts/page.html:2: rendering content/a.md: template:"},
		{"template syntax", "-- content/a.md --\nA\n-- themes/default/layouts/partials/footer.html --\n{{if}}\n", "themes/default/layouts/partials/footer.html:1: template:"},
		{"url collision", "-- content/a.md --\nA\n-- content/A.md --\nB\n", "content/A.md and content/a.md both map to the URL /a/"},
		{"bad config", "-- sitegen.toml --\ntitle = \"x\"\nbase_url = 3\n-- content/a.md --\nA\n", "sitegen.toml:"},
		{"no content", "-- sitegen.toml --\ntitle = \"x\"\n", "no notes found: put Markdown files (.md) in the site folder (or its content/ folder)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := buildErr(t, siteFS(t, tt.site))
			if !strings.Contains(got, tt.want) {
				t.Errorf("error:\n%s\nwant it to contain:\n%s", got, tt.want)
			}
		})
	}
}

func TestAllProblemsReportedAtOnce(t *testing.T) {
	for _, site := range []string{
		"-- content/a.md --\n[[x1]]\n-- content/b.md --\n[[x2]]\n-- content/c.md --\n[[x3]]\n",
		"-- content/a.md --\n---\nweight: [\n---\n-- content/b.md --\n---\n-- content/c.md --\nbad \xff\n",
	} {
		_, err := Build(context.Background(), Config{FS: siteFS(t, site), Strict: true})
		var list srcerr.List
		if !errors.As(err, &list) || len(list) != 3 {
			t.Errorf("want 3 problems in one error, got %v", err)
		}
	}
}

func TestDraftsAndTitles(t *testing.T) {
	site := "-- content/a.md --\n---\ndraft: true\n---\nA\n-- content/my-notes_file.md --\nno heading\n-- content/h.md --\n```\n# not a heading\n```\n# Real Heading\n"
	res := mustBuild(t, siteFS(t, site))
	if _, ok := res.Files["a/index.html"]; ok {
		t.Error("draft page built without --drafts")
	}
	if !strings.Contains(string(res.Files["my-notes_file/index.html"]), "My Notes File</h1>") {
		t.Error("title from the file name not used")
	}
	if !strings.Contains(string(res.Files["h/index.html"]), "Real Heading</h1>") {
		t.Error("a # line inside a code fence was taken as the title")
	}
	withDrafts, err := Build(context.Background(), Config{FS: siteFS(t, site), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := withDrafts.Files["a/index.html"]; !ok {
		t.Error("draft page not built with Drafts")
	}
}

func TestThemeOverride(t *testing.T) {
	res := mustBuild(t, siteFS(t, "-- content/a.md --\nA\n-- themes/default/layouts/partials/footer.html --\n<footer>my own footer</footer>\n-- themes/default/assets/extra.txt --\nhello\n"))
	if !strings.Contains(string(res.Files["a/index.html"]), "my own footer") {
		t.Error("site partial did not override the default theme's")
	}
	found := false
	for name := range res.Files {
		found = found || strings.HasPrefix(name, "extra.") && strings.HasSuffix(name, ".txt")
	}
	if !found {
		t.Error("site asset not added to the theme's fingerprinted assets")
	}
}

func TestSidebarStaysSmallOnLargeSections(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- content/big/_index.md --\nBig\n")
	for i := range 300 {
		b.WriteString("-- content/big/p" + string(rune('a'+i/26%26)) + string(rune('a'+i%26)) + ".md --\nx\n")
	}
	res := mustBuild(t, siteFS(t, b.String()))
	page := string(res.Files["big/pkk/index.html"])
	if n := strings.Count(page, `href="/big/p`); n > 40 {
		t.Errorf("a page of a 300-page section links %d siblings; the sidebar should show a window", n)
	}
	if !strings.Contains(page, "All 300 pages") {
		t.Error("windowed sidebar lacks the link to the full list")
	}
}

// FuzzBuildPage builds a one-note site from arbitrary bytes: the build
// may fail, but only with an error naming the note, never a panic.
func FuzzBuildPage(f *testing.F) {
	f.Add([]byte("---\ntitle: x\n---\n# H\n\n> [!NOTE]\n> n\n\n```go\nx\n```\n[[x]] [a](b.md#c)"))
	f.Add([]byte("| a |\n|---|\n| [^1] |\n\n[^1]: f\n\nTerm\n: def\n"))
	f.Add([]byte("---\nfacts: {a: 1}\n---\n[[x#y|z]] <b>raw</b>"))
	f.Fuzz(func(t *testing.T, note []byte) {
		fsys := fstest.MapFS{"content/x.md": {Data: note}}
		_, err := Build(context.Background(), Config{FS: fsys})
		if err != nil && !strings.Contains(err.Error(), "content/x.md") {
			t.Fatalf("error does not name the note: %v", err)
		}
	})
}

// TestFailedBuildLeavesOutputUntouched builds a site on disk, breaks a
// note's front matter, and checks the error names the file and line and
// the output folder is byte for byte as it was.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	src := t.TempDir()
	note := filepath.Join(src, "content", "a.md")
	if err := os.MkdirAll(filepath.Dir(note), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(note, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(src, "public")
	cfg := Config{Src: src, Out: out, Minify: true}
	for i, body := range []string{"---\ntitle: First\n---\nOne.\n", "---\ntitle: Second\n---\nTwo.\n"} {
		write(body)
		if _, err := Build(context.Background(), cfg); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
	}
	before := snapshot(t, out)
	write("---\ntitle: Third\nweight: [\n---\nThree.\n")
	_, err := Build(context.Background(), cfg)
	if err == nil || !strings.HasPrefix(err.Error(), "content/a.md:4: front matter:") {
		t.Fatalf("err = %v, want content/a.md:4: front matter: …", err)
	}
	after := snapshot(t, out)
	if len(before) != len(after) {
		t.Fatalf("%d files before, %d after", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
	if !strings.Contains(string(after["a/index.html"]), "Second") {
		t.Error("the output is not the last good build")
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBrokenLinksWarnUnlessStrict(t *testing.T) {
	site := siteFS(t, "-- content/a.md --\nSee [[nope]], [x](gone.md) and [[b#somwhere]].\n-- content/b.md --\n## Somewhere\n")
	if _, err := Build(context.Background(), Config{FS: site, Check: true, Strict: true}); err == nil {
		t.Fatal("broken links built with Strict")
	}
	strictSite := siteFS(t, "-- sitegen.toml --\nstrict = true\n-- content/a.md --\n[[nope]]\n")
	if _, err := Build(context.Background(), Config{FS: strictSite, Check: true}); err == nil {
		t.Fatal("broken links built with strict = true in sitegen.toml")
	}
	if _, err := Build(context.Background(), Config{FS: strictSite, Check: true, WarnLinks: true}); err != nil {
		t.Fatalf("--warn-links on a strict site: %v", err)
	}
	res, err := Build(context.Background(), Config{FS: site, Check: true})
	if err != nil {
		t.Fatalf("default (not strict): %v", err)
	}
	warnings := res.Warnings.Error()
	for _, want := range []string{"content/a.md:1: wiki link [[nope]]", "content/a.md:1: link gone.md", "content/a.md:1: link /b/#somwhere", "(did you mean #somewhere?)"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q:\n%s", want, warnings)
		}
	}
	if !strings.Contains(string(res.Files["a/index.html"]), `<span class="broken-link">nope</span>`) {
		t.Error("an unresolved wiki link is not kept as text")
	}
}
