package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"sitegen/generator/change"
)

// fileEvent is one observation from a watcher, before debouncing.
type fileEvent struct {
	path string    // relative to the site root, forward slashes
	op   change.Op // what happened to it
	dir  bool      // a watched directory vanished: its files are unknown
	full bool      // the watcher lost events (queue overflow, fallback)
}

// batch is a debounced burst of changes: one rebuild.
type batch struct {
	changes []Change // sorted by path
	full    bool     // rebuild everything; changes only describe the burst
	reason  string   // why full, when no change says it
}

// describe says what changed in a few words for the terminal line.
func (b batch) describe() string {
	switch n := len(b.changes); {
	case n == 0 && b.reason != "":
		return b.reason
	case n == 0:
		return "sources changed"
	case n == 1:
		c := b.changes[0]
		if c.Gone() || c.Op == change.Created {
			return c.Path + " " + c.Op.String()
		}
		return c.Path + " changed"
	case n == 2:
		return b.changes[0].Path + " and " + b.changes[1].Path + " changed"
	default:
		return fmt.Sprintf("%s and %d more files changed", b.changes[0].Path, n-1)
	}
}

// batcher collects events into a batch. It is due when no event came for
// quiet, or longest after the first event, whichever is earlier, so a
// `git checkout` of 500 files is one rebuild and a steady trickle of
// writes still rebuilds every longest.
type batcher struct {
	quiet, longest time.Duration
	classify       func(rel string) change.Kind // nil: a site with a content/ folder
	first, last    time.Time
	changes        map[string]Change
	full           bool
	reason         string
}

// add records ev at time now. It reports whether ev matters to the site;
// editor junk and files the site does not read are dropped.
func (b *batcher) add(ev fileEvent, now time.Time) bool {
	wasEmpty := b.empty()
	switch {
	case ev.full:
		b.full = true
		b.reason = "files changed faster than the watcher could report them"
	case ev.dir:
		b.full = true
		b.put(Change{Path: ev.path, Kind: change.Folder, Op: ev.op})
	default:
		if isJunk(path.Base(ev.path)) {
			return false
		}
		classify := b.classify
		if classify == nil {
			classify = func(rel string) change.Kind { return change.Classify("content", rel) }
		}
		kind := classify(ev.path)
		if kind == change.Other {
			return false
		}
		b.put(Change{Path: ev.path, Kind: kind, Op: ev.op})
	}
	if wasEmpty {
		b.first = now
	}
	b.last = now
	return true
}

func (b *batcher) put(c Change) {
	if b.changes == nil {
		b.changes = map[string]Change{}
	}
	// The last event says whether the file is there: vim renames lambda.md
	// away and then creates it again.
	if prev, ok := b.changes[c.Path]; ok {
		c = prev.Merge(c)
	}
	b.changes[c.Path] = c
}

func (b *batcher) empty() bool { return len(b.changes) == 0 && !b.full }

// due is when the pending batch should be built.
func (b *batcher) due() time.Time {
	d := b.last.Add(b.quiet)
	if limit := b.first.Add(b.longest); limit.Before(d) {
		d = limit
	}
	return d
}

// take returns the pending batch and starts a new one.
func (b *batcher) take() batch {
	out := batch{full: b.full, reason: b.reason}
	for _, c := range b.changes {
		out.changes = append(out.changes, c)
	}
	slices.SortFunc(out.changes, func(x, y Change) int { return strings.Compare(x.Path, y.Path) })
	*b = batcher{quiet: b.quiet, longest: b.longest, classify: b.classify}
	return out
}

// debounce collects events from in and hands a due batch to out. The
// batch waits there until the builder takes it, still absorbing events,
// so changes made during a build all go into the next one. The receiver
// owns what it takes: debounce starts a new batcher after each handoff.
func debounce(ctx context.Context, in <-chan fileEvent, out chan<- *batcher, quiet, longest time.Duration, classify func(string) change.Kind) {
	b := &batcher{quiet: quiet, longest: longest, classify: classify}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	ready := false
	for {
		var send chan<- *batcher
		if ready {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case ev := <-in:
			if b.add(ev, time.Now()) && !ready {
				timer.Reset(time.Until(b.due()))
			}
		case now := <-timer.C:
			if d := b.due(); now.Before(d) {
				timer.Reset(d.Sub(now))
			} else {
				ready = !b.empty()
			}
		case send <- b:
			b = &batcher{quiet: quiet, longest: longest, classify: classify}
			ready = false
		}
	}
}

// watcher reports changes under a site root.
type watcher interface {
	// run sends events on out until ctx is done. An errFallback return
	// asks the caller to switch to polling.
	run(ctx context.Context, out chan<- fileEvent) error
	close()
}

// errFallback is returned by the fsnotify watcher when it cannot watch
// every directory any more.
var errFallback = errors.New("fsnotify cannot watch every folder")

// startWatcher sets up watching of root before returning, so no change
// made after it returns is missed. poll > 0 chooses polling.
func startWatcher(root string, poll time.Duration, logf func(string, ...any)) watcher {
	if poll > 0 {
		logf("watching %s by polling every %v", root, poll)
		return newPoller(root, poll)
	}
	w, err := newNotifier(root, logf)
	if err != nil {
		logf("%v; watching by polling every %v instead (set the interval with --poll)", err, defaultPoll)
		return newPoller(root, defaultPoll)
	}
	return w
}

const defaultPoll = time.Second

// notifier watches with fsnotify, one watch per directory, adding
// directories as they appear.
type notifier struct {
	root string
	w    *fsnotify.Watcher
	dirs map[string]bool // watched directories, relative to root
	logf func(string, ...any)
}

