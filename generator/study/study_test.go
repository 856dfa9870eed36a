package study

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sitegen/generator/compare"
	"sitegen/generator/content"
	"sitegen/generator/markdown"
)

// bundled loads the bundled site's schema, services and comparisons.
func bundled(t *testing.T) (*compare.Schema, []Service, []Comparison) {
	t.Helper()
	root := filepath.Join("..", "..", "content")
	src, err := os.ReadFile(filepath.Join(root, "_facts.yaml"))
	if err != nil {
		t.Skipf("no bundled content: %v", err)
	}
	schema, err := compare.ParseSchema("content/_facts.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	var services []Service
	var comparisons []Comparison
	bySlug := map[string]Service{}
	for _, dir := range []string{"services", "compare"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.md"))
		for _, f := range files {
			src, _ := os.ReadFile(f)
			p, err := content.Parse(f, src)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Meta.Facts) > 0 {
				facts, err := schema.Validate(f, p.Meta.Facts)
				if err != nil {
					t.Fatal(err)
				}
				s := Service{Slug: p.Slug, Title: p.Meta.Title, URL: "/services/" + p.Slug + "/", Section: "Services", Facts: facts}
				services = append(services, s)
				bySlug[p.Slug] = s
			}
			if len(p.Meta.Compare) > 0 {
				c := Comparison{Title: p.Meta.Title, URL: "/compare/" + p.Slug + "/", Section: "Compare"}
				for _, slug := range p.Meta.Compare {
					c.Services = append(c.Services, bySlug[slug])
				}
				comparisons = append(comparisons, c)
			}
		}
	}
	return schema, services, comparisons
}

// TestFactCards: every stated fact of every bundled service gives exactly
// one card, linking to the service's facts; n/a and unstated facts none.
func TestFactCards(t *testing.T) {
	schema, services, _ := bundled(t)
	cards := FactCards(schema, services)
	byID := map[string]Card{}
	for _, c := range cards {
		if _, dup := byID[c.ID]; dup {
			t.Errorf("two cards with id %s", c.ID)
		}
		byID[c.ID] = c
	}
	stated, na := 0, 0
	for _, s := range services {
		for _, d := range schema.Defs {
			t.Run(s.Slug+"/"+d.Key, func(t *testing.T) {
				v, ok := s.Facts[d.Key]
				c, has := byID[cardID("fact", s.Slug, d.Key)]
				_, isNA := v.NA()
				switch {
				case ok && !isNA:
					stated++
					if !has {
						t.Fatalf("stated fact has no card")
					}
					if !strings.Contains(c.Back, esc(v.Items()[0])) || !strings.Contains(c.Front, esc(d.Label)) || c.URL != s.URL+"#key-facts" {
						t.Errorf("card = %+v", c)
					}
				case has:
					t.Errorf("a fact that is n/a or not stated has a card: %+v", c)
				default:
					na++
				}
			})
		}
	}
	if len(cards) != stated || stated == 0 || na == 0 {
		t.Errorf("%d cards for %d stated facts (%d n/a)", len(cards), stated, na)
	}
}

// TestComparisonCards: a comparison gives a card for a fact exactly when
// its services state it and differ on it.
func TestComparisonCards(t *testing.T) {
	schema, _, comparisons := bundled(t)
	cards := ComparisonCards(schema, comparisons)
	if len(cards) == 0 {
		t.Fatal("no comparison cards")
	}
	for _, c := range comparisons {
		for _, d := range schema.Defs {
			values, all := statedAll(c.Services, d.Key)
			differ := all && !allEqual(values)
			has := slices.ContainsFunc(cards, func(k Card) bool { return k.ID == cardID("compare", c.URL, d.Key) })
			if has != differ {
				t.Errorf("%s / %s: card %v, values differ %v", c.Title, d.Key, has, differ)
			}
		}
	}
	lb := slices.IndexFunc(cards, func(k Card) bool { return k.ID == cardID("compare", "/compare/lambda-vs-batch/", "max_runtime") })
	if lb < 0 || !strings.Contains(cards[lb].Back, "<p><strong>AWS Batch</strong></p>") {
		t.Errorf("Lambda vs Batch max run time: %+v", cards[lb])
	}
}

// TestQuizDistractors: no wrong answer equals the right one, no choice
// is offered twice, and the right answer is the service's value.
func TestQuizDistractors(t *testing.T) {
	schema, services, _ := bundled(t)
	qs := FactQuestions(schema, services)
	if len(qs) < 20 {
		t.Fatalf("only %d questions", len(qs))
	}
	for _, q := range qs {
		right := q.Choices[q.Answer]
		seen := map[string]bool{}
		for i, c := range q.Choices {
			if seen[c] {
				t.Errorf("%s: %q offered twice", q.Prompt, c)
			}
			seen[c] = true
			if i != q.Answer && c == right {
				t.Errorf("%s: a wrong answer equals the right one %q", q.Prompt, c)
			}
		}
		if len(q.Choices) < 3 || len(q.Choices) > 4 {
			t.Errorf("%s: %d choices", q.Prompt, len(q.Choices))
		}
	}
	// The right answer is the value; a wrong one never Equal to it.
	for _, s := range services {
		v := s.Facts["max_runtime"]
		if !v.Stated() {
			continue
		}
		for _, q := range qs {
			if q.ID == cardID("quiz", s.Slug, "max_runtime") && q.Choices[q.Answer] != esc(v.String()) {
				t.Errorf("%s max run time: answer %q, want %q", s.Slug, q.Choices[q.Answer], v.String())
			}
		}
	}
}

