package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSearchOfflineBrowser searches the bundled site as a reader would:
// online, under the service worker, and then again with the server gone.
// Offline, the search page answers the same query with the same results
// and the same snippets, read from what the worker kept: the index
// files whole, and the byte ranges of the page records it read.
func TestSearchOfflineBrowser(t *testing.T) {
	srv := browserOfflineServer(t)
	ctx := browserTab(t, 2*time.Minute)
	console := listenBrowserConsole(ctx)

	const page = "/search/?q=lambda+limits"
	const shown = `document.querySelectorAll(".sr-list .sr-item").length > 0`
	results := func() []string {
		t.Helper()
		var got []string
		browserEval(t, ctx, `[...document.querySelectorAll(".sr-list .sr-item")].map((a) =>
  a.querySelector(".sr-title").textContent + " | " + (a.querySelector(".sr-snippet")?.textContent || ""))`, &got)
		return got
	}
	browserRun(t, ctx, "open the search page", chromedp.Navigate(srv.URL+page))
	browserWait(t, ctx, 20*time.Second, "the service worker to control the page", `!!navigator.serviceWorker.controller`)
	// Loaded again under the worker, so that what search reads goes
	// through it.
	browserRun(t, ctx, "reload under the worker", chromedp.Reload())
	browserWait(t, ctx, 20*time.Second, "results online", shown)
	online := results()
	if len(online) == 0 || slices.ContainsFunc(online, func(r string) bool { return strings.HasSuffix(r, " | ") }) {
		t.Fatalf("online results without snippets: %q", online)
	}

	srv.CloseClientConnections()
	srv.Close()
	browserRun(t, ctx, "open the search page offline", chromedp.Navigate(srv.URL+page))
	browserWait(t, ctx, 20*time.Second, "results offline", shown)
	if offline := results(); !slices.Equal(offline, online) {
		t.Errorf("offline results differ:\n  %q\nonline:\n  %q", offline, online)
	}
	for _, p := range console.takeOnline() {
		t.Errorf("browser reported: %s", p)
	}
}
