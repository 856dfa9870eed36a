//go:build unix

package generator

// Issue 12's file-system and git attacks, made at test time in a temporary
// folder (git cannot hold symlinks to /proc, FIFOs or a .git/config):
// symlinks are followed only inside the site, special files are never
// read, and reading git history for page dates runs nothing the
// repository configures and writes nothing into it.

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeFiles writes files (slash paths → contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildWithin builds the site at dir from disk, failing the test if the
// build has not returned within limit (a FIFO read blocks forever, a
// symlink loop recurses forever). On timeout it opens every FIFO in fifos
// for writing, which lets a blocked reader go.
func buildWithin(t *testing.T, dir string, limit time.Duration, fifos ...string) (*Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := Build(ctx, Config{Src: dir, Check: true, Version: "test"})
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(limit + 5*time.Second):
		for _, f := range fifos {
			if fd, err := syscall.Open(f, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				syscall.Close(fd)
			}
		}
		t.Fatalf("the build did not return within %v: it read a FIFO or followed a loop", limit)
		return nil, nil
	}
}

func TestHostileSymlinks(t *testing.T) {
	secret := hostileSecret(t)
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	outside := filepath.Join(root, "outside")
	writeFiles(t, dir, map[string]string{
		"content/_index.md":        "# Plot notes\n",
		"content/files/plan.txt":   "the plan of the plot\n",
		"content/files/shed.md":    "# Shed\n\nThe shed note.\n",
		"content/notes/beans.md":   "# Beans\n\nSow in May.\n",
		"content/notes/friends.md": "# Friends\n\n[[shed-copy]]\n",
	})
	writeFiles(t, outside, map[string]string{
		"secret.txt":      "OUTSIDE-FILE-" + secret + "\n",
		"secret.md":       "# Outside note\n\nOUTSIDE-NOTE-" + secret + "\n",
		"folder/x.md":     "# Outside folder\n\nOUTSIDE-FOLDER-" + secret + "\n",
		"folder/data.txt": "OUTSIDE-FOLDER-FILE\n",
	})
	c := func(p string) string { return filepath.Join(dir, "content", filepath.FromSlash(p)) }
	symlink(t, "../files/plan.txt", c("links/inside.txt"))                   // a file inside
	symlink(t, "../files/shed.md", c("links/shed-copy.md"))                  // a note inside
	symlink(t, "files", c("mirror"))                                         // a folder inside
	symlink(t, filepath.Join(outside, "secret.txt"), c("links/outside.txt")) // a file outside
	symlink(t, filepath.Join(outside, "secret.md"), c("links/outside.md"))
	symlink(t, filepath.Join(outside, "folder"), c("elsewhere")) // a folder outside
	symlink(t, "/etc/passwd", c("links/passwd.txt"))
	symlink(t, "/etc/passwd", c("links/passwd.md"))
	symlink(t, "/proc/self/environ", c("links/environ.txt"))
	symlink(t, "/proc/self/environ", c("links/environ.md"))
	symlink(t, "/dev/null", c("links/null.txt"))
	symlink(t, "..", c("notes/loop"))                   // a loop: content/notes/loop/notes/loop/…
	symlink(t, "self-loop.md", c("links/self-loop.md")) // a link to itself
	var fifos []string
	for _, name := range []string{"links/pipe.txt", "links/pipe.md"} {
		if err := syscall.Mkfifo(c(name), 0o644); err != nil {
			t.Fatal(err)
		}
		fifos = append(fifos, c(name))
	}

	res, err := buildWithin(t, dir, 20*time.Second, fifos...)
	if err != nil {
		t.Fatalf("the build failed; symlinks outside, loops and FIFOs are skipped with a warning:\n%v", err)
	}

	// The process's own environment, as /proc/self/environ shows it.
	secrets := []string{secret, "OUTSIDE-"}
	if env, err := os.ReadFile("/proc/self/environ"); err == nil {
		for _, kv := range strings.Split(string(env), "\x00") {
			if len(kv) >= 12 {
				secrets = append(secrets, kv)
			}
		}
	}
	assertHarmless(t, res.Files, secrets...)

	for _, want := range []string{"links/inside.txt", "mirror/plan.txt"} {
		if string(res.Files[want]) != "the plan of the plot\n" {
			t.Errorf("%s: a symlink to a file inside the site is published; got %q", want, res.Files[want])
		}
	}
	if !strings.Contains(string(res.Files["links/shed-copy/index.html"]), "The shed note.") {
		t.Error("a .md symlink to a note inside the site is not a page at /links/shed-copy/")
	}
	for name := range res.Files {
		for _, leak := range []string{"links/outside", "elsewhere", "links/passwd", "links/environ", "links/null", "links/pipe", "notes/loop/", "self-loop"} {
			if strings.HasPrefix(name, leak) {
				t.Errorf("%s was published", name)
			}
		}
	}
	for _, name := range []string{"links/outside.txt", "links/outside.md", "elsewhere", "links/passwd.txt", "links/environ.txt", "notes/loop", "links/self-loop.md"} {
		if !hasWarning(res, name) {
			t.Errorf("no warning names content/%s; warnings:\n%v", name, res.Warnings)
		}
	}
}

