package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sitegen/internal/pdftest"
	"strings"
	"testing"
	"time"
)

// requireChrome returns the browser, or skips the test without one unless
// SITEGEN_REQUIRE_BROWSER=1. (internal/browsertest does the same for other
// packages; it imports this one, so this package cannot use it.)
func requireChrome(t *testing.T) string {
	t.Helper()
	chrome, err := FindChrome("")
	if err != nil {
		if os.Getenv("SITEGEN_REQUIRE_BROWSER") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return chrome
}

const sheetCSS = `@page {
	size: A4 landscape;
	margin: 15mm;
	@bottom-center { content: "Test Sheet page " counter(page) " of " counter(pages); }
}`

// sheet is the test page: three sections, the last on a second page.
func sheet(css string) string {
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>Test Sheet</title>
<style>h2.next { break-before: page; }</style><style>` + css + `</style></head>
<body>
<h1>Compute</h1>
<h2>Lambda functions</h2><p>Lambda runs code for up to fifteen minutes.</p>
<h2>Batch jobs</h2><p>Batch runs long jobs on a compute environment.</p>
<h2 class="next">Fargate tasks</h2><p>Fargate runs containers without servers.</p>
</body></html>`
}

func serve(t *testing.T, body string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestPrint(t *testing.T) {
	chrome := requireChrome(t)
	tests := []struct {
		name          string
		css           string
		opts          Options
		width, height float64
	}{
		{"css A4 landscape", sheetCSS, Options{Paper: "letter", Portrait: true}, 841.92, 594.96},
		{"letter landscape", "", Options{Paper: "letter"}, 792, 612},
		{"a4 portrait", "", Options{Portrait: true}, 594.96, 841.92},
		{"letter forced over css", sheetCSS, Options{Paper: "letter", ForcePaper: true}, 792, 612},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			marker := pdftest.MarkTempDir(t)
			url := serve(t, sheet(tt.css))
			out := filepath.Join(t.TempDir(), "new", "dir", "sheet.pdf")
			var steps []string
			tt.opts.Title = "Test Sheet"
			tt.opts.Progress = func(step string) { steps = append(steps, step) }

			res, err := Print(context.Background(), chrome, url, out, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d pages, %d bytes in %s; steps %q", res.Pages, res.Bytes, res.Duration, steps)
			pdftest.CheckNoLeftovers(t, marker)

			pdf, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if res.Bytes != int64(len(pdf)) || res.Pages < 2 {
				t.Errorf("Result %+v for a %d-byte file; want 2+ pages", res, len(pdf))
			}
			if !bytes.Contains(pdf, []byte("/Type /Outlines")) {
				t.Error("no document outline")
			}
			titles := strings.Join(pdftest.OutlineTitles(pdf), "|")
			for _, h := range []string{"Lambda functions", "Batch jobs", "Fargate tasks"} {
				if !strings.Contains(titles, h) {
					t.Errorf("outline %q lacks heading %q", titles, h)
				}
			}

			info := pdftest.ReadInfo(t, out)
			if info.Title != "Test Sheet" || info.Pages != res.Pages {
				t.Errorf("pdfinfo: title %q, %d pages; want %q, %d (Result)", info.Title, info.Pages, "Test Sheet", res.Pages)
			}
			if abs(info.Width-tt.width) > 1 || abs(info.Height-tt.height) > 1 {
				t.Errorf("page size %.2f x %.2f pts, want %.2f x %.2f", info.Width, info.Height, tt.width, tt.height)
			}
			text := pdftest.Text(t, out)
			want := []string{"Lambda runs code for up to fifteen minutes.", "Fargate runs containers"}
			if tt.css != "" {
				// The @page margin box: Chromium 131+ prints it.
				want = append(want, "Test Sheet page 1 of 2", "Test Sheet page 2 of 2")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("pdftotext lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestPrintFailures(t *testing.T) {
	chrome := requireChrome(t)

	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close()

	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer hang.Close()

	url := serve(t, sheet(sheetCSS))
	tests := []struct {
		name, url string
		opts      Options
		want      string
	}{
		{"unreachable", closed, Options{}, "ERR_CONNECTION_REFUSED"},
		{"not found", url + "/missing", Options{}, "HTTP 404"},
		{"timeout", hang.URL, Options{Timeout: 2 * time.Second}, "timed out after 2s"},
		{"wrong title", url, Options{Title: "Other Sheet"}, `want "Other Sheet"`},
		{"bad paper", url, Options{Paper: "a3"}, `unknown paper "a3"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			marker := pdftest.MarkTempDir(t)
			dir := t.TempDir()
			out := filepath.Join(dir, "sheet.pdf")
			if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Print(context.Background(), chrome, tt.url, out, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
			pdftest.CheckNoLeftovers(t, marker)
			if b, _ := os.ReadFile(out); string(b) != "previous" {
				t.Errorf("%s was changed to %q", out, b)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("stray files beside the output: %v", entries)
			}
		})
	}
}

func TestPrintWithoutChrome(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sheet.pdf")
	_, err := Print(context.Background(), "/nonexistent", "http://127.0.0.1/", out, Options{})
	_, want := FindChrome("/nonexistent")
	if !errors.Is(err, ErrNoChrome) || err.Error() != want.Error() {
		t.Errorf("err = %v, want %v", err, want)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("output written without a browser: %v", err)
	}
}

func TestCountPages(t *testing.T) {
	pdf := "1 0 obj\n<</Type /Page\n/Parent 3 0 R>>\n" +
		"2 0 obj\n<</Type/Page/Parent 3 0 R>>\n" +
		"3 0 obj\n<</Type /Pages\n/Count 2>>\n" +
		"4 0 obj\n<</Type /PageLabel>>\n"
	if got := countPages([]byte(pdf)); got != 2 {
		t.Errorf("countPages = %d, want 2", got)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// Title is checked by containment and becomes the PDF's Title; LinkOrigin
// points the served page's links, HTML and SVG, at the published site.
func TestPrintTitleAndLinks(t *testing.T) {
	chrome := requireChrome(t)
	marker := pdftest.MarkTempDir(t)
	url := serve(t, `<!doctype html><html><head><meta charset="utf-8"><title>Cheat sheet — Test Site</title></head>
<body><h1>Sheet</h1><p><a href="/study/services/lambda/#limits">Lambda</a> and <a href="https://example.com/x">elsewhere</a></p>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="40">
<a xlink:href="/study/services/batch/"><text x="5" y="20">Batch</text></a></svg></body></html>`)
	out := filepath.Join(t.TempDir(), "sheet.pdf")
	_, err := Print(context.Background(), chrome, url, out, Options{Title: "Test Site", LinkOrigin: "https://notes.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	pdftest.CheckNoLeftovers(t, marker)
	if info := pdftest.ReadInfo(t, out); info.Title != "Test Site" {
		t.Errorf("pdfinfo Title %q, want %q", info.Title, "Test Site")
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/URI (https://notes.example.org/study/services/lambda/#limits)", "/URI (https://notes.example.org/study/services/batch/)", "/URI (https://example.com/x)"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("PDF lacks the link %s; links: %q", want, regexp.MustCompile(`/URI \([^)]*\)`).FindAll(pdf, -1))
		}
	}
}
