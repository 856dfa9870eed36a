package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/generator/content"
)

// TestLongNoteNameBuildsToDisk: a note whose name is longer than a file
// name may be gets a shortened URL, and its file, the links to it and the
// sitemap all use that one URL; the build's own check passes.
func TestLongNoteNameBuildsToDisk(t *testing.T) {
	name := "a-note-" + strings.Repeat("with-a-long-name-", 17) + "end" // 299 bytes, 302 with .md
	if len(name+".md") < 300 {
		t.Fatalf("the name is %d bytes", len(name+".md"))
	}
	site := fstest.MapFS{
		"sitegen.toml":            {Data: []byte("title = \"Long\"\nbase_url = \"https://example.com/\"\nstrict = true\n")},
		"content/_index.md":       {Data: []byte("# Home\n\n[[" + name + "]] and [the same](" + name + ".md).\n")},
		"content/" + name + ".md": {Data: []byte("---\ntitle: Long\ntags: [" + strings.Repeat("t", 300) + "]\n---\nBody.\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{FS: site, Out: out, Check: true, Strict: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	seg := content.URLSegment(name)
	if len(seg) > content.MaxSegment {
		t.Fatalf("segment of %d bytes", len(seg))
	}
	if _, err := os.Stat(filepath.Join(out, seg, "index.html")); err != nil {
		t.Fatal(err)
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if n := strings.Count(string(home), `href="/`+seg+`/"`); n < 2 {
		t.Errorf("the home page links to /%s/ %d times, want 2", seg, n)
	}
	if res.Files != nil {
		t.Error("a build to disk kept its files in memory")
	}
	sitemap, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if !strings.Contains(string(sitemap), "https://example.com/"+seg+"/") {
		t.Error("the sitemap does not list the shortened URL")
	}
}

// TestOutputFolderHoldsOnlyTheBuild is the rule for files that must be
// published: they go in the notes folder (CNAME is copied like any other
// file), since after every build the output holds exactly that build's
// files; `sitegen pdf` writes into the output and is run after the build.
func TestOutputFolderHoldsOnlyTheBuild(t *testing.T) {
	site := fstest.MapFS{
		"sitegen.toml":      {Data: []byte("title = \"T\"\n")},
		"content/_index.md": {Data: []byte("# Home\n")},
		"content/CNAME":     {Data: []byte("docs.example.com\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	for i := range 3 {
		if _, err := Build(context.Background(), Config{FS: site, Out: out, Version: "test"}); err != nil {
			t.Fatal(err)
		}
		if data, err := os.ReadFile(filepath.Join(out, "CNAME")); err != nil || string(data) != "docs.example.com\n" {
			t.Errorf("build %d: CNAME = %q, %v", i+1, data, err)
		}
		if _, err := os.Stat(filepath.Join(out, "cheatsheet.pdf")); err == nil {
			t.Errorf("build %d kept the PDF printed after the build before", i+1)
		}
		_ = os.WriteFile(filepath.Join(out, "cheatsheet.pdf"), []byte("%PDF-1.7"), 0o644) // sitegen pdf
	}
}

// TestFailedWriteIsAnError: a file the system refuses (here an attachment
// whose name is longer than a file name may be, which only an in-memory
// site can hold) fails the build with the cause named, and no panic (the
// write stage's Commit failed, then Build aborted the writer), and the
// previous output stays.
func TestFailedWriteIsAnError(t *testing.T) {
	site := fstest.MapFS{
		"sitegen.toml":      {Data: []byte("title = \"T\"\n")},
		"content/_index.md": {Data: []byte("# Home\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Config{FS: site, Out: out, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))
	site["content/_index.md"] = &fstest.MapFile{Data: []byte("# Home again\n")}
	site["content/"+strings.Repeat("x", 300)+".txt"] = &fstest.MapFile{Data: []byte("attached")}
	_, err := Build(context.Background(), Config{FS: site, Out: out, Version: "test"})
	if err == nil || !strings.Contains(err.Error(), "file name too long (a name is longer than the file system allows)") {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(filepath.Join(out, "index.html")); string(after) != string(before) {
		t.Error("the failed build changed the output")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.new-*")); len(left) != 0 {
		t.Errorf("the failed build left %v", left)
	}
}
