package generator

import (
	"context"
	"errors"
	"strings"
	"testing"

	"sitegen/generator/srcerr"
)

// The output check never stops a build on an external URL it cannot
// parse, and a problem it finds in a note's page is reported at the
// note's line, not at a line of the generated HTML.
func TestOutputCheckNamesTheNoteLine(t *testing.T) {
	fsys := siteFS(t, `
-- content/_index.md --
# Home
-- content/notes/setup.md --
---
title: Setup
---
Run the server, then open <http://localhost:port> in a browser.

The diagram:

![The architecture](architecture.png)
`)
	_, err := Build(context.Background(), Config{FS: fsys, Version: "test", Check: true, Strict: true})
	var list srcerr.List
	if !errors.As(err, &list) {
		t.Fatalf("build: %v, want the missing image reported", err)
	}
	if len(list) != 1 {
		t.Fatalf("want one problem (the missing image, not the localhost URL), got:\n%v", err)
	}
	e := list[0]
	if e.File != "content/notes/setup.md" || e.Line != 8 || !strings.Contains(e.Msg, "architecture.png") {
		t.Errorf("got %s:%d: %s, want content/notes/setup.md:8: …architecture.png…", e.File, e.Line, e.Msg)
	}
}

func TestOutputCheckPassesLocalhostURL(t *testing.T) {
	fsys := siteFS(t, `
-- content/_index.md --
# Home
-- content/notes/setup.md --
Open <http://localhost:port>, or [the docs](http://localhost:8080/docs).
`)
	if _, err := Build(context.Background(), Config{FS: fsys, Version: "test", Check: true}); err != nil {
		t.Fatalf("build: %v", err)
	}
}
