package main

// Issue 15, on screen: tables and diagrams readable at a laptop's and a
// phone's width in both themes, the full-size diagram view, the drawer's
// focus trap and axe-core's accessibility rules.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// readableViewports are the two screens issue 15 was measured on.
var readableViewports = []struct {
	name          string
	width, height int64
	phone         bool
}{
	{"1366", 1366, 900, false},
	{"390", 390, 844, true},
}

// readableServe builds the bundled site and serves it like a static host
// that answers a missing page with 404.html.
func readableServe(t *testing.T) (string, string) {
	t.Helper()
	_, out := browserBuildBundled(t)
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(out, filepath.FromSlash(r.URL.Path))
		if st, err := os.Stat(p); err != nil || (st.IsDir() && !exists(filepath.Join(p, "index.html"))) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(out, "404.html"))
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, out
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// readableComparisons lists the bundled comparison pages, matrix included.
func readableComparisons(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(out, "compare"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, e := range entries {
		if e.IsDir() {
			pages = append(pages, "/compare/"+e.Name()+"/")
		}
	}
	if len(pages) < 2 {
		t.Fatalf("the bundled site has %d comparisons; want several", len(pages))
	}
	return pages
}

// readableOpen loads path at the viewport in a theme and waits for the
// scripts.
func readableOpen(t *testing.T, ctx context.Context, base, path string, vp int, dark bool) {
	t.Helper()
	v := readableViewports[vp]
	opts := []chromedp.EmulateViewportOption{}
	if v.phone {
		opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	theme := "light"
	if dark {
		theme = "dark"
	}
	browserRun(t, ctx, "open "+path,
		chromedp.EmulateViewport(v.width, v.height, opts...),
		chromedp.Navigate(base+"/"),
		chromedp.Evaluate(`localStorage.setItem("sitegen-theme", "`+theme+`")`, nil),
		chromedp.Navigate(base+path),
	)
	browserWait(t, ctx, 20*time.Second, path+" to load", browserLoaded+fmt.Sprintf(` && innerWidth === %d && document.documentElement.dataset.theme === %q`, v.width, theme))
}

// readableCheck measures, on the page shown: the page's own width, each
// table and diagram against its column, each comparison row's last cell
// after scrolling the page to it, and the smallest diagram label.
const readableCheck = `(() => {
	const problems = [];
	const main = document.querySelector("main").getBoundingClientRect();
	if (document.documentElement.scrollWidth > innerWidth + 1)
		problems.push("the page is " + document.documentElement.scrollWidth + " px wide at " + innerWidth);
	for (const el of document.querySelectorAll("main .compare-frame, main figure.diagram")) {
		const r = el.getBoundingClientRect();
		if (r.width && (r.left < main.left - 1 || r.right > main.right + 1))
			problems.push(el.className + " spans " + Math.round(r.left) + "–" + Math.round(r.right) + ", outside its column " + Math.round(main.left) + "–" + Math.round(main.right));
	}
	for (const f of document.querySelectorAll("main figure.diagram")) {
		for (const svg of f.querySelectorAll(":scope > div > svg")) {
			if (!svg.getBoundingClientRect().width) continue;
			const box = f.getBoundingClientRect(), r = svg.getBoundingClientRect();
			if (r.right > box.right + 1 && f.scrollWidth <= f.clientWidth + 1) problems.push("a diagram is cut off at its frame's right edge");
		}
	}
	let minLabel = Infinity;
	for (const text of document.querySelectorAll("main figure.diagram > div > svg text")) {
		const svg = text.ownerSVGElement;
		if (!text.textContent.trim() || !text.getBoundingClientRect().width) continue;
		const px = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
		minLabel = Math.min(minLabel, px);
	}
	const isComparison = !!document.querySelector("main .compare") && !document.querySelector(".compare-pick");
	let rows = 0;
	if (isComparison) {
		for (const tr of document.querySelectorAll("main .compare tbody tr:not(.group)")) {
			const last = tr.cells[tr.cells.length - 1];
			window.scrollTo({ top: last.getBoundingClientRect().top + scrollY - innerHeight / 2, behavior: "instant" });
			const r = last.getBoundingClientRect(), box = last.closest(".compare-scroll").getBoundingClientRect();
			rows++;
			if (r.right > Math.min(innerWidth, box.right) + 1 || r.left < Math.max(0, box.left) - 1 || r.bottom < 0 || r.top > innerHeight)
				problems.push("row " + tr.cells[0].textContent.trim() + ": its last cell (" + Math.round(r.left) + "–" + Math.round(r.right) + ") is not in view after scrolling the page");
		}
		window.scrollTo(0, 0);
	}
	return { problems, minLabel: minLabel === Infinity ? 0 : minLabel, rows };
})()`

type readableResult struct {
	Problems []string `json:"problems"`
	MinLabel float64  `json:"minLabel"`
	Rows     int      `json:"rows"`
}

// TestBrowserReadableTablesAndDiagrams: at 1366×900 and 390×844, light
// and dark, no table or diagram leaves its column or is cut off, every
// comparison row's last cell is in view once the page is scrolled to it
// (no sideways scrolling), two-service comparisons stack on a phone, and
// at 1366 px no diagram label is smaller than 12 px.
func TestBrowserReadableTablesAndDiagrams(t *testing.T) {
	base, out := readableServe(t)
	pages := append([]string{"/", "/services/lambda/", "/services/ecs/", "/services/batch/", "/services/api-gateway/"}, readableComparisons(t, out)...)
	ctx := browserTab(t, 4*time.Minute)
	for vp, v := range readableViewports {
		for _, dark := range []bool{false, true} {
			for _, path := range pages {
				readableOpen(t, ctx, base, path, vp, dark)
				var res readableResult
				browserEval(t, ctx, readableCheck, &res)
				where := fmt.Sprintf("%s at %s (dark %v)", path, v.name, dark)
				for _, p := range res.Problems {
					t.Errorf("%s: %s", where, p)
				}
				if res.MinLabel > 0 {
					t.Logf("%s: smallest diagram label %.1f px", where, res.MinLabel)
				}
				if !v.phone && res.MinLabel > 0 && res.MinLabel < 12 {
					t.Errorf("%s: the smallest diagram label is %.1f px; want at least 12", where, res.MinLabel)
				}
				if strings.HasPrefix(path, "/compare/") && path != "/compare/" && !strings.Contains(path, "matrix") && res.Rows == 0 {
					t.Errorf("%s: no comparison rows measured", where)
				}
			}
		}
	}
	// Two services on a phone: stacked, nothing scrolls sideways.
	readableOpen(t, ctx, base, "/compare/ecs-vs-fargate/", 1, false)
	var stacked struct {
		Display string  `json:"display"`
		Scroll  float64 `json:"scroll"`
		Client  float64 `json:"client"`
	}
	browserEval(t, ctx, `(() => { const b = document.querySelector(".compare-scroll"); return { display: getComputedStyle(b.querySelector("td")).display, scroll: b.scrollWidth, client: b.clientWidth }; })()`, &stacked)
	if stacked.Display != "block" || stacked.Scroll > stacked.Client+1 {
		t.Errorf("ECS vs Fargate at 390 px: cells display %q, box %v px with %v px of content; want stacked cells and no sideways scroll", stacked.Display, stacked.Client, stacked.Scroll)
	}
}

// TestBrowserDiagramFullSizeByKeyboard opens a diagram's full-size view
// with the keyboard, zooms it with + and closes it with Escape, focus
// returning to the button that opened it.
func TestBrowserDiagramFullSizeByKeyboard(t *testing.T) {
	base, _ := readableServe(t)
	ctx := browserTab(t, time.Minute)
	readableOpen(t, ctx, base, "/services/lambda/", 0, false)
	browserEval(t, ctx, `document.querySelector("main figure.diagram .diagram-zoom-btn").focus(); document.activeElement.className`, new(string))
	browserRun(t, ctx, "Enter", chromedp.KeyEvent("\r"))
	browserWait(t, ctx, 5*time.Second, "the full-size view to open",
		`document.querySelector("dialog.diagram-view")?.open && document.activeElement.classList.contains("diagram-view-stage")`)
	var before, after float64
	browserEval(t, ctx, `document.querySelector(".diagram-view-stage svg").getBoundingClientRect().width`, &before)
	browserRun(t, ctx, "+", chromedp.KeyEvent("+"))
	browserEval(t, ctx, `document.querySelector(".diagram-view-stage svg").getBoundingClientRect().width`, &after)
	if after <= before {
		t.Errorf("after + the diagram is %v px wide (was %v); want it larger", after, before)
	}
	var href, linked string
	browserEval(t, ctx, `document.querySelector(".diagram-view-file").href`, &href)
	browserEval(t, ctx, `document.querySelector("main figure.diagram .diagram-file.diagram-light").href`, &linked)
	if !strings.HasPrefix(href, base+"/diagrams/") || !strings.HasSuffix(href, ".svg") || href != linked {
		t.Errorf("the view's SVG file link is %q; want the figure's own link %q, a file under /diagrams/", href, linked)
	}
	browserRun(t, ctx, "Escape", chromedp.KeyEvent(kbEscape))
	browserWait(t, ctx, 5*time.Second, "the view to close and focus to return",
		`!document.querySelector("dialog.diagram-view").open && document.activeElement.classList.contains("diagram-zoom-btn")`)
}

const kbEscape = "\u001b"

// TestBrowserDiagramFileLink: with JavaScript off, every diagram still
// opens full size: the figure's "Open full size" link (a plain link, in
// the tab order, named after the diagram) opens its standalone SVG file,
// the theme's own rendering, a document with its title and no script.
func TestBrowserDiagramFileLink(t *testing.T) {
	base, _ := readableServe(t)
	ctx := browserTab(t, time.Minute)
	browserRun(t, ctx, "JavaScript off", emulation.SetScriptExecutionDisabled(true))
	for _, dark := range []bool{false, true} {
		theme := map[bool]string{false: "light", true: "dark"}[dark]
		browserRun(t, ctx, "colour scheme", emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}))
		browserRun(t, ctx, "open Lambda", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(base+"/services/lambda/"))
		var link struct {
			Href, Name, Theme string
			Shown, Other      int
		}
		browserEval(t, ctx, `(() => {
			const shown = [...document.querySelectorAll("main figure.diagram .diagram-file")].filter((a) => a.getBoundingClientRect().width > 0);
			const a = shown[0];
			return { href: a.href, name: a.textContent, theme: a.classList.contains("diagram-dark") ? "dark" : "light",
				shown: shown.length, other: document.querySelectorAll("main figure.diagram").length };
		})()`, &link)
		if link.Shown != link.Other || link.Theme != theme || link.Name != "Open full size: AWS Lambda and its neighbours, SVG file" {
			t.Errorf("%s: %d of %d figures show a link; the first is %q for the %s rendering", theme, link.Shown, link.Other, link.Name, link.Theme)
		}
		browserRun(t, ctx, "open the file", chromedp.Navigate(link.Href))
		var file struct {
			Root, Title string
			Scripts     int
			Width       float64
		}
		browserEval(t, ctx, `({ root: document.documentElement.localName, title: document.title,
			scripts: document.querySelectorAll("script").length, width: document.documentElement.getBoundingClientRect().width })`, &file)
		if file.Root != "svg" || file.Title != "AWS Lambda and its neighbours" || file.Scripts != 0 || file.Width < 100 {
			t.Errorf("%s file %s: root <%s>, title %q, %d scripts, %v px wide; want a standalone SVG document", theme, link.Href, file.Root, file.Title, file.Scripts, file.Width)
		}
		browserScreenshot(t, ctx, "diagram-file-"+theme+".png")
	}
}

