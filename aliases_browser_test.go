package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserAliasRedirects: an old URL (front matter aliases: [/lambda/])
// takes a browser to the page on any static host, from the redirect page
// in the output, and under `sitegen serve`, which serves the same files.
func TestBrowserAliasRedirects(t *testing.T) {
	static, _ := browserBuildBundled(t)
	live, _ := browserServe(t, "--src", ".", "--port", "0")
	for name, base := range map[string]string{"static host": static, "sitegen serve": strings.TrimSuffix(live, "/")} {
		t.Run(name, func(t *testing.T) {
			resp, err := http.Get(base + "/lambda/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `http-equiv="refresh"`) {
				t.Fatalf("GET /lambda/: %s, no redirect page:\n%.300s", resp.Status, body)
			}
			ctx := browserTab(t, time.Minute)
			browserRun(t, ctx, "open the old URL", chromedp.Navigate(base+"/lambda/"))
			browserWait(t, ctx, 20*time.Second, "the redirect to the Lambda page",
				`location.pathname === "/services/lambda/" && document.readyState === "complete"`)
			var h1 string
			browserEval(t, ctx, `document.querySelector("h1").textContent`, &h1)
			if !strings.Contains(h1, "Lambda") {
				t.Errorf("ended on a page titled %q", h1)
			}
		})
	}
}
