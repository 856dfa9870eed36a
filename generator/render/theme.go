package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitegen/generator/content"
	"sitegen/generator/srcerr"
	"sitegen/themes"
)

// Theme is a parsed theme: one template set per layout and the theme's
// assets under fingerprinted names.
//
// Lookup: a site's themes/<name>/<path> wins over the embedded default
// theme's default/<path>, file by file, so overriding one partial or the
// stylesheet needs only that file.
type Theme struct {
	name    string
	site    fs.FS
	layouts map[string]*template.Template
	// assets maps a logical asset name (style.css) to its output path
	// (style.3f2a9c1b.css); files holds those outputs' bytes.
	assets map[string]string
	files  map[string][]byte
	// sources maps template names (page.html, header.html) to the file
	// they came from, so errors point at the override or the default.
	sources map[string]string
	// Minified templates have lost their line breaks; an error in one is
	// found again in the templates as written (raw), for its line.
	minified bool
	funcs    template.FuncMap
	rawOnce  sync.Once
	raw      *Theme
}

// LoadTheme parses the theme's layouts and fingerprints its assets. extra
// adds generated assets (syntax.css) as if they were theme files. A theme
// whose templates do not all parse comes with the error when its base
// layout did, so the caller can still tell which layouts it has.
func LoadTheme(site fs.FS, name, basePath string, extra map[string][]byte, min *Minifier) (*Theme, error) {
	t := &Theme{name: name, site: site, layouts: map[string]*template.Template{}, assets: map[string]string{}, files: map[string][]byte{}, sources: map[string]string{}}
	if err := t.loadAssets(extra, min); err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"asset": func(name string) (string, error) {
			out, ok := t.assets[name]
			if !ok {
				return "", fmt.Errorf("asset %q: no such file in the theme's assets/", name)
			}
			return basePath + out, nil
		},
		"url":     func(p string) string { return content.UnderBase(basePath, p) },
		"date":    func(t time.Time) string { return t.Format("2 January 2006") },
		"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	}
	t.funcs, t.minified = funcs, min.Enabled()
	if err := t.loadLayouts(funcs, min); err != nil {
		if t.minified {
			if rawErr := t.newRaw().loadLayouts(funcs, nil); rawErr != nil {
				err = rawErr
			}
		}
		if len(t.layouts) == 0 {
			return nil, err
		}
		return t, err // to tell which layouts exist, never to render with
	}
	return t, nil
}

func (t *Theme) newRaw() *Theme {
	return &Theme{name: t.name, site: t.site, layouts: map[string]*template.Template{}, sources: map[string]string{}}
}

// execError places an error of executing layout: in the templates as
// written when the ones executed were minified.
func (t *Theme) execError(layout string, data any, err error) *srcerr.Error {
	if t.minified {
		t.rawOnce.Do(func() {
			if raw := t.newRaw(); raw.loadLayouts(t.funcs, nil) == nil {
				t.raw = raw
			}
		})
		if t.raw != nil && t.raw.layouts[layout] != nil {
			if again := t.raw.layouts[layout].ExecuteTemplate(io.Discard, "base.html", data); again != nil {
				return t.raw.templateError(again)
			}
		}
	}
	return t.templateError(err)
}

// open reads a theme file, site override first.
func (t *Theme) open(name string) ([]byte, string, error) {
	override := path.Join("themes", t.name, name)
	if b, err := fs.ReadFile(t.site, override); err == nil {
		return b, override, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, override, srcerr.New(override, 0, "%v", err)
	}
	b, err := fs.ReadFile(themes.Default, path.Join("default", name))
	if err != nil {
		return nil, path.Join("themes/default", name), err
	}
	return b, path.Join("themes/default", name), nil
}

// list names the files of a theme folder from both layers.
func (t *Theme) list(dir string) []string {
	seen := map[string]bool{}
	for _, layer := range []struct {
		fsys fs.FS
		root string
	}{{t.site, path.Join("themes", t.name, dir)}, {themes.Default, path.Join("default", dir)}} {
		entries, _ := fs.ReadDir(layer.fsys, layer.root)
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				seen[e.Name()] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (t *Theme) loadLayouts(funcs template.FuncMap, min *Minifier) error {
	// Templates are minified once here, Go template actions left intact,
	// instead of minifying every page they produce: nearly the same bytes
	// for a small part of the cost on a large site.
	open := func(name string) ([]byte, string, error) {
		src, file, err := t.open(name)
		if err != nil {
			return nil, file, err
		}
		small, err := min.Template(src)
		if err != nil {
			return nil, file, srcerr.New(file, 0, "minify: %v", err)
		}
		return small, file, nil
	}
	base, baseFile, err := open("layouts/base.html")
	if err != nil {
		return srcerr.New(baseFile, 0, "the theme has no base layout: %v", err)
	}
	t.sources["base.html"] = baseFile
	shell := template.New("base.html").Funcs(funcs)
	if _, err := shell.Parse(string(base)); err != nil {
		return t.templateError(err)
	}
	// Every broken template is reported, not only the first.
	var errs srcerr.List
	for _, name := range t.list("layouts/partials") {
		src, file, err := open("layouts/partials/" + name)
		if err != nil {
			errs.Add(srcerr.New(file, 0, "%v", err))
			continue
		}
		t.sources[name] = file
		if _, err := shell.New(name).Parse(string(src)); err != nil {
			errs.Add(t.templateError(err))
		}
	}
	for _, name := range t.list("layouts") {
		if name == "base.html" || !strings.HasSuffix(name, ".html") {
			continue
		}
		src, file, err := open("layouts/" + name)
		if err != nil {
			errs.Add(srcerr.New(file, 0, "%v", err))
			continue
		}
		t.sources[name] = file
		layout, _ := shell.Clone()
		if _, err := layout.New(name).Parse(string(src)); err != nil {
			errs.Add(t.templateError(err))
		}
		t.layouts[strings.TrimSuffix(name, ".html")] = layout
	}
	return errs.Err()
}

// templateLine matches text/template's "template: page.html:12:5: " and
// html/template's "html/template:page.html:12:5: " (escaping errors).
var templateLine = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+):(?:\d+:)? ?`)

// templateError turns html/template's "template: x.html:12: msg" into a
// srcerr pointing at the theme file that holds template x.html.
func (t *Theme) templateError(err error) *srcerr.Error {
	msg := err.Error()
	m := templateLine.FindStringSubmatch(msg)
	if m == nil {
		return srcerr.New("themes/"+t.name+"/layouts", 0, "template: %s", msg)
	}
	line, _ := strconv.Atoi(m[2])
	file := t.sources[m[1]]
	if file == "" {
		file = m[1]
	}
	return srcerr.New(file, line, "template: %s", msg[len(m[0]):])
}

func (t *Theme) loadAssets(extra map[string][]byte, min *Minifier) error {
	add := func(name string, b []byte) error {
		b, err := min.Asset(name, b)
		if err != nil {
			return srcerr.New("themes/"+t.name+"/assets/"+name, 0, "minify: %v", err)
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		out := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		t.assets[name] = out
		t.files[out] = b
		return nil
	}
	for _, name := range t.list("assets") {
		b, file, err := t.open("assets/" + name)
		if err != nil {
			return srcerr.New(file, 0, "%v", err)
		}
		if err := add(name, b); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(extra))
	for n := range extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := add(n, extra[n]); err != nil {
			return err
		}
	}
	return nil
}

// Assets returns the fingerprinted asset files, by output path.
func (t *Theme) Assets() map[string][]byte { return t.files }
