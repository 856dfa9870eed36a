package generator

// assertHarmless is the output check of issue 12's hostile-notes tests: it
// reads every output file the way a browser would (golang.org/x/net/html,
// so entities are decoded and inline SVG is parsed as SVG) and reports
// anything a note could use to run script, load from elsewhere on page
// load, or leak a file or the environment.

import (
	"fmt"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// themeScript is the src of a script the default theme includes
// (layouts/base.html, `{{asset "main.js"}}`): a fingerprinted asset of the
// site's own. No other <script> may appear.
var themeScript = regexp.MustCompile(`^/(theme-init|main|search|sw)\.[0-9a-f]{6,}\.js$`)

// forbiddenElements may not appear at all: the theme uses none of them, so
// any occurrence came from a note.
var forbiddenElements = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true,
	"applet": true, "base": true, "portal": true, "xss": true,
}

// urlAttributes carry a URL a browser loads or navigates to.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "poster": true,
	"srcset": true, "background": true, "xlink:href": true, "ping": true, "cite": true,
}

// cssURL finds the targets of url(…) and @import in CSS.
var cssURL = regexp.MustCompile(`(?i)(?:url\(\s*['"]?|@import\s+['"])\s*([^'")\s]*)`)

func assertHarmless(t *testing.T, files map[string][]byte, secrets ...string) {
	t.Helper()
	if passwd, err := os.ReadFile("/etc/passwd"); err == nil {
		if first, _, _ := strings.Cut(string(passwd), "\n"); first != "" {
			secrets = append(secrets, first)
		}
	}
	secrets = append(secrets, "root:x:0:0")
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var problems []string
	for _, name := range names {
		data := files[name]
		for _, s := range secrets {
			if strings.Contains(string(data), s) {
				problems = append(problems, fmt.Sprintf("%s holds %q", name, s))
			}
		}
		switch ext := path.Ext(name); {
		case ext == ".html" || ext == ".htm" || ext == ".svg" || ext == ".xhtml":
			problems = append(problems, markupProblems(name, data)...)
		case name == "_redirects":
			problems = append(problems, redirectProblems(data)...)
		}
	}
	if len(problems) > 0 {
		t.Errorf("%d hostile things reached the output:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

// redirectProblems checks that every _redirects line is one rule from a
// site path to a site path.
func redirectProblems(data []byte) []string {
	var out []string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || !strings.HasPrefix(f[0], "/") || !strings.HasPrefix(f[1], "/") ||
			strings.HasPrefix(f[1], "//") || f[2] != "301" || strings.ContainsAny(line, "\r\t\x00") {
			out = append(out, fmt.Sprintf("_redirects:%d: not a plain alias rule: %q", i+1, line))
		}
	}
	return out
}

func markupProblems(name string, data []byte) []string {
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", name, err)}
	}
	var out []string
	bad := func(n *html.Node, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s: <%s>: %s", name, n.Data, fmt.Sprintf(format, args...)))
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			elementProblems(n, bad)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func elementProblems(n *html.Node, bad func(*html.Node, string, ...any)) {
	tag := strings.ToLower(n.Data)
	attrs := map[string]string{}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		attrs[key] = a.Val
		v := squash(a.Val)
		switch {
		case strings.HasPrefix(strings.ToLower(a.Key), "on"):
			bad(n, "event attribute %s=%q", key, a.Val)
		case strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "livescript:"):
			bad(n, "script URL %s=%q", key, a.Val)
		case urlAttributes[key] && strings.HasPrefix(v, "data:") &&
			!strings.HasPrefix(v, "data:image/") && !strings.HasPrefix(v, "data:font/"):
			bad(n, "data: URL %s=%.60q", key, a.Val)
		case key == "style":
			for _, p := range cssProblems(a.Val) {
				bad(n, "style attribute: %s", p)
			}
		}
	}
	switch {
	case tag == "script":
		if !themeScript.MatchString(attrs["src"]) || strings.TrimSpace(rawText(n)) != "" {
			bad(n, "a script that is not one of the theme's (src=%q, %d bytes inline)", attrs["src"], len(rawText(n)))
		}
	case forbiddenElements[tag]:
		bad(n, "an element notes may not bring")
	case tag == "meta" && attrs["http-equiv"] != "" && !aliasRefresh(attrs):
		bad(n, "http-equiv=%q content=%q", attrs["http-equiv"], attrs["content"])
	case tag == "form" && attrs["method"] != "dialog" && !strings.Contains(attrs["class"], "search-page-form"):
		bad(n, "a form that is not the theme's (action=%q)", attrs["action"])
	case tag == "link":
		rel := strings.ToLower(attrs["rel"])
		if rel != "canonical" && rel != "alternate" && !sitePath(attrs["href"]) {
			bad(n, "rel=%q loads %q from elsewhere", rel, attrs["href"])
		}
	case tag == "use" && !strings.HasPrefix(attrs["href"]+attrs["xlink:href"], "#"):
		bad(n, "a <use> of something outside the page")
	case tag == "style":
		for _, p := range cssProblems(rawText(n)) {
			bad(n, "%s", p)
		}
	case (tag == "animate" || tag == "set") && strings.Contains(strings.ToLower(attrs["attributename"]), "href"):
		bad(n, "animates a link target")
	}
}

// cssProblems reports CSS that imports or loads from outside the site, or
// runs script.
func cssProblems(css string) []string {
	var out []string
	low := squash(css)
	for _, s := range []string{"javascript:", "expression(", "behavior:", "-moz-binding"} {
		if strings.Contains(low, s) {
			out = append(out, "CSS with "+s)
		}
	}
	if strings.Contains(low, "@import") {
		out = append(out, "CSS with @import")
	}
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		if u := m[1]; !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "#") && !sitePath(u) && strings.Contains(u, ":") {
			out = append(out, fmt.Sprintf("CSS loads %q", u))
		}
	}
	return out
}

// sitePath is true for a path on the page's own site: /x or x, never
// //host or scheme:.
func sitePath(u string) bool {
	if strings.HasPrefix(u, "//") || strings.HasPrefix(u, `\\`) || strings.HasPrefix(u, `/\`) {
		return false
	}
	before, _, _ := strings.Cut(u, "/")
	return !strings.Contains(before, ":")
}

// squash lower-cases s and drops whitespace and control characters, as
// browsers do when they read a URL's scheme.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// rawText is all the text inside n, a script's or a style's included.
func rawText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// aliasRefresh reports whether a meta http-equiv is the refresh of an
// alias's redirect page: at once, to a path of this site.
func aliasRefresh(attrs map[string]string) bool {
	target, ok := strings.CutPrefix(attrs["content"], "0; url=")
	return strings.EqualFold(attrs["http-equiv"], "refresh") && ok && sitePath(target) &&
		!strings.ContainsAny(target, ";,'\" ")
}
