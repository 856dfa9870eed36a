package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"testing"

	"sitegen/internal/synth"
)

// BenchmarkBuildToDisk builds a realistic synthetic site of
// SITEGEN_BENCH_PAGES notes (default 2,000) from disk into an empty
// output folder, as `sitegen build` does: minified, checked, written and
// swapped in. It reports the cost per note, the bytes written per note
// and the process's peak memory. With SITEGEN_HEAPPROFILE=FILE it writes
// a heap profile half-way through the render stage to FILE, and one at
// the start of each stage to FILE.<stage>:
//
//	SITEGEN_BENCH_PAGES=10000 SITEGEN_HEAPPROFILE=/tmp/heap.pprof \
//	  go test -run '^$' -bench BuildToDisk -benchtime 1x ./generator/
//	go tool pprof -sample_index=inuse_space -top /tmp/heap.pprof
func BenchmarkBuildToDisk(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("SITEGEN_BENCH_PAGES")); err == nil && v > 0 {
		n = v
	}
	src := filepath.Join(b.TempDir(), "site")
	if err := synth.WriteDirRealistic(src, n); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	cfg := Config{Src: src, Out: out, Minify: true, Check: true, Version: "bench"}
	if path := os.Getenv("SITEGEN_HEAPPROFILE"); path != "" {
		var once sync.Once
		cfg.Progress = func(stage string, done, total int) {
			switch {
			case total == 0:
				writeHeapProfile(b, path+"."+stage)
			case stage == "render" && done == total/2:
				once.Do(func() { writeHeapProfile(b, path) })
			}
		}
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/note")
	b.ReportMetric(float64(dirBytes(b, out))/float64(n), "bytes/note")
	if peak := peakRSS(); peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
	}
}

func writeHeapProfile(b *testing.B, path string) {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		b.Error(err)
		return
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Error(err)
	}
}

// dirBytes is the size of the files under dir.
func dirBytes(b *testing.B, dir string) int64 {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return total
}
