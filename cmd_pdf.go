package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sitegen/generator"
	"sitegen/generator/config"
	"sitegen/generator/content"
	"sitegen/generator/pdf"
	"sitegen/generator/render"
	"sitegen/generator/serve"
)

// defaultPDF is where `sitegen pdf` writes without --out: inside the
// default build output, so the hosted site can link to /cheatsheet.pdf.
const defaultPDF = "public/cheatsheet.pdf"

// defaultBook is where `sitegen pdf --book` writes without --out.
const defaultBook = "public/book.pdf"

// bookPath is where the composed book is served for the browser; it is
// never written to the published site.
const bookPath = "__book__/"

// runPDF builds the site in memory, serves it on a loopback port and
// prints one page of it through headless Chromium.
func runPDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("pdf", "sitegen pdf [DIR] [flags]", stderr)
	src := fs.String("src", ".", "site folder: sitegen.toml and content/, or a bare notes folder (also the first argument)")
	out := fs.String("out", defaultPDF, "the PDF file to write (atomically)")
	paper := fs.String("paper", "a4", "paper size when given: a4 or letter (overrides the page's CSS size)")
	portrait := fs.Bool("portrait", false, "print portrait (overrides the page's CSS orientation; the default for pages other than the cheat sheet)")
	landscape := fs.Bool("landscape", false, "print landscape (overrides the page's CSS orientation; the cheat sheet's default)")
	pagePath := fs.String("page", "/cheatsheet/", "the page of the site to print")
	book := fs.Bool("book", false, "print the whole site as one study book: cover, contents with page numbers, every note in order (default --out "+defaultBook+")")
	chrome := fs.String("chrome", "", "Chromium executable (default: $SITEGEN_CHROME, then chromium, chromium-browser, google-chrome on PATH)")
	timeout := fs.Duration("timeout", 60*time.Second, "give up printing after this long (browser start included)")
	if err := parseSiteFlags(fs, args, src); err != nil {
		return err
	}
	if *paper != "a4" && *paper != "letter" {
		return fmt.Errorf("--paper %s: want a4 or letter", *paper)
	}
	if *portrait && *landscape {
		return fmt.Errorf("--portrait and --landscape: pick one")
	}
	// The sheet's CSS asks for A4 landscape, the book's for A4 portrait;
	// only a size the user chose overrides them. Other pages print
	// portrait unless told otherwise.
	forcePaper, outSet, timeoutSet, pageSet := false, false, false, false
	fs.Visit(func(f *flag.Flag) {
		forcePaper = forcePaper || f.Name == "paper" || f.Name == "portrait" || f.Name == "landscape"
		outSet = outSet || f.Name == "out"
		timeoutSet = timeoutSet || f.Name == "timeout"
		pageSet = pageSet || f.Name == "page"
	})
	if *book && pageSet {
		return fmt.Errorf("--book prints every page; leave out --page")
	}
	if *book && !outSet {
		*out = defaultBook
	}
	if *book && !timeoutSet {
		*timeout = 3 * time.Minute // a whole site prints twice
	}
	printPortrait := *portrait || (!*landscape && (*book || strings.Trim(*pagePath, "/") != "cheatsheet"))
	chromePath, err := pdf.FindChrome(*chrome)
	if err != nil {
		return err
	}
	if *out == defaultPDF || *out == defaultBook {
		if err := claimOutputDir(filepath.Dir(*out)); err != nil {
			return err
		}
	}

	start := time.Now()
	progress := progressWriter(stderr)
	site, err := siteConfig(*src)
	if err != nil {
		return err
	}
	progress("building the site")
	d2 := newDiagrams(*src)
	defer d2.Close()
	res, err := generator.Build(ctx, generator.Config{
		Src: *src, Minify: true, Diagrams: d2, Version: version,
	})
	if err != nil {
		return err
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("serving the site for the browser: %w", err)
	}
	files := res.Files
	var revise func([]byte) (string, error)
	if *book {
		html, err := composeBook(res, site, len(res.Book))
		if err != nil {
			return err
		}
		progress(fmt.Sprintf("composed the book: %d %s", len(res.Book), plural(len(res.Book), "page")))
		files = maps.Clone(res.Files)
		files[bookPath+"index.html"] = html
		*pagePath = "/" + bookPath
		revise = func(first []byte) (string, error) {
			pages, err := pdf.DestPages(first)
			if err != nil {
				return "", err
			}
			for _, p := range res.Book {
				if pages[pdf.BookID(p.URL)] == 0 {
					return "", fmt.Errorf("the first print has no page for %s", p.URL)
				}
			}
			return pdf.TOCScript(pages), nil
		}
	}
	srv := &http.Server{Handler: serve.Files(files, site.BasePath()), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	defer srv.Close()
	url := "http://" + l.Addr().String() + content.UnderBase(site.BasePath(), *pagePath)

	// Links in the PDF lead to the published site, when it has an address.
	linkOrigin := ""
	if u, err := neturl.Parse(site.BaseURL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		linkOrigin = u.Scheme + "://" + u.Host
	}
	result, err := pdf.Print(ctx, chromePath, url, *out, pdf.Options{
		Paper: *paper, Portrait: printPortrait, ForcePaper: forcePaper,
		Timeout: *timeout, Title: site.Title, LinkOrigin: linkOrigin, Progress: progress, Revise: revise,
	})
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	what := ""
	if *book {
		what = fmt.Sprintf("%d notes and sections, ", len(res.Book))
	}
	fmt.Fprintf(stdout, "Wrote %s: %s%d %s, %s in %.1f s\n", *out, what, result.Pages, plural(result.Pages, "page"),
		kilobytes(result.Bytes), time.Since(start).Seconds())
	return nil
}

// composeBook writes the study book's HTML from the built site.
func composeBook(res *generator.Result, settings config.Settings, n int) ([]byte, error) {
	if n == 0 {
		return nil, fmt.Errorf("--book: the site has no notes to print")
	}
	b := pdf.Book{Title: settings.Title, Description: settings.Description, Language: settings.Language,
		Date: time.Now().Format("2 January 2006"), BasePath: settings.BasePath(), Files: res.Files}
	for _, p := range res.Book {
		b.Pages = append(b.Pages, pdf.BookPage{URL: p.URL, Title: p.Title, Depth: p.Depth, Section: p.Section})
	}
	return pdf.ComposeBook(b)
}

// claimOutputDir makes sure the default PDF may go into dir: it must be
// missing (it is created with sitegen's output marker, so `sitegen build`
// may replace it later), empty, or a folder sitegen wrote. A folder of
// the user's own files is left alone.
func claimOutputDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	case len(entries) == 0:
	default:
		if _, err := os.Stat(filepath.Join(dir, render.Marker)); err == nil {
			return nil
		}
		return fmt.Errorf("%s: the folder has files sitegen did not write, so the PDF does not go there; pass --out FILE", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, render.Marker), []byte("written by sitegen; safe to delete with the folder\n"), 0o644)
}

// progressWriter returns a function printing progress lines on stderr
// when it is a terminal, and doing nothing otherwise.
func progressWriter(stderr io.Writer) func(string) {
	f, ok := stderr.(*os.File)
	if !ok {
		return func(string) {}
	}
	if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return func(string) {}
	}
	return func(step string) { fmt.Fprintf(stderr, "%s…\n", step) }
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func kilobytes(n int64) string {
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}
