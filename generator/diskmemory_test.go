package generator

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"sitegen/generator/render"
)

// TestDiskMatchesMemory: a build to disk, which streams its pages and lets
// go of each stage's data early (the notes' Markdown after the markdown
// stage), writes exactly the files a build in memory returns, byte for
// byte, on every notes fixture and the bundled site (embeds, comments,
// callouts, tags, diagrams, search, the output check on both sides).
func TestDiskMatchesMemory(t *testing.T) {
	t.Setenv("SITEGEN_CACHE_DIR", t.TempDir())
	sites := map[string]string{"bundled": filepath.Join("..")}
	for _, fx := range notesFixtures {
		sites[fx.name] = filepath.Join("testdata", "notes", fx.name)
	}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			cfg := Config{Src: dir, FS: os.DirFS(dir), Check: true, Minify: true, Version: "test", WarnLinks: true}
			mem, err := Build(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Out = filepath.Join(t.TempDir(), "public")
			disk, err := Build(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if disk.Files != nil {
				t.Error("a build to disk kept its files in memory")
			}
			if len(mem.Warnings) != len(disk.Warnings) {
				t.Errorf("%d warnings in memory, %d on disk", len(mem.Warnings), len(disk.Warnings))
			}
			onDisk := map[string]bool{}
			err = filepath.WalkDir(cfg.Out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(cfg.Out, p)
				rel = filepath.ToSlash(rel)
				if rel == render.Marker {
					return nil
				}
				onDisk[rel] = true
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				if want, ok := mem.Files[rel]; !ok {
					t.Errorf("%s is on disk, not in the build in memory", rel)
				} else if !bytes.Equal(data, want) {
					t.Errorf("%s differs: %d bytes on disk, %d in memory", rel, len(data), len(want))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for rel := range mem.Files {
				if !onDisk[rel] {
					t.Errorf("%s is in the build in memory, not on disk", rel)
				}
			}
			if len(onDisk) < 10 {
				t.Errorf("only %d files on disk", len(onDisk))
			}
		})
	}
}