// TestBrowserServiceMapFits: at 1366×900 the home page's service map
// fits its column (no sideways scrolling in its frame) and no label of it
// renders under 12 px, light and dark.
func TestBrowserServiceMapFits(t *testing.T) {
	base, _ := readableServe(t)
	ctx := browserTab(t, time.Minute)
	for _, dark := range []bool{false, true} {
		readableOpen(t, ctx, base, "/", 0, dark)
		var m struct {
			Figure, Column, Scroll, Client, Natural, MinLabel float64
			Labels                                            int
		}
		browserEval(t, ctx, `(() => {
			const f = [...document.querySelectorAll("main figure.diagram")].find((f) => f.querySelector("figcaption")?.textContent === "Service map");
			const svg = [...f.querySelectorAll(":scope > div > svg")].find((s) => s.getBoundingClientRect().width > 0);
			let min = Infinity, labels = 0;
			for (const text of svg.querySelectorAll("text")) {
				if (!text.textContent.trim() || !text.getBoundingClientRect().width) continue;
				labels++;
				min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
			}
			return { figure: f.getBoundingClientRect().width, column: f.parentElement.getBoundingClientRect().width,
				scroll: f.scrollWidth, client: f.clientWidth, natural: svg.viewBox.baseVal.width, minLabel: min, labels };
		})()`, &m)
		t.Logf("dark %v: map %v px natural, figure %v px in a %v px column, %d labels, smallest %.1f px", dark, m.Natural, m.Figure, m.Column, m.Labels, m.MinLabel)
		if m.Figure > m.Column+1 || m.Scroll > m.Client+1 {
			t.Errorf("dark %v: the service map's figure is %v px wide in a %v px column and scrolls %v px in %v; want it to fit", dark, m.Figure, m.Column, m.Scroll, m.Client)
		}
		if m.Labels < 10 || m.MinLabel < 12 {
			t.Errorf("dark %v: %d labels, the smallest %.1f px; want every label at least 12 px", dark, m.Labels, m.MinLabel)
		}
		browserEval(t, ctx, `window.scrollTo({ top: document.querySelector("main figure.diagram").getBoundingClientRect().top + scrollY - 70, behavior: "instant" }); scrollY`, new(float64))
		browserScreenshot(t, ctx, map[bool]string{false: "home-map-light.png", true: "home-map-dark.png"}[dark])
	}
}

