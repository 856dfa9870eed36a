// Package mediatype names the media type a built site's file is served and
// minified as, from its extension. It is the one table the preview server
// (generator/serve), the minifier (generator/render) and the local Netlify
// stand-in (internal/netlify) share, so a file is the same type in all three.
// It lives below all of them and imports nothing of the project.
//
// The standard library's mime.TypeByExtension answers first: its built-in
// table covers pages, styles, scripts, images and JSON, wins over the
// machine's mime.types on Unix, and ignores the Windows registry's wrong
// answer for .js. This package adds only what that table lacks.
package mediatype

import (
	"mime"
	"path"
	"strings"
)

// missing holds the types a docs site serves that mime's built-in table
// lacks (Go 1.26), so the answer does not depend on the machine.
var missing = map[string]string{
	".md":          "text/plain; charset=utf-8", // shown in the browser, not downloaded
	".map":         "application/json",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
}

// ByName returns the Content-Type of the file name by its extension, with
// parameters ("text/css; charset=utf-8"), or "" when it is not known.
func ByName(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == "" {
		return ""
	}
	if t, ok := missing[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

// Essence returns ByName without its parameters ("text/css"), the form a
// minifier is chosen by.
func Essence(name string) string {
	t := ByName(name)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	return t
}
