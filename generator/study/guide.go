package study

import (
	"slices"

	"sitegen/generator/compare"
)

// Guide is the "which service?" guide: one question per schema fact
// with ask:, each option naming the services that fit it. Narrowing is
// the intersection of the chosen options' services, so the page needs
// nothing but these sets, and without JavaScript the same sets are the
// table of rules.
type Guide struct {
	Questions []GuideQuestion `json:"questions"`
	Services  []Pick          `json:"services"`
}

// GuideQuestion is one question of the guide.
type GuideQuestion struct {
	Key     string   `json:"key"`
	Ask     string   `json:"ask"`
	Label   string   `json:"label"`
	Options []Option `json:"options"`
	byItem  bool     // options are a list's items, not amounts or yes / no
}

// Option is one answer to a guide question and the services it leaves.
type Option struct {
	ID    string   `json:"id"`
	Label string   `json:"label"`
	Fits  []string `json:"fits"` // slugs
}

// Pick is a service the guide may recommend.
type Pick struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// NewGuide derives the guide from the schema and the services' values.
// A service that marks a fact n/a or does not state it fits no option of
// that fact's question: it drops out once the question is answered.
func NewGuide(schema *compare.Schema, services []Service) Guide {
	var g Guide
	for _, s := range services {
		g.Services = append(g.Services, Pick{Slug: s.Slug, Title: s.Title, URL: s.URL})
	}
	for _, d := range schema.Defs {
		if d.Ask == "" {
			continue
		}
		q := GuideQuestion{Key: d.Key, Ask: d.Ask, Label: d.Label, Options: options(d, services),
			byItem: d.Kind == compare.KindList || d.Kind == compare.KindText}
		if len(q.Options) > 1 {
			g.Questions = append(g.Questions, q)
		}
	}
	return g
}

// options are the answers a question offers, by the fact's kind:
// Yes / No for a bool; for a duration or size, "Up to x" for each stated
// amount x (fitting the services that allow at least x) and "More than"
// the largest finite one; each distinct item of a list or text.
func options(d compare.Def, services []Service) []Option {
	var out []Option
	fits := func(label string, ok func(compare.Value) bool) {
		var slugs []string
		for _, s := range services {
			if v, stated := s.Facts[d.Key]; stated && v.Stated() && ok(v) {
				slugs = append(slugs, s.Slug)
			}
		}
		if len(slugs) > 0 {
			out = append(out, Option{ID: d.Key + "-" + cardID(label), Label: label, Fits: slugs})
		}
	}
	values := stated(d.Key, services)
	switch d.Kind {
	case compare.KindBool:
		for _, yes := range []bool{true, false} {
			want := "No"
			if yes {
				want = "Yes"
			}
			fits(want, func(v compare.Value) bool { return v.String() == want })
		}
	case compare.KindDuration, compare.KindSize:
		var finite []compare.Value
		for _, v := range values {
			if v.String() != "Unlimited" && !slices.ContainsFunc(finite, v.Equal) {
				finite = append(finite, v)
			}
		}
		slices.SortFunc(finite, func(a, b compare.Value) int {
			if a.Less(b) {
				return -1
			}
			return 1
		})
		for _, x := range finite {
			fits("Up to "+x.String(), func(v compare.Value) bool { return !v.Less(x) })
		}
		if n := len(finite); n > 0 {
			top := finite[n-1]
			fits("More than "+top.String(), func(v compare.Value) bool { return top.Less(v) })
		}
	default:
		var items []string
		for _, v := range values {
			for _, it := range v.Items() {
				if !slices.Contains(items, it) {
					items = append(items, it)
				}
			}
		}
		for _, it := range items {
			fits(it, func(v compare.Value) bool { return slices.Contains(v.Items(), it) })
		}
	}
	return out
}

// stated lists the stated values of key, in service order.
func stated(key string, services []Service) []compare.Value {
	var out []compare.Value
	for _, s := range services {
		if v, ok := s.Facts[key]; ok && v.Stated() {
			out = append(out, v)
		}
	}
	return out
}

// Narrow returns the slugs that fit every chosen option (by option id),
// in the guide's service order: what the page shows, for tests and the
// scenario questions.
func (g Guide) Narrow(chosen ...string) []string {
	var out []string
	for _, s := range g.Services {
		ok := true
		for _, id := range chosen {
			if o, found := g.option(id); found && !slices.Contains(o.Fits, s.Slug) {
				ok = false
			}
		}
		if ok {
			out = append(out, s.Slug)
		}
	}
	return out
}

func (g Guide) option(id string) (Option, bool) {
	for _, q := range g.Questions {
		for _, o := range q.Options {
			if o.ID == id {
				return o, true
			}
		}
	}
	return Option{}, false
}
