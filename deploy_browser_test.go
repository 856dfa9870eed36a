package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"sitegen/internal/browsertest"
)

// TestDeployInBrowser serves the built site with netlify.toml's headers
// and checks that no page breaks the Content-Security-Policy, and that the
// service worker keeps a visited note readable with the server gone.
func TestDeployInBrowser(t *testing.T) {
	conf := loadNetlify(t)
	files := buildBundled(t)
	dir := t.TempDir()
	for name, data := range files {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(conf.Handler(dir))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(browsertest.New(t), 90*time.Second)
	defer cancel()
	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.LevelError || strings.Contains(e.Entry.Text, "Content Security Policy") {
				msg = e.Entry.Text + " " + e.Entry.URL
			}
		case *cdpruntime.EventConsoleAPICalled:
			if e.Type == cdpruntime.APITypeError || e.Type == cdpruntime.APITypeWarning {
				for _, a := range e.Args {
					msg += " " + strings.Trim(string(a.Value), `"`) + a.Description
				}
			}
		case *cdpruntime.EventExceptionThrown:
			msg = e.ExceptionDetails.Error()
		}
		if msg != "" {
			mu.Lock()
			problems = append(problems, msg)
			mu.Unlock()
		}
	})
	violations := func(where string) {
		t.Helper()
		var n int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.__csp.length`, &n)); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if n > 0 {
			var v []string
			_ = chromedp.Run(ctx, chromedp.Evaluate(`window.__csp`, &v))
			t.Errorf("%s: CSP violations: %v", where, v)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("%s: console: %s", where, p)
		}
		problems = nil
	}
	hook := chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__csp = []; document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`).Do(ctx)
		return err
	})
	if err := chromedp.Run(ctx, cdplog.Enable(), hook); err != nil {
		t.Fatal(err)
	}

	for _, p := range []string{"/", "/services/lambda/", "/compare/lambda-vs-batch/", "/cheatsheet/"} {
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady("main h1", chromedp.ByQuery), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		violations(p)
	}
	// The search page loads the search module, its stylesheet and the index.
	var hits int
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/search/?q=lambda"),
		chromedp.WaitReady("#search-input", chromedp.ByID),
		chromedp.Focus("#search-input", chromedp.ByID),
		chromedp.SendKeys("#search-input", "fargate", chromedp.ByID),
		chromedp.Poll(`document.querySelectorAll("#search-page-results a").length`, &hits, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Sleep(500*time.Millisecond),
	)
	if err != nil || hits == 0 {
		t.Fatalf("search page: %v (%d results)", err, hits)
	}
	violations("/search/")

	// Offline reading: the worker controls the page after a reload, and a
	// visited note opens with the server stopped.
	var controlled bool
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/services/lambda/"),
		chromedp.Poll(`navigator.serviceWorker.getRegistrations().then((r) => { window.__sw = r.length > 0 && !!r[0].active }), window.__sw === true`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Reload(),
		chromedp.WaitReady("main h1", chromedp.ByQuery),
		chromedp.Evaluate(`!!navigator.serviceWorker.controller`, &controlled),
	)
	if err != nil || !controlled {
		t.Fatalf("service worker: %v (controlling the page: %v)", err, controlled)
	}
	srv.CloseClientConnections()
	srv.Close()
	var h1 string
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/services/lambda/"),
		chromedp.Text("main h1", &h1, chromedp.ByQuery),
	)
	if err != nil || !strings.Contains(h1, "Lambda") {
		t.Errorf("offline: the visited note did not open (%v, h1 %q)", err, h1)
	}
}
