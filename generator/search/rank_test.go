package search_test

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sitegen/generator/search"
)

// learnerQuestions are questions a learner types into the bundled study
// site's search box, each with the page (and, when it matters, the part
// of it) that answers it. The first seven are the table of issue #14.
var learnerQuestions = []struct {
	q    string
	want string // URL of the first result, with #anchor when a section answers
	text string // when set, the first result's snippet holds it (a fact's value)
}{
	// The table.
	{q: "how much does lambda cost", want: "/services/lambda/", text: "requests"},
	{q: "fargate pricing", want: "/services/fargate/"},
	{q: "which service has no time limit", want: "/services/batch/"},
	{q: "api rate limiting", want: "/services/api-gateway/"}, // its scaling fact states the default throttle
	{q: "max runtime", want: "/services/lambda/", text: "15 min"},
	{q: "ecs vs fargate", want: "/compare/ecs-vs-fargate/"},
	{q: "lambda vs batch", want: "/compare/lambda-vs-batch/"},
	// Fact lookups: the value is in the snippet.
	{q: "lambda max memory", want: "/services/lambda/", text: "10 GB"},
	{q: "lambda free tier", want: "/services/lambda/", text: "400,000"},
	{q: "lambda maximum duration", want: "/services/lambda/", text: "15"},
	{q: "lightsail billing", want: "/services/lightsail/", text: "predictable"},
	{q: "batch max run time", want: "/services/batch/", text: "nlimited"},
	{q: "lambda languages", want: "/services/lambda/#languages-and-runtimes"},
	// Natural phrasing.
	{q: "what is a batch job", want: "/services/batch/#what-is-a-batch-job"},
	{q: "what does serverless mean", want: "/concepts/serverless/#what-it-means"},
	{q: "where do I store docker images", want: "/services/ecr/"},
	{q: "ecr exam clues", want: "/services/ecr/#exam-style-clues"},
	{q: "examples of serverless on aws", want: "/concepts/serverless/#examples-on-aws"},
	{q: "when should I pick fargate", want: "/services/fargate/#when-to-pick-it"},
	{q: "how does api gateway work", want: "/services/api-gateway/#how-it-works"},
	{q: "simple virtual server for a small website", want: "/services/lightsail/"},
	{q: "where should my workload run", want: "/compare/where-to-run/"},
	{q: "lightsail limits", want: "/services/lightsail/#limits"},
	{q: "docker key terms", want: "/services/docker/#key-terms"},
	// Synonyms.
	{q: "lambda price", want: "/services/lambda/"},
	{q: "ecs billing", want: "/services/ecs/#billing"},
	{q: "fargate cost", want: "/services/fargate/"},
	{q: "container registry", want: "/services/ecr/"},
	{q: "docker image repository", want: "/services/ecr/"},
	{q: "api throttling", want: "/services/api-gateway/"},
	{q: "lambda timeout", want: "/services/lambda/"},
	{q: "how much ram can lambda use", want: "/services/lambda/"},
	// Typos.
	{q: "lamda", want: "/services/lambda/"},
	{q: "fargte", want: "/services/fargate/"},
	{q: "lightsial", want: "/services/lightsail/"},
	{q: "serverles", want: "/concepts/serverless/"},
	{q: "api gatway", want: "/services/api-gateway/"},
	{q: "kubernetes", want: ""}, // nothing on the site: no results
	// "x vs y": the comparison page, top.
	{q: "fargate vs lambda", want: "/compare/fargate-vs-lambda/"},
	{q: "lambda vs fargate", want: "/compare/fargate-vs-lambda/"},
	{q: "batch vs lambda", want: "/compare/lambda-vs-batch/"},
	{q: "fargate versus ecs", want: "/compare/ecs-vs-fargate/"},
	{q: "difference between ecs and fargate", want: "/compare/ecs-vs-fargate/"},
	// Single names, and prefixes being typed.
	{q: "ecr", want: "/services/ecr/"},
	{q: "batch", want: "/services/batch/"},
	{q: "docker", want: "/services/docker/"},
	{q: "api gate", want: "/services/api-gateway/"},
	{q: "lights", want: "/services/lightsail/"},
	{q: "serverless cron jobs", want: "/services/lambda/"},
	{q: "thumbnails for images uploaded to s3", want: "/services/lambda/"},
}

