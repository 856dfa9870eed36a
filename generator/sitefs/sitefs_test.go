package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// site makes a site folder with a note, a folder, links to both from
// inside, and a link to a file outside.
func site(t *testing.T) (dir, outside string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need extra privileges on Windows")
	}
	dir, outside = t.TempDir(), t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.toml"), "title = \"stolen\"\n")
	write(filepath.Join(dir, "content", "notes", "a.md"), "# A\n")
	link("notes/a.md", filepath.Join(dir, "content", "b.md"))
	link("notes", filepath.Join(dir, "content", "more"))
	link(filepath.Join(outside, "secret.toml"), filepath.Join(dir, "sitegen.toml"))
	return dir, outside
}

// The FS keeps fs.FS's contract (fstest.TestFS opens, stats, lists and
// reads everything), listing linked files and folders as what they are.
func TestFSContract(t *testing.T) {
	dir, _ := site(t)
	fsys, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "content/notes/a.md", "content/b.md", "content/more/a.md"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(fsys, "sitegen.toml"); err == nil {
		t.Fatal("sitegen.toml, linked from outside, is listed")
	}
	info, err := fs.Stat(fsys, "content/b.md")
	if err != nil || info.Name() != "b.md" || !info.Mode().IsRegular() {
		t.Fatalf("Stat(content/b.md) = %v, %v; want a regular file named b.md", info, err)
	}
}

// A file skipped because it leads outside reads as missing, and its
// warning names it once however often it is asked for.
func TestOutsideReadsAsMissing(t *testing.T) {
	dir, outside := site(t)
	fsys, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		_, err := fs.ReadFile(fsys, "sitegen.toml")
		var skipped *SkippedError
		if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &skipped) {
			t.Fatalf("ReadFile(sitegen.toml) = %v, want a SkippedError that is fs.ErrNotExist", err)
		}
	}
	w := fsys.Warnings()
	want := "sitegen.toml: symlink to " + filepath.Join(outside, "secret.toml") + " points outside the site folder"
	if len(w) != 1 || !strings.HasPrefix(w[0].Error(), want) {
		t.Fatalf("warnings = %v, want one starting %q", w, want)
	}
	fsys.FollowAll(true)
	if data, err := fs.ReadFile(fsys, "sitegen.toml"); err != nil || !strings.Contains(string(data), "stolen") {
		t.Fatalf("with FollowAll, ReadFile(sitegen.toml) = %q, %v", data, err)
	}
}

// Names outside fs.FS's rules are refused, not joined onto the root.
func TestInvalidNames(t *testing.T) {
	dir, _ := site(t)
	fsys, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../x", "/etc/passwd", "content/../../x", ""} {
		if _, err := fsys.Open(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want fs.ErrInvalid", name, err)
		}
	}
}
