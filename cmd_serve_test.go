package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// `sitegen serve` answers only its own names; --allow-host, repeated or
// with commas, adds others.
func TestServeAllowHost(t *testing.T) {
	dir := writeLiveSite(t)
	base, out := browserServe(t, "--src", dir, "--port", "0", "--allow-host", "mybox.local, docs.example", "--allow-host", "*.tunnel.example")
	get := func(host string) (int, string) {
		t.Helper()
		req, err := http.NewRequest("GET", base+"services/a/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for _, host := range []string{"localhost", "mybox.local", "docs.example:1313", "x.tunnel.example"} {
		if code, body := get(host); code != 200 || !strings.Contains(body, "original alpha text") {
			t.Errorf("Host %s: %d, want the page", host, code)
		}
	}
	code, body := get("evil.example")
	if code != http.StatusMisdirectedRequest || !strings.Contains(body, "--allow-host evil.example") {
		t.Errorf("Host evil.example: %d %q, want 421 naming --allow-host", code, body)
	}
	if !strings.Contains(out.String(), `refused a request for host "evil.example"`) {
		t.Errorf("the terminal does not report the refused host:\n%s", out)
	}
}

func TestServeAllowHostBad(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"serve", "--src", writeLiveSite(t), "--port", "0", "--allow-host", "https://mybox.local/"}, &stdout, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), `--allow-host "https://mybox.local/": give a host name`) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// Deleting a note and renaming one away under a running serve: the page
// is gone (or moved), links to it are reported, and later edits still
// rebuild. The bug was a rebuild that reloaded the vanished note, failed
// with "no such file or directory" and kept failing until a restart.
func TestServeNoteDeletedAndRenamed(t *testing.T) {
	dir := writeLiveSite(t)
	writeLiveFile(t, dir, "content/services/c.md", "---\ntitle: Gamma\n---\nGamma text.\n")
	base, out := browserServe(t, "--src", dir, "--port", "0")
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(liveWait)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("waited for %s; serve said:\n%s", what, out)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if code, _ := get("/services/c/"); code != 200 {
		t.Fatalf("/services/c/: %d before the delete", code)
	}

	if err := os.Remove(filepath.Join(dir, "content/services/c.md")); err != nil {
		t.Fatal(err)
	}
	waitFor("the deleted page to go", func() bool { code, _ := get("/services/c/"); return code == 404 })

	if err := os.Rename(filepath.Join(dir, "content/services/b.md"), filepath.Join(dir, "content/services/beta.md")); err != nil {
		t.Fatal(err)
	}
	waitFor("the renamed page to move", func() bool {
		old, _ := get("/services/b/")
		moved, body := get("/services/beta/")
		return old == 404 && moved == 200 && strings.Contains(body, "original beta text")
	})

	writeLiveFile(t, dir, "content/services/a.md", liveNoteA("edited after the rename"))
	waitFor("a later edit to rebuild", func() bool {
		_, body := get("/services/a/")
		return strings.Contains(body, "edited after the rename")
	})
	if strings.Contains(out.String(), "no such file or directory") || strings.Contains(out.String(), "build failed") {
		t.Errorf("a rebuild failed:\n%s", out)
	}
}
