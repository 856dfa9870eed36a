package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBareNotesFolder builds a notes folder as people keep one: no
// sitegen.toml, no content/, README pages, awkward names, an Obsidian
// settings folder, TOML and JSON front matter. Every note gets its page
// and the output check passes.
func TestBareNotesFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":                {Data: []byte("# Command Notes\n\nThe home page.\n")},
		"tools/README.md":          {Data: []byte("# Tools\n")},
		"tools/c++.md":             {Data: []byte("# C++\n")},
		"tools/clang.md":           {Data: []byte("# clang\n")},
		"tools/clang++.md":         {Data: []byte("+++\ntitle = \"clang++\"\ntags = \"compiler\"\n+++\nText.\n")},
		"tools/x_y.md":             {Data: []byte("{\"title\": \"x_y\", \"aliases\": \"xy\"}\nText.\n")},
		"tools/x-y.md":             {Data: []byte("---\ntitle: x-y\nlayout: page\n---\n")},
		"tools/[.md":               {Data: []byte("# [\n")},
		"tools/%.md":               {Data: []byte("# %\n")},
		"tools/deep/er/note.md":    {Data: []byte("# Deep\n")},
		"Café notes.markdown":      {Data: []byte("# Café\n")},
		".obsidian/workspace.json": {Data: []byte("{}")},
		".obsidian/snippets/x.md":  {Data: []byte("not a note")},
	}
	res, err := Build(context.Background(), Config{FS: fsys, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{
		"index.html", "tools/index.html", "tools/c++/index.html", "tools/clang/index.html", "tools/clang++/index.html",
		"tools/x_y/index.html", "tools/x-y/index.html", "tools/[/index.html", "tools/%/index.html",
		"tools/deep/index.html", "tools/deep/er/index.html", "tools/deep/er/note/index.html", "café-notes/index.html",
	} {
		if res.Files[f] == nil {
			t.Errorf("no %s", f)
		}
	}
	if res.Files["snippets/x/index.html"] != nil || res.Files[".obsidian/workspace.json"] != nil {
		t.Error(".obsidian was loaded")
	}
	if home := string(res.Files["index.html"]); !strings.Contains(home, "<title>Command Notes") {
		t.Errorf("site title not taken from the README's heading: %.300s", home)
	}
}
