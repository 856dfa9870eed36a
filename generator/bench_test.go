package generator

import (
	"context"
	"os"
	"strconv"
	"testing"

	"sitegen/internal/synth"
)

// BenchmarkBuild builds a synthetic site of SITEGEN_BENCH_PAGES notes
// (default 5,000) in memory with minification and the output check, as
// `sitegen build` does (without the disk writes),
// and reports the cost per page and the process's peak memory.
//
//	go test -run '^$' -bench Build -benchtime 3x ./generator/
func BenchmarkBuild(b *testing.B) {
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("SITEGEN_BENCH_PAGES")); err == nil && v > 0 {
		n = v
	}
	fsys := synth.Site(n)
	b.ResetTimer()
	var pages int
	for range b.N {
		res, err := Build(context.Background(), Config{FS: fsys, Minify: true, Check: true})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(pages), "ms/page")
	if peak := peakRSS(); peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
	}
}

// peakRSS is the process's resident-memory high-water mark (Linux).
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	const key = "VmHWM:"
	s := string(data)
	for i := 0; i+len(key) < len(s); i++ {
		if s[i:i+len(key)] == key {
			j := i + len(key)
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			k := j
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			kb, _ := strconv.ParseInt(s[j:k], 10, 64)
			return kb << 10
		}
	}
	return 0
}