// TestHostileGitConfig: a repository whose config and hooks run a command
// (fsmonitor, pager, external diff, textconv, filters, hooks) gets its page
// dates read without running any of them and without a write to .git.
func TestHostileGitConfig(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	hostileSecret(t)
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	marker := filepath.Join(root, "markers")
	if err := os.Mkdir(marker, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		"content/_index.md":       "# Plot notes\n",
		"content/beans.md":        "---\ntitle: Beans\n---\nSow in May.\n",
		"content/peas.md":         "---\ntitle: Peas\n---\nSow in March.\n",
		".gitattributes":          "*.md filter=evil diff=evil merge=evil\n",
		"content/files/notes.txt": "plain\n",
	})
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME="+root,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "notes")

	// Every command the repository can name writes a marker file named
	// after the feature that ran it.
	script := func(name string) string {
		p := filepath.Join(root, "bin", name)
		writeFiles(t, filepath.Dir(p), map[string]string{name: "#!/bin/sh\ntouch '" + filepath.Join(marker, name) + "'\ncat\n"})
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for key, name := range map[string]string{
		"core.fsmonitor": "fsmonitor", "core.pager": "pager", "pager.log": "pager-log", "pager.diff": "pager-diff",
		"diff.external": "diff-external", "diff.evil.textconv": "textconv", "diff.evil.command": "diff-command",
		"filter.evil.clean": "filter-clean", "filter.evil.smudge": "filter-smudge", "filter.evil.process": "filter-process",
		"core.sshCommand": "ssh", "core.editor": "editor", "credential.helper": "credential", "gpg.program": "gpg",
		"core.askPass": "askpass",
	} {
		git("config", key, script(name))
	}
	git("config", "filter.evil.required", "true")
	git("config", "log.showSignature", "true")
	hookDir := filepath.Join(dir, "hooks")
	git("config", "core.hooksPath", hookDir)
	for _, hook := range []string{"post-checkout", "post-commit", "pre-commit", "post-index-change", "reference-transaction", "pre-auto-gc", "post-rewrite", "fsmonitor-watchman"} {
		for _, d := range []string{hookDir, filepath.Join(dir, ".git", "hooks")} {
			writeFiles(t, d, map[string]string{hook: "#!/bin/sh\ntouch '" + filepath.Join(marker, "hook-"+hook) + "'\n"})
			if err := os.Chmod(filepath.Join(d, hook), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	// An uncommitted change, so a diff against HEAD has content to look at.
	writeFiles(t, dir, map[string]string{"content/peas.md": "---\ntitle: Peas\n---\nSow in March, again.\n"})

	before := gitSnapshot(t, filepath.Join(dir, ".git"))
	res, err := buildWithin(t, dir, 20*time.Second)
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	if res.Files["beans/index.html"] == nil {
		t.Error("no page for beans.md")
	}
	ran, _ := os.ReadDir(marker)
	for _, m := range ran {
		t.Errorf("building ran the repository's %s", m.Name())
	}
	after := gitSnapshot(t, filepath.Join(dir, ".git"))
	for name, sum := range after {
		if before[name] != sum {
			t.Errorf("the build wrote .git/%s", name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("the build removed .git/%s", name)
		}
	}
}

// gitSnapshot maps every file under dir to a hash of its contents and mode.
func gitSnapshot(t *testing.T, dir string) map[string][sha256.Size]byte {
	t.Helper()
	sums := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sums[rel] = sha256.Sum256(append(data, []byte(info.Mode().String())...))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}
