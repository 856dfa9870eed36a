package main

// Issue 11, "Bring your own notes", through the CLI and in Chromium: each
// notes fixture of generator/testdata/notes builds with a plain
// `sitegen build --src DIR`; the Obsidian vault's folded callout opens on a
// click, its embeds show the embedded text with a link to the source, and
// its Mermaid blocks are drawn at build time.

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// notesCopy copies a notes fixture to a temporary folder, so the build's
// diagram cache (.sitegen/ under the source) stays out of the repository.
func notesCopy(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("generator", "testdata", "notes", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// notesBuild runs `sitegen build` with args and returns its exit code and
// what it printed.
func notesBuild(t *testing.T, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, append([]string{"build"}, args...), &stdout, &stderr)
	return code, stdout.String() + stderr.String()
}

func TestNotesFixturesBuildCLI(t *testing.T) {
	for _, name := range []string{"github-repo", "obsidian-vault", "jekyll-site", "hugo-site", "awkward-names"} {
		t.Run(name, func(t *testing.T) {
			src := notesCopy(t, name)
			out := filepath.Join(t.TempDir(), "public")
			code, output := notesBuild(t, "--src", src, "--out", out)
			if code != 0 {
				t.Fatalf("sitegen build --src %s exited with %d:\n%s", name, code, output)
			}
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				t.Errorf("no home page: %v", err)
			}
			if name != "obsidian-vault" {
				return
			}
			for _, want := range []string{"Daily Log.md:7", "Daily Log.md:9"} {
				if !strings.Contains(output, want) {
					t.Errorf("no warning at %s:\n%s", want, output)
				}
			}
		})
	}
}

// TestNotesBareFolderCLI: `sitegen build DIR` takes a bare notes folder,
// and --strict turns the vault's broken links into errors.
func TestNotesBareFolderCLI(t *testing.T) {
	src := notesCopy(t, "obsidian-vault")
	out := filepath.Join(t.TempDir(), "public")
	if code, output := notesBuild(t, "--out", out, src); code != 0 {
		t.Fatalf("sitegen build DIR exited with %d:\n%s", code, output)
	}
	code, output := notesBuild(t, "--strict", "--src", src, "--out", filepath.Join(t.TempDir(), "strict"))
	if code == 0 {
		t.Fatalf("sitegen build --strict succeeded despite two broken links:\n%s", output)
	}
	for _, want := range []string{"Daily Log.md:7", "Does Not Exist", "Daily Log.md:9", "missing.md"} {
		if !strings.Contains(output, want) {
			t.Errorf("--strict output does not name %q:\n%s", want, output)
		}
	}
}

// notesPageWith finds the built page whose HTML holds text and returns
// its site path.
func notesPageWith(t *testing.T, out, text string) string {
	t.Helper()
	var found string
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" || found != "" {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(data), text) && !strings.Contains(path, "search") {
			rel, _ := filepath.Rel(out, filepath.Dir(path))
			found = "/" + filepath.ToSlash(rel) + "/"
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == "" {
		t.Fatalf("no built page holds %q", text)
	}
	return strings.ReplaceAll(found, "//", "/")
}

// notesVisible is true when the first element under main whose own text
// holds s is rendered (a closed <details> does not render its body).
func notesVisible(s string) string {
	return fmt.Sprintf(`(() => {
	const want = %q;
	const w = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		if (n.data.includes(want)) return n.parentElement.checkVisibility();
	}
	return false;
})()`, s)
}

// notesEmbedLink is true when the text embedded is inside an element that
// also links to the source page (its path holding every part) but does
// not hold host, the embedding note's own text around the embed.
func notesEmbedLink(embedded, host string, parts ...string) string {
	return fmt.Sprintf(`(() => {
	const embedded = %q, host = %q, parts = %q.split(" ");
	const w = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
	let n = w.nextNode();
	while (n && !n.data.includes(embedded)) n = w.nextNode();
	if (!n) return false;
	for (let el = n.parentElement; el && el.tagName !== "MAIN"; el = el.parentElement) {
		if (el.textContent.includes(host)) return false;
		for (const a of el.querySelectorAll("a[href]")) {
			const path = decodeURIComponent(new URL(a.href).pathname).toLowerCase();
			if (parts.every((p) => path.includes(p))) return true;
		}
	}
	return false;
})()`, embedded, host, strings.Join(parts, " "))
}

func TestBrowserNotesVault(t *testing.T) {
	src := notesCopy(t, "obsidian-vault")
	out := filepath.Join(t.TempDir(), "public")
	if code, output := notesBuild(t, "--src", src, "--out", out); code != 0 {
		t.Fatalf("sitegen build exited with %d:\n%s", code, output)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	ctx := browserTab(t, 3*time.Minute)
	console := listenBrowserConsole(ctx)
	open := func(path string) {
		t.Helper()
		browserRun(t, ctx, "open "+path, chromedp.Navigate(srv.URL+path))
		browserWait(t, ctx, 20*time.Second, path+" to load", browserLoaded)
	}

	// A folded callout (> [!tip]-) is closed until its title is clicked.
	garden := notesPageWith(t, out, "Watering trick")
	open(garden)
	var ok bool
	browserEval(t, ctx, notesVisible("Water at dawn"), &ok)
	if ok {
		t.Error("the folded callout's body is visible before it is opened")
	}
	browserEval(t, ctx, `(() => {
	for (const s of document.querySelectorAll("main details > summary")) {
		if (s.textContent.includes("Watering trick")) { s.setAttribute("data-test", "fold"); return true; }
	}
	return false;
})()`, &ok)
	if !ok {
		t.Fatal("the folded callout has no <summary> titled Watering trick")
	}
	browserClick(t, ctx, `[data-test="fold"]`)
	browserWait(t, ctx, 5*time.Second, "the callout body to show", notesVisible("Water at dawn"))
	browserScreenshot(t, ctx, "notes-callout-open.png")

	// Mermaid blocks are drawn at build time: SVG, not code.
	for text, label := range map[string]string{"Test the pH before adding lime": "Sow indoors", "After that, data flows both ways": "SYN-ACK"} {
		open(notesPageWith(t, out, text))
		browserEval(t, ctx, fmt.Sprintf(`[...document.querySelectorAll("main svg")].some((s) => s.textContent.includes(%q))
			&& ![...document.querySelectorAll("main code")].some((c) => /flowchart|sequenceDiagram/.test(c.textContent))`, label), &ok)
		if !ok {
			t.Errorf("the Mermaid diagram with %q is not drawn as SVG", label)
		}
	}

	// Embeds show the embedded text, with a link to where it comes from.
	reading := notesPageWith(t, out, "What I need to remember about eigenvectors")
	open(reading)
	for _, e := range []struct{ embedded, host, parts string }{
		{"An eigenvector of a square matrix keeps its direction", "What I need to remember", "linear algebra"},
		{"The purpose of computing is insight", "The quote that started this list", "quote week"},
		{"Scalar products chain", "the whole section on products", "linear algebra"},
	} {
		browserEval(t, ctx, notesVisible(e.embedded), &ok)
		if !ok {
			t.Errorf("embedded text %q is not visible", e.embedded)
			continue
		}
		browserEval(t, ctx, notesEmbedLink(e.embedded, e.host, strings.Fields(e.parts)...), &ok)
		if !ok {
			t.Errorf("the embed of %q has no link to its source note", e.embedded)
		}
	}
	browserScreenshot(t, ctx, "notes-embeds.png")
	if p := console.take(); len(p) > 0 {
		t.Errorf("the pages reported problems:\n%s", strings.Join(p, "\n"))
	}
}
