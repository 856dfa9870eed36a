// Package pdf prints the cheat sheet to PDF through headless Chromium.
//
// It is the only package that imports chromedp. It finds the browser
// (FindChrome), starts it offline except for loopback (Launch), and prints
// one URL (Print): wait for web fonts and images, print with the page's own
// CSS @page size (or a paper size that overrides it) and margins, a
// document outline built from the headings and a tagged (accessible) PDF,
// then write the file atomically.
//
// It does not build or serve the site: the caller serves the built pages
// on a loopback address and passes the URL. Running headers and footers
// (title, page numbers) come from the page's CSS @page margin boxes, which
// Chromium supports since version 131, not from Chromium's
// header/footer templates.
package pdf

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpio "github.com/chromedp/cdproto/io"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Options controls one Print.
type Options struct {
	Paper    string // "a4" (default) or "letter"; used when the page sets no @page size
	Portrait bool   // orientation when the page sets no @page size; default landscape
	// ForcePaper makes Paper and Portrait win over the page's @page size
	// (the page's margins still apply): a sheet designed for A4 landscape
	// printed on Letter.
	ForcePaper bool
	Timeout    time.Duration // the whole print, browser start included; default 60s
	// Title, when set, is the PDF's Title. The page's <title> must contain
	// it, so a page of another site is an error; it then replaces the
	// <title> for printing, since Chromium copies <title> into the PDF.
	Title string
	// LinkOrigin, when set, is the published site's origin
	// ("https://example.org"): links to the served origin move there, so
	// the PDF's links outlive the loopback server. The served paths must
	// be the published ones.
	LinkOrigin string
	Progress   func(step string) // optional: "launching browser", "loading page", "printing", "writing PDF"
	// Revise, when set, makes a second print: it gets the first PDF and
	// returns a script to run in the page before printing again (the
	// book fills in its contents' page numbers so). The layout must not
	// change between the prints, or the numbers are wrong.
	Revise func(pdf []byte) (script string, err error)
}

// Result describes the written PDF.
type Result struct {
	Pages    int
	Bytes    int64
	Duration time.Duration
}

// paperSizes holds width × height in inches, portrait.
var paperSizes = map[string][2]float64{
	"a4":     {210 / 25.4, 297 / 25.4},
	"letter": {8.5, 11},
}

// waitForAssets resolves once web fonts are loaded and every <img> has
// loaded or failed; lazy images are switched to eager so they load at all.
const waitForAssets = `(async () => {
	for (const img of document.images) {
		if (img.loading === "lazy") img.loading = "eager";
	}
	await document.fonts.ready;
	await Promise.all(Array.from(document.images, img => img.complete ? null :
		new Promise(done => {
			img.addEventListener("load", done, {once: true});
			img.addEventListener("error", done, {once: true});
		})));
	return document.title;
})()`

// prepareForPrint puts the default page CSS first in <head>, so the
// page's own @page rules win over it; sets the document title (Chromium
// copies it into the PDF); and moves links to the served origin, in HTML
// and in SVG, to the published one. It is a function taking (css, title,
// linkOrigin); empty arguments change nothing.
const prepareForPrint = `(css, title, linkOrigin) => {
	if (css) {
		const style = document.createElement("style");
		style.textContent = css;
		document.head.prepend(style);
	}
	if (title) document.title = title;
	if (!linkOrigin) return;
	const xlink = "http://www.w3.org/1999/xlink";
	for (const a of document.querySelectorAll("a")) {
		for (const [ns, name] of [[null, "href"], [xlink, "href"]]) {
			const href = a.getAttributeNS(ns, name);
			if (href === null || href.startsWith("#")) continue; // stays in the document
			let u;
			try { u = new URL(href, document.baseURI); } catch { continue; }
			if (u.origin !== location.origin) continue;
			a.setAttributeNS(ns, name, new URL(u.pathname + u.search + u.hash, linkOrigin).href);
		}
	}
}`

