package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sitegen/generator"
	"sitegen/generator/config"
	"sitegen/internal/pdftest"
)

const mm = 72 / 25.4 // points

// TestPDFPageMargins prints one note with `sitegen pdf --page`: A4
// portrait, no glyph within 10 mm of an edge, and the footer (site title,
// "Page N of M") on every page.
func TestPDFPageMargins(t *testing.T) {
	pdfRequire(t)
	site, err := config.Load(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "lambda.pdf")
	code, stdout, stderr := runPDFCommand(t, "--src", ".", "--page", "/services/lambda/", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	info := pdftest.ReadInfo(t, out)
	if max(info.Width-595.92, 595.92-info.Width) > 1 || max(info.Height-842.88, 842.88-info.Height) > 1 {
		t.Errorf("page size %.2f x %.2f pts, want A4 portrait", info.Width, info.Height)
	}
	pages := pdftest.Pages(t, out)
	if len(pages) < 2 {
		t.Fatalf("%d pages; the Lambda note is longer than one", len(pages))
	}
	for i, p := range pages {
		for _, w := range p.Words {
			if w.XMin < 10*mm || w.YMin < 10*mm || w.XMax > p.Width-10*mm || w.YMax > p.Height-10*mm {
				t.Errorf("page %d: %q at (%.0f, %.0f)–(%.0f, %.0f) pt is within 10 mm of the edge", i+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
			}
		}
		text := noSpace(p.Text())
		for _, want := range []string{site.Title, "Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(pages))} {
			if !strings.Contains(text, noSpace(want)) {
				t.Errorf("page %d lacks the footer's %q", i+1, want)
			}
		}
	}
}

// tocLine is a line of the book's contents as pdftotext -layout prints
// it: the title, then its page number at the right.
var tocLine = regexp.MustCompile(`^\s*(\S.*?)\s{2,}(\d+)\s*$`)

// TestPDFBook prints the bundled site as a study book and reads it back:
// the cover, a contents page whose numbers are the pages where each
// note's title stands as a heading, every note in reading order, an
// outline entry per note, links between notes kept inside the PDF, and a
// single summary line when stderr is not a terminal.
func TestPDFBook(t *testing.T) {
	pdfRequire(t)
	site, err := config.Load(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	res, err := generator.Build(t.Context(), generator.Config{Src: "."})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Book) < 10 {
		t.Fatalf("Result.Book lists %d pages", len(res.Book))
	}
	out := filepath.Join(t.TempDir(), "book.pdf")
	code, stdout, stderr := runPDFCommand(t, "--src", ".", "--book", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	t.Log(strings.TrimSpace(stdout))
	if stderr != "" {
		t.Errorf("stderr is not a terminal, yet it got %q", stderr)
	}
	if !regexp.MustCompile(`^Wrote .*book\.pdf: \d+ notes and sections, \d+ pages, \d+ KB in \d+\.\d s\n$`).MatchString(stdout) {
		t.Errorf("summary line %q", stdout)
	}

	pages := pdftest.Pages(t, out)
	cover := noSpace(pages[0].Text())
	for _, want := range []string{site.Title, site.Description} {
		if !strings.Contains(cover, noSpace(want)) {
			t.Errorf("the cover lacks %q", want)
		}
	}

	// The contents: one line per book page, in reading order.
	layout, err := exec.Command("pdftotext", "-layout", "-f", "2", "-l", "3", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var toc []string
	pageOf := map[string]int{}
	for line := range strings.Lines(string(layout)) {
		if m := tocLine.FindStringSubmatch(line); m != nil && m[1] != site.Title {
			n, _ := strconv.Atoi(m[2])
			toc = append(toc, m[1])
			pageOf[m[1]] = n
		}
	}
	var want []string
	for _, p := range res.Book {
		want = append(want, p.Title)
	}
	if strings.Join(toc, "|") != strings.Join(want, "|") {
		t.Errorf("contents\n%q\nwant the reading order\n%q", toc, want)
	}
	last := 0
	for _, p := range res.Book {
		n := pageOf[p.Title]
		if n <= last || n > len(pages) {
			t.Errorf("contents: %q on page %d, after page %d of %d", p.Title, n, last, len(pages))
			continue
		}
		last = n
		// The title stands on that page as a heading: in words over 15 pt tall.
		var big strings.Builder
		for _, w := range pages[n-1].Words {
			if w.YMax-w.YMin > 15 {
				big.WriteString(w.Text)
			}
		}
		if !strings.Contains(noSpace(big.String()), noSpace(p.Title)) {
			t.Errorf("contents say %q is on page %d; that page's headings are %q", p.Title, n, big.String())
		}
	}

	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	outline := strings.Join(pdftest.OutlineTitles(raw), "\n")
	for _, p := range res.Book {
		if !strings.Contains(outline, p.Title) {
			t.Errorf("the outline lacks %q", p.Title)
		}
	}
	// Links between notes jump inside the PDF (a named destination), and
	// none leads to the loopback server.
	if !strings.Contains(string(raw), "/Dest /book-services-lambda") {
		t.Error("no internal link to the Lambda note")
	}
	if strings.Contains(string(raw), "/URI (http://127.0.0.1") || strings.Contains(string(raw), "__book__") {
		t.Error("the PDF links to the loopback server or the book's temporary page")
	}
}
