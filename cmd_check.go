package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"sitegen/generator/check"
	"sitegen/generator/config"
	"sitegen/generator/sitefs"
)

// errCheck reports findings already printed one per line.
type errCheck int

func (n errCheck) Error() string { return fmt.Sprintf("the output check found %d problems", int(n)) }

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "sitegen check [DIR] [flags]", stderr)
	out := fs.String("out", "public", "the built site to check")
	src := fs.String("src", ".", "site root: its sitegen.toml gives the base URL")
	baseURL := fs.String("base-url", "", "canonical base URL the site was built with, overriding sitegen.toml's base_url")
	if err := parseSiteFlags(fs, args, src); err != nil {
		return err
	}
	site, err := siteConfig(*src)
	if err != nil {
		return err
	}
	if *baseURL != "" {
		if site, err = site.WithBaseURL(*baseURL); err != nil {
			return fmt.Errorf("--base-url: %w", err)
		}
	}
	if info, err := os.Stat(*out); err != nil || !info.IsDir() {
		return fmt.Errorf("--out %s: no built site there; run sitegen build first", *out)
	}
	findings, err := check.Dir(*out, check.ForBaseURL(site.BaseURL))
	if err != nil {
		return err
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, f)
	}
	if len(findings) > 0 {
		return errCheck(len(findings))
	}
	fmt.Fprintf(stdout, "Checked %s: no problems\n", *out)
	return nil
}

// siteConfig reads the sitegen.toml of the site folder src, through
// sitefs so a linked config is held to the same rules as the build's.
func siteConfig(src string) (config.Settings, error) {
	dir, err := sitefs.New(src)
	if err != nil {
		return config.Settings{}, fmt.Errorf("site folder: %w", err)
	}
	return config.Load(dir)
}
