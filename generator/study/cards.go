// Package study turns a site's facts and the cards its authors write into
// study tools: flashcards, multiple-choice and scenario quizzes, a "which
// service?" guide and an Anki export.
//
// Every tool is generated: a fact card from each stated fact, a
// comparison card from each fact on which compared services differ, a
// quiz question from each fact the other services state differently, and
// the guide's questions from the schema facts that carry ask:. An author
// adds cards with a folded question callout (> [!question]- Front, its
// body the back) or a line "Front::Back" (whose front ends in "?", or
// whose :: stands between blanks: "std::vector" in prose is no card).
//
// The package knows nothing of pages, themes or the browser: it takes
// services and rendered HTML and returns plain data, which the build
// writes into the study pages and the export file. URLs are passed in
// already under the site's base path.
package study

import (
	"fmt"
	"hash/fnv"
	"html"
	"slices"
	"strings"

	"sitegen/generator/compare"
)

// Service is a note with facts.
type Service struct {
	Slug, Title string
	URL         string // href of the note
	Section     string // title of its section ("Services")
	Tags        []string
	Facts       compare.Facts
}

// Comparison is a note that compares services (compare: [a, b]).
type Comparison struct {
	Title, URL, Section string
	Tags                []string
	Services            []Service
}

// Card is one flashcard. Front and Back are HTML.
type Card struct {
	ID      string   `json:"id"`   // stable across builds while the card's front and source stay
	Kind    string   `json:"kind"` // fact, compare or author
	Front   string   `json:"front"`
	Back    string   `json:"back"`
	Section string   `json:"section"` // for filters and progress
	Source  string   `json:"source"`  // title of the note it came from
	URL     string   `json:"url"`     // the section of that note it came from
	Tags    []string `json:"tags"`
}

// FactsAnchor is the id of a service page's facts table, where fact
// cards link back to.
const FactsAnchor = "key-facts"

// FactCards makes one card per stated fact of each service, in schema
// order; a fact marked n/a or not given makes none.
func FactCards(schema *compare.Schema, services []Service) []Card {
	var out []Card
	for _, s := range services {
		for _, d := range schema.Defs {
			v, ok := s.Facts[d.Key]
			if !ok || !v.Stated() {
				continue
			}
			front := fmt.Sprintf("<strong>%s</strong> — %s?", esc(s.Title), esc(d.Label))
			out = append(out, Card{
				ID: cardID("fact", s.Slug, d.Key), Kind: "fact",
				Front: front, Back: valueHTML(v) + describe(d),
				Section: s.Section, Source: s.Title, URL: s.URL + "#" + FactsAnchor,
				Tags: slices.Concat([]string{s.Slug}, s.Tags),
			})
		}
	}
	return out
}

// ComparisonCards makes a card for each fact on which a comparison's
// services differ; a fact any of them does not state, or on which all
// agree, makes none.
func ComparisonCards(schema *compare.Schema, comparisons []Comparison) []Card {
	var out []Card
	for _, c := range comparisons {
		if len(c.Services) < 2 {
			continue
		}
		titles := make([]string, len(c.Services))
		for i, s := range c.Services {
			titles[i] = s.Title
		}
		names := esc(joinOr(titles))
		for _, d := range schema.Defs {
			values, ok := statedAll(c.Services, d.Key)
			if !ok || allEqual(values) {
				continue
			}
			var front, back string
			if best, unique := highest(values); (d.Kind == compare.KindDuration || d.Kind == compare.KindSize) && unique {
				front = fmt.Sprintf("Which has the higher <em>%s</em>: %s?", esc(strings.ToLower(d.Label)), names)
				back = "<p><strong>" + esc(c.Services[best].Title) + "</strong></p>"
			} else {
				front = fmt.Sprintf("%s — how do they differ on <em>%s</em>?", names, esc(strings.ToLower(d.Label)))
			}
			back += "<ul>"
			for i, s := range c.Services {
				back += "<li><strong>" + esc(s.Title) + "</strong>: " + esc(values[i].String()) + "</li>"
			}
			back += "</ul>"
			out = append(out, Card{
				ID: cardID("compare", c.URL, d.Key), Kind: "compare", Front: front, Back: back,
				Section: c.Section, Source: c.Title, URL: c.URL, Tags: c.Tags,
			})
		}
	}
	return out
}

// statedAll returns every service's value of key, and false when one
// does not state it.
func statedAll(services []Service, key string) ([]compare.Value, bool) {
	values := make([]compare.Value, len(services))
	for i, s := range services {
		v, ok := s.Facts[key]
		if !ok || !v.Stated() {
			return nil, false
		}
		values[i] = v
	}
	return values, true
}

func allEqual(values []compare.Value) bool {
	for _, v := range values[1:] {
		if !v.Equal(values[0]) {
			return false
		}
	}
	return true
}

// highest is the index of the largest value, and whether no other equals it.
func highest(values []compare.Value) (int, bool) {
	best := 0
	for i, v := range values {
		if values[best].Less(v) {
			best = i
		}
	}
	for i, v := range values {
		if i != best && v.Equal(values[best]) {
			return best, false
		}
	}
	return best, true
}

// valueHTML prints a value: a list as <ul>, anything else as a paragraph.
func valueHTML(v compare.Value) string {
	if v.Kind() != compare.KindList {
		return "<p>" + esc(v.String()) + "</p>"
	}
	var b strings.Builder
	b.WriteString("<ul>")
	for _, it := range v.Items() {
		b.WriteString("<li>" + esc(it) + "</li>")
	}
	b.WriteString("</ul>")
	return b.String()
}

func describe(d compare.Def) string {
	if d.Description == "" {
		return ""
	}
	return `<p class="card-note">` + esc(d.Description) + "</p>"
}

func joinOr(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func esc(s string) string { return html.EscapeString(s) }

// cardID hashes what identifies a card, so a learner's progress stays
// with it across builds.
func cardID(parts ...string) string {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%016x", h.Sum64())[:12]
}
