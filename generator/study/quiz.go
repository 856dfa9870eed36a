package study

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"

	"sitegen/generator/compare"
)

// Question is one multiple-choice quiz question. Prompt, Choices and
// Explain are HTML; Answer indexes Choices.
type Question struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"` // fact or scenario
	Prompt  string   `json:"prompt"`
	Choices []string `json:"choices"`
	Answer  int      `json:"answer"`
	Explain string   `json:"explain"`
	Section string   `json:"section"`
	URL     string   `json:"url"`
}

// FactQuestions asks each service's stated facts (not yes/no ones) with
// up to three wrong answers taken from the other services' values of the
// same fact. A value equal to the right answer is never offered, nor the
// same text twice; a fact with fewer than two such values is not asked.
func FactQuestions(schema *compare.Schema, services []Service) []Question {
	var out []Question
	for _, s := range services {
		for _, d := range schema.Defs {
			v, ok := s.Facts[d.Key]
			if !ok || !v.Stated() || d.Kind == compare.KindBool {
				continue
			}
			var wrong []string
			var from []string
			for _, o := range services {
				w, ok := o.Facts[d.Key]
				if o.Slug == s.Slug || !ok || !w.Stated() || w.Equal(v) || w.String() == v.String() || slices.Contains(wrong, w.String()) {
					continue
				}
				wrong = append(wrong, w.String())
				from = append(from, "<li><strong>"+esc(o.Title)+"</strong>: "+esc(w.String())+"</li>")
			}
			if len(wrong) < 2 {
				continue
			}
			id := cardID("quiz", s.Slug, d.Key)
			r := rng(id)
			r.Shuffle(len(wrong), func(i, j int) { wrong[i], wrong[j] = wrong[j], wrong[i] })
			wrong = wrong[:min(3, len(wrong))]
			choices, answer := place(r, v.String(), wrong)
			explain := fmt.Sprintf("<p><strong>%s</strong> — %s: <strong>%s</strong>.</p>", esc(s.Title), esc(strings.ToLower(d.Label)), esc(v.String()))
			explain += "<p>The other answers are other services' values:</p><ul>" + strings.Join(from, "") + "</ul>"
			out = append(out, Question{ID: id, Kind: "fact",
				Prompt:  fmt.Sprintf("<strong>%s</strong> — %s?", esc(s.Title), esc(d.Label)) + describe(d),
				Choices: escAll(choices), Answer: answer, Explain: explain, Section: s.Section, URL: s.URL + "#" + FactsAnchor})
		}
	}
	return out
}

// ScenarioQuestions describe a need by the guide's answers that fit one
// service, fewest first (limits and yes / no before kinds of work, which
// name the service almost outright), until only that service fits; the wrong answers
// are the services that fit the most of the same answers. The
// explanation names the fact each wrong service fails on.
func ScenarioQuestions(g Guide, services []Service) []Question {
	var out []Question
	for _, s := range services {
		type cond struct {
			q GuideQuestion
			o Option
		}
		var conds []cond
		for _, q := range g.Questions {
			var best Option
			for _, o := range q.Options {
				if slices.Contains(o.Fits, s.Slug) && (best.ID == "" || len(o.Fits) < len(best.Fits)) {
					best = o
				}
			}
			if best.ID != "" {
				conds = append(conds, cond{q, best})
			}
		}
		slices.SortStableFunc(conds, func(a, b cond) int {
			if a.q.byItem != b.q.byItem {
				if a.q.byItem {
					return 1
				}
				return -1
			}
			return len(a.o.Fits) - len(b.o.Fits)
		})
		var picked []cond
		var ids []string
		for _, c := range conds {
			if len(g.Narrow(ids...)) == 1 {
				break
			}
			picked = append(picked, c)
			ids = append(ids, c.o.ID)
		}
		if len(picked) < 2 || !slices.Equal(g.Narrow(ids...), []string{s.Slug}) {
			continue // one answer alone is a fact question, not a scenario
		}
		// Wrong answers: the services that meet the most conditions.
		score := map[string]int{}
		for _, o := range services {
			for _, c := range picked {
				if slices.Contains(c.o.Fits, o.Slug) {
					score[o.Slug]++
				}
			}
		}
		others := slices.DeleteFunc(slices.Clone(services), func(o Service) bool { return o.Slug == s.Slug })
		slices.SortStableFunc(others, func(a, b Service) int { return score[b.Slug] - score[a.Slug] })
		others = others[:min(3, len(others))]
		var prompt, explain strings.Builder
		prompt.WriteString("<p>Which service fits?</p><ul>")
		for _, c := range picked {
			prompt.WriteString("<li>" + esc(c.q.Ask) + " <strong>" + esc(c.o.Label) + "</strong></li>")
		}
		prompt.WriteString("</ul>")
		explain.WriteString(fmt.Sprintf(`<p><a href="%s">%s</a> fits every answer.</p><ul>`, esc(s.URL), esc(s.Title)))
		var wrong []string
		for _, o := range others {
			wrong = append(wrong, o.Title)
			for _, c := range picked {
				if !slices.Contains(c.o.Fits, o.Slug) {
					explain.WriteString(fmt.Sprintf("<li><strong>%s</strong> — %s: %s</li>", esc(o.Title), esc(c.q.Label), esc(valueOr(o, c.q.Key))))
					break
				}
			}
		}
		explain.WriteString("</ul>")
		id := cardID("scenario", s.Slug)
		choices, answer := place(rng(id), s.Title, wrong)
		out = append(out, Question{ID: id, Kind: "scenario", Prompt: prompt.String(), Choices: escAll(choices),
			Answer: answer, Explain: explain.String(), Section: s.Section, URL: s.URL})
	}
	return out
}

// valueOr prints a service's value of key, or why it has none.
func valueOr(s Service, key string) string {
	v, ok := s.Facts[key]
	if !ok {
		return "not stated"
	}
	if why, na := v.NA(); na {
		return "n/a (" + why + ")"
	}
	return v.String()
}

// place puts the right answer among the wrong ones at a random place.
func place(r *rand.Rand, right string, wrong []string) ([]string, int) {
	at := r.IntN(len(wrong) + 1)
	return slices.Insert(slices.Clone(wrong), at, right), at
}

// rng is seeded by the question id: the same site gives the same quiz.
func rng(id string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(id))
	return rand.New(rand.NewPCG(h.Sum64(), 0))
}

func escAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = esc(x)
	}
	return out
}
