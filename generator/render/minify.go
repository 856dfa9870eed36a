package render

import (
	"bytes"
	"errors"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"sitegen/internal/mediatype"
)

// Minifier shrinks HTML, CSS, JS, SVG and JSON output. A nil or disabled
// Minifier passes bytes through, so --minify=false output is readable.
type Minifier struct {
	m        *minify.M
	template *html.Minifier // for Go template sources: keeps {{…}} as they are
}

// NewMinifier returns a Minifier; off disables it.
func NewMinifier(on bool) *Minifier {
	if !on {
		return &Minifier{}
	}
	m := minify.New()
	// Document and end tags stay: the output check parses pages as XML-ish
	// well-formed HTML, and the savings are a few bytes.
	page := html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true}
	m.Add("text/html", &page)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	tmpl := page
	tmpl.TemplateDelims = [2]string{"{{", "}}"}
	return &Minifier{m: m, template: &tmpl}
}

// Template minifies the source of an html/template.
func (mn *Minifier) Template(src []byte) ([]byte, error) {
	if !mn.Enabled() {
		return src, nil
	}
	var out bytes.Buffer
	if err := mn.template.Minify(mn.m, &out, bytes.NewReader(src), nil); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Enabled reports whether output is minified.
func (mn *Minifier) Enabled() bool { return mn != nil && mn.m != nil }

// Asset minifies a file by its extension; unknown kinds pass through.
func (mn *Minifier) Asset(name string, b []byte) ([]byte, error) {
	if !mn.Enabled() {
		return b, nil
	}
	var out bytes.Buffer
	out.Grow(len(b))
	err := mn.m.Minify(mediatype.Essence(name), &out, bytes.NewReader(b))
	if errors.Is(err, minify.ErrNotExist) {
		return b, nil // no minifier for the kind (sitemaps, images, fonts)
	}
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
