package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The comparison-table test (issue 3) opens a comparison of the built
// bundled site, uses its "Differences only" filter, and reads it at a
// phone's width.

// compareCandidates are the bundled comparisons in order of preference;
// the test needs one with both equal and different facts.
var compareCandidates = []string{"lambda-vs-batch", "where-to-run", "matrix", "ecs-vs-fargate", "fargate-vs-lambda"}

// compareRows counts the fact rows of the first comparison, and how many
// of them are shown.
const compareRows = `(() => {
	const box = document.querySelector(".compare");
	const shown = (el) => el.offsetParent !== null && getComputedStyle(el).display !== "none";
	const rows = (cls) => [...box.querySelectorAll("table.compare-table tr." + cls)];
	return {
		same: rows("same").length, sameShown: rows("same").filter(shown).length,
		differs: rows("differs").length, differsShown: rows("differs").filter(shown).length,
		// group headings shown with no fact row shown under them
		emptyGroups: [...box.querySelectorAll("table.compare-table tr.group")].filter(shown)
			.filter((g) => ![...g.parentElement.querySelectorAll("tr:is(.same, .differs)")].some(shown)).length,
	};
})()`

type compareCount struct {
	Same         int `json:"same"`
	SameShown    int `json:"sameShown"`
	Differs      int `json:"differs"`
	DiffersShown int `json:"differsShown"`
	EmptyGroups  int `json:"emptyGroups"`
}

