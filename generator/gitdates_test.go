package generator

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostileRepo is a site in a git repository whose config and hooks run a
// script at every chance git offers: fsmonitor, hooks, pager, external
// diff, textconv, filters, signature checks, ssh and credential helpers.
// Each run appends the feature's name to the marker file.
type hostileRepo struct {
	dir, marker string
}

func (r hostileRepo) git(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r hostileRepo) commitAt(t *testing.T, when string, files ...string) {
	t.Helper()
	r.git(t, nil, append([]string{"add", "--"}, files...)...)
	r.git(t, []string{"GIT_AUTHOR_DATE=" + when, "GIT_COMMITTER_DATE=" + when}, "commit", "-q", "-m", "at "+when)
}

func (r hostileRepo) write(t *testing.T, name, text string) {
	t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ran lists the features whose script ran since the last call.
func (r hostileRepo) ran(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(r.marker)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(r.marker)
	return string(data)
}

// arm makes every feature of the repository's config run a script.
func (r hostileRepo) arm(t *testing.T) {
	t.Helper()
	scripts := t.TempDir()
	script := func(feature string) string {
		p := filepath.Join(scripts, feature)
		body := fmt.Sprintf("#!/bin/sh\necho %s >> '%s'\ncat >/dev/null 2>&1 || true\n", feature, r.marker)
		if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		return filepath.ToSlash(p)
	}
	hooks := filepath.Join(r.dir, ".git", "hooks")
	for _, hook := range []string{"post-checkout", "post-commit", "post-merge", "pre-commit", "post-index-change",
		"reference-transaction", "pre-auto-gc", "post-rewrite", "fsmonitor-watchman"} {
		data, err := os.ReadFile(script("hook-" + hook))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(hooks, hook), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	set := func(key, value string) { r.git(t, nil, "config", key, value) }
	set("core.fsmonitor", script("fsmonitor"))
	set("core.pager", script("pager"))
	set("pager.log", script("pager-log"))
	set("diff.external", script("external-diff"))
	set("diff.evil.textconv", script("textconv"))
	set("diff.evil.command", script("diff-driver"))
	set("filter.evil.clean", script("filter-clean"))
	set("filter.evil.smudge", script("filter-smudge"))
	set("log.showSignature", "true")
	set("gpg.program", script("gpg"))
	set("core.sshCommand", script("ssh"))
	set("credential.helper", "!"+script("credential"))
	set("core.alternateRefsCommand", script("alternate-refs"))
	set("gc.auto", "1")
	r.write(t, ".gitattributes", "*.md filter=evil diff=evil\n")
}

// repoState records every file of the repository (.git included): its
// mode, time and content.
func repoState(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		sum := ""
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", sha256.Sum256(data))
		}
		files[p] = fmt.Sprintf("%v %v %s", info.Mode(), info.ModTime().UnixNano(), sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGitDatesRunNothingTheRepositoryConfigures(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := hostileRepo{dir: t.TempDir(), marker: filepath.Join(t.TempDir(), "marker")}
	r.git(t, nil, "init", "-q")
	r.write(t, "content/_index.md", "# Home\n")
	r.write(t, "content/a.md", "# A\n\nfirst\n")
	r.write(t, "content/b.md", "# B\n")
	r.commitAt(t, "2019-05-06T07:08:09+00:00", "content")
	r.write(t, "content/a.md", "# A\n\nsecond\n")
	r.commitAt(t, "2020-01-02T03:04:05+02:00", "content/a.md")
	r.write(t, "content/b.md", "# B\n\nedited, not committed\n")
	r.write(t, "content/c.md", "# C\n\nnever committed\n")
	edited := time.Date(2022, 5, 6, 7, 8, 9, 0, time.UTC)
	for _, f := range []string{"content/b.md", "content/c.md"} {
		if err := os.Chtimes(filepath.Join(r.dir, f), edited, edited); err != nil {
			t.Fatal(err)
		}
	}

	r.arm(t)
	// The fixture is armed: git's own commands run the scripts.
	r.git(t, nil, "status", "--short")
	r.git(t, nil, "commit", "-q", "--allow-empty", "-m", "armed")
	r.git(t, nil, "diff", "content/b.md")
	if ran := r.ran(t); !strings.Contains(ran, "fsmonitor") || !strings.Contains(ran, "hook-post-commit") || !strings.Contains(ran, "diff-driver") || !strings.Contains(ran, "filter-clean") {
		t.Fatalf("the fixture's config did not run its scripts under plain git (ran: %q)", ran)
	}

	before := repoState(t, r.dir)
	time.Sleep(10 * time.Millisecond) // a write now would show in a file time
	b := newBuild(Config{Src: r.dir})
	if _, err := b.run(context.Background(), b.stages()); err != nil {
		t.Fatal(err)
	}
	if ran := r.ran(t); ran != "" {
		t.Errorf("reading the dates ran the repository's commands:\n%s", ran)
	}
	after := repoState(t, r.dir)
	for p, s := range before {
		if after[p] != s {
			t.Errorf("%s changed: %s → %s", p, s, after[p])
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was created", p)
		}
	}

	want := map[string]time.Time{
		"content/_index.md": time.Date(2019, 5, 6, 7, 8, 9, 0, time.UTC),
		"content/a.md":      time.Date(2020, 1, 2, 1, 4, 5, 0, time.UTC), // the last commit that changed it
		"content/b.md":      edited,                                      // changed since HEAD: its file time
		"content/c.md":      edited,                                      // never committed
	}
	for file, at := range want {
		p := b.pages.ByFile(file)
		if p == nil {
			t.Fatalf("%s not loaded", file)
		}
		if !p.ModTime.Equal(at) {
			t.Errorf("%s: date %v, want %v", file, p.ModTime.UTC(), at)
		}
	}
}
