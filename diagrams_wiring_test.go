package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for sitegen: as the D2 child
// (newDiagrams starts os.Executable() __render-d2, which here is this
// binary), and as the whole CLI when SITEGEN_TEST_MAIN is set, so a test
// can signal a real process. Caches go to a temporary folder (cacheEnv,
// inherited by those processes): tests that build the repository's own
// notes (--src .) leave no .sitegen/ in the working tree.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == renderD2Command {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	if os.Getenv("SITEGEN_TEST_MAIN") == "1" {
		main()
	}
	if os.Getenv(cacheEnv) != "" {
		os.Exit(m.Run()) // the caller chose the cache (a CI cache, say)
	}
	tmp, err := os.MkdirTemp("", "sitegen-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(cacheEnv, tmp)
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// TestCacheDir: the diagram cache sits in the site unless cacheEnv names
// another folder, and a build puts its diagrams there.
func TestCacheDir(t *testing.T) {
	site := filepath.Join("some", "site")
	t.Setenv(cacheEnv, "")
	if got, want := cacheDir(site), filepath.Join(site, ".sitegen", "cache"); got != want {
		t.Errorf("cacheDir = %s, want %s", got, want)
	}
	elsewhere := t.TempDir()
	t.Setenv(cacheEnv, elsewhere)
	if got := cacheDir(site); got != elsewhere {
		t.Errorf("with %s=%s: cacheDir = %s", cacheEnv, elsewhere, got)
	}
	dir := t.TempDir()
	files := map[string]string{
		"sitegen.toml":      "title = \"Cached\"\n",
		"content/_index.md": "# Home\n\n```d2\na -> b\n```\n",
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if code := run(context.Background(), []string{"build", "--src", dir, "--out", filepath.Join(t.TempDir(), "public")}, &out, &out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, &out)
	}
	if entries, err := os.ReadDir(filepath.Join(elsewhere, "diagrams")); err != nil || len(entries) == 0 {
		t.Errorf("no diagram cached in %s: %v", elsewhere, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".sitegen")); !os.IsNotExist(err) {
		t.Errorf("the build wrote %s/.sitegen though %s is set (%v)", dir, cacheEnv, err)
	}
}

// slowD2 is a graph D2 lays out for about ten seconds.
func slowD2(seed int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# slow %d\n", seed)
	const n = 50
	for i := range n {
		fmt.Fprintf(&b, "n%d -> n%d\nn%d -> n%d\n", i, (i*7+3)%n, i, (i*13+5)%n)
	}
	return b.String()
}

// writeSlowSite writes a site whose note content/slow.md holds a slow
// diagram, with toml as its sitegen.toml.
func writeSlowSite(t *testing.T, toml string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"sitegen.toml":      toml,
		"content/_index.md": "# Home\n",
		"content/slow.md":   "# Slow\n\n```d2\n" + slowD2(1) + "```\n",
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDiagramTimeoutSettings: the limit comes from --diagram-timeout, else
// sitegen.toml's diagram_timeout, and the error names both.
func TestDiagramTimeoutSettings(t *testing.T) {
	for _, tc := range []struct {
		name, toml string
		flags      []string
		want       string
	}{
		{"sitegen.toml", "diagram_timeout = \"1s\"\n", nil, "longer than 1s"},
		{"flag over sitegen.toml", "diagram_timeout = \"1m\"\n", []string{"--diagram-timeout", "1500ms"}, "longer than 1.5s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSlowSite(t, tc.toml)
			var stdout, stderr bytes.Buffer
			start := time.Now()
			args := append([]string{"build", dir, "--out", filepath.Join(t.TempDir(), "public")}, tc.flags...)
			code := run(t.Context(), args, &stdout, &stderr)
			want := "content/slow.md:4: d2 block: diagram layout took longer than"
			if code != 1 || !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), tc.want+
				"; simplify it, or raise diagram_timeout in sitegen.toml (or --diagram-timeout)") {
				t.Errorf("exit %d, stderr %q; want the timeout error %q", code, stderr.String(), tc.want)
			}
			if took := time.Since(start); took > 8*time.Second {
				t.Errorf("the build took %v", took)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	run(t.Context(), []string{"serve", "--help"}, &stdout, &stderr)
	if !strings.Contains(stderr.String(), "-diagram-timeout") {
		t.Errorf("serve has no --diagram-timeout:\n%s", stderr.String())
	}
}
