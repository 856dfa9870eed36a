package generator

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/generator/change"
	"sitegen/generator/content"
	"sitegen/themes"
)

// TestSessionMatchesCleanBuild is the property that makes serve
// trustworthy: after any sequence of changes, what the session holds is
// what a clean build of the same files gives, byte for byte, or both
// fail. Random operations on a small site on disk (notes, folders,
// assets, the fact schema, a theme override, sitegen.toml) are fed to
// Session.Build in batches of 1–5, classified as the watcher classifies
// them. SITEGEN_RANDOM_SEED replays a run; SITEGEN_RANDOM_OPS sets the
// number of operations (default 500).
func TestSessionMatchesCleanBuild(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if v, err := strconv.ParseUint(os.Getenv("SITEGEN_RANDOM_SEED"), 10, 64); err == nil {
		seed = v
	} else if os.Getenv("SITEGEN_RANDOM_SEED") == "" {
		seed = 13 // fixed, so CI is repeatable; set the variable to explore
	}
	ops := 500
	if v, err := strconv.Atoi(os.Getenv("SITEGEN_RANDOM_OPS")); err == nil && v > 0 {
		ops = v
	}
	t.Logf("seed %d (SITEGEN_RANDOM_SEED=%d replays this run), %d operations", seed, seed, ops)
	r := newRandomSite(t, seed)
	cfg := Config{Src: r.dir, BaseURL: "/", Version: "test"}
	s := NewSession(cfg)
	check := func(step string, changes []change.Change) {
		t.Helper()
		up, err := s.Build(context.Background(), changes)
		want, wantErr := Build(context.Background(), cfg)
		switch {
		case (err == nil) != (wantErr == nil):
			t.Fatalf("%s: session error %v, clean build error %v\n%s", step, err, wantErr, r.log.String())
		case err != nil:
			r.failures++
			r.broken = true
			if testing.Verbose() {
				t.Logf("%s: both failed: %.300v", step, err)
			}
			return
		}
		if diff := diffFiles(up.Files, want.Files); diff != "" {
			t.Fatalf("%s (full %v, %s): the session differs from a clean build:\n%s\nlog:\n%s", step, up.Full, up.Summary, diff, r.log.String())
		}
		if up.Full {
			r.fulls++
		}
	}
	check("first build", nil)
	for done := 0; done < ops; {
		n := 1 + r.rng.IntN(5)
		r.startBatch()
		if r.broken && r.rng.IntN(3) > 0 {
			r.repair() // mostly fix what broke, so the incremental paths get their turn
		}
		r.broken = false
		// Many batches only edit bodies, assets or the theme, as a person
		// writing does: the incremental paths must get their turn.
		quick := r.rng.IntN(2) == 0
		for range n {
			if quick {
				r.quickOp()
			} else {
				r.op()
			}
		}
		done += n
		check(fmt.Sprintf("after %d operations", done), r.changes())
	}
	t.Logf("%d batches: %d failed in both, %d full rebuilds", r.batches, r.failures, r.fulls)
}

// diffFiles describes how two outputs differ; "" when they are equal.
func diffFiles(got, want map[string][]byte) string {
	var b strings.Builder
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			fmt.Fprintf(&b, "missing %s\n", name)
		case !bytes.Equal(g, w):
			fmt.Fprintf(&b, "differs %s:\n%s\n", name, firstByteDiff(g, w))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			fmt.Fprintf(&b, "extra (stale) %s\n", name)
		}
	}
	return b.String()
}

func firstByteDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("  session: …%q…\n  clean:   …%q…", got[from:min(len(got), i+120)], want[from:min(len(want), i+120)])
}

// randomSite is a site on disk and the changes made to it since the last
// batch, as a watcher reports them.
type randomSite struct {
	t                        *testing.T
	rng                      *rand.Rand
	dir                      string
	next                     int                      // the next note number
	notes                    map[string]bool          // note paths that exist (folder index notes too)
	folders                  []string                 // folders under content/ that may hold notes
	batch                    map[string]change.Change // this batch's changes by path
	full                     bool                     // a folder vanished: the watcher asks for a full build
	log                      strings.Builder          // what was done, for a failure message
	pending                  map[string]func() string // notes that are broken, and how to write them fixed
	batches, failures, fulls int
	broken                   bool // the last batch failed to build
	schema                   int  // the factsSchema variant in use
}

