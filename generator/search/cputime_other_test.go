//go:build !unix

package search

import "time"

// cpuTime is not measured here: BenchmarkBuild reports 0 cpu-µs/page.
func cpuTime() time.Duration { return 0 }
