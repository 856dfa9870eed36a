package serve

import (
	"sitegen/generator/change"

	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

var t0 = time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)

func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

func TestBatcherDue(t *testing.T) {
	b := batcher{quiet: 100 * time.Millisecond, longest: time.Second}
	b.add(fileEvent{path: "content/a.md"}, at(0))
	if got := b.due(); !got.Equal(at(100)) {
		t.Errorf("after one event due = %v, want +100ms", got.Sub(t0))
	}
	b.add(fileEvent{path: "content/b.md"}, at(60))
	if got := b.due(); !got.Equal(at(160)) {
		t.Errorf("a second event must push the quiet window: due = %v, want +160ms", got.Sub(t0))
	}
	// A steady trickle never goes quiet; longest caps the wait.
	for ms := 120; ms < 3000; ms += 50 {
		b.add(fileEvent{path: "content/c.md"}, at(ms))
	}
	if got := b.due(); !got.Equal(at(1000)) {
		t.Errorf("a trickle must be built after longest: due = %v, want +1s", got.Sub(t0))
	}
	bt := b.take()
	if len(bt.changes) != 3 || bt.full {
		t.Errorf("take = %+v, want 3 changes", bt)
	}
	if !b.empty() {
		t.Error("take must start a new batch")
	}
	b.add(fileEvent{path: "content/d.md"}, at(5000))
	if got := b.due(); !got.Equal(at(5100)) {
		t.Errorf("a new batch starts its own windows: due = %v", got.Sub(t0))
	}
}

func TestBatcherFilters(t *testing.T) {
	b := batcher{quiet: 100 * time.Millisecond, longest: time.Second}
	// vim: probe file, backup by rename, write the new file, drop the backup.
	events := []fileEvent{
		{path: "content/4913", op: change.Created},
		{path: "content/4913", op: change.Removed},
		{path: "content/lambda.md", op: change.Renamed},
		{path: "content/lambda.md~", op: change.Created},
		{path: "content/lambda.md", op: change.Created},
		{path: "content/lambda.md", op: change.Written},
		{path: "content/lambda.md~", op: change.Removed},
		{path: "content/.lambda.md.swp"},
		{path: "main.go"},
		{path: "content/gone.md", op: change.Removed},
	}
	kept := 0
	for i, ev := range events {
		if b.add(ev, at(i)) {
			kept++
		}
	}
	if kept != 4 {
		t.Errorf("kept %d events, want 4 (lambda.md three times, gone.md)", kept)
	}
	got := b.take()
	want := []Change{
		{Path: "content/gone.md", Kind: change.Note, Op: change.Removed},
		{Path: "content/lambda.md", Kind: change.Note, Op: change.Created}, // there again, written since
	}
	if !slices.Equal(got.changes, want) || got.full {
		t.Errorf("batch = %+v, want %+v", got, want)
	}
}

func TestBatcherFull(t *testing.T) {
	b := batcher{quiet: 100 * time.Millisecond, longest: time.Second}
	b.add(fileEvent{path: "content/old", op: change.Renamed, dir: true}, at(0))
	got := b.take()
	if !got.full || got.describe() != "content/old renamed" || got.changes[0].Kind != change.Folder {
		t.Errorf("a vanished folder: batch %+v (%q), want a full rebuild", got, got.describe())
	}
	b.add(fileEvent{full: true}, at(0))
	if got := b.take(); !got.full || got.describe() == "" {
		t.Errorf("overflow: batch %+v, want a full rebuild with a reason", got)
	}
}

func TestDescribe(t *testing.T) {
	c := func(p string) Change { return Change{Path: p, Kind: change.Note} }
	for _, tt := range []struct {
		b    batch
		want string
	}{
		{batch{changes: []Change{c("content/a.md")}}, "content/a.md changed"},
		{batch{changes: []Change{{Path: "content/a.md", Op: change.Removed}}}, "content/a.md removed"},
		{batch{changes: []Change{c("content/a.md"), c("content/b.md")}}, "content/a.md and content/b.md changed"},
		{batch{changes: []Change{c("content/a.md"), c("content/b.md"), c("content/c.md")}}, "content/a.md and 2 more files changed"},
	} {
		if got := tt.b.describe(); got != tt.want {
			t.Errorf("describe = %q, want %q", got, tt.want)
		}
	}
}

// A burst of events is one batch, whatever their number.
func TestDebounceBurst(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	in := make(chan fileEvent)
	out := make(chan *batcher)
	go debounce(ctx, in, out, 200*time.Millisecond, 10*time.Second, nil)
	for i := range 500 {
		in <- fileEvent{path: fmt.Sprintf("content/n%03d.md", i)}
		in <- fileEvent{path: fmt.Sprintf("content/n%03d.md.swp", i)}
	}
	bt := (<-out).take()
	if len(bt.changes) != 500 {
		t.Fatalf("got a batch of %d changes, want 500", len(bt.changes))
	}
	select {
	case b := <-out:
		t.Fatalf("a second batch %s after one burst", b.take().describe())
	case <-time.After(400 * time.Millisecond):
	}
}