// repair rewrites every note that is broken or links to a note that is
// gone, and puts back a schema that knows the notes' facts.
func (r *randomSite) repair() {
	fmt.Fprintf(&r.log, "  repair\n")
	if r.schema == 3 {
		r.schema = 0
		r.put("content/_facts.yaml", factsSchema(0))
	}
	names := map[string]bool{}
	for _, n := range r.noteList() {
		names[strings.TrimSuffix(path.Base(n), ".md")] = true
	}
	for _, rel := range r.ordinary() {
		src := r.read(rel)
		bad := r.pending[rel] != nil
		for _, m := range wikiName.FindAllStringSubmatch(src, -1) {
			bad = bad || !names[m[1]] && m[1] != "pic.png"
		}
		if bad {
			r.put(rel, r.note(r.number(rel)))
			delete(r.pending, rel)
		}
	}
}

var wikiName = regexp.MustCompile(`\[\[([^\]#|]+)`)

func newRandomSite(t *testing.T, seed uint64) *randomSite {
	r := &randomSite{t: t, rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), dir: t.TempDir(),
		notes: map[string]bool{}, folders: []string{"", "a", "b"}, pending: map[string]func() string{}}
	r.put("sitegen.toml", "title = \"Random\"\n")
	r.put("content/_facts.yaml", factsSchema(0))
	r.put("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
	r.notes["content/_index.md"] = true
	for range 8 {
		r.createNote()
	}
	r.put("content/a/pic.png", "png 0")
	r.batch = nil
	return r
}

func (r *randomSite) startBatch() {
	r.batches++
	r.batch, r.full = map[string]change.Change{}, false
	fmt.Fprintf(&r.log, "batch %d:\n", r.batches)
}

// changes is the batch as the watcher hands it over: classified, merged,
// files the site does not read dropped; nil after a vanished folder.
func (r *randomSite) changes() []change.Change {
	if r.full {
		return nil
	}
	var out []change.Change
	for _, c := range r.batch {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b change.Change) int { return strings.Compare(a.Path, b.Path) })
	return out
}

func (r *randomSite) record(rel string, op change.Op) {
	fmt.Fprintf(&r.log, "  %s %s\n", op, rel)
	if r.batch == nil {
		return
	}
	kind := change.Classify(content.ContentRoot(os.DirFS(r.dir)), rel)
	if kind == change.Other {
		return
	}
	c := change.Change{Path: rel, Kind: kind, Op: op}
	if prev, ok := r.batch[rel]; ok {
		c = prev.Merge(c)
	}
	r.batch[rel] = c
}

func (r *randomSite) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(r.dir, filepath.FromSlash(rel)))
	return err == nil
}

func (r *randomSite) put(rel, text string) {
	op := change.Written
	if !r.exists(rel) {
		op = change.Created
	}
	name := filepath.Join(r.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.record(rel, op)
}

func (r *randomSite) remove(rel string) {
	if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(rel))); err != nil {
		r.t.Fatal(err)
	}
	delete(r.notes, rel)
	delete(r.pending, rel)
	r.record(rel, change.Removed)
}

func (r *randomSite) rename(from, to string) {
	src, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(from)))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(from))); err != nil {
		r.t.Fatal(err)
	}
	r.record(from, change.Renamed)
	r.put(to, string(src))
	if r.notes[from] {
		delete(r.notes, from)
		r.notes[to] = true
	}
	if fix, ok := r.pending[from]; ok {
		delete(r.pending, from)
		r.pending[to] = fix
	}
}

func (r *randomSite) pick(from []string) string { return from[r.rng.IntN(len(from))] }

func (r *randomSite) noteList() []string {
	return slices.Sorted(func(yield func(string) bool) {
		for n := range r.notes {
			if !yield(n) {
				return
			}
		}
	})
}

// ordinary lists the notes that are not a folder's page.
func (r *randomSite) ordinary() []string {
	var out []string
	for _, n := range r.noteList() {
		if !isIndexName(path.Base(n)) {
			out = append(out, n)
		}
	}
	return out
}

func isIndexName(base string) bool {
	return base == "_index.md" || base == "README.md" || base == "index.md"
}

// link names a note that exists, in one of the ways notes link.
func (r *randomSite) link() string {
	ord := r.ordinary()
	if len(ord) == 0 {
		return "no links yet"
	}
	name := strings.TrimSuffix(path.Base(r.pick(ord)), ".md")
	switch r.rng.IntN(5) {
	case 0:
		return "[[" + name + "#Section]]"
	case 1:
		return "![[" + name + "#Section]]"
	case 2:
		return "![[pic.png]]"
	}
	return "[[" + name + "]]"
}

