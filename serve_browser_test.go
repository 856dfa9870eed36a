package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The live-preview tests (issue 5) run `sitegen serve` on a small site in a
// temporary folder, open a note in Chromium and edit the sources on disk,
// as an author with an editor beside the browser would.

// liveWait bounds each wait for the server to notice an edit, rebuild and
// tell the page: generous, for a loaded two-core machine.
const liveWait = 30 * time.Second

// liveHook runs before every document of the tab: it marks the page once
// its live-reload connection is open, so an edit is never made before the
// page can hear about it.
const liveHook = `(() => {
  const ES = window.EventSource;
  window.EventSource = class extends ES {
    constructor(url, opts) {
      super(url, opts);
      if (String(url).includes("/_sitegen/events")) {
        this.addEventListener("open", () => { window.__sitegenLive = true; });
      }
    }
  };
})();`

// writeLiveSite writes the small site the live-preview tests edit.
func writeLiveSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"sitegen.toml":               "title = \"Live Preview Test\"\nbase_url = \"/\"\n",
		"content/_index.md":          "---\ntitle: Home\n---\nWelcome to the test notes.\n",
		"content/services/_index.md": "---\ntitle: Services\nsummary: Two services.\n---\nThe services.\n",
		"content/services/a.md":      liveNoteA("original alpha text"),
		"content/services/b.md":      liveNoteB("original beta text"),
	}
	for name, body := range files {
		writeLiveFile(t, dir, name, body)
	}
	return dir
}

// liveNoteA is a note long enough to scroll, with marker in its first
// paragraph.
func liveNoteA(marker string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Alpha\nsummary: The first test service.\nweight: 1\n---\n\n")
	fmt.Fprintf(&b, "The first paragraph holds the %s.\n\n", marker)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "Filler paragraph %d makes the page long enough to scroll, so the test can check that a reload keeps the reader where they were.\n\n", i)
		if i == 20 {
			b.WriteString("## Section\n\nThe middle of the note.\n\n")
		}
	}
	return b.String()
}

func liveNoteB(marker string) string {
	return "---\ntitle: Beta\nsummary: The second test service.\nweight: 2\n---\n\n" +
		"Beta holds the " + marker + ". It builds on [[a]].\n"
}

func writeLiveFile(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// openLive opens path of the served site in a new tab with liveHook
// installed and waits until the page listens for live-reload events.
func openLive(t *testing.T, base, path string) context.Context {
	t.Helper()
	ctx := browserTab(t, 4*time.Minute)
	browserRun(t, ctx, "open "+path,
		chromedp.EmulateViewport(1280, 800),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(liveHook).Do(ctx)
			return err
		}),
		chromedp.Navigate(base+strings.TrimPrefix(path, "/")),
	)
	waitLive(t, ctx)
	return ctx
}

// waitLive waits for the page to load and connect to the event stream.
func waitLive(t *testing.T, ctx context.Context) {
	t.Helper()
	browserWait(t, ctx, liveWait, "the page to load and connect for live reload",
		browserLoaded+` && window.__sitegenLive === true`)
}

// mainHas is a JavaScript test for text in the page's main content.
func mainHas(text string) string {
	return fmt.Sprintf(`(document.querySelector("main")?.textContent ?? "").includes(%q)`, text)
}

