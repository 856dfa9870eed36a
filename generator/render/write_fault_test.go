package render

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// faultFS is the real file system with failures injected.
type faultFS struct {
	osFS
	writeErr error                       // every WriteFile fails with it
	exchange error                       // Exchange fails with it
	rename   func(from, to string) error // a non-nil result replaces the rename
	mount    bool                        // every folder is a mount point
}

func (f *faultFS) WriteFile(name string, data []byte) error {
	if f.writeErr != nil {
		return &os.PathError{Op: "open", Path: name, Err: f.writeErr}
	}
	return f.osFS.WriteFile(name, data)
}

func (f *faultFS) Rename(from, to string) error {
	if f.rename != nil {
		if err := f.rename(from, to); err != nil {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
	}
	return f.osFS.Rename(from, to)
}

func (f *faultFS) Exchange(a, b string) error {
	if f.exchange != nil {
		return f.exchange
	}
	return f.osFS.Exchange(a, b)
}

func (f *faultFS) MountPoint(dir string) bool { return f.mount }

// writeWith is write through an injected file system.
func writeWith(t *testing.T, fsys fileSystem, out string, files map[string]string) error {
	t.Helper()
	w, err := newWriter(out, fsys)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		w.Put(name, []byte(data))
	}
	err = w.Commit()
	w.Abort() // as Build does after a failed stage: never a panic
	if err == nil {
		if got := tree(t, out); !equal(got, files) {
			t.Fatalf("output %v, want %v", got, files)
		}
	}
	return err
}

// siblings lists what sits beside out: .public.* folders.
func siblings(out string) []string {
	list, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".*"))
	return list
}

func TestFailedWriteNamesTheCauseAndAbortIsSafe(t *testing.T) {
	for _, cause := range []struct {
		errno syscall.Errno
		hint  string
	}{
		{syscall.ENOSPC, "the disk is full"},
		{syscall.EACCES, "check the output folder's owner and permissions"},
		{syscall.ENAMETOOLONG, "a name is longer than the file system allows"},
	} {
		out := filepath.Join(t.TempDir(), "public")
		write(t, out, map[string]string{"index.html": "v1", "a/index.html": "a1"})
		err := writeWith(t, &faultFS{writeErr: cause.errno}, out, map[string]string{"index.html": "v2"})
		if err == nil || !strings.Contains(err.Error(), cause.errno.Error()+" ("+cause.hint+")") ||
			!strings.Contains(err.Error(), "writing "+out) {
			t.Errorf("%v: err = %v", cause.errno, err)
		}
		if got := tree(t, out); !equal(got, map[string]string{"index.html": "v1", "a/index.html": "a1"}) {
			t.Errorf("%v: the previous output became %v", cause.errno, got)
		}
		if s := siblings(out); len(s) != 0 {
			t.Errorf("%v: a failed build left %v", cause.errno, s)
		}
	}
}

// TestFailedSwapKeepsThePreviousOutput: the two renames of a system
// without an exchange (Windows), failing at either step.
func TestFailedSwapKeepsThePreviousOutput(t *testing.T) {
	for _, step := range []string{"out", "tmp"} {
		out := filepath.Join(t.TempDir(), "public")
		write(t, out, map[string]string{"index.html": "v1"})
		fsys := &faultFS{exchange: errors.ErrUnsupported, rename: func(from, to string) error {
			if (step == "out" && from == out) || (step == "tmp" && strings.Contains(from, ".public.new-") && to == out) {
				return syscall.ENOSPC
			}
			return nil
		}}
		err := writeWith(t, fsys, out, map[string]string{"index.html": "v2"})
		want := "replacing " + out + " with the new output: rename "
		if err == nil || !strings.HasPrefix(err.Error(), want) ||
			!strings.HasSuffix(err.Error(), "no space left on device (the disk is full); the previous output is unchanged") {
			t.Errorf("renaming %s fails: err = %v", step, err)
		}
		if got := tree(t, out); !equal(got, map[string]string{"index.html": "v1"}) {
			t.Errorf("renaming %s fails: the previous output became %v", step, got)
		}
		write(t, out, map[string]string{"index.html": "v3"}) // and the next build works
	}
}

// TestSwapByTwoRenames runs the Windows swap (no exchange) on this system.
func TestSwapByTwoRenames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	fsys := &faultFS{exchange: errors.ErrUnsupported}
	for i, files := range []map[string]string{
		{"index.html": "v1", "a/index.html": "a"},
		{"index.html": "v2", "b/index.html": "b"},
		{"index.html": "v3"},
	} {
		if err := writeWith(t, fsys, out, files); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
	}
	if s := siblings(out); len(s) != 1 || !strings.Contains(s[0], ".public.old-") {
		t.Errorf("beside the output: %v, want the old output to recycle", s)
	}
}

