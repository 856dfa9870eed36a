package generator

import (
	"bytes"
	"context"
	"io/fs"
	"regexp"

	"sitegen/generator/config"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// checkTheme parses the theme's templates, so a broken override is
// reported with the other author problems, and warns about layouts the
// theme lacks.
func (b *build) checkTheme(context.Context) error {
	err := b.loadTheme()
	if b.renderer != nil {
		b.warnings = append(b.warnings, b.themeWarnings()...)
	}
	b.themeFresh = err == nil
	return err
}

// loadTheme reads the theme (site overrides first) and makes the
// renderer; with a broken template, the renderer only answers which
// layouts exist (the build stops before rendering).
func (b *build) loadTheme() error {
	b.min = render.NewMinifier(b.cfg.Minify)
	theme, err := render.LoadTheme(b.fsys, b.settings.Theme, b.settings.BasePath(),
		map[string][]byte{"syntax.css": markdown.SyntaxCSS()}, b.min)
	b.theme, b.renderer = theme, nil
	if theme != nil {
		b.renderer = render.NewRenderer(b.settings, b.pages, theme, b.min, b.cfg.Version)
	}
	return err
}

// themeWarnings are the problems the render stage works around instead
// of failing on: a front matter layout the theme does not have (notes
// written for Jekyll say layout: post) renders with the default layout.
func (b *build) themeWarnings() srcerr.List {
	var out srcerr.List
	for _, p := range b.pages.Pages {
		if msg, ok := b.renderer.UnknownLayout(p); ok {
			out = append(out, srcerr.New(p.File, b.frontMatterLine(p.File, layoutKey), "%s", msg))
		}
	}
	return out
}

// menuWarnings name the menu entries left out because they lead to a page
// the site does not have. It is asked at render time: the produce stages
// (study, cheat sheet) add pages after the theme check.
func (b *build) menuWarnings() srcerr.List {
	var out srcerr.List
	for _, m := range b.renderer.DeadMenu() {
		out = append(out, srcerr.New(config.FileName, 0,
			"menu entry %q: the site has no page %s; left out of the menu", m.Name, m.URL))
	}
	return out
}

// layoutKey matches the layout key in YAML, TOML or JSON front matter.
var layoutKey = regexp.MustCompile(`(?m)^[ \t]*"?layout"?[ \t]*[:=]`)

// frontMatterLine is the line of file where key first matches, 0 when
// the file cannot be read or has no such line.
func (b *build) frontMatterLine(file string, key *regexp.Regexp) int {
	src, err := fs.ReadFile(b.fsys, file)
	if err != nil {
		return 0
	}
	loc := key.FindIndex(src)
	if loc == nil {
		return 0
	}
	return bytes.Count(src[:loc[0]], []byte("\n")) + 1
}