func newNotifier(root string, logf func(string, ...any)) (*notifier, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("fsnotify could not start (%v)", explainLimit(err))
	}
	n := &notifier{root: root, w: w, dirs: map[string]bool{}, logf: logf}
	if err := n.addTree(".", nil); err != nil {
		w.Close()
		return nil, err
	}
	return n, nil
}

// addTree watches rel and every folder under it. found is called for
// each file already there: a folder created (or moved in) with files in
// it reports them before its watch exists.
func (n *notifier) addTree(rel string, found func(rel string)) error {
	return filepath.WalkDir(filepath.Join(n.root, filepath.FromSlash(rel)), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone again before we got there
			}
			return err
		}
		r := n.rel(p)
		if !d.IsDir() {
			if found != nil {
				found(r)
			}
			return nil
		}
		if skipDir(r) {
			return filepath.SkipDir
		}
		if err := n.w.Add(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return fmt.Errorf("fsnotify could not watch %s (%v)", r, explainLimit(err))
		}
		n.dirs[r] = true
		return nil
	})
}

func (n *notifier) rel(p string) string {
	r, err := filepath.Rel(n.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func (n *notifier) close() { n.w.Close() }

func (n *notifier) run(ctx context.Context, out chan<- fileEvent) error {
	send := func(ev fileEvent) bool {
		select {
		case out <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-n.w.Errors:
			if !ok {
				return nil
			}
			switch {
			case errors.Is(err, fsnotify.ErrEventOverflow):
				if !send(fileEvent{full: true}) {
					return nil
				}
			case isLimit(err):
				n.logf("fsnotify: %v", explainLimit(err))
				return errFallback
			default:
				n.logf("fsnotify: %v", err)
			}
		case ev, ok := <-n.w.Events:
			if !ok {
				return nil
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			rel := n.rel(ev.Name)
			if rel == "." || strings.HasPrefix(rel, "../") {
				continue
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				op := change.Removed
				if ev.Has(fsnotify.Rename) {
					op = change.Renamed
				}
				if n.dirs[rel] {
					n.forget(rel)
					if !send(fileEvent{path: rel, op: op, dir: true}) {
						return nil
					}
					continue
				}
				if !send(fileEvent{path: rel, op: op}) {
					return nil
				}
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					if skipDir(rel) {
						continue
					}
					var files []string
					if err := n.addTree(rel, func(f string) { files = append(files, f) }); err != nil {
						n.logf("%v", err)
						return errFallback
					}
					for _, f := range files {
						if !send(fileEvent{path: f, op: change.Created}) {
							return nil
						}
					}
					continue
				}
			}
			op := change.Written
			if ev.Has(fsnotify.Create) {
				op = change.Created
			}
			if !send(fileEvent{path: rel, op: op}) {
				return nil
			}
		}
	}
}

// forget drops rel and the folders under it from the watch list; inotify
// has dropped removed folders already, and a folder renamed within the
// tree is watched again under its new name.
func (n *notifier) forget(rel string) {
	for d := range n.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			delete(n.dirs, d)
			_ = n.w.Remove(filepath.Join(n.root, filepath.FromSlash(d)))
		}
	}
}

// isLimit reports whether err means the kernel's inotify limits ran out.
func isLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

func explainLimit(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "the inotify watch limit is reached; raise fs.inotify.max_user_watches"
	case errors.Is(err, syscall.EMFILE):
		return "too many inotify instances; raise fs.inotify.max_user_instances"
	}
	return err.Error()
}

// poller watches by scanning the tree every interval and comparing each
// file's modification time and size.
type poller struct {
	root  string
	every time.Duration
	seen  map[string]stamp
}

type stamp struct {
	mod  time.Time
	size int64
	dir  bool
}

func newPoller(root string, every time.Duration) *poller {
	return &poller{root: root, every: every, seen: scan(root)}
}

func (p *poller) close() {}

func (p *poller) run(ctx context.Context, out chan<- fileEvent) error {
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		now := scan(p.root)
		for _, ev := range diff(p.seen, now) {
			select {
			case out <- ev:
			case <-ctx.Done():
				return nil
			}
		}
		p.seen = now
	}
}

// scan stamps every file and folder under root that a watch would see.
func scan(root string) map[string]stamp {
	seen := map[string]stamp{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished or unreadable: report it as gone
		}
		r, _ := filepath.Rel(root, p)
		r = filepath.ToSlash(r)
		if d.IsDir() && skipDir(r) {
			return filepath.SkipDir
		}
		if r == "." {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		seen[r] = stamp{mod: fi.ModTime(), size: fi.Size(), dir: d.IsDir()}
		return nil
	})
	return seen
}

// diff lists what changed from one scan to the next, sorted by path.
func diff(before, after map[string]stamp) []fileEvent {
	var evs []fileEvent
	for p, s := range after {
		if s.dir {
			continue // a new folder shows through its files
		}
		switch old, ok := before[p]; {
		case !ok || old.dir:
			evs = append(evs, fileEvent{path: p, op: change.Created})
		case !old.mod.Equal(s.mod) || old.size != s.size:
			evs = append(evs, fileEvent{path: p, op: change.Written})
		}
	}
	for p, s := range before {
		if _, ok := after[p]; !ok && !s.dir {
			// A removed folder shows through its files, listed too.
			evs = append(evs, fileEvent{path: p, op: change.Removed})
		}
	}
	slices.SortFunc(evs, func(a, b fileEvent) int { return strings.Compare(a.path, b.path) })
	return evs
}