// TestBusyOutputIsUpdatedInPlace is a mount point the detection missed:
// renaming the output fails with EBUSY, and moving files into it from
// beside it with EXDEV, as across devices. Its contents are replaced, the
// folder itself stays.
func TestBusyOutputIsUpdatedInPlace(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write(t, out, map[string]string{"index.html": "v1", "old/index.html": "gone soon", "x": "file"})
	before, _ := os.Stat(out)
	fsys := &faultFS{exchange: syscall.EBUSY, rename: func(from, to string) error {
		switch {
		case from == out || to == out:
			return syscall.EBUSY
		case strings.Contains(from, ".public.new-") && strings.HasPrefix(to, out+string(filepath.Separator)):
			return syscall.EXDEV
		}
		return nil
	}}
	for i, files := range []map[string]string{
		{"index.html": "v2", "x/index.html": "now a folder", "new/index.html": "new"},
		{"index.html": "v3", "x": "a file again"},
	} {
		if err := writeWith(t, fsys, out, files); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
	}
	if after, _ := os.Stat(out); !os.SameFile(before, after) {
		t.Error("the output folder was replaced, not updated")
	}
	for _, s := range siblings(out) {
		if strings.Contains(s, ".new-") {
			t.Errorf("left behind: %s", s)
		}
	}
	copies, _ := filepath.Glob(filepath.Join(out, ".sitegen-[nc]*"))
	if len(copies) != 0 {
		t.Errorf("left inside the output: %v", copies)
	}
}

// TestMountPointIsUpdatedFromInside: a detected mount point gets its new
// tree in a hidden folder inside it, moved into place by renames.
func TestMountPointIsUpdatedFromInside(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(out)
	fsys := &faultFS{mount: true, rename: func(from, to string) error {
		if from == out || to == out {
			return syscall.EBUSY
		}
		return nil
	}}
	w, err := newWriter(out, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(w.tmp, filepath.Join(out, ".sitegen-new-")) {
		t.Errorf("the new tree is written to %s, not inside the mount point", w.tmp)
	}
	w.Put("index.html", []byte("v1"))
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := writeWith(t, fsys, out, map[string]string{"index.html": "v2", "a/b/index.html": "b"}); err != nil {
		t.Fatal(err)
	}
	if err := writeWith(t, fsys, out, map[string]string{"index.html": "v3"}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(out); !os.SameFile(before, after) {
		t.Error("the mount point was replaced")
	}
	if s := siblings(out); len(s) != 0 {
		t.Errorf("beside the mount point: %v", s)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 2 { // index.html and the marker
		t.Errorf("the mount point holds %d entries", len(entries))
	}
}

// TestSymlinkedOutputKeepsTheLink: public -> /var/www/site stays a link,
// and every build lands in the folder it names.
func TestSymlinkedOutputKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "www", "site")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if err := os.Symlink(target, out); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for i, files := range []map[string]string{
		{"index.html": "v1", "a/index.html": "a"},
		{"index.html": "v2", "b/index.html": "b"},
		{"index.html": "v3"},
	} {
		if err := writeWith(t, osFS{}, out, files); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if info, err := os.Lstat(out); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d: the link became %v", i+1, info.Mode())
		}
		if got := tree(t, target); !equal(got, files) {
			t.Fatalf("build %d: the link's target holds %v", i+1, got)
		}
	}
	if s := siblings(out); len(s) != 0 {
		t.Errorf("beside the link: %v", s)
	}
}

// TestKilledBuildLeftoversAreRemoved: a build killed while writing leaves
// its temporary folder; the next build deletes it, and only folders that
// carry sitegen's marker.
func TestKilledBuildLeftoversAreRemoved(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write(t, out, map[string]string{"index.html": "v1"})
	write(t, out, map[string]string{"index.html": "v2"})
	// Killed builds: written to, never committed or aborted. Each new
	// writer already removes the one before.
	for range 3 {
		w, err := NewWriter(out)
		if err != nil {
			t.Fatal(err)
		}
		w.Put("big.bin", make([]byte, 1<<16))
		w.stop.Do(func() { close(w.work) })
		w.workers.Wait()
	}
	mine := filepath.Join(filepath.Dir(out), ".public.new-mine") // the user's own
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if len(siblings(out)) != 2 {
		t.Fatalf("the killed builds left %v", siblings(out))
	}
	write(t, out, map[string]string{"index.html": "v3"})
	left := siblings(out)
	if len(left) != 2 || left[0] != mine && left[1] != mine {
		t.Errorf("after a build, beside the output: %v; want the user's folder and one old output", left)
	}
	// A killed in-place update leaves .sitegen-new-* inside the output.
	killed := filepath.Join(out, ".sitegen-new-123")
	_ = os.MkdirAll(killed, 0o755)
	_ = os.WriteFile(filepath.Join(killed, Marker), []byte(inProgress), 0o644)
	if err := writeWith(t, &faultFS{mount: true}, out, map[string]string{"index.html": "v4"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); err == nil {
		t.Error("the killed in-place build's folder is still there")
	}
}

// TestOutputHoldsExactlyTheBuildsFiles: files put into the output by hand
// or by `sitegen pdf` are gone after the next build, and stay gone (the
// recycled old output once brought them back every other build).
func TestOutputHoldsExactlyTheBuildsFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "v", "a/index.html": "a"}
	write(t, out, files)
	for i := range 4 {
		_ = os.WriteFile(filepath.Join(out, "CNAME"), []byte("docs.example.com"), 0o644)
		_ = os.WriteFile(filepath.Join(out, "cheatsheet.pdf"), []byte("%PDF"), 0o644)
		_ = os.MkdirAll(filepath.Join(out, "empty", "folder"), 0o755)
		if i%2 == 1 {
			write(t, out, files) // checks the tree is exactly files
		} else {
			write(t, out, map[string]string{"index.html": "v", "a/index.html": "a", "b": "b"})
		}
		if _, err := os.Stat(filepath.Join(out, "empty")); err == nil {
			t.Errorf("build %d kept a folder it did not make", i+2)
		}
	}
}
