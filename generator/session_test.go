package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/generator/change"
	"sitegen/internal/synth"
)

// writeSite puts a synthetic site of n notes on disk, as serve sees it.
func writeSite(tb testing.TB, n int) string {
	dir := tb.TempDir()
	if err := synth.WriteDir(dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// written is the watcher's report of notes saved in place.
func written(notes ...string) []change.Change {
	var out []change.Change
	for _, n := range notes {
		out = append(out, change.Change{Path: n, Kind: change.Note, Op: change.Written})
	}
	return out
}

func appendLine(tb testing.TB, dir, note, line string) {
	path := filepath.Join(dir, note)
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, append(src, "\n"+line+"\n"...), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func TestSessionRebuildsOnlyWhatChanged(t *testing.T) {
	dir := writeSite(t, 300)
	s := NewSession(Config{Src: dir, Strict: true})
	full, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	note := "content/area-0/topic-1/note-150.md"
	appendLine(t, dir, note, "A new sentence about [[note-7]].")
	up, err := s.Build(context.Background(), written(note))
	if err != nil {
		t.Fatal(err)
	}
	if up.Full || len(up.Pages) != 2 {
		t.Fatalf("edit re-rendered %v (full %v), want the note and note-7 (its new backlink)", up.Pages, up.Full)
	}
	page := string(up.Files["area-0/topic-1/note-150/index.html"])
	if !strings.Contains(page, "A new sentence about") {
		t.Error("the edited page does not show the edit")
	}
	if !strings.Contains(string(up.Files["area-0/topic-0/note-7/index.html"]), "note-150/") {
		t.Error("the linked page does not list the new backlink")
	}
	if &full.Files == &up.Files {
		t.Error("a rebuild changed the files map the server may still be serving")
	}

	// Front matter feeds lists and tables: a title change is a full build.
	src, _ := os.ReadFile(filepath.Join(dir, note))
	_ = os.WriteFile(filepath.Join(dir, note), []byte(strings.Replace(string(src), "title: Note 150", "title: Renamed 150", 1)), 0o644)
	up, err = s.Build(context.Background(), written(note))
	if err != nil || !up.Full {
		t.Fatalf("title change: full %v, err %v; want a full build", up != nil && up.Full, err)
	}

	// A broken edit fails, and the next build after the fix is whole again.
	appendLine(t, dir, note, "[[no-such-note]]")
	if _, err := s.Build(context.Background(), written(note)); err == nil || !strings.Contains(err.Error(), note) {
		t.Fatalf("broken link: err = %v", err)
	}
}

// BenchmarkSessionEdit is the build part of serve's edit-to-reload time:
// one note's body edited on a 5,000-note site.
func BenchmarkSessionEdit(b *testing.B) {
	dir := writeSite(b, 5000)
	s := NewSession(Config{Src: dir})
	if _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	note := "content/area-2/topic-25/note-2500.md"
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		appendLine(b, dir, note, fmt.Sprintf("Edit %d.", i))
		b.StartTimer()
		up, err := s.Build(context.Background(), written(note))
		if err != nil || up.Full {
			b.Fatalf("full %v, err %v", up != nil && up.Full, err)
		}
	}
}

// An edit to an embedded note reaches the pages that embed it.
func TestSessionReRendersEmbeddingPages(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"content/host.md":  "Intro.\n\n![[part]]\n",
		"content/part.md":  "Original words.\n",
		"content/other.md": "Unrelated.\n",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := NewSession(Config{Src: dir})
	if _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	appendLine(t, dir, "content/part.md", "Edited words.")
	up, err := s.Build(context.Background(), written("content/part.md"))
	if err != nil {
		t.Fatal(err)
	}
	if up.Full {
		t.Fatal("a body edit rebuilt everything")
	}
	if got := strings.Join(up.Pages, " "); !strings.Contains(got, "/host/") || strings.Contains(got, "/other/") {
		t.Errorf("re-rendered %s, want /host/ (it embeds the edited note) and not /other/", got)
	}
	if !strings.Contains(string(up.Files["host/index.html"]), "Edited words.") {
		t.Error("the embedding page does not show the edit")
	}
}

// A body edit that adds an author card (a Question::Answer line) reaches
// the study page, as a clean build of the same files would have it.
func TestSessionAuthorCardEdit(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"content/a.md": "Lambda runs code.\n\nMax run time :: 15 minutes\n",
		"content/b.md": "Unrelated.\n",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := NewSession(Config{Src: dir})
	if _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	appendLine(t, dir, "content/b.md", "Largest task :: 16 vCPU")
	up, err := s.Build(context.Background(), []change.Change{{Path: "content/b.md", Kind: change.Note, Op: change.Written}})
	if err != nil {
		t.Fatal(err)
	}
	clean, err := Build(context.Background(), Config{Src: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(up.Files["study/index.html"]), "Largest task") {
		t.Error("the study page lacks the card added by the edit")
	}
	if string(up.Files["study/index.html"]) != string(clean.Files["study/index.html"]) {
		t.Error("the study page differs from a clean build's")
	}
}
