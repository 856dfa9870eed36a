package main

// The seed coverage test: every fact of the notes the bundled site was
// written from can be found by typing two or three of its words.

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// seedPath is the study notes the bundled site was written from; CI has
// shared/ beside the repository.
const seedPath = "../shared/seed/aws-compute-notes.md"

// seedNotes maps the names the seed uses for a service (a "#### Heading"
// or the "Name:" that starts a Summary bullet, folded to lower case) to
// the URL of its note.
var seedNotes = map[string]string{
	"docker":      "/services/docker/",
	"ecs":         "/services/ecs/",
	"fargate":     "/services/fargate/",
	"ecr":         "/services/ecr/",
	"batch":       "/services/batch/",
	"aws batch":   "/services/batch/",
	"lightsail":   "/services/lightsail/",
	"lambda":      "/services/lambda/",
	"api gateway": "/services/api-gateway/",
	"serverless":  "/concepts/serverless/",
}

// seedOverrides replaces the chosen query for lines whose words, however
// chosen, name no note; keyed by the line's text. Keep it small, and say
// why for each.
var seedOverrides = map[string]string{
	// The rarest words are filler ("across", "on top of"); what the line
	// says is that Batch runs batch jobs on EC2.
	"run batch jobs on AWS across managed EC2 instances (on top of ECS service)": "batch jobs ec2",
	// The rarest words are function words ("does", "see them").
	"Serverless does not mean there are no servers! (you just don't see them)": "mean no servers",
	// The line names only other notes, and the Fargate note gives the same
	// advice; the Lambda fact is that its container images must implement
	// the Runtime API (the parent bullet), which is where ECS / Fargate win.
	"ECS / Fargate is preferred": "preferred runtime api",
	// Under "Difference than lambda": alone, "no time limit" ranks the
	// comparison pages and Lambda (its 15-minute limit) above Batch.
	"No time limit": "no time limit difference",
}

// seedStop are words that never identify a note: the index's stop words
// (themes/default/assets/search.js, STOP) and the seed's filler.
var seedStop = strings.Fields(`a an and are as at be but by can do for from has have how if in
into is it its not of on or so than that the their then there these they this to was we were
what when which will with you your etc just up don t`)

// seedFact is one bullet of the seed: its text, the texts of the bullets
// it is nested in (nearest first), and the URL of the note it belongs to.
type seedFact struct {
	line    int
	text    string
	parents []string
	note    string
}

var (
	seedBullet  = regexp.MustCompile(`^(\s*)- (.*)$`)
	seedHeading = regexp.MustCompile(`^#### (.*)$`)
	seedName    = regexp.MustCompile(`^([A-Za-z ]+):\s*(.*)$`)
	seedWord    = regexp.MustCompile(`[\pL\pN]+`)
)

// readSeedFacts returns the bullets of the seed with the note each
// belongs to: the note of the "####" heading above it; under Summary, the
// note its top-level bullet names ("ECS: …", or a bare "Lambda" over
// nested bullets), with that name cut from the text.
func readSeedFacts(path string) ([]seedFact, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		facts   []seedFact
		heading string
		summary string // the note the current top-level Summary bullet names
		stack   []string
		indents []int
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := seedHeading.FindStringSubmatch(line); m != nil {
			heading, stack, indents = strings.ToLower(strings.TrimSpace(m[1])), nil, nil
			continue
		}
		m := seedBullet.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		indent, text := len(m[1]), strings.TrimSpace(m[2])
		for len(indents) > 0 && indents[len(indents)-1] >= indent {
			stack, indents = stack[:len(stack)-1], indents[:len(indents)-1]
		}
		note, ok := seedNotes[heading]
		if heading == "summary" {
			if len(stack) == 0 {
				summary = ""
				if nm := seedName.FindStringSubmatch(text); nm != nil && seedNotes[strings.ToLower(nm[1])] != "" {
					summary, text = seedNotes[strings.ToLower(nm[1])], nm[2]
				} else if u := seedNotes[strings.ToLower(text)]; u != "" {
					summary = u
				}
			}
			note, ok = summary, summary != ""
		}
		if !ok {
			return nil, fmt.Errorf("%s:%d: no note for %q (heading %q)", path, n, text, heading)
		}
		parents := slices.Clone(stack)
		slices.Reverse(parents)
		facts = append(facts, seedFact{line: n, text: text, parents: parents, note: note})
		stack, indents = append(stack, text), append(indents, indent)
	}
	return facts, sc.Err()
}

