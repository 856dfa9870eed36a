package mediatype

import "testing"

func TestByName(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":        "text/html; charset=utf-8",
		"a/b/STYLE.CSS":     "text/css; charset=utf-8",
		"app.js":            "text/javascript; charset=utf-8",
		"search/index.json": "application/json",
		"d.svg":             "image/svg+xml",
		"notes/raw.md":      "text/plain; charset=utf-8",
		"app.js.map":        "application/json",
		"fonts/x.woff2":     "font/woff2",
		"README":            "",
		"x.unknown-ext":     "",
	} {
		if got := ByName(name); got != want {
			t.Errorf("ByName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestEssence(t *testing.T) {
	for name, want := range map[string]string{
		"index.html": "text/html",
		"app.mjs":    "text/javascript",
		"d.svg":      "image/svg+xml",
		"README":     "",
	} {
		if got := Essence(name); got != want {
			t.Errorf("Essence(%q) = %q, want %q", name, got, want)
		}
	}
}