// Print loads url in a fresh headless Chromium found by FindChrome(chromePath)
// and writes the page as PDF to outFile. The file is written to a temporary
// sibling and renamed into place, so on failure outFile is left as it was.
func Print(ctx context.Context, chromePath, url, outFile string, opts Options) (Result, error) {
	start := time.Now()
	paper := opts.Paper
	if paper == "" {
		paper = "a4"
	}
	size, ok := paperSizes[paper]
	if !ok {
		return Result{}, fmt.Errorf("unknown paper %q: want a4 or letter", opts.Paper)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(string) {}
	}

	chrome, err := FindChrome(chromePath)
	if err != nil {
		return Result{}, err
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	defer cancelTimeout()

	progress("launching browser")
	tab, closeBrowser, err := Launch(ctx, chrome)
	if err != nil {
		return Result{}, timeoutError(ctx, timeout, err)
	}
	defer closeBrowser()

	progress("loading page")
	var title string
	resp, err := chromedp.RunResponse(tab, chromedp.Navigate(url))
	if err == nil && resp != nil && resp.Status >= 400 {
		err = fmt.Errorf("HTTP %d %s", resp.Status, resp.StatusText)
	}
	if err == nil {
		err = chromedp.Run(tab, chromedp.Evaluate(waitForAssets, &title,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	}
	if err != nil {
		return Result{}, fmt.Errorf("loading %s: %w", url, timeoutError(ctx, timeout, err))
	}
	if opts.Title != "" && !strings.Contains(title, opts.Title) {
		return Result{}, fmt.Errorf("loading %s: page title is %q, want %q", url, title, opts.Title)
	}
	{
		call := fmt.Sprintf("(%s)(%s, %s, %s)", prepareForPrint, jsString(DefaultPageCSS(opts.Title)),
			jsString(opts.Title), jsString(opts.LinkOrigin))
		if err := chromedp.Run(tab, chromedp.Evaluate(call, nil)); err != nil {
			return Result{}, fmt.Errorf("loading %s: %w", url, timeoutError(ctx, timeout, err))
		}
	}

	printOnce := func() ([]byte, error) {
		var pdf []byte
		err := chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
			_, stream, err := page.PrintToPDF().
				WithPrintBackground(true).
				WithPreferCSSPageSize(!opts.ForcePaper).
				WithPaperWidth(size[0]).
				WithPaperHeight(size[1]).
				WithLandscape(!opts.Portrait).
				WithDisplayHeaderFooter(false).
				WithGenerateDocumentOutline(true).
				WithGenerateTaggedPDF(true).
				WithTransferMode(page.PrintToPDFTransferModeReturnAsStream).
				Do(ctx)
			if err != nil {
				return err
			}
			pdf, err = readStream(ctx, stream)
			return err
		}))
		if err != nil {
			return nil, fmt.Errorf("printing %s: %w", url, timeoutError(ctx, timeout, err))
		}
		return pdf, nil
	}
	progress("printing")
	pdf, err := printOnce()
	if err != nil {
		return Result{}, err
	}
	if opts.Revise != nil {
		progress("numbering the contents")
		script, err := opts.Revise(pdf)
		if err != nil {
			return Result{}, fmt.Errorf("printing %s: %w", url, err)
		}
		if err := chromedp.Run(tab, chromedp.Evaluate(script, nil)); err != nil {
			return Result{}, fmt.Errorf("printing %s: %w", url, timeoutError(ctx, timeout, err))
		}
		progress("printing again")
		if pdf, err = printOnce(); err != nil {
			return Result{}, err
		}
	}
	pages := countPages(pdf)
	if pages == 0 {
		return Result{}, fmt.Errorf("printing %s: Chromium returned %d bytes with no pages", url, len(pdf))
	}

	progress("writing PDF")
	if err := writeAtomic(outFile, pdf); err != nil {
		return Result{}, err
	}
	return Result{Pages: pages, Bytes: int64(len(pdf)), Duration: time.Since(start)}, nil
}

// DefaultPageCSS is the @page rule every printed page starts from: 15 mm
// margins (20 mm at the bottom, with the footer in its top half, clear of the edge) and a running
// footer with the site title on the left and "Page N of M" on the right.
// A page's own @page rules come later in the cascade and win.
func DefaultPageCSS(siteTitle string) string {
	footer := "system-ui, \"DejaVu Sans\", sans-serif"
	return `@page {
  margin: 15mm 15mm 20mm;
  @bottom-left { content: ` + cssString(siteTitle) + `; font: 600 8pt/1 ` + footer + `; color: #444; vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt/1 ` + footer + `; color: #444; vertical-align: top; padding-top: 4mm; }
}`
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString("\\" + string(r))
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// readStream reads and closes a DevTools IO stream. It calls IO.read
// directly because cdproto's ReadParams.Do drops the base64Encoded flag.
func readStream(ctx context.Context, stream cdpio.StreamHandle) ([]byte, error) {
	defer cdpio.Close(stream).Do(ctx)
	var buf bytes.Buffer
	for {
		var res cdpio.ReadReturns
		if err := cdp.Execute(ctx, cdpio.CommandRead, cdpio.Read(stream).WithSize(1<<20), &res); err != nil {
			return nil, err
		}
		chunk := []byte(res.Data)
		if res.Base64encoded {
			var err error
			if chunk, err = base64.StdEncoding.DecodeString(res.Data); err != nil {
				return nil, fmt.Errorf("reading PDF stream: %w", err)
			}
		}
		buf.Write(chunk)
		if res.EOF {
			return buf.Bytes(), nil
		}
	}
}

// timeoutError names the Timeout when ctx ran out, since chromedp reports
// an expired deadline in several different ways.
func timeoutError(ctx context.Context, timeout time.Duration, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("timed out after %s: %w", timeout, err)
	}
	return err
}

// writeAtomic writes data to a temporary file beside path and renames it
// into place, creating the parent directory if needed.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("writing %s: %w", path, err)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
