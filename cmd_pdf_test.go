package main

// End-to-end tests of `sitegen pdf` on the bundled study site: they run
// the CLI, then read the PDF back with poppler's pdfinfo and pdftotext.
// Like every browser test they skip without Chromium (or poppler-utils)
// unless SITEGEN_REQUIRE_BROWSER=1, as in CI.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sitegen/internal/pdftest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/generator/config"
	"sitegen/generator/pdf"
)

// pdfRequire skips (or, in CI, fails) t without Chromium and poppler.
func pdfRequire(t *testing.T) {
	t.Helper()
	_, err := pdf.FindChrome("")
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if err == nil {
			_, err = exec.LookPath(tool)
		}
	}
	if err != nil {
		if os.Getenv("SITEGEN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("Chromium and poppler-utils are required: %v", err)
		}
		t.Skipf("skipping PDF test: %v", err)
	}
}

// runPDFCommand runs `sitegen pdf args…` and returns its exit code and
// output.
func runPDFCommand(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, append([]string{"pdf"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// pdfText is the PDF's text without white space and hyphens, so that
// phrases wrapped across lines still match phrases passed through noSpace
// (pdftotext joins "pay-per-|request" as "pay-perrequest").
func pdfText(t *testing.T, file string) string {
	t.Helper()
	return noSpace(pdftest.Text(t, file))
}

func noSpace(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), ""), "-", "")
}

// sheetService is what the cheat sheet must print for one bundled note.
type sheetService struct {
	file, title, summary string
	facts                []string // as the facts tables print them
	bullets              []string // cheatsheet:
}

var (
	frontTitle   = regexp.MustCompile(`(?m)^title: (.+)$`)
	frontSummary = regexp.MustCompile(`(?m)^summary: (.+)$`)
	frontMaxRun  = regexp.MustCompile(`(?m)^  max_runtime: (.+)$`)
)

// bundledServices reads what the sheet must print of content/services/*.md:
// the title, the summary, the maximum run time (a fact or a bullet says
// it) and the cheatsheet: bullets. Other facts may be left out when a
// bullet already says them (TestSheetFacts).
func bundledServices(t *testing.T) []sheetService {
	t.Helper()
	files, err := filepath.Glob("content/services/*.md")
	if err != nil || len(files) < 8 {
		t.Fatalf("bundled notes: %v, %v", files, err)
	}
	// The facts tables print durations their own way.
	runtimes := map[string]string{"15 minutes": "15 min", "unlimited": "Unlimited"}
	var out []sheetService
	for _, file := range files {
		if filepath.Base(file) == "_index.md" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		m := frontTitle.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("%s: no title", file)
		}
		svc := sheetService{file: file, title: m[1]}
		if m := frontSummary.FindStringSubmatch(s); m != nil {
			svc.summary = m[1]
		}
		if m := frontMaxRun.FindStringSubmatch(s); m != nil {
			shown, ok := runtimes[m[1]]
			if !ok {
				t.Fatalf("%s: max_runtime %q: add how the facts table prints it", file, m[1])
			}
			svc.facts = append(svc.facts, shown)
		}
		if _, list, ok := strings.Cut(s, "\ncheatsheet:\n"); ok {
			for line := range strings.Lines(list) {
				item, ok := strings.CutPrefix(line, "  - ")
				if !ok {
					break
				}
				svc.bullets = append(svc.bullets, strings.Trim(strings.TrimSpace(item), `"`))
			}
		}
		out = append(out, svc)
	}
	return out
}