// TestGuideNarrowsToBatch: a job that runs for hours, with no servers to
// manage, leaves Fargate and Batch; that it is a batch job leaves Batch.
func TestGuideNarrowsToBatch(t *testing.T) {
	schema, services, _ := bundled(t)
	g := NewGuide(schema, services)
	opt := func(key, label string) string {
		for _, q := range g.Questions {
			for _, o := range q.Options {
				if q.Key == key && o.Label == label {
					return o.ID
				}
			}
		}
		t.Fatalf("no option %s / %s in %+v", key, label, g.Questions)
		return ""
	}
	long, noServers := opt("max_runtime", "More than 15 min"), opt("you_manage_servers", "No")
	if got := g.Narrow(long, noServers); !slices.Equal(got, []string{"fargate", "batch"}) && !slices.Equal(got, []string{"batch", "fargate"}) {
		t.Errorf("hours, no servers: %v", got)
	}
	if got := g.Narrow(long, noServers, opt("workload", "Batch jobs with a start and an end")); !slices.Equal(got, []string{"batch"}) {
		t.Errorf("hours, no servers, batch job: %v", got)
	}
	if got := g.Narrow(opt("max_runtime", "Up to 29 s")); slices.Contains(got, "ecr") || !slices.Contains(got, "api-gateway") {
		t.Errorf("29 s: %v (n/a services must drop out)", got)
	}
	// Scenario questions: the answer is the only service that fits.
	qs := ScenarioQuestions(g, services)
	if len(qs) < 3 {
		t.Fatalf("%d scenario questions", len(qs))
	}
	for _, q := range qs {
		if strings.Count(q.Prompt, "<li>") < 2 || slices.Index(q.Choices, q.Choices[q.Answer]) != q.Answer {
			t.Errorf("scenario %+v", q)
		}
	}
}

// TestAuthorCards renders a note and finds its folded question callouts
// and Front::Back lines, each linking to the heading above it.
func TestAuthorCards(t *testing.T) {
	src := "Intro.\n\n## Limits\n\n> [!question]- How long can a Lambda run?\n> **15 minutes**, then it stops.\n\n" +
		"> [!question]+ Open callouts are prose\n> not a card\n\n> [!question]-\n> No title, no card.\n\n" +
		"What does ECR store?::Docker *images*\nA line `std::vector` in code is text.\nIn prose std::vector is text too.\nCapital of France :: Paris\n\n```\nnot::a card\n```\n"
	r, err := markdown.New(markdown.Options{BasePath: "/"}).Render(context.Background(), markdown.Page{File: "n.md", BodyLine: 1, Body: []byte(src), URL: "/n/"})
	if err != nil {
		t.Fatal(err)
	}
	cards := AuthorCards(Note{Title: "N", URL: "/n/", Section: "Notes", HTML: r.HTML})
	var got []string
	for _, c := range cards {
		got = append(got, fmt.Sprintf("%s | %s | %s", c.Front, strings.TrimSpace(c.Back), c.URL))
	}
	want := []string{
		"How long can a Lambda run? | <p><strong>15 minutes</strong>, then it stops.</p> | /n/#limits",
		"What does ECR store? | Docker <em>images</em> | /n/#limits",
		"Capital of France | Paris | /n/#limits",
	}
	if !slices.Equal(got, want) {
		t.Errorf("cards:\n%s\nwant:\n%s\nHTML:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), r.HTML)
	}
}

// TestTSVParsesBack: the export reads back, field by field, with a CSV
// reader set up as Anki reads it (tab separated, # comments, quoting).
func TestTSVParsesBack(t *testing.T) {
	schema, services, comparisons := bundled(t)
	cards := append(FactCards(schema, services), ComparisonCards(schema, comparisons)...)
	cards = append(cards, Card{ID: "x", Kind: "author", Front: "Tab\there \"quoted\"", Back: "line 1\nline 2", Section: "My notes", Source: "N", URL: "/n/#a", Tags: []string{"two words"}})
	r := csv.NewReader(strings.NewReader(string(TSV(cards, "https://example.org/"))))
	r.Comma, r.Comment, r.FieldsPerRecord = '\t', '#', 3
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(cards) {
		t.Fatalf("%d rows for %d cards", len(rows), len(cards))
	}
	last := rows[len(rows)-1]
	if last[0] != `Tab&#9;here "quoted"` || last[1] != `line 1<br>line 2<p><a href="https://example.org/n/#a">N</a></p>` ||
		last[2] != "sitegen sitegen::author section::my_notes two_words" {
		t.Errorf("last row = %q", last)
	}
	for i, row := range rows[:len(rows)-1] {
		if row[0] != strings.TrimSpace(cards[i].Front) || !strings.HasPrefix(row[1], strings.TrimSpace(cards[i].Back)) {
			t.Errorf("row %d = %q, card %+v", i, row, cards[i])
		}
	}
}