func TestBrowserLivePreview(t *testing.T) {
	dir := writeLiveSite(t)
	base, out := browserServe(t, "--src", dir, "--port", "0")
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("sitegen serve output:\n%s", out)
		}
	})
	ctx := openLive(t, base, "/services/a/")
	browserWait(t, ctx, liveWait, "the note", mainHas("original alpha text"))

	// An edit to the body reloads the page by itself, where the reader was.
	const y = 900
	browserEval(t, ctx, fmt.Sprintf(`window.__marker = 1; window.scrollTo({top: %d, behavior: "instant"}); window.scrollY`, y), new(float64))
	browserWait(t, ctx, 5*time.Second, "the scroll", fmt.Sprintf(`Math.abs(window.scrollY - %d) < 2`, y))
	writeLiveFile(t, dir, "content/services/a.md", liveNoteA("edited alpha text"))
	browserWait(t, ctx, liveWait, "the edited text without a manual reload", mainHas("edited alpha text"))
	var marker any
	browserEval(t, ctx, `window.__marker ?? null`, &marker)
	if marker != nil {
		t.Errorf("window.__marker = %v after a content edit; want the page reloaded (marker gone)", marker)
	}
	var path string
	browserEval(t, ctx, `location.pathname`, &path)
	if path != "/services/a/" {
		t.Errorf("after the edit the browser is at %s; want /services/a/", path)
	}
	browserWait(t, ctx, 10*time.Second, fmt.Sprintf("the scroll position (%d) to be kept across the reload", y),
		fmt.Sprintf(`Math.abs(window.scrollY - %d) < 2`, y))
	waitLive(t, ctx)

	// Broken front matter: the last good page stays, with the error over it.
	browserEval(t, ctx, `window.__marker = 2`, new(float64))
	writeLiveFile(t, dir, "content/services/a.md", "---\ntitle: [\n---\nbroken alpha text\n")
	browserWait(t, ctx, liveWait, "the error overlay", `document.querySelector("#sitegen-overlay .sitegen-problem") !== null`)
	var overlay struct {
		Places []string `json:"places"`
		Text   string   `json:"text"`
		Marker any      `json:"marker"`
	}
	browserEval(t, ctx, `({
		places: [...document.querySelectorAll("#sitegen-overlay .sitegen-place")].map((e) => e.textContent),
		text: document.getElementById("sitegen-overlay").textContent,
		marker: window.__marker ?? null,
	})`, &overlay)
	t.Logf("overlay: %s", overlay.Text)
	if len(overlay.Places) == 0 || !strings.Contains(overlay.Places[0], "content/services/a.md:") ||
		!isLineNumber(strings.TrimPrefix(overlay.Places[0], "content/services/a.md:")) {
		t.Errorf("overlay places = %q; want content/services/a.md:LINE", overlay.Places)
	}
	if overlay.Marker != float64(2) {
		t.Errorf("window.__marker = %v with the overlay shown; want 2 (the error is shown over the page, without a reload)", overlay.Marker)
	}

	// Fixed: the overlay goes and the page shows the fixed text.
	writeLiveFile(t, dir, "content/services/a.md", liveNoteA("fixed alpha text"))
	browserWait(t, ctx, liveWait, "the fixed text", mainHas("fixed alpha text"))
	browserWait(t, ctx, liveWait, "the overlay to go", browserLoaded+` && document.getElementById("sitegen-overlay") === null`)
	waitLive(t, ctx)

	// A stylesheet edit applies in place: no navigation, no reload.
	css, err := os.ReadFile(filepath.Join("themes", "default", "assets", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	browserEval(t, ctx, `window.__marker = 3`, new(float64))
	var before string
	browserEval(t, ctx, `getComputedStyle(document.body).outlineColor`, &before)
	if before == "rgb(1, 2, 3)" {
		t.Fatalf("the body outline is already rgb(1, 2, 3) before the edit")
	}
	writeLiveFile(t, dir, "themes/default/assets/style.css", string(css)+"\nbody{outline:7px solid rgb(1, 2, 3)}\n")
	browserWait(t, ctx, liveWait, "the edited stylesheet to apply",
		`getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)" && getComputedStyle(document.body).outlineWidth === "7px"`)
	browserEval(t, ctx, `window.__marker ?? null`, &marker)
	if marker != float64(3) {
		t.Errorf("window.__marker = %v after a stylesheet edit; want 3 (styles swapped without a reload)", marker)
	}
	browserEval(t, ctx, `location.pathname`, &path)
	if path != "/services/a/" {
		t.Errorf("after the stylesheet edit the browser is at %s; want /services/a/", path)
	}
	if !strings.Contains(out.String(), "serving at") {
		t.Errorf("serve output lacks the URL line:\n%s", out)
	}
}

func TestBrowserLivePreviewNavigate(t *testing.T) {
	dir := writeLiveSite(t)
	base, out := browserServe(t, "--src", dir, "--port", "0", "--navigate")
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("sitegen serve output:\n%s", out)
		}
	})
	ctx := openLive(t, base, "/services/a/")
	browserWait(t, ctx, liveWait, "note a", mainHas("original alpha text"))

	writeLiveFile(t, dir, "content/services/b.md", liveNoteB("edited beta text"))
	browserWait(t, ctx, liveWait, "the browser to go to the edited note b",
		`location.pathname === "/services/b/" && `+mainHas("edited beta text"))
}

// isLineNumber reports whether s is a positive decimal line number.
func isLineNumber(s string) bool {
	if s == "" || s == "0" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