func TestPDFBundledCheatSheet(t *testing.T) {
	pdfRequire(t)
	site, err := config.Load(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	services := bundledServices(t)

	tests := []struct {
		name          string
		args          []string
		width, height float64
		maxPages      int
	}{
		{"a4 landscape", nil, 841.92, 594.96, 3},
		// Letter is 18 mm narrower than A4: allow it a page more.
		{"letter", []string{"--paper", "letter"}, 792, 612, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			marker := pdftest.MarkTempDir(t)
			out := filepath.Join(t.TempDir(), "sheet.pdf")
			code, stdout, stderr := runPDFCommand(t, append([]string{"--src", ".", "--out", out}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
			}
			t.Log(strings.TrimSpace(stdout))
			pdftest.CheckNoLeftovers(t, marker)
			summary := regexp.MustCompile(`^Wrote ` + regexp.QuoteMeta(out) + `: (\d+) pages?, \d+ KB in \d+\.\d s\n$`)
			m := summary.FindStringSubmatch(stdout)
			if m == nil {
				t.Errorf("summary line %q does not match %s", stdout, summary)
			}

			info := pdftest.ReadInfo(t, out)
			if info.Title != site.Title {
				t.Errorf("PDF title %q, want the site title %q", info.Title, site.Title)
			}
			if m != nil && m[1] != strconv.Itoa(info.Pages) {
				t.Errorf("summary says %s pages, pdfinfo %d", m[1], info.Pages)
			}
			if info.Pages < 1 || info.Pages > tt.maxPages {
				t.Errorf("%d pages, want at most %d", info.Pages, tt.maxPages)
			}
			if abs := func(x float64) float64 { return max(x, -x) }; abs(info.Width-tt.width) > 1 || abs(info.Height-tt.height) > 1 {
				t.Errorf("page size %.2f x %.2f pts, want %.2f x %.2f", info.Width, info.Height, tt.width, tt.height)
			}

			text := pdfText(t, out)
			for _, svc := range services {
				if len(svc.bullets) == 0 {
					t.Errorf("%s: no cheatsheet: bullets found", svc.file)
				}
				// Every bullet whole: nothing clipped, nothing cut short.
				for _, want := range slices.Concat([]string{svc.title, svc.summary}, svc.facts, svc.bullets) {
					if !strings.Contains(text, noSpace(want)) {
						t.Errorf("%s: the PDF text lacks %q", svc.file, want)
					}
				}
			}
			// No page mostly blank: the text runs over at least 40% of
			// each page's height above the footer.
			for i, p := range pdftest.Pages(t, out) {
				if f := p.Filled(12 / 25.4 * 72); f < 0.4 {
					t.Errorf("page %d is %.0f%% filled, want at least 40%%", i+1, f*100)
				} else {
					t.Logf("page %d: %.0f%% filled", i+1, f*100)
				}
			}
			// The running footer: the site title and page numbers.
			for _, want := range []string{site.Title, "Page 1 of " + strconv.Itoa(info.Pages)} {
				if !strings.Contains(text, noSpace(want)) {
					t.Errorf("the PDF text lacks the footer's %q", want)
				}
			}

			raw, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			outline := pdftest.OutlineTitles(raw)
			for _, svc := range services {
				if !strings.Contains(strings.Join(outline, "\n"), svc.title) {
					t.Errorf("the outline %q lacks %q", outline, svc.title)
				}
			}
			// Links lead to the published site, not to the loopback server.
			if bytes.Contains(raw, []byte("/URI (http://127.0.0.1")) {
				t.Error("the PDF links to the loopback server")
			}
		})
	}
}

func TestPDFWithoutChrome(t *testing.T) {
	marker := pdftest.MarkTempDir(t)
	out := filepath.Join(t.TempDir(), "sheet.pdf")
	code, _, stderr := runPDFCommand(t, "--src", ".", "--out", out, "--chrome", "/nonexistent")
	if code == 0 {
		t.Fatal("exit 0 without a browser")
	}
	for _, want := range []string{"--chrome /nonexistent", "apt-get install chromium"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a PDF was written without a browser")
	}
	pdftest.CheckNoLeftovers(t, marker)
}

// A failure once the browser runs (a page that does not exist) leaves no
// process and no file behind.
func TestPDFFailureCleansUp(t *testing.T) {
	pdfRequire(t)
	marker := pdftest.MarkTempDir(t)
	out := filepath.Join(t.TempDir(), "sheet.pdf")
	code, _, stderr := runPDFCommand(t, "--src", ".", "--out", out, "--page", "/no-such-page/")
	if code == 0 || !strings.Contains(stderr, "HTTP 404") {
		t.Errorf("exit %d, stderr %q; want a failure naming HTTP 404", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a PDF was written for a missing page")
	}
	pdftest.CheckNoLeftovers(t, marker)
}

func TestPDFFlags(t *testing.T) {
	code, _, stderr := runPDFCommand(t, "--paper", "a3")
	if code == 0 || !strings.Contains(stderr, "want a4 or letter") {
		t.Errorf("--paper a3: exit %d, stderr %q", code, stderr)
	}
}

// The default output goes into public/ only when that folder is sitegen's
// (or new), so `sitegen build` can still replace it afterwards.
func TestClaimOutputDir(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh")
	if err := claimOutputDir(fresh); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(fresh, ".sitegen-output")); err != nil {
		t.Errorf("a new folder gets the output marker: %v", err)
	}
	if err := claimOutputDir(fresh); err != nil {
		t.Errorf("sitegen's own folder: %v", err)
	}
	mine := filepath.Join(dir, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := claimOutputDir(mine); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("a folder of the user's files: err = %v, want a refusal suggesting --out", err)
	}
}
