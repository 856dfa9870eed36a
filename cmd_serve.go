package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"

	"sitegen/generator"
	"sitegen/generator/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "sitegen serve [DIR] [flags]", stderr)
	src := fs.String("src", ".", "site folder: sitegen.toml and content/, or a bare notes folder (also the first argument)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; 0.0.0.0 or :: shares the preview with your network (a warning is printed)")
	var allow hostList
	fs.Var(&allow, "allow-host", "also answer requests for this host name (repeatable or comma-separated; *.example.test for every name under a domain); other names get 421")
	port := fs.Int("port", serve.DefaultPort, "port to listen on; 0 picks a free one")
	open := fs.Bool("open", false, "open the site in the default browser")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	poll := fs.Duration("poll", 0, "poll for changes at this interval (e.g. 500ms) instead of file-system events")
	navigate := fs.Bool("navigate", false, "on an edit, open pages go to the edited page")
	diagramTimeout := diagramTimeoutFlag(fs)
	if err := parseSiteFlags(fs, args, src); err != nil {
		return err
	}
	d2 := newDiagrams(*src)
	defer d2.Close()
	session := generator.NewSession(generator.Config{
		Src: *src, Drafts: *drafts, Minify: false, BaseURL: "/", // the server serves the site at /
		Diagrams: d2, Version: version, DiagramTimeout: *diagramTimeout,
	})
	var lastWarnings string
	builder := serve.BuilderFunc(func(ctx context.Context, changes []serve.Change) (*serve.Output, error) {
		up, err := session.Build(ctx, changes) // the watcher's classification, acted on as it is
		if err != nil {
			return nil, err
		}
		// Broken links do not stop the preview; say so once per change of them.
		if w := up.Warnings.Error(); w != lastWarnings {
			lastWarnings = w
			for _, e := range up.Warnings {
				fmt.Fprintf(stderr, "warning: %s\n", e)
			}
		}
		return &serve.Output{Files: up.Files, Summary: up.Summary, CSSOnly: up.CSSOnly, Pages: up.Pages}, nil
	})
	opts := serve.Options{Root: *src, Bind: *bind, Port: *port, Poll: *poll, Navigate: *navigate, Log: stdout, AllowHosts: allow}
	return serve.Run(ctx, builder, opts, func(url string) {
		if *open {
			openBrowser(url)
		}
	})
}

// hostList is --allow-host: repeatable, and each value may list several
// names separated by commas. serve checks the names.
type hostList []string

func (l *hostList) String() string { return strings.Join(*l, ",") }

func (l *hostList) Set(v string) error {
	for name := range strings.SplitSeq(v, ",") {
		if name = strings.TrimSpace(name); name != "" {
			*l = append(*l, name)
		}
	}
	return nil
}

// openBrowser asks the desktop to open url; failing quietly is fine, the
// URL is printed anyway.
func openBrowser(url string) {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	if cmd := exec.Command(name, url); cmd.Start() == nil {
		go func() { _ = cmd.Wait() }()
	}
}