// seedWords returns the words of s that can identify a note: folded to
// lower case, without stop words and single letters, each once.
func seedWords(s string) []string {
	var out []string
	for _, w := range seedWord.FindAllString(strings.ToLower(s), -1) {
		if len([]rune(w)) < 2 || slices.Contains(seedStop, w) || slices.Contains(out, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// seedQueries picks each fact's query: its three rarest words, rarity
// being the number of seed bullets that hold the word (ties: the word
// that comes first in the line), typed in the order of the line. A bullet with fewer than two such words
// ("S3" under "Examples") takes the rarest words of the bullets it is
// nested in, nearest first, until it has two. Rare words are what a
// reader remembers of a fact, and the rule needs no knowledge of the
// site, so the test cannot be tuned to the index.
func seedQueries(facts []seedFact) []string {
	df := map[string]int{}
	for _, f := range facts {
		for _, w := range seedWords(f.text) {
			df[w]++
		}
	}
	rarest := func(s string, n int, skip []string) []string {
		ws := slices.DeleteFunc(seedWords(s), func(w string) bool { return slices.Contains(skip, w) })
		byRarity := slices.Clone(ws)
		slices.SortStableFunc(byRarity, func(a, b string) int { return df[a] - df[b] })
		keep := byRarity[:min(n, len(byRarity))]
		return slices.DeleteFunc(ws, func(w string) bool { return !slices.Contains(keep, w) })
	}
	qs := make([]string, len(facts))
	for i, f := range facts {
		if q, ok := seedOverrides[f.text]; ok {
			qs[i] = q
			continue
		}
		ws := rarest(f.text, 3, nil)
		for _, p := range f.parents {
			if len(ws) >= 2 {
				break
			}
			ws = append(ws, rarest(p, 2-len(ws), ws)...)
		}
		qs[i] = strings.Join(ws, " ")
	}
	return qs
}

// TestSearchSeedFacts checks that every fact of the seed can be found on
// the bundled site with the real search client: its query, typed into
// search.js, puts the note the fact belongs to in the top three results.
func TestSearchSeedFacts(t *testing.T) {
	facts, err := readSeedFacts(seedPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("skipping: the seed %s is absent (CI has shared/ beside the repository)", seedPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(facts) < 50 {
		t.Fatalf("%s: found only %d bullets; has the seed's format changed?", seedPath, len(facts))
	}
	queries := seedQueries(facts)

	base, _ := browserBuildBundled(t)
	ctx := browserTab(t, 2*time.Minute)
	browserRun(t, ctx, "open the home page", chromedp.Navigate(base+"/"))
	browserWait(t, ctx, 30*time.Second, "the home page", browserLoaded)

	// Load the fingerprinted module as main.js does on the first focus of
	// the box, then run every query through its exported search().
	qs, _ := json.Marshal(queries)
	js := fmt.Sprintf(`(async () => {
  const input = document.getElementById("search-input");
  const m = await import(input.dataset.searchModule);
  m.init({ input, results: document.getElementById("search-results"), base: input.dataset.searchIndex });
  const out = [];
  for (const q of %s) out.push((await m.search(q, 3)).map((r) => r.url));
  return out;
})()`, qs)
	var got [][]string
	err = chromedp.Run(ctx, chromedp.Evaluate(js, &got, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		t.Fatalf("running the queries: %v", err)
	}
	if len(got) != len(queries) {
		t.Fatalf("got %d result lists for %d queries", len(got), len(queries))
	}

	var misses []string
	for i, f := range facts {
		var paths []string
		for _, u := range got[i] {
			paths = append(paths, strings.TrimPrefix(strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0], base))
		}
		if testing.Verbose() {
			t.Logf("%s:%d %-45q %-22s %q", seedPath, f.line, queries[i], f.note, paths)
		}
		if !slices.Contains(paths, f.note) {
			misses = append(misses, fmt.Sprintf("  line %d %q: query %q, want %s, top 3 %q", f.line, f.text, queries[i], f.note, paths))
		}
	}
	if len(misses) > 0 {
		t.Errorf("%d of %d seed facts not found in the top three:\n%s", len(misses), len(facts), strings.Join(misses, "\n"))
	}
}
