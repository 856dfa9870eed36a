package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Latency pairs per site: a first query on a fresh page (nothing of the
// index loaded but what focusing the box fetched), then a new query on
// the warm index, whose words the first did not hold.
var (
	bundledLatency = [2]string{"lambda pricing", "fargate memory"}
	synthLatency   = [2]string{"snapshot region", "throughput latency"}
)

// latencies are milliseconds from the last keystroke to the results
// painted: sitegen's first and warm queries, Pagefind's the same way.
type latencies struct {
	ixFirst, ixWarm, pfFirst, pfWarm float64
}

// paintWatch records, on the page, the time of each key and of the first
// frame painted after the dropdown shows the query typed: a
// requestAnimationFrame callback runs before the paint, and a task it
// queues runs after it.
const paintWatch = `(() => {
  const input = document.getElementById("search-input"), results = document.getElementById("search-results");
  window.__key = 0; window.__painted = 0;
  input.addEventListener("keydown", (e) => { window.__key = performance.now(); window.__painted = 0; }, true);
  new MutationObserver(() => {
    if (results.dataset.query === input.value && !window.__painted)
      requestAnimationFrame(() => setTimeout(() => { window.__painted ||= performance.now(); }));
  }).observe(results, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-query"] });
})()`

// typeAndTime types q a key every 120 ms (a brisk typist) into the box
// and returns the time from its last keystroke to the results painted.
func typeAndTime(ctx context.Context, q string) (float64, error) {
	for _, r := range q {
		if err := chromedp.Run(ctx, chromedp.SendKeys("#search-input", string(r), chromedp.ByID), chromedp.Sleep(120*time.Millisecond)); err != nil {
			return 0, err
		}
	}
	var d float64
	err := chromedp.Run(ctx, chromedp.Poll(`window.__painted && window.__painted - window.__key`, &d, chromedp.WithPollingTimeout(30*time.Second)))
	return d, err
}

// measureLatency runs the pair on a fresh tab for sitegen, then for Pagefind
// (its JavaScript API, timed from the call to the top five results'
// data, which is what its UI waits for before painting).
func measureLatency(browser context.Context, base string, pair [2]string) (latencies, error) {
	var l latencies
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 3*time.Minute)
	defer cancelT()
	err := chromedp.Run(tab, network.Enable(), network.ClearBrowserCache(), network.SetCacheDisabled(true),
		network.SetBypassServiceWorker(true), emulation.SetFocusEmulationEnabled(true),
		chromedp.Navigate(base+"/"), chromedp.WaitReady("#search-input", chromedp.ByID),
		chromedp.Poll(`document.readyState === "complete"`, nil), chromedp.Sleep(300*time.Millisecond),
		chromedp.Focus("#search-input", chromedp.ByID),
		// The module loads on focus, as for a reader; typing starts once it is wired.
		chromedp.Poll(`document.getElementById("search-input").getAttribute("role") === "combobox"`, nil),
		chromedp.Evaluate(paintWatch, nil))
	if err != nil {
		return l, err
	}
	if l.ixFirst, err = typeAndTime(tab, pair[0]); err != nil {
		return l, fmt.Errorf("first query: %w", err)
	}
	if err = chromedp.Run(tab, chromedp.Evaluate(`document.getElementById("search-input").value = ""`, nil)); err != nil {
		return l, err
	}
	if l.ixWarm, err = typeAndTime(tab, pair[1]); err != nil {
		return l, fmt.Errorf("warm query: %w", err)
	}

	pf, cancelP := chromedp.NewContext(browser)
	defer cancelP()
	pf, cancelPT := context.WithTimeout(pf, 3*time.Minute)
	defer cancelPT()
	a, _ := json.Marshal(pair[0])
	b, _ := json.Marshal(pair[1])
	var got []float64
	err = chromedp.Run(pf, network.Enable(), network.ClearBrowserCache(), network.SetCacheDisabled(true),
		network.SetBypassServiceWorker(true), chromedp.Navigate(base+"/"),
		chromedp.Poll(`document.readyState === "complete"`, nil), chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(fmt.Sprintf(`(async () => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const time = async (q) => {
    const t = performance.now(), s = await pagefind.search(q);
    await Promise.all(s.results.slice(0, 5).map((r) => r.data()));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    return performance.now() - t;
  };
  return [await time(%s), await time(%s)];
})()`, a, b), &got, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if err != nil {
		return l, fmt.Errorf("pagefind: %w", err)
	}
	l.pfFirst, l.pfWarm = got[0], got[1]
	return l, nil
}
