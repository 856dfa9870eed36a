package diagrams

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"regexp"
	"strings"

	"oss.terrastruct.com/d2/d2target"
)

// assemble wraps the cached renderings in the figure HTML, labelling each SVG
// with the caller's title and description, and records the standalone
// SVG files the figure links to (see Files).
func (r *Renderer) assemble(key string, res rendering, opts Options, cached bool) Figure {
	title := opts.Title
	if title == "" {
		title = "Diagram"
	}
	desc := opts.Description
	if desc == "" {
		desc = res.Description
	}
	sum := sha256.Sum256([]byte(key + "\x00" + title + "\x00" + desc))
	id := "diagram-" + hex.EncodeToString(sum[:6])
	base := opts.BasePath
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	var links [2]string
	r.mu.Lock()
	for i, dark := range []bool{false, true} {
		name := fileName(key, dark, title, desc)
		if r.files[name] == nil {
			r.files[name] = &fileRef{key: key, dark: dark, title: title, desc: desc}
		}
		links[i] = html.EscapeString(base + FileFolder + name)
	}
	r.mu.Unlock()

	var b strings.Builder
	b.WriteString(`<figure class="diagram">`)
	b.WriteString(`<div class="diagram-light">`)
	b.WriteString(labelSVG(res.Light, id+"-light", title, desc))
	b.WriteString(`</div><div class="diagram-dark">`)
	b.WriteString(labelSVG(res.Dark, id+"-dark", title, desc))
	b.WriteString(`</div>`)
	// A plain link per theme (the page's CSS shows the one that matches
	// the diagram shown): it works without JavaScript, and main.js's
	// full-size view links the same file.
	name := html.EscapeString(title)
	b.WriteString(`<div class="diagram-actions">`)
	for i, theme := range []string{"light", "dark"} {
		b.WriteString(`<a class="btn diagram-file diagram-` + theme + `" href="` + links[i] + `" type="image/svg+xml">` +
			`Open full size<span class="visually-hidden">: ` + name + `, SVG file</span></a>`)
	}
	b.WriteString(`</div>`)
	if opts.Title != "" {
		b.WriteString(`<figcaption>`)
		b.WriteString(html.EscapeString(opts.Title))
		b.WriteString(`</figcaption>`)
	}
	b.WriteString(`</figure>`)
	return Figure{HTML: b.String(), Cached: cached}
}

// labelSVG gives the outer <svg> of a D2 rendering its role, accessible name
// and description, and lets it shrink to the page width. A diagram whose
// nodes link to pages is a group, not an image: links inside role=img
// would be tab stops a screen reader never names (nested-interactive), in
// a group each is reached by Tab and announced by its label.
func labelSVG(svg, id, title, desc string) string {
	end := strings.IndexByte(svg, '>')
	if !strings.HasPrefix(svg, "<svg ") || end < 0 {
		return svg
	}
	role := "img"
	if strings.Contains(svg, "<a ") {
		role = "group"
	}
	return svg[:end] +
		` role="` + role + `" aria-labelledby="` + id + `-title ` + id + `-desc" style="max-width:100%;height:auto">` +
		`<title id="` + id + `-title">` + html.EscapeString(title) + `</title>` +
		`<desc id="` + id + `-desc">` + html.EscapeString(desc) + `</desc>` +
		svg[end+1:]
}

