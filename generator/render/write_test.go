package render

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tree lists a folder's files with their contents, the marker left out.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, out string, files map[string]string) {
	t.Helper()
	w, err := NewWriter(out)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		w.Put(name, []byte(data))
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); !equal(got, files) {
		t.Fatalf("output %v, want %v", got, files)
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestWriterRecyclesTheReplacedOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write(t, out, map[string]string{"index.html": "v1", "a/index.html": "a1", "old/index.html": "gone soon", "x": "file"})
	write(t, out, map[string]string{"index.html": "v2", "a/index.html": "a2", "b/index.html": "new"})
	// A recycled folder that holds a file where a folder now goes, and a
	// folder where a file now goes.
	write(t, out, map[string]string{"index.html": "v3", "x/index.html": "now a folder", "a": "now a file"})
	write(t, out, map[string]string{"index.html": "v4"})
	siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.*"))
	if len(siblings) != 1 || !strings.Contains(siblings[0], ".public.old-") {
		t.Errorf("beside the output: %v, want one kept old output", siblings)
	}
	if _, err := os.Stat(filepath.Join(siblings[0], "old")); err == nil {
		t.Error("the folder of a removed page was left behind in the recycled output")
	}
}

func TestAbortLeavesTheOutputAsItWas(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write(t, out, map[string]string{"index.html": "v1"})
	write(t, out, map[string]string{"index.html": "v2"})
	w, err := NewWriter(out)
	if err != nil {
		t.Fatal(err)
	}
	w.Put("index.html", []byte("half-built"))
	w.Abort()
	if got := tree(t, out); got["index.html"] != "v2" || len(got) != 1 {
		t.Errorf("after an aborted build the output is %v", got)
	}
	siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.*"))
	sort.Strings(siblings)
	if len(siblings) != 0 {
		t.Errorf("an aborted build left %v", siblings)
	}
	write(t, out, map[string]string{"index.html": "v3"}) // and the next build starts afresh
}

func TestCheckOutRefusesDangerousFolders(t *testing.T) {
	src := t.TempDir()
	home, _ := os.UserHomeDir()
	foreign := filepath.Join(t.TempDir(), "docs")
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(foreign, "thesis.tex"), []byte("mine"), 0o644)
	for _, out := range []string{"/", home, src, filepath.Dir(src), foreign} {
		if err := CheckOut(out, src); err == nil {
			t.Errorf("CheckOut(%s) accepted", out)
		}
	}
	for _, out := range []string{filepath.Join(src, "public"), filepath.Join(t.TempDir(), "new")} {
		if err := CheckOut(out, src); err != nil {
			t.Errorf("CheckOut(%s): %v", out, err)
		}
	}
}

// TestCheckOutRefusesTheNotesFolder: an output inside the notes would be
// read back as notes by the next build.
func TestCheckOutRefusesTheNotesFolder(t *testing.T) {
	site := t.TempDir() // notes in content/
	bare := t.TempDir() // notes at the top of the site folder
	for _, f := range []string{filepath.Join(site, "content", "a.md"), filepath.Join(bare, "a.md"), filepath.Join(bare, "notes", "b.md")} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("# A\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const why = ": the next build would read the output back as notes; use a folder outside it, such as "
	for _, c := range []struct{ out, src, want string }{
		{filepath.Join(site, "content", "out"), site, "--out " + filepath.Join(site, "content", "out") +
			": refusing to write inside the notes folder " + filepath.Join(site, "content") + why + filepath.Join(site, "public")},
		{filepath.Join(site, "content"), site, "--out " + filepath.Join(site, "content") +
			": refusing to write inside the notes folder " + filepath.Join(site, "content") + why + filepath.Join(site, "public")},
		{filepath.Join(bare, "site"), bare, "--out " + filepath.Join(bare, "site") +
			": refusing to write inside the notes (they sit at the site folder's top, " + bare + ")" + why + filepath.Join(bare, "public")},
		{filepath.Join(bare, "notes", "out"), bare, "--out " + filepath.Join(bare, "notes", "out") +
			": refusing to write inside the notes (they sit at the site folder's top, " + bare + ")" + why + filepath.Join(bare, "public")},
	} {
		err := CheckOut(c.out, c.src)
		if err == nil || err.Error() != c.want {
			t.Errorf("CheckOut(%s):\n got %v\nwant %s", c.out, err, c.want)
		}
	}
	// Folders the notes loader never reads are fine.
	for _, out := range []string{filepath.Join(site, "public"), filepath.Join(site, "content", ".preview"),
		filepath.Join(bare, "public"), filepath.Join(bare, "_site"), filepath.Join(bare, ".out")} {
		src := site
		if strings.HasPrefix(out, bare) {
			src = bare
		}
		if err := CheckOut(out, src); err != nil {
			t.Errorf("CheckOut(%s): %v", out, err)
		}
	}
}

// TestPutAfterEndIsDropped: a page finished by a build that was cancelled
// meanwhile reaches the writer after Abort; it is dropped, and neither
// panics nor appears in the output.
func TestPutAfterEndIsDropped(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(out)
	if err != nil {
		t.Fatal(err)
	}
	w.Put("a.html", []byte("a"))
	w.Abort()
	w.Put("late.html", []byte("late"))
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("an aborted build left %s: %v", out, err)
	}
}

// TestPutThenHandsBackTheBytes: a caller that reuses its buffer learns
// when the writer is done with it: after the file holds the bytes, and
// at once when the writer has ended. Reusing the buffer afterwards
// changes nothing on disk.
func TestPutThenHandsBackTheBytes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(out)
	if err != nil {
		t.Fatal(err)
	}
	buf := []byte("first page")
	done := make(chan struct{})
	w.PutThen("a/index.html", buf, func() { close(done) })
	<-done
	copy(buf, "XXXXXXXXXX") // the buffer serves the next page
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(out, "a", "index.html")); err != nil || string(got) != "first page" {
		t.Errorf("a/index.html = %q, %v; want the bytes as they were when handed over", got, err)
	}
	late := false
	w.PutThen("late.html", []byte("late"), func() { late = true })
	if !late {
		t.Error("PutThen after Commit did not hand the bytes back")
	}
	if _, err := os.Stat(filepath.Join(out, "late.html")); !os.IsNotExist(err) {
		t.Errorf("a file put after Commit was written: %v", err)
	}
}
