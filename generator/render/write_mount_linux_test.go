package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBindMountOutput: an output folder that is a mount point (as every
// Docker volume is) keeps being that mount, with each build's files in
// it. It needs the right to mount; without it the same code runs through
// the injected EBUSY in TestMountPointIsUpdatedFromInside and
// TestBusyOutputIsUpdatedInPlace.
func TestBindMountOutput(t *testing.T) {
	dir := t.TempDir()
	volume, out := filepath.Join(dir, "volume"), filepath.Join(dir, "site", "public")
	for _, d := range []string{volume, out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if msg, err := exec.Command("mount", "--bind", volume, out).CombinedOutput(); err != nil {
		t.Skipf("cannot make a bind mount: %v %s", err, msg)
	}
	t.Cleanup(func() { _ = exec.Command("umount", out).Run() })
	if !mountPoint(out) {
		t.Fatal("mountPoint does not see the bind mount")
	}
	for i, files := range []map[string]string{
		{"index.html": "v1", "a/index.html": "a"},
		{"index.html": "v2", "b/index.html": "b"},
		{"index.html": "v3"},
	} {
		write(t, out, files) // with the real file system
		if got := tree(t, volume); !equal(got, files) {
			t.Fatalf("build %d: the mounted folder holds %v", i+1, got)
		}
	}
	if s := siblings(out); len(s) != 0 {
		t.Errorf("beside the mount point: %v", s)
	}
}
