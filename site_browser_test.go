package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The site-basics test (issue 2) reads the built bundled site in Chromium
// as a visitor would: styled pages, a sidebar that navigates, a theme
// toggle that sticks, no script errors, and the keyboard shortcut to search.

// siteOpen navigates to path and waits until its scripts have run.
func siteOpen(t *testing.T, ctx context.Context, base, path string) {
	t.Helper()
	browserRun(t, ctx, "open "+path, chromedp.Navigate(base+path))
	browserWait(t, ctx, 20*time.Second, path+" to load", browserLoaded)
}

// siteKeystroke presses and releases a printable key as a keyboard does:
// the text goes with the key-down, so a page that cancels the key-down
// also stops the character being typed. (chromedp.KeyEvent sends the
// character as a separate event that no page handler can cancel.)
func siteKeystroke(key, code string, keyCode int64) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyDown).WithKey(key).WithCode(code).
			WithText(key).WithUnmodifiedText(key).WithWindowsVirtualKeyCode(keyCode).WithNativeVirtualKeyCode(keyCode)
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey(key).WithCode(code).
			WithWindowsVirtualKeyCode(keyCode).WithNativeVirtualKeyCode(keyCode).Do(ctx)
	})
}

// siteWorkerReady sets window.__testWorkerReady once the page's service
// worker is active, or at once when the page registers none.
const siteWorkerReady = `(() => {
	window.__testWorkerReady = false;
	const on = document.querySelector('meta[name="sitegen-offline"]')?.content === "on";
	if (!on || !("serviceWorker" in navigator)) { window.__testWorkerReady = true; return; }
	navigator.serviceWorker.ready.then(() => { window.__testWorkerReady = true; });
})()`

// siteServices lists the slugs of the built service notes.
func siteServices(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(out, "services"))
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(out, "services", e.Name(), "index.html")); err == nil {
				slugs = append(slugs, e.Name())
			}
		}
	}
	if len(slugs) < 2 {
		t.Fatalf("the bundled site has %d service notes (%v); the test needs at least two", len(slugs), slugs)
	}
	return slugs
}

