package main

// The search box as a learner uses it on the bundled site: questions typed
// key by key into the header box, the right page first in the dropdown,
// with its roles right, "did you mean" when nothing matches, and the words
// marked only in the section the result leads to, legibly.

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// uiQuestions is a sample of generator/search's learnerQuestions (the
// whole table runs in go test through goja).
var uiQuestions = []struct{ q, want string }{
	{"how much does lambda cost", "/services/lambda/"},
	{"fargate pricing", "/services/fargate/"},
	{"which service has no time limit", "/services/batch/"},
	{"api rate limiting", "/services/api-gateway/"},
	{"ecs vs fargate", "/compare/ecs-vs-fargate/"},
	{"lambda max memory", "/services/lambda/"},
	{"lamda", "/services/lambda/"},
	{"container registry", "/services/ecr/"},
}

// uiState is what the dropdown shows after a query.
type uiState struct {
	Query    string
	First    string   // the first option's href, without ?highlight=
	Options  int      // elements with role=option
	Orphans  int      // options whose parent is not a listbox (axe: aria-required-parent)
	Empty    string   // the status line
	All      string   // the "See all results" href
	Controls bool     // the input's aria-controls names the listbox
	Marks    []string // the first result's marked words
}

const readUI = `(() => {
  const r = document.getElementById("search-results"), opts = [...r.querySelectorAll("[role=option]")];
  const first = r.querySelector(".sr-item"), all = r.querySelector(".sr-all"), input = document.getElementById("search-input");
  const strip = (u) => { const x = new URL(u, location.href); return x.pathname + x.hash; };
  return {
    Query: r.dataset.query || "",
    First: first ? strip(first.href) : "",
    Options: opts.length,
    Orphans: opts.filter((o) => o.parentElement.getAttribute("role") != "listbox").length,
    Empty: r.querySelector(".sr-empty")?.textContent || "",
    All: all ? strip(all.href) + new URL(all.href).search : "",
    Controls: document.getElementById(input.getAttribute("aria-controls"))?.getAttribute("role") == "listbox",
    Marks: first ? [...first.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase()) : [],
  };
})()`

func TestSearchUILearnerQuestions(t *testing.T) {
	base, _ := browserBuildBundled(t)
	ctx := browserTab(t, 2*time.Minute)
	browserRun(t, ctx, "open the home page", emulation.SetFocusEmulationEnabled(true), chromedp.Navigate(base+"/"))
	browserWait(t, ctx, 30*time.Second, "the home page", browserLoaded)

	ask := func(q string) uiState {
		t.Helper()
		browserRun(t, ctx, "clear the box", chromedp.Focus("#search-input", chromedp.ByID),
			chromedp.Evaluate(`document.getElementById("search-input").value = ""`, nil))
		browserWait(t, ctx, 10*time.Second, "the search module", `document.getElementById("search-input").getAttribute("role") == "combobox"`)
		// Key by key, at a typing pace, as a reader types.
		for _, r := range q {
			browserRun(t, ctx, "type", chromedp.SendKeys("#search-input", string(r), chromedp.ByID), chromedp.Sleep(40*time.Millisecond))
		}
		var st uiState
		deadline := time.Now().Add(10 * time.Second)
		for {
			browserRun(t, ctx, "read the dropdown", chromedp.Evaluate(readUI, &st))
			if st.Query == q || time.Now().After(deadline) {
				break
			}
			time.Sleep(30 * time.Millisecond)
		}
		if st.Query != q {
			t.Fatalf("%q: the dropdown shows %q", q, st.Query)
		}
		return st
	}
	for _, c := range uiQuestions {
		st := ask(c.q)
		want := base + c.want
		first := st.First
		if !strings.Contains(c.want, "#") {
			first, _, _ = strings.Cut(first, "#")
		}
		if first != strings.TrimPrefix(want, base) && base+first != want {
			t.Errorf("%q: first result %s, want %s", c.q, st.First, c.want)
		}
		if st.Orphans != 0 || !st.Controls || st.Options < 2 {
			t.Errorf("%q: %d options, %d outside a listbox, aria-controls names the listbox: %v", c.q, st.Options, st.Orphans, st.Controls)
		}
		if !strings.Contains(st.All, "/search/?q=") {
			t.Errorf("%q: no See all results entry (%q)", c.q, st.All)
		}
	}

	// Nothing on the site: said so.
	if st := ask("cold soup"); st.Options != 0 || !strings.HasPrefix(st.Empty, "No results for “cold soup”") {
		t.Errorf("cold soup: %d options, status %q", st.Options, st.Empty)
	}

	// Following a result marks the words in its section only, legibly in
	// light and dark.
	ask("lambda billing")
	browserRun(t, ctx, "follow the first result", chromedp.Evaluate(`location.href = document.querySelector("#search-results .sr-item").href`, nil))
	var marks struct {
		Inside, Outside int
		Hash            string
		Contrast        []float64
	}
	check := `(async () => {
  for (let i = 0; i < 100 && !document.querySelector("main mark"); i++) await new Promise((r) => setTimeout(r, 50));
  const id = decodeURIComponent(location.hash.slice(1)), h = document.getElementById(id);
  const all = [...document.querySelectorAll("main mark")];
  const hs = [...document.querySelectorAll("main h2")], next = hs[hs.indexOf(h) + 1];
  const inside = all.filter((m) => h && h.compareDocumentPosition(m) & 4 && (!next || m.compareDocumentPosition(next) & 4));
  const lum = (c) => { const v = c.match(/[\d.]+/g).slice(0, 3).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (m) => { const s = getComputedStyle(m), a = lum(s.color), b = lum(s.backgroundColor); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const out = [ratio(all[0])];
  document.documentElement.dataset.theme = "dark";
  await new Promise((r) => requestAnimationFrame(r));
  out.push(ratio(all[0]));
  return { Inside: inside.length, Outside: all.length - inside.length, Hash: location.hash, Contrast: out };
})()`
	browserWait(t, ctx, 30*time.Second, "the result page", browserLoaded)
	browserRun(t, ctx, "read the marks", chromedp.Evaluate(check, &marks, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if marks.Hash == "" || marks.Inside == 0 || marks.Outside != 0 {
		t.Errorf("lambda billing: %d marks in %s, %d outside it", marks.Inside, marks.Hash, marks.Outside)
	}
	for i, c := range marks.Contrast {
		if c < 4.5 {
			t.Errorf("marked words: contrast %.2f:1 in the %s theme, want 4.5:1", c, []string{"light", "dark"}[i])
		}
	}

	// The search page has one search landmark, labelled.
	var landmarks []string
	browserRun(t, ctx, "open the search page", chromedp.Navigate(base+"/search/?q=lambda"))
	browserWait(t, ctx, 30*time.Second, "the search page", browserLoaded)
	browserRun(t, ctx, "count search landmarks", chromedp.Evaluate(`[...document.querySelectorAll("[role=search], search")].map((e) => e.getAttribute("aria-label") || "")`, &landmarks))
	if len(landmarks) != 1 || landmarks[0] == "" {
		t.Errorf("search page: search landmarks %q, want one labelled", landmarks)
	}
}
