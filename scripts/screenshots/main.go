// Command screenshots photographs pages of a built site in Chromium at a
// laptop's and a phone's size, light and dark, for issue notes and docs:
//
//	go run . build --out /tmp/pub
//	go run ./scripts/screenshots -dir /tmp/pub -out docs/screenshots/x -prefix after / /services/lambda/
//
// Files are named PREFIX-PAGE-desktop|phone-light|dark.png, PAGE being the
// page's path with slashes as dashes ("home" for /). The theme is chosen
// as a reader would choose it (the stored preference the theme switch
// writes), so a site from before dark mode existed shows its light look.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

type viewport struct {
	name          string
	width, height int64
	phone         bool
}

var viewports = []viewport{{"desktop", 1366, 900, false}, {"phone", 390, 844, true}}

func main() {
	dir := flag.String("dir", "public", "the built site to serve")
	out := flag.String("out", "screenshots", "folder for the PNG files")
	prefix := flag.String("prefix", "shot", "file name prefix (before, after)")
	full := flag.Bool("full", false, "the whole page, not only the first screen")
	flag.Parse()
	pages := flag.Args()
	if len(pages) == 0 {
		pages = []string{"/"}
	}
	if err := run(*dir, *out, *prefix, *full, pages); err != nil {
		log.Fatal(err)
	}
}

func run(dir, out, prefix string, full bool, pages []string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	defer srv.Close()
	base := "http://" + l.Addr().String()

	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.Flag("hide-scrollbars", false))...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()

	for _, v := range viewports {
		opts := []chromedp.EmulateViewportOption{}
		if v.phone {
			opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		for _, theme := range []string{"light", "dark"} {
			for _, p := range pages {
				var png []byte
				shot := chromedp.CaptureScreenshot(&png)
				if full {
					shot = chromedp.FullScreenshot(&png, 90)
				}
				err := chromedp.Run(ctx,
					chromedp.EmulateViewport(v.width, v.height, opts...),
					chromedp.Navigate(base+"/"),
					chromedp.Evaluate(`localStorage.setItem("sitegen-theme", "`+theme+`")`, nil),
					chromedp.Navigate(base+p),
					chromedp.Sleep(500*time.Millisecond), // fonts and the table and diagram scripts settle
					shot,
				)
				if err != nil {
					return fmt.Errorf("%s at %s, %s: %w", p, v.name, theme, err)
				}
				name := fmt.Sprintf("%s-%s-%s-%s.png", prefix, pageName(p), v.name, theme)
				if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
					return err
				}
				fmt.Println(filepath.Join(out, name))
			}
		}
	}
	return nil
}

// pageName turns /compare/lambda-vs-batch/ into compare-lambda-vs-batch.
func pageName(p string) string {
	name := strings.ReplaceAll(strings.Trim(p, "/"), "/", "-")
	if name == "" {
		return "home"
	}
	return name
}
