package generator

import (
	"sync"
	"testing"

	"sitegen/internal/synth"
)

// TestProgress checks that Config.Progress hears every stage and a count
// of the pages rendered, up to all of them.
func TestProgress(t *testing.T) {
	var mu sync.Mutex
	stages := map[string]bool{}
	most, totals := map[string]int{}, map[string]int{}
	res, err := Build(t.Context(), Config{FS: synth.Site(30), Progress: func(stage string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		stages[stage] = true
		if total > 0 && done > most[stage] {
			most[stage], totals[stage] = done, total
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Stages {
		if !stages[s.Name] {
			t.Errorf("no progress for stage %s", s.Name)
		}
	}
	// Markdown converts the notes; render also the tag pages made since.
	for _, s := range []string{"markdown", "render"} {
		if most[s] == 0 || most[s] != totals[s] {
			t.Errorf("%s: progress reached %d of %d pages", s, most[s], totals[s])
		}
	}
	if totals["render"] != res.Pages {
		t.Errorf("render counted %d pages, the build has %d", totals["render"], res.Pages)
	}
}
