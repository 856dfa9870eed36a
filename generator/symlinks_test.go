package generator

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// writeArchive writes an archive of "-- path --" files into dir.
func writeArchive(t *testing.T, dir, archive string) {
	t.Helper()
	for name, f := range siteFS(t, archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// symlink makes link point at target, creating link's folder.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// hostileLinks builds a site whose content/ links to a file and a folder
// inside it, a file, a note and a folder outside it, /proc/self/environ,
// nothing, itself, and holds a FIFO. It returns the site folder and the
// folder outside.
func hostileLinks(t *testing.T, follow bool) (site, outside string) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need extra privileges on Windows")
	}
	t.Setenv("SITEGEN_TEST_TOKEN", "tok-environ-7d1e")
	outside = t.TempDir()
	writeArchive(t, outside, `-- secret.txt --
TOP-SECRET-FILE
-- secret.md --
# Leaked

TOP-SECRET-NOTE
-- folder/page.md --
# Outside page

TOP-SECRET-FOLDER
`)
	site = t.TempDir()
	writeArchive(t, site, `-- sitegen.toml --
title = "Links"
follow_symlinks = `+map[bool]string{true: "true", false: "false"}[follow]+`
-- content/_index.md --
# Home
-- content/services/_index.md --
# Services
-- content/services/lambda.md --
# Lambda
-- content/shared/real.txt --
inside text
-- content/shared/note.md --
# Shared note
`)
	c := filepath.Join(site, "content")
	symlink(t, "../shared/real.txt", filepath.Join(c, "services", "inside.txt"))
	symlink(t, "shared", filepath.Join(c, "alias"))
	symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(c, "services", "passwd.txt"))
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(c, "services", "leak.md"))
	symlink(t, filepath.Join(outside, "folder"), filepath.Join(c, "ext"))
	symlink(t, "/proc/self/environ", filepath.Join(c, "services", "environ.txt"))
	symlink(t, "nowhere.txt", filepath.Join(c, "services", "gone.txt"))
	symlink(t, "..", filepath.Join(c, "services", "up"))
	symlink(t, "l2", filepath.Join(c, "l1"))
	symlink(t, "l1", filepath.Join(c, "l2"))
	// A chain whose last link leaves, and a relative path that climbs out.
	symlink(t, "../shared/hop.txt", filepath.Join(c, "services", "chain.txt"))
	symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(c, "shared", "hop.txt"))
	climb, err := filepath.Rel(filepath.Join(c, "services"), filepath.Join(outside, "secret.txt"))
	if err != nil {
		t.Fatal(err)
	}
	symlink(t, climb, filepath.Join(c, "services", "dots.txt"))
	mkfifo(t, filepath.Join(c, "services", "pipe.txt"))
	return site, outside
}

// buildLinks builds site in memory (with a deadline: a FIFO read or a
// walk into a loop would hang) and returns the output and the warnings.
func buildLinks(t *testing.T, site string) (map[string][]byte, map[string]string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := Build(ctx, Config{Src: site})
	if err != nil {
		t.Fatal(err)
	}
	warnings := map[string]string{}
	for _, w := range res.Warnings {
		warnings[w.File] = w.Msg
	}
	return res.Files, warnings
}

