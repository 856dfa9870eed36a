// Package pdftest is what the PDF tests share: reading a produced PDF
// with poppler-utils (pdfinfo, pdftotext) and its outline, and finding
// browser processes a test left running.
package pdftest

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// RequireTool returns a poppler tool's path. Without it the test is
// skipped, or fails when SITEGEN_REQUIRE_BROWSER=1 (CI).
func RequireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("SITEGEN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s (poppler-utils) is required: %v", name, err)
		}
		t.Skipf("%s (poppler-utils) not installed", name)
	}
	return path
}

// Info is what pdfinfo says of a PDF.
type Info struct {
	Title         string
	Pages         int
	Width, Height float64 // points
}

var pageSize = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)

// ReadInfo runs pdfinfo on file.
func ReadInfo(t *testing.T, file string) Info {
	t.Helper()
	out, err := exec.Command(RequireTool(t, "pdfinfo"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	var info Info
	for line := range strings.Lines(string(out)) {
		key, value, _ := strings.Cut(line, ":")
		switch value = strings.TrimSpace(value); key {
		case "Title":
			info.Title = value
		case "Pages":
			info.Pages, _ = strconv.Atoi(value)
		}
	}
	if m := pageSize.FindStringSubmatch(string(out)); m != nil {
		info.Width, _ = strconv.ParseFloat(m[1], 64)
		info.Height, _ = strconv.ParseFloat(m[2], 64)
	}
	return info
}

// Text runs pdftotext on file.
func Text(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command(RequireTool(t, "pdftotext"), file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// outlineItem matches an outline entry as Chromium writes it: a
// dictionary with a literal /Title and a /Parent. Non-ASCII titles are
// encoded and do not match.
var outlineItem = regexp.MustCompile(`/Title \(((?:\\.|[^\\)])*)\)(?:[^>]|>[^>])*?/Parent \d+ 0 R`)

// OutlineTitles lists the bookmark titles of a PDF's bytes.
func OutlineTitles(pdf []byte) []string {
	var titles []string
	for _, m := range outlineItem.FindAllSubmatch(pdf, -1) {
		titles = append(titles, string(m[1]))
	}
	return titles
}