// TestLearnerQuestions runs every learner question through search.js
// against the bundled site's index: the right page comes first.
func TestLearnerQuestions(t *testing.T) {
	c := newJSClient(t, bundledIndex(t))
	for _, tc := range learnerQuestions {
		a := c.query(t, tc.q, 5)
		if tc.want == "" {
			if len(a.Hits) != 0 {
				t.Errorf("%q: want no results, got%s", tc.q, a)
			}
			continue
		}
		if len(a.Hits) == 0 {
			t.Errorf("%q: no results, want %s", tc.q, tc.want)
			continue
		}
		got := stripHighlight(a.Hits[0].URL)
		want := tc.want
		if !strings.Contains(want, "#") {
			got, _, _ = strings.Cut(got, "#")
		}
		if got != want {
			t.Errorf("%q: first is %s, want %s; got%s", tc.q, got, want, a)
			continue
		}
		if tc.text != "" && !strings.Contains(a.Hits[0].Text, tc.text) {
			t.Errorf("%q: snippet %q lacks %q", tc.q, a.Hits[0].Text, tc.text)
		}
	}
	if len(learnerQuestions) < 40 {
		t.Errorf("%d questions; the issue asks for 40", len(learnerQuestions))
	}
}

// stripHighlight drops ?highlight=… from a result URL, keeping #anchor.
func stripHighlight(u string) string {
	path, rest, _ := strings.Cut(u, "?")
	if _, anchor, ok := strings.Cut(rest, "#"); ok {
		return path + "#" + anchor
	}
	if _, anchor, ok := strings.Cut(path, "#"); ok {
		return strings.TrimSuffix(path, "#"+anchor) + "#" + anchor
	}
	return path
}

// TestCorrectWordsAreNotTypos checks that a word the site uses matches
// only itself: typo correction is for words the index lacks. It queries
// words taken from the bundled site's own page files, each followed by a
// space (a finished word, so no completions either).
func TestCorrectWordsAreNotTypos(t *testing.T) {
	files := bundledIndex(t)
	c := newJSClient(t, files)
	seen := map[string]bool{}
	var words []string
	for _, rec := range pageRecords(t, files) {
		_, text, _ := strings.Cut(string(rec), "\n") // past the URL
		for _, w := range search.Tokens(text) {
			if tm := search.Term(w); tm != "" && len([]rune(w)) >= 4 && !seen[tm] && !strings.ContainsAny(w, "0123456789") && !questionFiller[w] {
				seen[tm] = true
				words = append(words, w)
			}
		}
	}
	slices.Sort(words)
	for i := 0; i < len(words); i += max(1, len(words)/120) {
		w := words[i]
		a := c.query(t, w+" ", 3)
		if len(a.Hits) == 0 {
			t.Errorf("%q: no results for a word of the site", w)
			continue
		}
		for _, h := range a.Hits {
			for _, m := range h.Marks {
				if m != search.Term(w) && !synonymOf(w, m) {
					t.Errorf("%q matched %q on %s", w, m, h.URL)
				}
			}
		}
	}
}

// questionFiller are the words search.js drops from a query (FILLER) that
// have four letters or more.
var questionFiller = map[string]bool{"much": true, "many": true, "does": true, "doing": true, "done": true,
	"should": true, "would": true, "could": true, "which": true, "whom": true, "where": true, "whats": true, "between": true}

// synonymOf reports whether term m belongs to a built-in synonym group
// holding w.
func synonymOf(w, m string) bool {
	for _, g := range search.BuiltinSynonyms {
		var in, has bool
		for _, e := range g {
			ts := search.Terms(e)
			in = in || slices.Equal(ts, []string{search.Term(w)})
			has = has || slices.Contains(ts, m)
		}
		if in && has {
			return true
		}
	}
	return false
}

// TestColdStartHasNoResults: four letters are too few for a typo, so a
// query of short words the site never uses gets no results ("cold soup"
// is never "sold" or "code"), said so; "cold start", which the Lambda note
// now explains, finds it by its own words.
func TestColdStartHasNoResults(t *testing.T) {
	c := newJSClient(t, bundledIndex(t))
	for _, q := range []string{"cold soup", "cold soup "} {
		if a := c.query(t, q, 5); len(a.Hits) != 0 {
			t.Errorf("%q: want no results, got%s", q, a)
		}
	}
	if a := c.query(t, "cold start", 5); len(a.Hits) == 0 || !strings.HasPrefix(a.Hits[0].URL, "/services/lambda/") {
		t.Errorf("cold start: want Lambda first, got%s", a)
	}
}

// pageRecords returns every page record of an index, decompressed, in
// page order.
func pageRecords(t testing.TB, files map[string][]byte) [][]byte {
	t.Helper()
	var m struct {
		Dir         string
		Docs, Shard int
	}
	if err := json.Unmarshal(gunzip(t, files["manifest.bin"]), &m); err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for k := 0; k*m.Shard < m.Docs; k++ {
		b := files[m.Dir+"/d/"+strconv.Itoa(k)+".bin"]
		n := min(m.Shard, m.Docs-k*m.Shard)
		start := 4 * n
		for i := range n {
			end := int(binary.LittleEndian.Uint32(b[4*i:]))
			out = append(out, gunzip(t, b[start:end]))
			start = end
		}
		if start != len(b) {
			t.Fatalf("page shard %d: %d bytes after the last record", k, len(b)-start)
		}
	}
	return out
}

func gunzip(t testing.TB, gz []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
