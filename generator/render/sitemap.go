package render

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"sitegen/generator/config"
	"sitegen/generator/content"
)

// Sitemap lists every page with its canonical URL and last change.
func Sitemap(cfg config.Settings, pages []*content.Page) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(cfg.Absolute(p.URL)))
		b.WriteString("</loc>")
		if !p.ModTime.IsZero() {
			fmt.Fprintf(&b, "<lastmod>%s</lastmod>", p.ModTime.UTC().Format("2006-01-02"))
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// Robots allows everything and points crawlers at the sitemap.
func Robots(cfg config.Settings) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + cfg.Absolute("sitemap.xml") + "\n")
}