// TestBrowserDrawerFocusTrap: with the phone drawer open, Tab and
// Shift+Tab stay among the menu button and the drawer's links; Escape
// closes it and gives focus back to the menu button.
func TestBrowserDrawerFocusTrap(t *testing.T) {
	base, _ := readableServe(t)
	ctx := browserTab(t, time.Minute)
	readableOpen(t, ctx, base, "/services/lambda/", 1, false)
	browserClick(t, ctx, "#menu-toggle")
	browserWait(t, ctx, 5*time.Second, "the drawer to open", `document.documentElement.classList.contains("nav-open") && !!document.activeElement.closest("#sidebar")`)
	var links int
	browserEval(t, ctx, `document.querySelectorAll("#sidebar a").length`, &links)
	inside := `!!(document.activeElement.closest("#sidebar") || document.activeElement.id === "menu-toggle")`
	for i := 0; i < links+3; i++ {
		browserRun(t, ctx, "Tab", chromedp.KeyEvent("\t"))
		var ok bool
		browserEval(t, ctx, inside, &ok)
		if !ok {
			var at string
			browserEval(t, ctx, `document.activeElement.outerHTML.slice(0, 80)`, &at)
			t.Fatalf("after %d Tabs focus left the drawer: %s", i+1, at)
		}
	}
	browserRun(t, ctx, "Shift+Tab", chromedp.KeyEvent("\t", chromedp.KeyModifiers(input.ModifierShift)))
	var ok bool
	browserEval(t, ctx, inside, &ok)
	if !ok {
		t.Error("Shift+Tab left the drawer")
	}
	browserRun(t, ctx, "Escape", chromedp.KeyEvent(kbEscape))
	browserWait(t, ctx, 5*time.Second, "the drawer to close", `!document.documentElement.classList.contains("nav-open") && document.activeElement.id === "menu-toggle"`)
}

