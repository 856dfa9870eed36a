// Package config reads a site's sitegen.toml. A missing file is not an
// error: every key has a default, so a folder of Markdown is already a site.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"

	"sitegen/generator/srcerr"
)

// FileName is the configuration file at the site root.
const FileName = "sitegen.toml"

// Settings is the typed content of sitegen.toml.
type Settings struct {
	Title       string     `toml:"title"`
	Description string     `toml:"description"`
	BaseURL     string     `toml:"base_url"`
	Language    string     `toml:"language"`
	Theme       string     `toml:"theme"`
	Menu        []MenuItem `toml:"menu"`
	// UnsafeHTML lets raw HTML in Markdown through unchanged. Off by
	// default: raw HTML is sanitized to an allow-list, so a stray <script>
	// in a shared note never reaches readers.
	UnsafeHTML bool `toml:"unsafe_html"`
	// Strict makes broken links, anchors and assets errors that fail the
	// build. Off by default: a notes folder someone already has should
	// build first and show its broken links as warnings.
	Strict bool `toml:"strict"`
	// FollowSymlinks follows every symlink in the site folder, wherever it
	// points. Off by default: a link is followed only when its target lies
	// inside the site folder, and one pointing outside is skipped with a
	// warning. Turning it on lets a shared notes folder publish any file
	// the build can read (a link to ~/.ssh/id_ed25519 or ~/.aws/credentials
	// becomes a page or a download), so turn it on only for notes you
	// trust. Devices, FIFOs, sockets and /proc, /sys and /dev files are
	// never read either way. sitegen.toml itself must lie inside the site
	// folder: it is read before this key is known.
	FollowSymlinks bool `toml:"follow_symlinks"`
	// AutoLink links the first mention of another note's title in prose.
	AutoLink *bool `toml:"auto_link"`
	// Offline registers a service worker that keeps the pages and search
	// index a reader visited, so they open without a network. On unless
	// set to false.
	Offline *bool `toml:"offline"`
	// DiagramTimeout bounds one diagram's D2 layout ("20s"); a longer one
	// is stopped and fails the build. Empty means 10s; --diagram-timeout
	// overrides it. Use DiagramLimit for the parsed value.
	DiagramTimeout string `toml:"diagram_timeout"`
	diagramLimit   time.Duration
	// StaleAfter is the age at which a fact's as_of date makes the build
	// warn that the fact should be checked again ("18 months"); see StaleAge.
	StaleAfter string `toml:"stale_after"`
	staleAge   time.Duration
}

// MenuItem is one entry of the header menu.
type MenuItem struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// Default is the configuration of a site without sitegen.toml. Its
// Title is empty: the build names such a site after its home note's
// first heading, or its folder.
func Default() Settings {
	return Settings{Language: "en", Theme: "default", BaseURL: "/"}
}

// Load reads FileName from the site root. Errors name the file and line.
func Load(fsys fs.FS) (Settings, error) {
	site := Default()
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return site, nil
	}
	if err != nil {
		return site, srcerr.New(FileName, 0, "%v", err)
	}
	md, err := toml.Decode(string(data), &site)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return site, srcerr.New(FileName, perr.Position.Line, "%s", perr.Message)
		}
		line, msg := tomlPlace(err)
		return site, srcerr.New(FileName, line, "%s", msg)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return site, srcerr.New(FileName, 0, "unknown key %q", undecoded[0].String())
	}
	if err := checkBaseURL(site.BaseURL); err != nil {
		return site, srcerr.New(FileName, keyLine(data, "base_url"), "base_url %q: %v", site.BaseURL, err)
	}
	if site.DiagramTimeout != "" {
		d, err := time.ParseDuration(site.DiagramTimeout)
		if err != nil || d < time.Second {
			return site, srcerr.New(FileName, keyLine(data, "diagram_timeout"),
				"diagram_timeout %q: want a duration of at least a second, such as \"20s\" or \"1m\"", site.DiagramTimeout)
		}
		site.diagramLimit = d
	}
	if site.StaleAfter != "" {
		if site.staleAge, err = parseStaleAfter(site.StaleAfter); err != nil {
			return site, srcerr.New(FileName, keyLine(data, "stale_after"), "%v", err)
		}
	}
	return site, site.normalize()
}

// DiagramLimit is diagram_timeout parsed, 0 when not set.
func (s Settings) DiagramLimit() time.Duration { return s.diagramLimit }

// WithBaseURL overrides the base URL (the --base-url flag) and validates
// it; the error does not name sitegen.toml, as the value came from elsewhere.
func (s Settings) WithBaseURL(base string) (Settings, error) {
	if err := checkBaseURL(base); err != nil {
		return s, fmt.Errorf("%q: %w", base, err)
	}
	s.BaseURL = base
	return s, s.normalize()
}

// checkBaseURL accepts an absolute http(s) URL with a host
// (https://example.org/notes/) or a path from the host's root (/notes/).
// The base URL goes into every canonical link, the sitemap and robots.txt:
// "//evil.example/" would point them at another host, "javascript:" would
// make them script.
func checkBaseURL(base string) error {
	const want = "want an absolute http(s) URL such as https://example.org/ or a path starting with / such as /notes/"
	if base == "" {
		return nil // the default, /
	}
	if strings.ContainsFunc(base, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return errors.New("has a space or control character; " + want)
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return errors.New(want)
	case strings.HasPrefix(base, "//") || strings.HasPrefix(base, `/\`):
		return errors.New(`starts with // or /\ (a browser reads it as another host); ` + want)
	case u.Scheme == "" && strings.HasPrefix(base, "/"):
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New(want)
	case u.Host == "" || u.Opaque != "":
		return errors.New("has no host; " + want)
	case u.User != nil:
		return errors.New("holds a user name or password; " + want)
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(base, "?") || strings.HasSuffix(base, "#") {
		return errors.New("has a query or fragment; " + want)
	}
	return nil
}

// tomlPlace finds the line in a BurntSushi/toml decoding error, which is a
// plain error worded "toml: line 1 (last key "strict"): incompatible
// types: ...", and returns the message as "strict: incompatible types: ...".
func tomlPlace(err error) (line int, msg string) {
	msg = err.Error()
	var key string
	if n, _ := fmt.Sscanf(msg, "toml: line %d (last key %q):", &line, &key); n == 2 {
		if _, rest, ok := strings.Cut(msg, "): "); ok {
			return line, key + ": " + rest
		}
	}
	return 0, msg
}

// keyLine is the line of sitegen.toml that sets key at the top level, 0
// when not found.
func keyLine(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			return 0 // a table: top-level keys come before
		}
		if rest, ok := strings.CutPrefix(line, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 0
}

func (s *Settings) normalize() error {
	if s.Language == "" {
		s.Language = "en"
	}
	if s.Theme == "" {
		s.Theme = "default"
	}
	if s.BaseURL == "" {
		s.BaseURL = "/"
	}
	if !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	for i, m := range s.Menu {
		if m.Name == "" || m.URL == "" {
			return srcerr.New(FileName, 0, "menu entry %d needs both name and url", i+1)
		}
	}
	return nil
}

// OfflineReading reports whether the site registers its service worker.
func (s Settings) OfflineReading() bool { return s.Offline == nil || *s.Offline }

// BasePath is the path part of the base URL ("/" or "/notes/"): internal
// links are written under it so a site can live in a sub-folder.
func (s Settings) BasePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// Absolute turns a site path (/services/lambda/) into a canonical URL.
func (s Settings) Absolute(path string) string {
	base := strings.TrimSuffix(s.BaseURL, "/")
	return base + "/" + strings.TrimPrefix(path, "/")
}
