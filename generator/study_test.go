package generator

import (
	"strings"
	"testing"
	"time"
)

// A plain notes folder gets no study pages; a folder whose only study
// material is author cards gets /study/ (no quiz or guide, which need
// facts), with the cards and their export.
func TestStudyPagesOnlyWithMaterial(t *testing.T) {
	plain := mustBuild(t, siteFS(t, `
-- content/bread.md --
# Bread
Flour, water, salt. A C++ line: std::vector.
`))
	for name := range plain.Files {
		if strings.HasPrefix(name, "study/") {
			t.Errorf("%s generated for a plain notes folder", name)
		}
	}
	cards := mustBuild(t, siteFS(t, `
-- content/bread.md --
# Bread

## Dough

> [!question]- How much salt per kilo of flour?
> About **20 g**.

What rises the dough?::Yeast
`))
	page := string(cards.Files["study/index.html"])
	for _, want := range []string{"How much salt per kilo of flour?", "<strong>20 g</strong>", `href="/bread/#dough"`, `id="study-data" data-json=`, "study/cards.tsv"} {
		if !strings.Contains(page, want) {
			t.Errorf("/study/ lacks %s", want)
		}
	}
	tsv := string(cards.Files["study/cards.tsv"])
	if strings.Count(tsv, "\n") != 6 || !strings.Contains(tsv, "What rises the dough?\t\"Yeast<p>") {
		t.Errorf("cards.tsv:\n%s", tsv)
	}
	for _, name := range []string{"study/quiz/index.html", "study/guide/index.html"} {
		if _, ok := cards.Files[name]; ok {
			t.Errorf("%s generated without facts", name)
		}
	}
}

// Facts older than stale_after are warnings naming file and line, and a
// service page shows when its facts were checked and links each source.
func TestStaleFacts(t *testing.T) {
	old := time.Now().AddDate(-2, 0, 0).Format(time.DateOnly)
	res := mustBuild(t, siteFS(t, `
-- sitegen.toml --
stale_after = "1 year"
-- content/_facts.yaml --
groups: [A]
facts:
  - {key: max_runtime, label: Max run time, kind: duration, group: A}
  - {key: note, label: Note, group: A}
-- content/fn.md --
---
title: Fn
facts:
  as_of: `+old+`
  max_runtime:
    value: 15 min
    source: https://docs.example.org/limits
  note:
    n/a: nothing to say
---
Body.
`))
	var stale []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "stale_after") {
			stale = append(stale, w.Error())
		}
	}
	if len(stale) != 2 || !strings.HasPrefix(stale[0], "content/fn.md:5: facts.max_runtime: checked on "+old) {
		t.Errorf("stale warnings: %q", stale)
	}
	page := string(res.Files["fn/index.html"])
	for _, want := range []string{"Facts checked on <time datetime=\"" + old, `href="https://docs.example.org/limits"`, "nothing to say"} {
		if !strings.Contains(page, want) {
			t.Errorf("service page lacks %s", want)
		}
	}
}