func TestBrowserSiteBasics(t *testing.T) {
	base, out := browserBuildBundled(t)
	services := siteServices(t, out)
	ctx := browserTab(t, 3*time.Minute)
	console := listenBrowserConsole(ctx)
	browserRun(t, ctx, "viewport", chromedp.EmulateViewport(1280, 900))

	t.Run("styled", func(t *testing.T) {
		siteOpen(t, ctx, base, "/")
		var st struct {
			Font     string `json:"font"`
			HeaderBg string `json:"headerBg"`
			Rules    int    `json:"rules"`
		}
		browserEval(t, ctx, `(() => {
			const header = document.querySelector("header.site-header, body > header");
			let rules = 0;
			for (const s of document.styleSheets) { try { rules += s.cssRules.length; } catch {} }
			return {
				font: getComputedStyle(document.body).fontFamily,
				headerBg: header ? getComputedStyle(header).backgroundColor : "",
				rules,
			};
		})()`, &st)
		if !strings.Contains(st.Font, "system-ui") || strings.HasPrefix(st.Font, `"Times New Roman"`) {
			t.Errorf("body font-family = %q; want the theme's system-ui stack, not the browser's default serif", st.Font)
		}
		if st.HeaderBg == "" || st.HeaderBg == "rgba(0, 0, 0, 0)" || st.HeaderBg == "transparent" {
			t.Errorf("the site header's background = %q; want the theme's colour", st.HeaderBg)
		}
		if st.Rules < 50 {
			t.Errorf("the page's stylesheets hold %d rules; want the theme's stylesheet loaded", st.Rules)
		}
	})

	t.Run("sidebar navigation", func(t *testing.T) {
		for i, slug := range services {
			path := "/services/" + slug + "/"
			siteOpen(t, ctx, base, path)
			var nav struct {
				Current string   `json:"current"`
				Links   []string `json:"links"`
			}
			browserEval(t, ctx, `({
				current: document.querySelector("#sidebar a[aria-current=page]")?.getAttribute("href") ?? "",
				links: [...document.querySelectorAll("#sidebar a[href]")].map((a) => new URL(a.href).pathname),
			})`, &nav)
			if !strings.HasSuffix(nav.Current, path) {
				t.Errorf("%s: the sidebar marks %q as the current page; want %s", path, nav.Current, path)
			}
			// The next service in order that the sidebar links to.
			target := ""
			for j := 1; j < len(services) && target == ""; j++ {
				p := "/services/" + services[(i+j)%len(services)] + "/"
				if slices.Contains(nav.Links, p) {
					target = p
				}
			}
			if target == "" {
				t.Errorf("%s: the sidebar links to no other service (links: %v)", path, nav.Links)
				continue
			}
			var title string
			browserEval(t, ctx, fmt.Sprintf(`[...document.querySelectorAll("#sidebar a[href]")].find((a) => new URL(a.href).pathname === %q).textContent.trim()`, target), &title)
			browserRun(t, ctx, "click the sidebar link to "+target,
				chromedp.Evaluate(fmt.Sprintf(`[...document.querySelectorAll("#sidebar a[href]")].find((a) => new URL(a.href).pathname === %q).setAttribute("data-test-target", "")`, target), nil))
			browserClick(t, ctx, "#sidebar a[data-test-target]")
			browserWait(t, ctx, 20*time.Second, fmt.Sprintf("%s → %s through the sidebar", path, target),
				fmt.Sprintf(`location.pathname === %q && %s && document.querySelector("main h1")?.textContent.trim() === %q`, target, browserLoaded, title))
		}
	})

	t.Run("theme toggle persists", func(t *testing.T) {
		siteOpen(t, ctx, base, "/services/lambda/")
		browserEval(t, ctx, `localStorage.removeItem("sitegen-theme")`, nil)
		siteOpen(t, ctx, base, "/services/lambda/")
		var light string
		browserEval(t, ctx, `getComputedStyle(document.body).backgroundColor`, &light)
		for _, want := range []string{"dark", "light"} {
			browserClick(t, ctx, "#theme-toggle")
			browserWait(t, ctx, 5*time.Second, "data-theme="+want, fmt.Sprintf(`document.documentElement.dataset.theme === %q`, want))
			var stored string
			browserEval(t, ctx, `localStorage.getItem("sitegen-theme") ?? ""`, &stored)
			if stored != want {
				t.Errorf("after toggling to %s, localStorage sitegen-theme = %q", want, stored)
			}
			browserRun(t, ctx, "reload", chromedp.Reload())
			browserWait(t, ctx, 20*time.Second, "the reload", browserLoaded)
			var st struct {
				Theme   string `json:"theme"`
				Pressed string `json:"pressed"`
				Bg      string `json:"bg"`
			}
			browserEval(t, ctx, `({
				theme: document.documentElement.dataset.theme ?? "",
				pressed: document.getElementById("theme-toggle").getAttribute("aria-pressed"),
				bg: getComputedStyle(document.body).backgroundColor,
			})`, &st)
			if st.Theme != want {
				t.Errorf("after a reload data-theme = %q; want %q kept", st.Theme, want)
			}
			if wantPressed := fmt.Sprint(want == "dark"); st.Pressed != wantPressed {
				t.Errorf("in the %s theme the toggle has aria-pressed=%q; want %q", want, st.Pressed, wantPressed)
			}
			if (want == "dark") == (st.Bg == light) {
				t.Errorf("in the %s theme the body background is %s (light theme: %s)", want, st.Bg, light)
			}
		}
	})

	t.Run("no script errors", func(t *testing.T) {
		for _, path := range []string{"/", "/services/lambda/", "/compare/lambda-vs-batch/", "/compare/matrix/", "/search/?q=lambda"} {
			console.take()
			siteOpen(t, ctx, base, path)
			// A page that offers offline reading registers its service
			// worker after loading; a failure would be reported meanwhile.
			browserEval(t, ctx, siteWorkerReady, nil)
			browserWait(t, ctx, 20*time.Second, "the service worker (if any) to be ready", `window.__testWorkerReady === true`)
			if p := console.take(); len(p) > 0 {
				t.Errorf("%s: the browser reported:\n  %s", path, strings.Join(p, "\n  "))
			}
		}
	})

	t.Run("slash focuses search", func(t *testing.T) {
		siteOpen(t, ctx, base, "/services/lambda/")
		console.take()
		browserEval(t, ctx, `document.activeElement?.blur(); document.activeElement === document.body`, new(bool))
		browserRun(t, ctx, "press /", siteKeystroke("/", "Slash", 191))
		browserWait(t, ctx, 5*time.Second, "#search-input to have the focus", `document.activeElement?.id === "search-input"`)
		var value string
		browserEval(t, ctx, `document.getElementById("search-input").value`, &value)
		if value != "" {
			t.Errorf("after pressing / the search box holds %q; want the key to only focus it", value)
		}
		// Focusing loads the search module; it must load cleanly.
		browserWait(t, ctx, 10*time.Second, "the search module to load",
			`performance.getEntriesByType("resource").some((e) => /\/search\.[^/]*\.js$/.test(new URL(e.name).pathname) && e.responseEnd > 0)`)
		browserRun(t, ctx, "press Escape", chromedp.KeyEvent(kb.Escape))
		browserWait(t, ctx, 5*time.Second, "Escape to leave the search box", `document.activeElement?.id !== "search-input"`)
		if p := console.take(); len(p) > 0 {
			t.Errorf("while focusing search the browser reported:\n  %s", strings.Join(p, "\n  "))
		}
	})
}
