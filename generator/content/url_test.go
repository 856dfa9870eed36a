package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestURLSegment(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"lambda", "lambda"},
		{"API Gateway", "api-gateway"},
		{"x_y", "x_y"},
		{"x-y", "x-y"},
		{"c++", "c++"},
		{"clang++", "clang++"},
		{"C#", "c#"},
		{"Café", "café"},
		{"Cafe\u0301", "café"}, // NFD, as macOS names files
		{"日本語", "日本語"},
		{"Привет Мир", "привет-мир"},
		{"[", "["}, {"]", "]"}, {"[[", "[["}, {"~", "~"}, {"!", "!"}, {"%", "%"}, {"$", "$"}, {"{", "{"}, {"^", "^"},
		{"a:b", "a-b"},
		{"what?", "what-"},
		{"?", "_3f"},
		{"*", "_2a"},
		{"", "_"},
		{".", "_2e"},
		{"..", "_2e2e"},
		{" ", "_20"},
		{"-", "-"},
		{"etc.", "etc-"},
		{"node.js", "node.js"},
		{"CON", "con_"},
		{"tab\there", "tab-here"},
	} {
		if got := URLSegment(c.in); got != c.want {
			t.Errorf("URLSegment(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if URLSegment("x_y") == URLSegment("x-y") {
		t.Error("x_y and x-y share a URL")
	}
}

func TestURLsAreEscapedAndDecodeToFiles(t *testing.T) {
	for name, want := range map[string]string{
		"content/notes/c++.md":     "/notes/c++/",
		"content/notes/[.md":       "/notes/%5B/",
		"content/notes/%.md":       "/notes/%25/",
		"content/notes/My Note.md": "/notes/my-note/",
		"content/notes/日本.md":      "/notes/%E6%97%A5%E6%9C%AC/",
		"content/notes/a#b.md":     "/notes/a%23b/",
	} {
		p, err := Parse(name, []byte("x"))
		if err != nil {
			t.Fatal(err)
		}
		if p.URL != want {
			t.Errorf("%s: URL %s, want %s", name, p.URL, want)
		}
		dir := strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md")
		if got := UnescapePath(p.URL); got != "/"+strings.ToLower(strings.ReplaceAll(dir, " ", "-"))+"/" {
			t.Errorf("%s: decoded URL %s", name, got)
		}
	}
}

func TestFrontMatterURLs(t *testing.T) {
	site, err := Load(fstest.MapFS{
		"content/posts/one.md":   {Data: []byte("---\nslug: first-post\n---\n")},
		"content/posts/two.md":   {Data: []byte("---\nurl: /blog/hello/\n---\n")},
		"content/posts/three.md": {Data: []byte("---\npermalink: /about.html\n---\n")},
		"content/posts/four.md":  {Data: []byte("---\npermalink: /:categories/:title/\n---\n")},
		"content/posts/five.md":  {Data: []byte("+++\nurl = \"/Five Alive\"\n+++\n")},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for url, file := range map[string]string{
		"/posts/first-post/": "content/posts/one.md",
		"/blog/hello/":       "content/posts/two.md",
		"/about/":            "content/posts/three.md",
		"/posts/four/":       "content/posts/four.md",
		"/five-alive/":       "content/posts/five.md",
	} {
		if p := site.Page(url); p == nil || p.File != file {
			t.Errorf("%s: %v, want %s", url, p, file)
		}
	}
	if p := site.Page("/blog/hello/"); p.Parent != site.Page("/posts/") {
		t.Error("a page with its own URL left its folder's section")
	}
	if len(site.Warnings) != 1 || !strings.Contains(site.Warnings[0].Error(), "content/posts/four.md") {
		t.Errorf("warnings = %v, want one for the :title pattern", site.Warnings)
	}
}

func TestNamesThatShareAURLAreOneError(t *testing.T) {
	for _, pair := range [][2]string{
		{"content/a/Lambda.md", "content/a/lambda.md"},
		{"content/a/my note.md", "content/a/my-note.md"},
		{"content/a/Cafe\u0301.md", "content/a/café.md"},
	} {
		_, err := Load(fstest.MapFS{pair[0]: {Data: []byte("x")}, pair[1]: {Data: []byte("y")}}, Options{})
		if err == nil || !strings.Contains(err.Error(), pair[0]) || !strings.Contains(err.Error(), pair[1]) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%v: error %v, want one naming both files", pair, err)
		}
	}
	if _, err := Load(fstest.MapFS{"content/x_y.md": {Data: []byte("x")}, "content/x-y.md": {Data: []byte("y")}}, Options{}); err != nil {
		t.Errorf("x_y.md beside x-y.md: %v", err)
	}
}

// TestSevenThousandAwkwardNotes loads a generated command reference: one
// distinct URL per note, whatever the names.
func TestSevenThousandAwkwardNotes(t *testing.T) {
	fsys := fstest.MapFS{}
	awkward := []string{"[", "]", "[[", "~", "!", "%", "$", "{", "^", "c++", "clang++", "clang", "x_y", "x-y", "my note", "café", "日本語", "a.b", "what?", "Ünïcode"}
	n := 0
	for i := 0; n < 7000; i++ {
		dir := fmt.Sprintf("content/cmd%02d", i%40)
		for _, a := range awkward {
			name := fmt.Sprintf("%s/%s%d.md", dir, a, i)
			if i%40 == 0 && i < 40 {
				name = fmt.Sprintf("%s/%s.md", dir, a) // the bare names too, once
			}
			fsys[name] = &fstest.MapFile{Data: []byte("# " + a + "\n\nA note.\n")}
			n++
		}
	}
	site, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]string{}
	notes := 0
	for _, p := range site.Pages {
		if p.Implicit {
			continue
		}
		notes++
		if other, ok := urls[p.URL]; ok {
			t.Fatalf("%s and %s share %s", other, p.File, p.URL)
		}
		urls[p.URL] = p.File
		if p.Slug == "" || strings.Trim(UnescapePath(p.URL), "/") == "cmd00" {
			t.Fatalf("%s: slug %q URL %s", p.File, p.Slug, p.URL)
		}
	}
	if notes != n {
		t.Errorf("%d pages for %d notes", notes, n)
	}
	for _, name := range []string{"[", "%", "c++", "x_y"} {
		if p, err := site.Resolve("content/cmd00/x.md", name); err != nil || p.File != "content/cmd00/"+name+".md" {
			t.Errorf("Resolve(%q) = %v, %v", name, p, err)
		}
	}
}

// TestUnderBase: the one join of base path and site path, whatever slash
// the site path starts with.
func TestUnderBase(t *testing.T) {
	for _, c := range []struct{ base, p, want string }{
		{"/", "/services/lambda/", "/services/lambda/"},
		{"/notes/", "/services/lambda/", "/notes/services/lambda/"},
		{"/notes/", "services/lambda/", "/notes/services/lambda/"},
		{"/notes/", "/", "/notes/"},
		{"/notes/", "", "/notes/"},
	} {
		if got := UnderBase(c.base, c.p); got != c.want {
			t.Errorf("UnderBase(%q, %q) = %q, want %q", c.base, c.p, got, c.want)
		}
	}
}
