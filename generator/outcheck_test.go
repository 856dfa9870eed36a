package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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

// TestOutputCheckSameOnDisk: a build to disk checks each page as it is
// written and keeps none of them; it reports exactly what the check of
// the whole output in memory reports, and publishes nothing.
func TestOutputCheckSameOnDisk(t *testing.T) {
	fsys := siteFS(t, `
-- content/_index.md --
# Home

<a href="/a/#gone">A's lost part</a>
-- content/a.md --
# A

See <a href="/b/#nowhere">b's part</a> and <img src="/gone.png" alt="gone">.
-- content/b.md --
# B

<img src="/img/none.png" alt="none">
`)
	memory := Config{FS: fsys, Version: "test", Check: true, Strict: true}
	_, want := Build(context.Background(), memory)
	if want == nil || !strings.Contains(want.Error(), "#gone") || !strings.Contains(want.Error(), "none.png") {
		t.Fatalf("in memory: %v, want the missing image and anchor reported", want)
	}
	disk := memory
	disk.Out = filepath.Join(t.TempDir(), "public")
	_, got := Build(context.Background(), disk)
	if got == nil || got.Error() != want.Error() {
		t.Errorf("on disk:\n%v\nin memory:\n%v", got, want)
	}
	if _, err := os.Stat(disk.Out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a build that failed its check published %s: %v", disk.Out, err)
	}
}