// note writes a note's text: front matter from its number and the dice.
func (r *randomSite) note(k int) string {
	var b strings.Builder
	b.WriteString("---\n")
	if r.rng.IntN(4) > 0 {
		fmt.Fprintf(&b, "title: Note %d %s\n", k, r.pick([]string{"", "Alpha", "Beta"}))
	}
	if r.rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "tags: [%s]\n", r.pick([]string{"alpha", "beta", "alpha, gamma", "delta"}))
	}
	if r.rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "aliases: [/old-%d/, Other %d]\n", k, k)
	}
	if r.rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "weight: %d\n", r.rng.IntN(5))
	}
	if r.rng.IntN(4) == 0 {
		fmt.Fprintf(&b, "facts:\n  serverless: %v\n", r.rng.IntN(2) == 0)
	}
	b.WriteString("---\n")
	b.WriteString(r.body())
	return b.String()
}

func (r *randomSite) body() string {
	var b strings.Builder
	if r.rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "# Heading %d\n\n", r.rng.IntN(3))
	}
	fmt.Fprintf(&b, "Words %d about %s and %s.\n\n", r.rng.IntN(100), r.link(), r.link())
	if r.rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "Inline #%s tag.\n\n", r.pick([]string{"alpha", "beta", "epsilon"}))
	}
	fmt.Fprintf(&b, "## Section\n\nMore words %d. %s\n", r.rng.IntN(100), r.link())
	return b.String()
}

func (r *randomSite) createNote() {
	r.next++
	dir := r.pick(r.folders)
	rel := path.Join("content", dir, fmt.Sprintf("n%d.md", r.next))
	r.put(rel, r.note(r.next))
	r.notes[rel] = true
}

func (r *randomSite) number(rel string) int {
	k, _ := strconv.Atoi(strings.TrimPrefix(strings.TrimSuffix(path.Base(rel), ".md"), "n"))
	return k
}

// op makes one random change to the site.
func (r *randomSite) op() {
	ord := r.ordinary()
	switch d := r.rng.IntN(100); {
	case d < 12 || len(ord) < 3:
		r.createNote()
	case d < 40: // edit the body, keeping the front matter
		rel := r.pick(ord)
		src := r.read(rel)
		if i := strings.Index(src[3:], "\n---\n"); i >= 0 && !strings.Contains(src, "title: [") {
			r.put(rel, src[:i+8]+r.body())
			return
		}
		r.put(rel, r.note(r.number(rel)))
	case d < 52: // edit the front matter
		rel := r.pick(ord)
		r.put(rel, r.note(r.number(rel)))
	case d < 58: // break a note: a broken link, or bad YAML
		rel := r.pick(ord)
		k := r.number(rel)
		if r.rng.IntN(2) == 0 {
			r.put(rel, r.read(rel)+"\nSee [[no-such-note]].\n")
		} else {
			r.put(rel, "---\ntitle: [unclosed\n---\nBroken.\n")
		}
		r.pending[rel] = func() string { return r.note(k) }
	case d < 64: // fix a broken note
		for _, rel := range slices.Sorted(mapKeys(r.pending)) {
			r.put(rel, r.pending[rel]())
			delete(r.pending, rel)
			break
		}
	case d < 70: // rename (or move) a note
		rel := r.pick(ord)
		to := path.Join("content", r.pick(r.folders), path.Base(rel))
		if r.rng.IntN(2) == 0 {
			r.next++
			to = path.Join(path.Dir(to), fmt.Sprintf("n%d.md", r.next))
		}
		if to != rel && !r.exists(to) {
			r.rename(rel, to)
		}
	case d < 75:
		r.remove(r.pick(ord))
	case d < 79:
		r.folderOp()
	case d < 85: // assets
		switch {
		case !r.exists("content/a/pic.png"):
			r.put("content/a/pic.png", fmt.Sprintf("png %d", r.rng.IntN(1000)))
		case r.rng.IntN(3) == 0:
			r.remove("content/a/pic.png")
		default:
			r.put("content/a/pic.png", fmt.Sprintf("png %d", r.rng.IntN(1000)))
		}
	case d < 89:
		r.schema = r.rng.IntN(4)
		r.put("content/_facts.yaml", factsSchema(r.schema))
	case d < 95:
		r.themeOp()
	default:
		r.put("sitegen.toml", fmt.Sprintf("title = \"Random %d\"\nstrict = %v\n", r.rng.IntN(9), r.rng.IntN(4) == 0))
	}
}

