package main

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sitegen/internal/synth"
)

// BenchmarkEditToReload measures what an author waits for in `sitegen
// serve`: from writing a note to the reload event reaching the browser's
// event stream, on the bundled site and on a synthetic 5,000-note site.
//
//	go test -run '^$' -bench EditToReload -benchtime 20x .
func BenchmarkEditToReload(b *testing.B) {
	b.Run("bundled", func(b *testing.B) {
		dir := copyBundledSite(b)
		benchEdits(b, dir, filepath.Join(dir, "content/services/lambda.md"))
	})
	b.Run("synthetic-5000", func(b *testing.B) {
		dir := b.TempDir()
		writeSynth(b, dir, 5000)
		benchEdits(b, dir, filepath.Join(dir, "content/area-2/topic-25/note-2500.md"))
	})
}

// TestServeEditIsIncremental checks that a one-note edit re-renders a few
// pages, not the site.
func TestServeEditIsIncremental(t *testing.T) {
	dir := t.TempDir()
	writeSynth(t, dir, 300)
	s := startServe(t, dir)
	s.edit(t, filepath.Join(dir, "content/area-0/topic-1/note-150.md"), 1)
	s.waitLog(t, regexp.MustCompile(`re-rendered (\d+) of \d+ pages`))
	if m := regexp.MustCompile(`re-rendered (\d+) of`).FindStringSubmatch(s.out.String()); m == nil || len(m[1]) > 1 {
		t.Fatalf("a one-note edit re-rendered too much:\n%s", s.out.String())
	}
}

func benchEdits(b *testing.B, dir, note string) {
	s := startServe(b, dir)
	b.ResetTimer()
	var total time.Duration
	for i := range b.N {
		total += s.edit(b, note, i)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/edit")
	b.ReportMetric(0, "ns/op")
}

type served struct {
	out    *browserSyncBuffer
	events chan string
}

// startServe runs `sitegen serve` on dir and follows its event stream.
func startServe(tb testing.TB, dir string) *served {
	ctx, cancel := context.WithCancel(context.Background())
	out := &browserSyncBuffer{}
	done := make(chan int)
	go func() { done <- run(ctx, []string{"serve", "--src", dir, "--port", "0"}, out, out) }()
	tb.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			tb.Errorf("serve exited with %d:\n%s", code, out.String())
		}
	})
	s := &served{out: out, events: make(chan string, 64)}
	url := s.waitLog(tb, regexp.MustCompile(`at (http://\S+/) `))
	resp, err := http.Get(url + "_sitegen/events")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { resp.Body.Close() })
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				s.events <- ev
			}
		}
	}()
	s.waitEvent(tb, "hello")
	return s
}

// edit appends a line to note and returns the time until the reload event.
func (s *served) edit(tb testing.TB, note string, i int) time.Duration {
	src, err := os.ReadFile(note)
	if err != nil {
		tb.Fatal(err)
	}
	src = append(src, fmt.Sprintf("\nEdit number %d.\n", i)...)
	start := time.Now()
	if err := os.WriteFile(note, src, 0o644); err != nil {
		tb.Fatal(err)
	}
	s.waitEvent(tb, "reload")
	return time.Since(start)
}

func (s *served) waitEvent(tb testing.TB, want string) {
	timeout := time.After(60 * time.Second)
	for {
		select {
		case ev := <-s.events:
			if ev == want {
				return
			}
			if ev == "error" {
				tb.Fatalf("build failed:\n%s", s.out.String())
			}
		case <-timeout:
			tb.Fatalf("no %s event in 60 s:\n%s", want, s.out.String())
		}
	}
}

// waitLog waits for the server's output to match re and returns the
// first submatch.
func (s *served) waitLog(tb testing.TB, re *regexp.Regexp) string {
	deadline := time.Now().Add(120 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(s.out.String()); m != nil {
			return m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	tb.Fatalf("server output never matched %s:\n%s", re, s.out.String())
	return ""
}

func writeSynth(tb testing.TB, dir string, n int) {
	if err := synth.WriteDir(dir, n); err != nil {
		tb.Fatal(err)
	}
}

// copyBundledSite copies the study site (config and notes) to a temporary
// folder, so edits never touch the repository.
func copyBundledSite(tb testing.TB) string {
	dir := tb.TempDir()
	err := filepath.WalkDir("content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	cfg, err := os.ReadFile("sitegen.toml")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sitegen.toml"), cfg, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}