// While the builder is busy, a due batch keeps taking events: the next
// build gets all of them.
func TestDebounceWhileBusy(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	in := make(chan fileEvent)
	out := make(chan *batcher)
	go debounce(ctx, in, out, 10*time.Millisecond, time.Second, nil)
	in <- fileEvent{path: "content/a.md"}
	time.Sleep(50 * time.Millisecond) // due now; nobody takes it
	in <- fileEvent{path: "content/b.md"}
	bt := (<-out).take()
	if len(bt.changes) != 2 {
		t.Fatalf("batch %s, want both files", bt.describe())
	}
}

// collect gathers changes from a watcher through the debouncer until
// every wanted path has come, and returns every change seen.
func collect(t *testing.T, out <-chan *batcher, want ...string) map[string]Change {
	t.Helper()
	seen := map[string]Change{}
	deadline := time.After(10 * time.Second)
	for {
		missing := 0
		for _, p := range want {
			if _, ok := seen[p]; !ok {
				missing++
			}
		}
		if missing == 0 {
			return seen
		}
		select {
		case b := <-out:
			for _, c := range b.take().changes {
				seen[c.Path] = c
			}
		case <-deadline:
			t.Fatalf("waited for %v; saw %v", want, seen)
		}
	}
}

func startTestWatcher(t *testing.T, root string, w watcher, quiet time.Duration) <-chan *batcher {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	events := make(chan fileEvent, 64)
	out := make(chan *batcher)
	done := make(chan struct{}, 2)
	go func() { w.run(ctx, events); done <- struct{}{} }()
	go func() { debounce(ctx, events, out, quiet, 10*time.Second, classifier(root)); done <- struct{}{} }()
	t.Cleanup(func() {
		cancel()
		<-done
		<-done
		w.close()
	})
	return out
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func newSiteDir(t *testing.T) string {
	root := t.TempDir()
	write(t, filepath.Join(root, "sitegen.toml"), "title = 'x'\n")
	write(t, filepath.Join(root, "content/services/lambda.md"), "# Lambda\n")
	write(t, filepath.Join(root, "content/services/ecs.md"), "# ECS\n")
	write(t, filepath.Join(root, "content/services/batch.md"), "# Batch\n")
	write(t, filepath.Join(root, "themes/default/layouts/page.html"), "{{.}}")
	write(t, filepath.Join(root, "public/index.html"), "old")
	write(t, filepath.Join(root, ".git/HEAD"), "ref")
	return root
}

func newTestNotifier(t *testing.T, root string) *notifier {
	t.Helper()
	n, err := newNotifier(root, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Every common way of saving a file ends in one change of that file and
// nothing from the editor's temporaries.
func TestNotifierSaveStyles(t *testing.T) {
	root := newSiteDir(t)
	out := startTestWatcher(t, root, newTestNotifier(t, root), 50*time.Millisecond)
	dir := filepath.Join(root, "content/services")
	saves := map[string]func(name string){
		"in place": func(name string) { write(t, name, "# new\n") },
		"vim": func(name string) {
			write(t, filepath.Join(dir, ".x.md.swp"), "swap")
			write(t, filepath.Join(dir, "4913"), "")
			os.Remove(filepath.Join(dir, "4913"))
			rename(t, name, name+"~")
			write(t, name, "# vim\n")
			os.Remove(name + "~")
			os.Remove(filepath.Join(dir, ".x.md.swp"))
		},
		"jetbrains": func(name string) {
			write(t, name+"___jb_tmp___", "# jb\n")
			rename(t, name, name+"___jb_old___")
			rename(t, name+"___jb_tmp___", name)
			os.Remove(name + "___jb_old___")
		},
		"atomic rename": func(name string) {
			tmp := filepath.Join(dir, "."+filepath.Base(name)+".8f3a2.tmp")
			write(t, tmp, "# vscode\n")
			rename(t, tmp, name)
		},
	}
	files := map[string]string{"in place": "lambda.md", "vim": "ecs.md", "jetbrains": "batch.md", "atomic rename": "lambda.md"}
	for _, style := range []string{"in place", "vim", "jetbrains", "atomic rename"} {
		rel := "content/services/" + files[style]
		saves[style](filepath.Join(root, filepath.FromSlash(rel)))
		seen := collect(t, out, rel)
		if c := seen[rel]; c.Gone() || c.Kind != change.Note {
			t.Errorf("%s: change %+v, want the file changed, not removed", style, c)
		}
		if len(seen) != 1 {
			t.Errorf("%s: changes %v, want only %s", style, seen, rel)
		}
	}
}

// A folder created with files already in it reports them, and files
// written into it later too.
func TestNotifierNewFolders(t *testing.T) {
	root := newSiteDir(t)
	out := startTestWatcher(t, root, newTestNotifier(t, root), 50*time.Millisecond)
	write(t, filepath.Join(root, "content/new/deep/a.md"), "# A\n")
	write(t, filepath.Join(root, "content/new/b.md"), "# B\n")
	collect(t, out, "content/new/deep/a.md", "content/new/b.md")

	// A folder moved in from outside the tree comes with its files.
	outside := t.TempDir()
	write(t, filepath.Join(outside, "moved/c.md"), "# C\n")
	rename(t, filepath.Join(outside, "moved"), filepath.Join(root, "content/moved"))
	collect(t, out, "content/moved/c.md")

	write(t, filepath.Join(root, "content/new/deep/later.md"), "# later\n")
	collect(t, out, "content/new/deep/later.md")

	// Output and version control folders are never watched; a pure
	// permission change is no change.
	if err := os.Chmod(filepath.Join(root, "content/services/lambda.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "public/index.html"), "new")
	write(t, filepath.Join(root, ".git/HEAD"), "new")
	write(t, filepath.Join(root, "content/x.md"), "# x\n")
	if seen := collect(t, out, "content/x.md"); len(seen) != 1 {
		t.Errorf("changes %v, want only content/x.md", seen)
	}
}

// `git checkout` of 500 files is one rebuild with all 500 changes.
func TestNotifierCheckout(t *testing.T) {
	root := newSiteDir(t)
	out := startTestWatcher(t, root, newTestNotifier(t, root), 300*time.Millisecond)
	for i := range 500 {
		write(t, filepath.Join(root, fmt.Sprintf("content/notes/n%03d.md", i)), "# note\n")
	}
	bt := (<-out).take()
	if len(bt.changes) != 500 {
		t.Fatalf("first batch has %d changes, want 500", len(bt.changes))
	}
	select {
	case b := <-out:
		t.Fatalf("a second batch: %s", b.take().describe())
	case <-time.After(500 * time.Millisecond):
	}
}

func TestNotifierFolderRemoved(t *testing.T) {
	root := newSiteDir(t)
	out := startTestWatcher(t, root, newTestNotifier(t, root), 50*time.Millisecond)
	rename(t, filepath.Join(root, "content/services"), filepath.Join(t.TempDir(), "gone"))
	deadline := time.After(10 * time.Second)
	for {
		select {
		case b := <-out:
			if b.take().full {
				return
			}
		case <-deadline:
			t.Fatal("a folder renamed away must cause a full rebuild")
		}
	}
}

func TestPoller(t *testing.T) {
	root := newSiteDir(t)
	out := startTestWatcher(t, root, newPoller(root, 20*time.Millisecond), 30*time.Millisecond)
	write(t, filepath.Join(root, "content/services/lambda.md"), "# Lambda, longer now\n")
	write(t, filepath.Join(root, "content/new/a.md"), "# A\n")
	os.Remove(filepath.Join(root, "content/services/ecs.md"))
	write(t, filepath.Join(root, "public/x.html"), "ignored")
	seen := collect(t, out, "content/services/lambda.md", "content/new/a.md", "content/services/ecs.md")
	if seen["content/services/ecs.md"].Op != change.Removed || seen["content/new/a.md"].Op != change.Created ||
		seen["content/services/lambda.md"].Op != change.Written {
		t.Errorf("changes %v: want ecs.md removed, a.md created, lambda.md written", seen)
	}
	if len(seen) != 3 {
		t.Errorf("changes %v, want 3", seen)
	}
}

type fallbackWatcher struct{}

func (fallbackWatcher) run(context.Context, chan<- fileEvent) error { return errFallback }
func (fallbackWatcher) close()                                      {}

// When fsnotify gives up, the server says so and keeps watching by polling.
func TestFallbackToPolling(t *testing.T) {
	root := newSiteDir(t)
	var log syncBuffer
	s := mustServer(t, &fakeBuilder{}, Options{Poll: 50 * time.Millisecond, Log: &log})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	events := make(chan fileEvent, 16)
	done := make(chan struct{})
	go func() { s.watch(ctx, fallbackWatcher{}, root, events); close(done) }()
	if ev := <-events; !ev.full {
		t.Errorf("first event after the fallback %+v, want a full rebuild", ev)
	}
	// The poller's first scan may race with this write; write until seen.
	for i := 0; ; i++ {
		write(t, filepath.Join(root, "content/services/lambda.md"), fmt.Sprint("# Lambda ", i, "\n"))
		select {
		case ev := <-events:
			if ev.path != "content/services/lambda.md" {
				t.Fatalf("event %+v", ev)
			}
			cancel()
			<-done
			if !containsText(log.String(), "polling every 50ms") {
				t.Errorf("log %q does not say it polls", log.String())
			}
			return
		case <-time.After(500 * time.Millisecond):
			if i > 10 {
				t.Fatal("the poller never saw the change")
			}
		}
	}
}

func TestIsLimit(t *testing.T) {
	err := fmt.Errorf("add: %w", syscall.ENOSPC)
	if !isLimit(err) || !containsText(explainLimit(err), "max_user_watches") {
		t.Errorf("ENOSPC: isLimit %v, %q", isLimit(err), explainLimit(err))
	}
	if isLimit(os.ErrNotExist) {
		t.Error("ErrNotExist is not a limit")
	}
}