// themeOp changes a theme override: a template, and an extra asset.
func (r *randomSite) themeOp() {
	switch r.rng.IntN(4) {
	case 0:
		if r.exists("themes/default/layouts/partials/footer.html") {
			r.remove("themes/default/layouts/partials/footer.html")
			return
		}
		fallthrough
	case 1:
		footer, err := themes.Default.ReadFile("default/layouts/partials/footer.html")
		if err != nil {
			r.t.Fatal(err)
		}
		r.put("themes/default/layouts/partials/footer.html",
			strings.Replace(string(footer), "Built with sitegen", fmt.Sprintf("Edited %d", r.rng.IntN(100)), 1))
	case 2:
		r.put("themes/default/assets/extra.css", fmt.Sprintf("body{margin:%dpx}\n", r.rng.IntN(9)))
	default:
		if r.exists("themes/default/assets/extra.css") {
			r.remove("themes/default/assets/extra.css")
		}
	}
}

// quickOp edits what the session rebuilds without a full build.
func (r *randomSite) quickOp() {
	switch d := r.rng.IntN(10); {
	case d < 7:
		rel := r.pick(r.ordinary())
		src := r.read(rel)
		if i := strings.Index(src[3:], "\n---\n"); i >= 0 && r.pending[rel] == nil {
			r.put(rel, src[:i+8]+r.body())
		}
	case d < 8 && r.exists("content/a/pic.png"):
		r.put("content/a/pic.png", fmt.Sprintf("png %d", r.rng.IntN(1000)))
	default:
		r.themeOp()
	}
}

// folderOp creates a folder (with or without its index note), renames one
// or deletes one with what it holds.
func (r *randomSite) folderOp() {
	switch r.rng.IntN(3) {
	case 0:
		r.next++
		dir := fmt.Sprintf("f%d", r.next)
		if r.rng.IntN(2) == 0 {
			dir = path.Join(r.pick(r.folders[1:]), dir)
		}
		r.folders = append(r.folders, dir)
		if r.rng.IntN(2) == 0 {
			rel := path.Join("content", dir, r.pick([]string{"_index.md", "README.md", "index.md"}))
			r.put(rel, fmt.Sprintf("---\ntitle: Folder %d\n---\nAbout the folder. %s\n", r.next, r.link()))
			r.notes[rel] = true
		}
		r.createNoteIn(dir)
	default:
		if len(r.folders) < 4 {
			return
		}
		dir := r.pick(r.folders[3:]) // a, b and the root stay
		to := ""
		if r.rng.IntN(2) == 0 {
			r.next++
			to = path.Join(path.Dir(dir), fmt.Sprintf("g%d", r.next))
			if path.Dir(dir) == "." {
				to = fmt.Sprintf("g%d", r.next)
			}
		}
		r.moveFolder(dir, to)
	}
}

func (r *randomSite) createNoteIn(dir string) {
	r.next++
	rel := path.Join("content", dir, fmt.Sprintf("n%d.md", r.next))
	r.put(rel, r.note(r.next))
	r.notes[rel] = true
}

// moveFolder renames dir to to, or deletes it when to is "". Half the
// time the watcher reports the folder itself (fsnotify: a full build),
// half the time each file in it (polling).
func (r *randomSite) moveFolder(dir, to string) {
	var files []string
	root := filepath.Join(r.dir, "content", filepath.FromSlash(dir))
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(r.dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	perFile := r.rng.IntN(2) == 0
	if !perFile {
		r.full = true
		fmt.Fprintf(&r.log, "  folder %s → %q (one event)\n", dir, to)
	}
	for _, f := range files {
		if to == "" {
			if perFile {
				r.remove(f)
			} else {
				os.Remove(filepath.Join(r.dir, f))
				delete(r.notes, f)
				delete(r.pending, f)
			}
			continue
		}
		nf := path.Join("content", to, strings.TrimPrefix(f, path.Join("content", dir)+"/"))
		r.rename(f, nf)
	}
	if err := os.RemoveAll(root); err != nil {
		r.t.Fatal(err)
	}
	var keep []string
	for _, d := range r.folders {
		if d != dir && !strings.HasPrefix(d, dir+"/") {
			keep = append(keep, d)
		}
	}
	if to != "" {
		keep = append(keep, to)
	}
	r.folders = keep
}

func (r *randomSite) read(rel string) string {
	src, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(rel)))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(src)
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// factsSchema is one of a few fact schemas; 3 drops the fact the notes use.
func factsSchema(v int) string {
	fact := "  - key: serverless\n    label: Serverless %d\n    kind: bool\n    group: Basics\n"
	runs := "  - key: what_it_runs\n    label: What it runs\n    kind: text\n    group: Basics\n"
	switch v {
	case 3:
		return "groups: [Basics]\nfacts:\n" + runs
	case 2:
		return "groups: [Basics]\nfacts:\n" + runs + fmt.Sprintf(fact, v)
	}
	return "groups: [Basics]\nfacts:\n" + fmt.Sprintf(fact, v)
}