func TestSymlinksStayInsideTheSite(t *testing.T) {
	site, outside := hostileLinks(t, false)
	files, warnings := buildLinks(t, site)

	if got := string(files["services/inside.txt"]); got != "inside text\n" {
		t.Errorf("a link to a file inside the site: services/inside.txt = %q, want it copied", got)
	}
	if files["alias/real.txt"] == nil || files["alias/note/index.html"] == nil {
		t.Errorf("a link to a folder inside the site: alias/ not loaded")
	}
	for _, name := range []string{"services/passwd.txt", "services/leak/index.html", "ext/page/index.html", "services/environ.txt",
		"services/gone.txt", "services/pipe.txt", "services/chain.txt", "shared/hop.txt", "services/dots.txt"} {
		if files[name] != nil {
			t.Errorf("%s was published", name)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "services/up/") || strings.HasPrefix(name, "l1") {
			t.Errorf("%s was published: the walk went through a loop", name)
		}
	}
	noSecrets(t, files, "TOP-SECRET-FILE", "TOP-SECRET-NOTE", "TOP-SECRET-FOLDER", "tok-environ-7d1e")

	outsideMsg := "points outside the site folder; skipped (follow_symlinks = true in sitegen.toml follows it)"
	linkWarnings(t, warnings, map[string]string{
		"content/services/passwd.txt":  "symlink to " + filepath.Join(outside, "secret.txt"),
		"content/services/leak.md":     "symlink to " + filepath.Join(outside, "secret.md"),
		"content/ext":                  "symlink to " + filepath.Join(outside, "folder"),
		"content/services/environ.txt": environWarning(" (resolving to /proc/"),
		"content/services/gone.txt":    "symlink to nowhere.txt points to nothing; skipped",
		"content/services/up":          "symlink to .. is a folder that contains the link (a loop); skipped",
		"content/l1":                   "symlink to l2 never resolves (a loop of links); skipped",
		"content/l2":                   "symlink to l1 never resolves (a loop of links); skipped",
		"content/services/pipe.txt":    "it is a named pipe (FIFO), not a regular file or folder; never read",
		"content/services/chain.txt":   "symlink to ../shared/hop.txt (resolving to ",
		"content/shared/hop.txt":       "symlink to " + filepath.Join(outside, "secret.txt"),
		"content/services/dots.txt":    "symlink to ../../../",
	})
	outsiders := []string{"content/services/passwd.txt", "content/services/leak.md", "content/ext",
		"content/services/chain.txt", "content/shared/hop.txt", "content/alias/hop.txt", "content/services/dots.txt"}
	if hasProc() {
		outsiders = append(outsiders, "content/services/environ.txt")
	}
	for _, name := range outsiders {
		if !strings.HasSuffix(warnings[name], outsideMsg) {
			t.Errorf("warning for %s = %q, want it to end %q", name, warnings[name], outsideMsg)
		}
	}
	if len(warnings) != 13 {
		t.Errorf("%d warnings, want 13: %v", len(warnings), warnings)
	}
}
func TestFollowSymlinksFollowsOutsideLinks(t *testing.T) {
	site, _ := hostileLinks(t, true)
	files, warnings := buildLinks(t, site)

	if got := string(files["services/passwd.txt"]); got != "TOP-SECRET-FILE\n" {
		t.Errorf("follow_symlinks: services/passwd.txt = %q, want the linked file", got)
	}
	if !strings.Contains(string(files["services/leak/index.html"]), "TOP-SECRET-NOTE") {
		t.Errorf("follow_symlinks: the linked note was not loaded")
	}
	if !strings.Contains(string(files["ext/page/index.html"]), "TOP-SECRET-FOLDER") {
		t.Errorf("follow_symlinks: the linked folder was not loaded")
	}
	// Special files, pseudo-files, dangling links and loops stay out.
	for _, name := range []string{"services/environ.txt", "services/pipe.txt", "services/gone.txt"} {
		if files[name] != nil {
			t.Errorf("follow_symlinks: %s was published", name)
		}
	}
	noSecrets(t, files, "tok-environ-7d1e")
	linkWarnings(t, warnings, map[string]string{
		"content/services/environ.txt": environWarning(" (resolving to /proc/"),
		"content/services/pipe.txt":    "it is a named pipe (FIFO), not a regular file or folder; never read",
		"content/services/up":          "symlink to .. is a folder that contains the link (a loop); skipped",
		"content/l1":                   "symlink to l2 never resolves (a loop of links); skipped",
		"content/services/gone.txt":    "symlink to nowhere.txt points to nothing; skipped",
	})
	if hasProc() && !strings.HasSuffix(warnings["content/services/environ.txt"], "is on /proc, which is never read; skipped") {
		t.Errorf("follow_symlinks: environ.txt warning = %q, want it refused as /proc", warnings["content/services/environ.txt"])
	}
	for _, name := range []string{"content/services/passwd.txt", "content/ext", "content/services/leak.md"} {
		if w, ok := warnings[name]; ok {
			t.Errorf("follow_symlinks: unexpected warning %s: %s", name, w)
		}
	}
}

// A .d2 file linked from outside is not read: the note that draws it
// reports the link, and its text never reaches the diagram renderer.
func TestSymlinkedDiagramOutsideIsNotRead(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need extra privileges on Windows")
	}
	outside := t.TempDir()
	writeArchive(t, outside, "-- x.d2 --\nTOP-SECRET -> b\n")
	site := t.TempDir()
	writeArchive(t, site, "-- content/_index.md --\n# Home\n\n![map](map.d2)\n")
	symlink(t, filepath.Join(outside, "x.d2"), filepath.Join(site, "content", "map.d2"))
	d2 := &recordingDiagrams{sources: map[string]string{}}
	_, err := Build(context.Background(), Config{Src: site, Diagrams: d2})
	if err == nil || !strings.Contains(err.Error(), "content/_index.md:3: diagram map.d2: symlink to ") ||
		!strings.Contains(err.Error(), "points outside the site folder") {
		t.Fatalf("err = %v, want the diagram reported as outside the site", err)
	}
	for _, src := range d2.sources {
		if strings.Contains(src, "TOP-SECRET") {
			t.Fatalf("the linked .d2 file reached the renderer: %q", src)
		}
	}
}

func noSecrets(t *testing.T, files map[string][]byte, secrets ...string) {
	t.Helper()
	for name, data := range files {
		for _, s := range secrets {
			if strings.Contains(string(data), s) {
				t.Errorf("%s holds %s", name, s)
			}
		}
	}
}

// linkWarnings asserts that each file's warning contains the text.
func linkWarnings(t *testing.T, got, want map[string]string) {
	t.Helper()
	for file, text := range want {
		if !strings.Contains(got[file], text) {
			t.Errorf("warning for %s = %q, want it to contain %q", file, got[file], text)
		}
	}
}

// hasProc reports whether the system has /proc (Linux does, macOS not).
func hasProc() bool {
	_, err := os.Stat("/proc/self/environ")
	return err == nil
}

// environWarning is how the warning for the link to /proc/self/environ
// starts: with more (where it resolves) on a system with /proc; elsewhere
// the link points to nothing.
func environWarning(more string) string {
	if hasProc() {
		return "symlink to /proc/self/environ" + more
	}
	return "symlink to /proc/self/environ points to nothing; skipped"
}
