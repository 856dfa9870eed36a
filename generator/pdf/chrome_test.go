package pdf

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sitegen/internal/pdftest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// writeFile creates path with the given mode, for fake browsers.
func writeFile(t *testing.T, path string, mode os.FileMode) string {
	t.Helper()
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFindChromeExplicitMissing(t *testing.T) {
	_, err := FindChrome("/nonexistent")
	if !errors.Is(err, ErrNoChrome) {
		t.Fatalf("FindChrome(/nonexistent) = %v, want ErrNoChrome", err)
	}
	for _, want := range []string{"--chrome /nonexistent", "apt-get install chromium", "SITEGEN_CHROME"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestFindChromeEnv(t *testing.T) {
	dir := t.TempDir()
	fake := writeFile(t, filepath.Join(dir, "my-chrome"), 0o755)
	t.Setenv("SITEGEN_CHROME", fake)
	if got, err := FindChrome(""); err != nil || got != fake {
		t.Errorf("FindChrome(\"\") with SITEGEN_CHROME = %q, %v; want %q", got, err, fake)
	}
	other := writeFile(t, filepath.Join(dir, "other-chrome"), 0o755)
	if got, err := FindChrome(other); err != nil || got != other {
		t.Errorf("explicit path = %q, %v; want %q (it beats SITEGEN_CHROME)", got, err, other)
	}
	t.Setenv("SITEGEN_CHROME", filepath.Join(dir, "missing"))
	if _, err := FindChrome(""); err == nil || !strings.Contains(err.Error(), "SITEGEN_CHROME=") {
		t.Errorf("missing SITEGEN_CHROME: err = %v, want it named", err)
	}
}

func TestFindChromeNotExecutable(t *testing.T) {
	dir := t.TempDir()
	plain := writeFile(t, filepath.Join(dir, "chromium"), 0o644)
	for name, explicit := range map[string]string{"file": plain, "directory": dir} {
		_, err := FindChrome(explicit)
		if !errors.Is(err, ErrNoChrome) {
			t.Errorf("%s: FindChrome(%s) = %v, want ErrNoChrome", name, explicit, err)
		}
	}
	// Nor is it picked up from PATH.
	t.Setenv("SITEGEN_CHROME", "")
	t.Setenv("PATH", dir)
	if got, err := FindChrome(""); err == nil {
		t.Errorf("non-executable chromium on PATH: got %q", got)
	}
}

func TestFindChromePath(t *testing.T) {
	dir := t.TempDir()
	fake := writeFile(t, filepath.Join(dir, "google-chrome-stable"), 0o755)
	t.Setenv("SITEGEN_CHROME", "")
	t.Setenv("PATH", dir)
	if got, err := FindChrome(""); err != nil || got != fake {
		t.Errorf("FindChrome(\"\") = %q, %v; want %q", got, err, fake)
	}
	t.Setenv("PATH", t.TempDir())
	_, err := FindChrome("")
	if !errors.Is(err, ErrNoChrome) || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("empty PATH: err = %v, want the install hint", err)
	}
}

func TestLaunchOfflineExceptLoopback(t *testing.T) {
	chrome := requireChrome(t)
	marker := pdftest.MarkTempDir(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<title>local</title>"))
	}))
	defer srv.Close()

	ctx, cancelTimeout := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancelTimeout()
	tab, cancel, err := Launch(ctx, chrome)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	if len(pdftest.Leftovers(marker)) == 0 {
		t.Fatal("no browser process found by its TMPDIR: the leak checks would prove nothing")
	}

	for _, url := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		var title string
		if err := chromedp.Run(tab, chromedp.Navigate(url), chromedp.Title(&title)); err != nil || title != "local" {
			t.Errorf("loopback %s: title %q, err %v", url, title, err)
		}
	}
	// A host name and an IP literal: both must fail inside the browser
	// (no proxy reachable, name not resolved), whether or not this machine
	// has a network.
	for _, url := range []string{"http://example.com/", "http://1.1.1.1/", "https://93.184.215.14/"} {
		err := chromedp.Run(tab, chromedp.Navigate(url))
		if err == nil || !strings.Contains(err.Error(), "ERR_PROXY_CONNECTION_FAILED") && !strings.Contains(err.Error(), "ERR_NAME_NOT_RESOLVED") {
			t.Errorf("%s: err = %v, want it blocked", url, err)
		}
	}

	cancel()
	pdftest.CheckNoLeftovers(t, marker)
}

// Cancelling the context (Ctrl-C in the CLI) cleans up even if cancel is
// never called.
func TestLaunchContextCancelled(t *testing.T) {
	chrome := requireChrome(t)
	marker := pdftest.MarkTempDir(t)
	ctx, cancelCtx := context.WithCancel(context.Background())
	_, cancel, err := Launch(ctx, chrome)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	cancelCtx()

	deadline := time.Now().Add(10 * time.Second)
	for {
		left := pdftest.Leftovers(marker)
		files, _ := os.ReadDir(marker)
		if len(left) == 0 && len(files) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("10s after cancelling the context: processes %v, files %v", left, files)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