// TestBrowserNotFoundSuggests: a mistyped address shows the closest
// pages and a search box holding its words.
func TestBrowserNotFoundSuggests(t *testing.T) {
	base, _ := readableServe(t)
	ctx := browserTab(t, time.Minute)
	readableOpen(t, ctx, base, "/services/lamda/", 0, false)
	var first, q string
	browserEval(t, ctx, `document.querySelector(".not-found-list a")?.getAttribute("href") ?? ""`, &first)
	browserEval(t, ctx, `document.querySelector("#not-found-q").value`, &q)
	if first != "/services/lambda/" {
		t.Errorf("the first suggestion for /services/lamda/ is %q; want /services/lambda/", first)
	}
	if q != "services lamda" {
		t.Errorf("the search box holds %q; want the address's words", q)
	}
}

// TestBrowserAxe runs axe-core on every kind of page, light and dark,
// and wants no violation. axe-core is not in the repository: .ci/run
// installs it and sets SITEGEN_AXE to its axe.min.js.
func TestBrowserAxe(t *testing.T) {
	t.Parallel() // the two longest browser tests overlap their page loads
	axePath := os.Getenv("SITEGEN_AXE")
	axe, err := os.ReadFile(axePath)
	if err != nil || axePath == "" {
		if os.Getenv("SITEGEN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("axe-core: SITEGEN_AXE=%q: %v (.ci/run installs it)", axePath, err)
		}
		t.Skipf("skipping: set SITEGEN_AXE to axe-core's axe.min.js (%v)", err)
	}
	base, out := readableServe(t)
	pages := append([]string{"/", "/services/", "/services/lambda/", "/search/?q=lambda", "/cheatsheet/",
		"/tags/", "/tags/docker/", "/study/", "/study/guide/", "/study/quiz/", "/no/such/page/"}, readableComparisons(t, out)...)
	ctx := browserTab(t, 5*time.Minute)
	total := 0
	for _, dark := range []bool{false, true} {
		for _, path := range pages {
			readableOpen(t, ctx, base, path, 0, dark)
			if strings.HasPrefix(path, "/search/") {
				browserWait(t, ctx, 20*time.Second, "search results", `document.querySelectorAll("#search-page-results a").length > 0`)
			}
			var res []struct {
				ID    string   `json:"id"`
				Nodes []string `json:"nodes"`
				Help  string   `json:"help"`
			}
			err := chromedp.Run(ctx, chromedp.Evaluate(string(axe)+`;
				axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({
					id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + (n.failureSummary || "").split("\n").slice(1, 2).join("")),
				})))`, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
			if err != nil {
				t.Fatalf("axe on %s: %v", path, err)
			}
			for _, v := range res {
				total++
				t.Errorf("%s (dark %v): %s: %s\n  %s", path, dark, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
			}
		}
	}
	t.Logf("axe-core violations on %d pages, light and dark: %d", len(pages), total)
}

// TestBrowserMatrixPicker: ?services= picks the matrix's columns, and
// ticking a box writes the choice back into the address.
func TestBrowserMatrixPicker(t *testing.T) {
	base, _ := readableServe(t)
	ctx := browserTab(t, time.Minute)
	readableOpen(t, ctx, base, "/compare/matrix/?services=lambda,batch", 0, false)
	shown := `[...document.querySelectorAll(".compare thead th[data-col]")].filter((th) => !th.hidden).map((th) => th.dataset.col).join(",")`
	var cols string
	browserEval(t, ctx, shown, &cols)
	if cols != "batch,lambda" {
		t.Errorf("with ?services=lambda,batch the columns shown are %q; want batch,lambda", cols)
	}
	matrixCountAgrees(t, ctx, "?services=lambda,batch")
	browserClick(t, ctx, `.compare-pick input[value="ecs"]`)
	browserWait(t, ctx, 5*time.Second, "the address to name ecs too", `new URLSearchParams(location.search).get("services") === "batch,ecs,lambda"`)
	browserEval(t, ctx, shown, &cols)
	if cols != "batch,ecs,lambda" {
		t.Errorf("after ticking ECS the columns shown are %q", cols)
	}
}

// matrixCountAgrees checks the picker's recount against the rows shown:
// "N of M facts differ" counts the visible rows and those whose stated
// values differ, "· K not stated by every service" the visible rows with a
// silent service, and a fact no shown service states is hidden.
func matrixCountAgrees(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	var got struct {
		Count, Unstated string
		Rows            []struct {
			Hidden bool
			Cells  []string // "" for a service that does not state the fact
		}
	}
	browserEval(t, ctx, `(() => {
		const c = document.querySelector(".compare");
		const u = c.querySelector(".compare-unstated");
		return {
			Count: c.querySelector(".compare-count").textContent,
			Unstated: u && !u.hidden ? u.textContent : "",
			Rows: [...c.querySelectorAll("tbody tr:not(.group)")].map((tr) => ({
				Hidden: tr.hidden || tr.closest("tbody").hidden,
				Cells: [...tr.querySelectorAll("td:not([hidden])")].map((td) => td.classList.contains("unstated") ? "" : td.textContent.trim()),
			})),
		};
	})()`, &got)
	rows, differ, partial := 0, 0, 0
	for i, r := range got.Rows {
		stated := map[string]bool{}
		for _, c := range r.Cells {
			if c != "" {
				stated[c] = true
			}
		}
		if r.Hidden != (len(stated) == 0) {
			t.Errorf("%s: row %d (%q) hidden %v", what, i, r.Cells, r.Hidden)
		}
		if r.Hidden {
			continue
		}
		rows++
		if len(stated) > 1 {
			differ++
		}
		if slices.Contains(r.Cells, "") {
			partial++
		}
	}
	noun, verb := "facts", "differ"
	if rows == 1 {
		noun = "fact"
	}
	if differ == 1 {
		verb = "differs"
	}
	if want := fmt.Sprintf("%d of %d %s %s", differ, rows, noun, verb); got.Count != want {
		t.Errorf("%s: the count says %q; the rows shown make it %q", what, got.Count, want)
	}
	want := ""
	if partial > 0 {
		want = fmt.Sprintf("· %d not stated by every service", partial)
	}
	if got.Unstated != want {
		t.Errorf("%s: the unstated note says %q, want %q", what, got.Unstated, want)
	}
}

// TestBrowserMatrixPickerUnstated picks services on a site whose facts
// have gaps: a fact no picked service states leaves the table, and one a
// picked service is silent on is "not stated", never a difference.
func TestBrowserMatrixPickerUnstated(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/_index.md":          "# Gaps\n",
		"content/services/_index.md": "---\ntitle: Services\n---\n",
		"content/_facts.yaml": "groups: [Basics]\nfacts:\n" +
			"  - {key: memory, label: Memory, kind: text, group: Basics}\n" +
			"  - {key: runtime, label: Runtime, kind: text, group: Basics}\n" +
			"  - {key: price, label: Price, kind: text, group: Basics}\n",
		"content/services/a.md": "---\ntitle: A\nfacts:\n  memory: 1 GB\n  runtime: Go\n---\nA.\n",
		"content/services/b.md": "---\ntitle: B\nfacts:\n  runtime: Rust\n  price: Free\n---\nB.\n",
		"content/services/c.md": "---\ntitle: C\nfacts:\n  price: Free\n---\nC.\n",
	}
	for name, body := range files {
		writeLiveFile(t, dir, name, body)
	}
	out := filepath.Join(dir, "public")
	var stdout, stderr strings.Builder
	if code := run(context.Background(), []string{"build", dir, "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)

	ctx := browserTab(t, time.Minute)
	readableOpen(t, ctx, srv.URL, "/compare/matrix/?services=b,c", 0, false)
	var count string
	browserEval(t, ctx, `document.querySelector(".compare-count").textContent + " " + (document.querySelector(".compare-unstated:not([hidden])")?.textContent ?? "")`, &count)
	if want := "0 of 2 facts differ · 1 not stated by every service"; count != want {
		t.Errorf("B and C: %q, want %q (Memory hidden: neither states it; Runtime partial, not a difference)", count, want)
	}
	matrixCountAgrees(t, ctx, "?services=b,c")
	browserClick(t, ctx, `.compare-pick input[value="a"]`)
	browserEval(t, ctx, `document.querySelector(".compare-count").textContent + " " + (document.querySelector(".compare-unstated:not([hidden])")?.textContent ?? "")`, &count)
	if want := "1 of 3 facts differs · 3 not stated by every service"; count != want {
		t.Errorf("A, B and C: %q, want %q", count, want)
	}
	matrixCountAgrees(t, ctx, "all services")
}
