package config

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const (
	want    = "want an absolute http(s) URL such as https://example.org/ or a path starting with / such as /notes/"
	slashes = `starts with // or /\ (a browser reads it as another host); ` + want
)

func TestBaseURL(t *testing.T) {
	for base, msg := range map[string]string{
		"//evil.example/":            slashes,
		`/\evil.example/`:            slashes,
		"javascript:alert(1)":        want,
		"ftp://example.org/":         want,
		"example.org":                want,
		"notes/":                     want,
		"https://":                   "has no host; " + want,
		"https:///notes/":            "has no host; " + want,
		"https:example.org":          "has no host; " + want,
		"https://me:pw@example.org/": "holds a user name or password; " + want,
		"https://example.org/?x=1":   "has a query or fragment; " + want,
		"/notes/#top":                "has a query or fragment; " + want,
		"https://example.org/a b/":   "has a space or control character; " + want,
		"https://example.org/\n":     "has a space or control character; " + want,
	} {
		_, err := Default().WithBaseURL(base)
		if got, wantErr := errString(err), strconv.Quote(base)+": "+msg; got != wantErr {
			t.Errorf("WithBaseURL(%q):\n got %s\nwant %s", base, got, wantErr)
		}
	}
	for base, normal := range map[string]string{
		"/": "/", "/notes": "/notes/", "https://example.org": "https://example.org/", "http://localhost:1313/x/": "http://localhost:1313/x/",
	} {
		s, err := Default().WithBaseURL(base)
		if err != nil || s.BaseURL != normal {
			t.Errorf("WithBaseURL(%q) = %q, %v; want %q", base, s.BaseURL, err, normal)
		}
	}
}

func TestBaseURLInSitegenToml(t *testing.T) {
	_, err := Load(fstest.MapFS{FileName: {Data: []byte("title = \"T\"\nbase_url = \"//evil.example/\"\n")}})
	wantErr := `sitegen.toml:2: base_url "//evil.example/": ` + slashes
	if got := errString(err); got != wantErr {
		t.Errorf("got %s\nwant %s", got, wantErr)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func TestDiagramTimeout(t *testing.T) {
	s, err := Load(fstest.MapFS{FileName: {Data: []byte("diagram_timeout = \"20s\"\n")}})
	if err != nil || s.DiagramLimit() != 20*time.Second {
		t.Errorf("diagram_timeout = \"20s\": %v, %v", s.DiagramLimit(), err)
	}
	if s, err := Load(fstest.MapFS{}); err != nil || s.DiagramLimit() != 0 {
		t.Errorf("no sitegen.toml: %v, %v; want 0 (the default)", s.DiagramLimit(), err)
	}
	for value, msg := range map[string]string{
		`"20"`:    `sitegen.toml:2: diagram_timeout "20": want a duration of at least a second, such as "20s" or "1m"`,
		`"500ms"`: `sitegen.toml:2: diagram_timeout "500ms": want a duration of at least a second, such as "20s" or "1m"`,
	} {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte("title = \"T\"\ndiagram_timeout = " + value + "\n")}})
		if got := errString(err); got != msg {
			t.Errorf("diagram_timeout = %s:\n got %s\nwant %s", value, got, msg)
		}
	}
}

func TestStaleAfter(t *testing.T) {
	site, err := Load(fstest.MapFS{FileName: {Data: []byte("stale_after = \"18 months\"\n")}})
	if err != nil || site.StaleAge() != 18*30*24*time.Hour {
		t.Fatalf("stale_after = 18 months: %v, %v", site.StaleAge(), err)
	}
	_, err = Load(fstest.MapFS{FileName: {Data: []byte("title = \"x\"\nstale_after = \"soon\"\n")}})
	if err == nil || !strings.Contains(err.Error(), "sitegen.toml:2: stale_after") {
		t.Fatalf("bad stale_after: %v", err)
	}
}
