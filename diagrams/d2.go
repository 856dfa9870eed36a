package diagrams

import (
	"context"
	"fmt"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/svg"
	"io/fs"
	"log/slog"
	"runtime/debug"

	"oss.terrastruct.com/d2/d2graph"
	"oss.terrastruct.com/d2/d2layouts/d2dagrelayout"
	"oss.terrastruct.com/d2/d2lib"
	"oss.terrastruct.com/d2/d2renderers/d2svg"
	"oss.terrastruct.com/d2/d2target"
	"oss.terrastruct.com/d2/d2themes/d2themescatalog"
	"oss.terrastruct.com/d2/lib/log"
	"oss.terrastruct.com/d2/lib/textmeasure"
)

// The site's two looks, and the padding around every diagram.
var (
	lightThemeID = d2themescatalog.NeutralDefault.ID
	darkThemeID  = d2themescatalog.DarkMauve.ID // recoloured by darkPalette
)

const padding int64 = 16

// darkPalette recolours D2's dark theme with the site's dark palette
// (style.css): its background, text and border greys, and the accent in
// place of D2's purple, so a diagram reads as part of the page.
var darkPalette = func() *d2target.ThemeOverrides {
	c := func(s string) *string { return &s }
	return &d2target.ThemeOverrides{
		N1: c("#e5e8ec"), N2: c("#c9d0d8"), N3: c("#9ea8b4"), N4: c("#6b7683"),
		N5: c("#434d5b"), N6: c("#2c3440"), N7: c("#161b22"),
		B1: c("#fb923c"), B2: c("#fb923c"), B3: c("#434d5b"), B4: c("#2c3440"),
		B5: c("#212833"), B6: c("#1b2129"),
		AA2: c("#fdba74"), AA4: c("#2c3440"), AA5: c("#212833"),
		AB4: c("#2c3440"), AB5: c("#212833"),
	}
}()

// rendering is what one D2 call produces and what the cache stores.
type rendering struct {
	Light       string `json:"light"`       // SVG, light theme
	Dark        string `json:"dark"`        // SVG, dark theme
	Description string `json:"description"` // derived text description
}

// renderD2 compiles src once and renders it in both themes. Each call gets
// its own text ruler and goja VM (dagre creates one per layout), so calls may
// run in parallel.
func renderD2(src string) (res rendering, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("diagrams: D2 panicked: %v", p)
		}
	}()
	// D2 logs through a logger stored in the context and prints a warning
	// with a stack trace to stderr when there is none.
	ctx := log.With(context.Background(), slog.New(slog.DiscardHandler))

	ruler, err := textmeasure.NewRuler()
	if err != nil {
		return rendering{}, fmt.Errorf("diagrams: loading fonts: %w", err)
	}
	layout := "dagre"
	compileOpts := &d2lib.CompileOptions{
		Ruler:          ruler,
		Layout:         &layout,
		LayoutResolver: dagreOnly,
		FS:             noImports{},
	}
	theme, pad, sketch := lightThemeID, padding, false
	diagram, _, err := d2lib.Compile(ctx, src, compileOpts, &d2svg.RenderOpts{
		ThemeID: &theme,
		Pad:     &pad,
		Sketch:  &sketch,
	})
	if err != nil {
		return rendering{}, sourceError(err)
	}
	light, lightHash, err := renderSVG(diagram, lightThemeID, "light")
	if err != nil {
		return rendering{}, err
	}
	dark, darkHash, err := renderSVG(diagram, darkThemeID, "dark")
	if err != nil {
		return rendering{}, err
	}
	dark = shareFonts(dark, darkHash, lightHash)
	if light, err = minifySVG(light); err != nil {
		return rendering{}, err
	}
	if dark, err = minifySVG(dark); err != nil {
		return rendering{}, err
	}
	return rendering{Light: light, Dark: dark, Description: describe(diagram)}, nil
}

var svgMinifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/css", css.Minify)
	return m
}()

// minifySVG shrinks a rendering once, before it is cached, so pages that
// embed it need not minify it again.
func minifySVG(s string) (string, error) {
	out, err := svgMinifier.String("image/svg+xml", s)
	if err != nil {
		return "", fmt.Errorf("diagrams: minifying SVG: %w", err)
	}
	return out, nil
}

// renderSVG renders the laid-out diagram in one theme and returns it with its
// d2-<hash> class. The salt gives each theme's rendering its own hash, hence
// its own class names and ids.
func renderSVG(diagram *d2target.Diagram, themeID int64, salt string) (svg, hash string, err error) {
	pad, scale, yes := padding, 1.0, true
	opts := &d2svg.RenderOpts{
		ThemeID:     &themeID,
		Pad:         &pad,
		Scale:       &scale, // writes the natural width and height on the outer <svg>
		Salt:        &salt,
		NoXMLTag:    &yes,
		OmitVersion: &yes,
	}
	if themeID == darkThemeID {
		opts.ThemeOverrides = darkPalette
	}
	out, err := d2svg.Render(diagram, opts)
	if err != nil {
		return "", "", fmt.Errorf("diagrams: rendering SVG: %w", err)
	}
	hash, err = diagram.HashID(&salt)
	if err != nil {
		return "", "", fmt.Errorf("diagrams: rendering SVG: %w", err)
	}
	return scopeStyles(string(out), hash), hash, nil
}

func dagreOnly(engine string) (d2graph.LayoutGraph, error) {
	return d2dagrelayout.DefaultLayout, nil
}

// noImports refuses D2 imports: a diagram must be its source text alone,
// which is what the cache key covers.
type noImports struct{}

func (noImports) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "import", Path: name, Err: fs.ErrPermission}
}

// d2Version is the D2 module version built into this binary, part of the
// cache key so that upgrading D2 re-renders every diagram.
var d2Version = func() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "oss.terrastruct.com/d2" {
				return dep.Version
			}
		}
	}
	return "unknown"
}()
