package main

import (
	"strings"
	"testing"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestStudyModeBrowser studies the bundled site as a learner would, by
// keyboard: flip and grade cards while the due count drops, reload and
// find the progress kept, answer a quiz question right and one wrong,
// narrow the guide to AWS Batch, fetch the Anki export, and study on
// with the server gone (the service worker serves the page and its
// scripts). With SITEGEN_SCREENSHOTS=docs/screenshots it saves the study
// page, a quiz and the guide on a desktop and a phone.
func TestStudyModeBrowser(t *testing.T) {
	srv := browserOfflineServer(t)
	ctx := browserTab(t, 3*time.Minute)
	console := listenBrowserConsole(ctx)
	browserRun(t, ctx, "viewport", chromedp.EmulateViewport(1366, 900))

	count := func(id string) int {
		var n int
		browserEval(t, ctx, `+document.getElementById("`+id+`").textContent`, &n)
		return n
	}
	key := func(k string) {
		t.Helper()
		browserRun(t, ctx, "key "+k, chromedp.KeyEvent(k))
	}
	flipped := `!document.getElementById("study-back").hidden && !document.getElementById("study-grades").hidden`

	browserRun(t, ctx, "open /study/", chromedp.Navigate(srv.URL+"/study/"), chromedp.WaitVisible("#study-front", chromedp.ByID))
	due0, new0 := count("study-due"), count("study-new")
	if due0 < 100 || new0 != due0 {
		t.Fatalf("a fresh learner: %d due, %d new", due0, new0)
	}
	browserScreenshot(t, ctx, "study-desktop.png")
	var front string
	browserEval(t, ctx, `document.getElementById("study-front").textContent`, &front)
	key(" ")
	browserWait(t, ctx, 5*time.Second, "the card to flip", flipped)
	browserScreenshot(t, ctx, "study-flipped-desktop.png")
	key("3") // good: due tomorrow
	browserWait(t, ctx, 5*time.Second, "the next card", `!document.getElementById("study-back").hidden === false`)
	if d := count("study-due"); d != due0-1 || count("study-done") != 1 {
		t.Errorf("after grading good: %d due (was %d), %d reviewed", d, due0, count("study-done"))
	}
	var next string
	browserEval(t, ctx, `document.getElementById("study-front").textContent`, &next)
	if next == front {
		t.Errorf("the graded card is shown again: %q", front)
	}
	key(" ")
	browserWait(t, ctx, 5*time.Second, "the second card to flip", flipped)
	key("1") // again: still due today
	if d := count("study-due"); d != due0-1 {
		t.Errorf("after grading again: %d due, want %d", d, due0-1)
	}
	key(" ")
	browserWait(t, ctx, 5*time.Second, "the third card to flip", flipped)
	key("4")
	if d := count("study-due"); d != due0-2 {
		t.Errorf("after grading easy: %d due, want %d", d, due0-2)
	}
	// Progress per section: two Services cards learned.
	var learned string
	browserEval(t, ctx, `document.querySelector('#study-progress tr[data-section="Services"] .learned').textContent`, &learned)
	if learned != "2" {
		t.Errorf("Services learned = %s, want 2", learned)
	}

	// The state survives a reload (and the worker takes control).
	browserRun(t, ctx, "reload", chromedp.Reload(), chromedp.WaitVisible("#study-front", chromedp.ByID))
	if d := count("study-due"); d != due0-2 {
		t.Errorf("after a reload: %d due, want %d", d, due0-2)
	}
	// Filters: the Compare section only.
	browserRun(t, ctx, "filter", chromedp.SetValue("#study-section", "Compare", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("study-section").dispatchEvent(new Event("change"))`, nil))
	if d := count("study-due"); d == 0 || d >= due0-2 {
		t.Errorf("Compare only: %d due", d)
	}
	var section string
	browserEval(t, ctx, `document.getElementById("study-source").textContent`, &section)
	if !strings.HasPrefix(section, "Compare") {
		t.Errorf("filtered to Compare, the card is from %q", section)
	}
	browserRun(t, ctx, "filter off", chromedp.SetValue("#study-section", "", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("study-section").dispatchEvent(new Event("change"))`, nil))

	// The export the page offers is the Anki file.
	var tsv string
	browserRun(t, ctx, "fetch the export", chromedp.Evaluate(`fetch(document.getElementById("study-download").href).then(r => r.text())`, &tsv,
		func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if !strings.HasPrefix(tsv, "#separator:tab\n") || strings.Count(tsv, "\n") < due0 {
		t.Errorf("download: %.80q (%d lines)", tsv, strings.Count(tsv, "\n"))
	}

	// Quiz: the first question answered right, the second wrong.
	browserRun(t, ctx, "open the quiz", chromedp.Navigate(srv.URL+"/study/quiz/"), chromedp.WaitVisible("#quiz-prompt", chromedp.ByID))
	browserScreenshot(t, ctx, "quiz-desktop.png")
	answerKey := func(right bool) string {
		var k int
		js := `(() => { const q = JSON.parse(document.getElementById("quiz-data").dataset.json)[+document.getElementById("quiz-n").textContent - 1]; return q.answer; })()`
		browserEval(t, ctx, js, &k)
		if !right {
			k = (k + 1) % 3
		}
		return string(rune('1' + k))
	}
	key(answerKey(true))
	browserWait(t, ctx, 5*time.Second, "a right answer", `document.getElementById("quiz-app").dataset.state === "right"`)
	var explain string
	browserEval(t, ctx, `document.getElementById("quiz-result").innerText`, &explain)
	if !strings.Contains(explain, "Right.") || !strings.Contains(explain, "fits every answer") && !strings.Contains(explain, "other services") {
		t.Errorf("explanation: %q", explain)
	}
	browserScreenshot(t, ctx, "quiz-answered-desktop.png")
	key("\r") // Enter: the next question
	browserWait(t, ctx, 5*time.Second, "the next question", `document.getElementById("quiz-n").textContent === "2"`)
	key(answerKey(false))
	browserWait(t, ctx, 5*time.Second, "a wrong answer", `document.getElementById("quiz-app").dataset.state === "wrong"`)
	if count("quiz-right") != 1 || count("quiz-wrong") != 1 {
		t.Errorf("score %d right, %d wrong", count("quiz-right"), count("quiz-wrong"))
	}
	browserEval(t, ctx, `document.getElementById("quiz-result").innerText`, &explain)
	if !strings.Contains(explain, "Not quite — the answer is") || !strings.Contains(explain, "Read the note") {
		t.Errorf("wrong-answer explanation: %q", explain)
	}

	// Guide: runs for hours, no servers to manage, a batch job → Batch.
	browserRun(t, ctx, "open the guide", chromedp.Navigate(srv.URL+"/study/guide/"), chromedp.WaitVisible("#guide-app", chromedp.ByID))
	choose := func(key, label string) {
		t.Helper()
		browserEval(t, ctx, `(() => { const l = [...document.querySelectorAll('fieldset[data-key="`+key+`"] label')].find((l) => l.textContent.trim() === "`+label+`"); l.click(); return true; })()`, nil)
	}
	shown := func() string {
		var s string
		browserEval(t, ctx, `[...document.querySelectorAll("#guide-services li")].filter((li) => !li.hidden).map((li) => li.dataset.slug).join(",")`, &s)
		return s
	}
	choose("max_runtime", "More than 15 min")
	choose("you_manage_servers", "No")
	if s := shown(); s != "fargate,batch" {
		t.Errorf("hours, no servers: %s", s)
	}
	choose("workload", "Batch jobs with a start and an end")
	var heading string
	browserEval(t, ctx, `document.getElementById("guide-count").textContent`, &heading)
	if s := shown(); s != "batch" || heading != "AWS Batch fits" {
		t.Errorf("hours, no servers, batch job: %s (%q)", s, heading)
	}
	browserScreenshot(t, ctx, "guide-desktop.png")

	// Phone screenshots.
	browserRun(t, ctx, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	browserRun(t, ctx, "guide on a phone", chromedp.Reload(), chromedp.WaitVisible("#guide-app", chromedp.ByID))
	choose("max_runtime", "More than 15 min")
	choose("you_manage_servers", "No")
	browserScreenshot(t, ctx, "guide-phone.png")
	browserRun(t, ctx, "quiz on a phone", chromedp.Navigate(srv.URL+"/study/quiz/"), chromedp.WaitVisible("#quiz-prompt", chromedp.ByID))
	key("2")
	browserRun(t, ctx, "scroll", chromedp.Evaluate(`document.querySelector(".quiz-box").scrollIntoView()`, nil))
	browserScreenshot(t, ctx, "quiz-phone.png")
	browserRun(t, ctx, "study on a phone", chromedp.Navigate(srv.URL+"/study/"), chromedp.WaitVisible("#study-front", chromedp.ByID))
	browserRun(t, ctx, "scroll", chromedp.Evaluate(`document.querySelector(".study-bar").scrollIntoView()`, nil))
	browserScreenshot(t, ctx, "study-phone.png")

	// Offline: the worker controls the page; with the server gone the
	// study page, its script and its progress are all there.
	browserWait(t, ctx, 10*time.Second, "the service worker", `!!navigator.serviceWorker.controller`)
	browserRun(t, ctx, "reload under the worker", chromedp.Reload(), chromedp.WaitVisible("#study-front", chromedp.ByID))
	srv.CloseClientConnections()
	srv.Close()
	browserRun(t, ctx, "open /study/ offline", chromedp.Navigate(srv.URL+"/study/"), chromedp.WaitVisible("#study-front", chromedp.ByID))
	if d := count("study-due"); d != due0-2 {
		t.Errorf("offline: %d due, want %d", d, due0-2)
	}
	key(" ")
	browserWait(t, ctx, 5*time.Second, "a card to flip offline", flipped)
	key("3")
	if d := count("study-due"); d != due0-3 {
		t.Errorf("offline, after grading: %d due, want %d", d, due0-3)
	}
	for _, p := range console.takeOnline() {
		t.Errorf("browser reported: %s", p)
	}
}