// describe derives a text description from the diagram's shapes and
// connections, in D2's order.
func describe(d *d2target.Diagram) string {
	labels := make(map[string]string, len(d.Shapes))
	nodes := make([]string, 0, len(d.Shapes))
	for _, s := range d.Shapes {
		l := oneLine(s.Label)
		if l == "" {
			l = s.ID
		}
		labels[s.ID] = l
		nodes = append(nodes, l)
	}
	if len(nodes) == 0 {
		return "Empty diagram."
	}
	var b strings.Builder
	b.WriteString("Diagram with ")
	b.WriteString(plural(len(nodes), "node ", "nodes "))
	b.WriteString(strings.Join(nodes, ", "))
	for i, c := range d.Connections {
		if i == 0 {
			b.WriteString(plural(len(d.Connections), "; edge ", "; edges "))
		} else {
			b.WriteString(", ")
		}
		src, dst := labels[c.Src], labels[c.Dst]
		switch {
		case c.SrcArrow != d2target.NoArrowhead && c.DstArrow != d2target.NoArrowhead:
			b.WriteString(src + " ↔ " + dst)
		case c.SrcArrow != d2target.NoArrowhead:
			b.WriteString(dst + " → " + src)
		case c.DstArrow != d2target.NoArrowhead:
			b.WriteString(src + " → " + dst)
		default:
			b.WriteString(src + " — " + dst)
		}
		if l := oneLine(c.Label); l != "" {
			b.WriteString(" (" + l + ")")
		}
	}
	b.WriteString(".")
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// styleElement matches D2's <style> elements, with or without CDATA.
var styleElement = regexp.MustCompile(`(?s)(<style type="text/css">(?:<!\[CDATA\[)?)(.*?)((?:\]\]>)?</style>)`)

// scopeStyles prefixes the selectors D2 leaves global (.shape, .connection,
// .md, .appendix-icon, …) with the rendering's own d2-<hash> class. Inline
// SVG styles apply to the whole HTML page, so unscoped rules would restyle
// the page and let the light and dark renderings override each other.
func scopeStyles(svg, hash string) string {
	return styleElement.ReplaceAllStringFunc(svg, func(el string) string {
		m := styleElement.FindStringSubmatch(el)
		return m[1] + scopeCSS(m[2], "."+hash) + m[3]
	})
}

var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// scopeCSS prefixes every selector of a style sheet with scope, leaving
// @font-face and other at-rules alone and descending into @media blocks.
// D2's style sheets have no braces inside strings, so counting braces finds
// the end of each block.
func scopeCSS(css, scope string) string {
	css = cssComment.ReplaceAllString(css, "")
	var b strings.Builder
	for {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			b.WriteString(css)
			return b.String()
		}
		end := matchingBrace(css, open)
		if end < 0 {
			b.WriteString(css)
			return b.String()
		}
		prelude, body := css[:open], css[open+1:end]
		switch p := strings.TrimSpace(prelude); {
		case strings.HasPrefix(p, "@media"), strings.HasPrefix(p, "@supports"):
			b.WriteString(prelude + "{" + scopeCSS(body, scope) + "}")
		case strings.HasPrefix(p, ".sketch-overlay-"):
			// sketch mode is off: no element uses these rules
		case strings.HasPrefix(p, "@"):
			b.WriteString(css[:end+1])
		default:
			b.WriteString(scopeSelectors(prelude, scope) + "{" + body + "}")
		}
		css = css[end+1:]
	}
}

func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func scopeSelectors(prelude, scope string) string {
	sels := strings.Split(prelude, ",")
	for i, s := range sels {
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, scope+" ") && s != scope {
			s = scope + " " + s
		}
		sels[i] = s
	}
	return strings.Join(sels, ",")
}

// fontFace matches one @font-face rule.
var fontFace = regexp.MustCompile(`@font-face\s*\{[^}]*\}`)

// shareFonts drops the dark rendering's embedded fonts and points it at the
// light rendering's, which sit in the same figure: both embed the same font
// subsets, a third of a figure's size. A <style> applies to the page even
// inside a display:none element, so the fonts load whichever theme shows.
func shareFonts(dark, darkHash, lightHash string) string {
	dark = fontFace.ReplaceAllStringFunc(dark, func(rule string) string {
		if strings.Contains(rule, darkHash+"-font-") {
			return ""
		}
		return rule
	})
	return strings.ReplaceAll(dark, darkHash+"-font-", lightHash+"-font-")
}
