// Package browsertest gives browser tests in other packages a headless
// Chromium tab to drive with chromedp.
//
// It is test support only: nothing outside _test.go files should import
// it. It does not import chromedp itself (generator/pdf is the only
// package that does); the tab it returns is a chromedp context, which the
// tests drive with chromedp. It finds and launches the browser the
// same way `sitegen pdf` does, through pdf.FindChrome and pdf.Launch, so
// the browser is offline except for loopback: serve pages under test with
// httptest on 127.0.0.1.
package browsertest

import (
	"context"
	"errors"
	"os"
	"testing"

	"sitegen/generator/pdf"
)

// New returns the context of a fresh headless Chromium tab for t; the
// browser is killed and its profile removed when t finishes. Without a
// Chromium it skips t, unless SITEGEN_REQUIRE_BROWSER=1 (set by CI), in
// which case it fails t. Add a timeout to the returned context for
// actions that could hang.
func New(t testing.TB) context.Context {
	t.Helper()
	chrome, err := pdf.FindChrome("")
	if errors.Is(err, pdf.ErrNoChrome) && os.Getenv("SITEGEN_REQUIRE_BROWSER") != "1" {
		t.Skipf("skipping browser test: %v", err)
	}
	if err != nil {
		t.Fatalf("browser test (SITEGEN_REQUIRE_BROWSER=1): %v", err)
	}
	tab, cancel, err := pdf.Launch(context.Background(), chrome)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return tab
}
