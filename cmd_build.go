package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"sitegen/generator"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", "sitegen build [DIR] [flags]", stderr)
	src := fs.String("src", ".", "site folder: sitegen.toml and content/, or a bare notes folder (also the first argument)")
	out := fs.String("out", "public", "output folder (not inside the notes), replaced atomically when the build succeeds")
	baseURL := fs.String("base-url", "", "canonical base URL, https://host/path/ or /path/, overriding sitegen.toml's base_url")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	minify := fs.Bool("minify", true, "minify HTML, CSS, JS, SVG and JSON")
	verbose := fs.Bool("v", false, "print each timed stage")
	noCheck := fs.Bool("no-check", false, "skip the output check (links, anchors, assets, alt text, markup)")
	strict := fs.Bool("strict", false, "fail on broken links, anchors and assets (as strict = true in sitegen.toml)")
	warnLinks := fs.Bool("warn-links", false, "keep broken links, anchors and assets warnings even on a strict site (drafts in progress)")
	diagramTimeout := diagramTimeoutFlag(fs)
	if err := parseSiteFlags(fs, args, src); err != nil {
		return err
	}
	d2 := newDiagrams(*src)
	defer d2.Close()
	cfg := generator.Config{
		Src: *src, Out: *out, BaseURL: *baseURL, Drafts: *drafts, Minify: *minify,
		Diagrams: d2, Version: version, Check: !*noCheck, Strict: *strict, WarnLinks: *warnLinks,
		DiagramTimeout: *diagramTimeout,
	}
	progress := newBuildProgress(stderr)
	if progress != nil {
		cfg.Progress = progress.report
	}
	limitMemory()
	res, err := generator.Build(ctx, cfg)
	progress.stop()
	if err != nil {
		return err
	}
	if *verbose {
		for _, s := range res.Stages {
			fmt.Fprintf(stdout, "  %-9s %s\n", s.Name, ms(s.Took))
		}
		st := d2.r.Stats()
		fmt.Fprintf(stdout, "  diagrams: %d rendered in %s, %d from cache\n", st.Rendered, ms(st.RenderTime), st.Cached)
		if len(res.Missing) > 0 {
			fmt.Fprintf(stdout, "  facts not stated (shown as — in tables): %s\n", strings.Join(res.Missing, ", "))
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "Built %d pages in %s → %s\n", res.Pages, ms(res.Took), *out)
	return nil
}

// buildMemoryLimit is the soft memory limit of `sitegen build`. A build
// holds some 12 KB a note between stages, and Go's collector lets the
// heap grow to twice what is live before it collects: without a limit a
// site of 100,000 notes peaks over 3 GB. Under the limit the collector
// runs more often instead; a build that never gets near it (below some
// 50,000 notes) is not affected, and the limit is soft: a site whose live
// data exceeds it still builds. GOMEMLIMIT overrides it.
const buildMemoryLimit = 1536 << 20

// buildGCPercent lets the heap of a one-off build grow to four times what
// is live before the collector runs, where Go's default is twice: a build
// is short and its heap small, so collecting less often is the cheaper
// side of the trade. On 7,000 notes it cut user CPU by about 15% (four
// interleaved runs each of GOGC=100 and 300: 6.4–8.0 s against 7.2–10.2 s)
// for a peak of 360–500 MB instead of 225–275 MB (Hugo: 870 MB). The
// memory limit above still bounds large sites. GOGC overrides it.
const buildGCPercent = 300

func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
}

// diagramTimeoutFlag is --diagram-timeout of build and serve; zero keeps
// sitegen.toml's diagram_timeout.
func diagramTimeoutFlag(fs *flag.FlagSet) *time.Duration {
	return fs.Duration("diagram-timeout", 0, "stop a diagram whose layout takes longer, e.g. 30s (default: sitegen.toml's diagram_timeout, else 10s)")
}

func ms(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