func TestBrowserComparisonTable(t *testing.T) {
	base, out := browserBuildBundled(t)
	page := ""
	for _, name := range compareCandidates {
		html, err := os.ReadFile(filepath.Join(out, "compare", name, "index.html"))
		if err != nil {
			t.Fatalf("the bundled comparison %s was not built: %v", name, err)
		}
		if bytes.Contains(html, []byte(`<tr class="same"`)) && bytes.Contains(html, []byte(`<tr class="differs"`)) {
			page = "/compare/" + name + "/"
			break
		}
	}
	if page == "" {
		t.Fatalf("no bundled comparison of %v has both equal (tr.same) and different (tr.differs) facts", compareCandidates)
	}
	t.Logf("using %s", page)

	ctx := browserTab(t, 2*time.Minute)
	browserRun(t, ctx, "open "+page,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+page),
	)
	browserWait(t, ctx, 20*time.Second, "the page to load", browserLoaded)

	var label string
	browserEval(t, ctx, `document.querySelector("input.compare-diff-only")?.closest("label")?.textContent.trim() ?? ""`, &label)
	if label != "Differences only" {
		t.Errorf("the filter's label is %q; want \"Differences only\"", label)
	}
	var all compareCount
	browserEval(t, ctx, compareRows, &all)
	if all.Same == 0 || all.Differs == 0 {
		t.Fatalf("%s: %d equal and %d different rows; the test needs both", page, all.Same, all.Differs)
	}
	if all.SameShown != all.Same || all.DiffersShown != all.Differs {
		t.Fatalf("before filtering, shown: %d of %d equal rows, %d of %d different rows; want all", all.SameShown, all.Same, all.DiffersShown, all.Differs)
	}
	browserScreenshot(t, ctx, "compare-1280-before.png")

	browserClick(t, ctx, "input.compare-diff-only")
	browserWait(t, ctx, 10*time.Second, "equal rows to hide",
		`document.querySelector("input.compare-diff-only").checked && `+compareRows+`.sameShown === 0`)
	var diff compareCount
	browserEval(t, ctx, compareRows, &diff)
	if diff.DiffersShown != all.Differs {
		t.Errorf("with \"Differences only\": %d of %d different rows shown; want all", diff.DiffersShown, all.Differs)
	}
	if diff.EmptyGroups > 0 {
		t.Errorf("with \"Differences only\": %d group headings shown with no row under them; want groups of equal facts hidden with their rows", diff.EmptyGroups)
	}
	browserRun(t, ctx, "scroll to the comparison",
		chromedp.Evaluate(`window.scrollTo({top: document.querySelector(".compare").getBoundingClientRect().top + scrollY - 80, behavior: "instant"})`, nil))
	browserScreenshot(t, ctx, "compare-1280.png")

	browserClick(t, ctx, "input.compare-diff-only")
	browserWait(t, ctx, 10*time.Second, "every row to show again",
		`!document.querySelector("input.compare-diff-only").checked && (() => { const c = `+compareRows+`; return c.sameShown === c.same && c.differsShown === c.differs; })()`)

	// A phone, on the matrix (too many services to stack): the table
	// scrolls sideways in its box, the page does not, the fact names stay
	// in view, and the header row follows the page down (issue 15: the
	// page scrolls, not the table).
	browserRun(t, ctx, "phone viewport",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Navigate(base+"/compare/matrix/"),
	)
	browserWait(t, ctx, 20*time.Second, "the matrix to load at phone width", browserLoaded+` && innerWidth === 390`)
	var phone struct {
		PageWidth    float64 `json:"pageWidth"`
		ScrollWidth  float64 `json:"scrollWidth"`
		ClientWidth  float64 `json:"clientWidth"`
		ScrollHeight float64 `json:"scrollHeight"`
		ClientHeight float64 `json:"clientHeight"`
		RowPosition  string  `json:"rowPosition"`
		Hint         bool    `json:"hint"`
	}
	browserEval(t, ctx, `(() => {
		const box = document.querySelector(".compare .compare-scroll");
		return {
			pageWidth: document.documentElement.scrollWidth,
			scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
			scrollHeight: box.scrollHeight, clientHeight: box.clientHeight,
			rowPosition: getComputedStyle(box.querySelector("th[scope=row]")).position,
			hint: !document.querySelector(".compare .compare-hint").hidden,
		};
	})()`, &phone)
	if phone.PageWidth > 390 {
		t.Errorf("at 390 px the page itself is %v px wide; want only the table to scroll sideways", phone.PageWidth)
	}
	if phone.ScrollWidth <= phone.ClientWidth {
		t.Errorf("at 390 px the matrix's box is %v px wide with %v px of content; want it scrolling sideways", phone.ClientWidth, phone.ScrollWidth)
	}
	if !phone.Hint {
		t.Error("the matrix scrolls sideways but its hint is hidden")
	}
	if phone.ScrollHeight > phone.ClientHeight+1 {
		t.Errorf("the matrix's box is %v px high with %v px of content; want no inner vertical scroll (the page scrolls)", phone.ClientHeight, phone.ScrollHeight)
	}
	if phone.RowPosition != "sticky" {
		t.Errorf("th[scope=row] position = %q; want sticky", phone.RowPosition)
	}
	browserRun(t, ctx, "scroll to the comparison",
		chromedp.Evaluate(`window.scrollTo({top: document.querySelector(".compare").getBoundingClientRect().top + scrollY - 70, behavior: "instant"})`, nil))

	var before compareEdges
	browserEval(t, ctx, compareEdgesJS, &before)
	browserEval(t, ctx, `document.querySelector(".compare .compare-scroll").scrollLeft = 150`, new(float64))
	browserWait(t, ctx, 5*time.Second, "the table to scroll sideways", `document.querySelector(".compare .compare-scroll").scrollLeft > 0`)
	var after compareEdges
	browserEval(t, ctx, compareEdgesJS, &after)
	if after.CellLeft >= before.CellLeft {
		t.Errorf("after scrolling sideways the first value cell is at %v (was %v); want it moved left", after.CellLeft, before.CellLeft)
	}
	if after.RowHeadLeft < after.BoxLeft-0.5 || after.RowHeadLeft > after.BoxLeft+2 {
		t.Errorf("after scrolling sideways by %v px the fact name is at x=%v, its box at x=%v; want it stuck to the box's left edge", after.ScrollLeft, after.RowHeadLeft, after.BoxLeft)
	}
	browserEval(t, ctx, `document.querySelector(".compare .compare-scroll").scrollLeft = 0`, new(float64))

	// Scrolling the page down the table, the header row stays under the
	// site header.
	browserEval(t, ctx, `window.scrollBy(0, 400)`, nil)
	browserWait(t, ctx, 5*time.Second, "the header row to follow the page",
		`(() => { const h = document.querySelector(".compare thead th").getBoundingClientRect().top; const top = document.querySelector(".site-header").getBoundingClientRect().bottom; return Math.abs(h - top) < 3; })()`)
}

// compareEdgesJS measures where the first comparison's box, header, first
// fact name and first value cell are.
const compareEdgesJS = `(() => {
	const box = document.querySelector(".compare .compare-scroll");
	const b = box.getBoundingClientRect();
	const th = box.querySelector("tbody th[scope=row]");
	return {
		boxLeft: b.left, boxTop: b.top, scrollLeft: box.scrollLeft, scrollTop: box.scrollTop,
		rowHeadLeft: th.getBoundingClientRect().left,
		cellLeft: th.nextElementSibling.getBoundingClientRect().left,
		headTop: box.querySelector("thead th").getBoundingClientRect().top,
	};
})()`

type compareEdges struct {
	BoxLeft     float64 `json:"boxLeft"`
	BoxTop      float64 `json:"boxTop"`
	ScrollLeft  float64 `json:"scrollLeft"`
	ScrollTop   float64 `json:"scrollTop"`
	RowHeadLeft float64 `json:"rowHeadLeft"`
	CellLeft    float64 `json:"cellLeft"`
	HeadTop     float64 `json:"headTop"`
}
