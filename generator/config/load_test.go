package config

import (
	"testing"
	"testing/fstest"
)

// TestLoadWithoutFile: a folder without sitegen.toml is the default site.
func TestLoadWithoutFile(t *testing.T) {
	s, err := Load(fstest.MapFS{"content/_index.md": {Data: []byte("# Home\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "" || s.Language != "en" || s.Theme != "default" || s.BaseURL != "/" || s.BasePath() != "/" {
		t.Errorf("default site = %+v", s)
	}
	if !s.OfflineReading() || s.Strict || s.UnsafeHTML {
		t.Errorf("defaults: offline %v, strict %v, unsafe_html %v; want true, false, false", s.OfflineReading(), s.Strict, s.UnsafeHTML)
	}
}

// TestLoadSettings reads a full sitegen.toml as a user writes one.
func TestLoadSettings(t *testing.T) {
	s, err := Load(fstest.MapFS{FileName: {Data: []byte(`title = "AWS compute"
base_url = "https://example.org/notes"
language = "de"
strict = true
offline = false

[[menu]]
name = "Compare"
url = "/compare/"
`)}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "AWS compute" || s.Language != "de" || !s.Strict || s.OfflineReading() {
		t.Errorf("site = %+v", s)
	}
	if s.BaseURL != "https://example.org/notes/" || s.BasePath() != "/notes/" {
		t.Errorf("base_url %q, path %q; want the slash added", s.BaseURL, s.BasePath())
	}
	if got := s.Absolute("/services/lambda/"); got != "https://example.org/notes/services/lambda/" {
		t.Errorf("Absolute = %s", got)
	}
	if len(s.Menu) != 1 || s.Menu[0] != (MenuItem{Name: "Compare", URL: "/compare/"}) {
		t.Errorf("menu = %+v", s.Menu)
	}
}

// TestLoadErrors: each mistake names sitegen.toml, and the line when
// the file has one to name.
func TestLoadErrors(t *testing.T) {
	for src, msg := range map[string]string{
		"title = \"T\"\nstrict = yes\n":              "sitegen.toml:2: expected value but found \"yes\" instead",
		"title = \"T\"\ntitel = \"typo\"\n":          `sitegen.toml: unknown key "titel"`,
		"strict = \"true\"\n":                        "sitegen.toml:1: strict: incompatible types: TOML value has type string; destination has type boolean",
		"[[menu]]\nname = \"Compare\"\n":             "sitegen.toml: menu entry 1 needs both name and url",
		"title = \"T\"\n\nstale_after = \"soon\"\n":  `sitegen.toml:3: stale_after "soon": want a number and a unit such as "18 months" (days, weeks, months, years)`,
		"title = \"T\"\ndiagram_timeout = \"-5s\"\n": `sitegen.toml:2: diagram_timeout "-5s": want a duration of at least a second, such as "20s" or "1m"`,
		"[extra]\nbase_url = \"//evil.example/\"\n":  `sitegen.toml: unknown key "extra"`,
		"base_url = \"/ok/\"\nlanguage = \"\"\n":     "<nil>",
	} {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(src)}})
		got := errString(err)
		if got != msg {
			t.Errorf("%q:\n got %s\nwant %s", src, got, msg)
		}
	}
}
