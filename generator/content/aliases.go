package content

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// An alias is an old URL of a page (Hugo), written to _redirects, and a
// name wiki links and automatic links may use (Obsidian). As a path it
// comes from an untrusted note into a file the host obeys, so it must be
// a plain path of this site: no whitespace or control characters (a
// newline would add a rule of its own), no scheme or //host (the rule
// would act on another domain), no . or .. segments, no ? or #.
//
// "lambda", "/lambda" and "/lambda/" are one alias, kept as "/lambda/";
// a name with a file extension keeps it ("/old.html"). Paths are kept
// decoded and NFC, as output file paths are.
//
// A name with spaces and no slash ("Linear Algebra I") is Obsidian's kind
// of alias, a name only: it is kept as written for links and gets no
// redirect, since no URL has spaces.

// schemePrefix matches "https:", "javascript:" at the start of an alias.
var schemePrefix = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// decodeAliases reads the aliases: value (a list or one string) with the
// file line of each entry.
func decodeAliases(n *yaml.Node) ([]string, []int, error) {
	items := []*yaml.Node{n}
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil, nil, nil
	case n.Kind == yaml.SequenceNode:
		items = n.Content
	case n.Kind != yaml.ScalarNode:
		return nil, nil, &frontMatterError{Line: n.Line + 1, Msg: "front matter: aliases: want a list of old URLs such as /lambda/"}
	}
	var aliases []string
	var lines []int
	for _, item := range items {
		line := item.Line + 1
		if item.Kind != yaml.ScalarNode {
			return nil, nil, &frontMatterError{Line: line, Msg: "front matter: aliases: want a list of old URLs such as /lambda/"}
		}
		a, err := NormalizeAlias(item.Value)
		if err != "" {
			return nil, nil, &frontMatterError{Line: line, Msg: "front matter: alias " + strconv.Quote(item.Value) + ": " + err}
		}
		aliases = append(aliases, a)
		lines = append(lines, line)
	}
	return aliases, lines, nil
}

// NormalizeAlias returns the one form of an alias (see above), or why it
// is refused.
func NormalizeAlias(a string) (string, string) {
	for _, r := range a {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return "", "has a control character (a line break would add a rule of its own to _redirects)"
		}
	}
	a = norm.NFC.String(strings.TrimSpace(a))
	switch {
	case a == "":
		return "", "is empty"
	case strings.Contains(a, "://") || strings.HasPrefix(a, "//") || strings.HasPrefix(a, `\\`) || schemePrefix.MatchString(a):
		return "", "is not a path of this site (it has a scheme or a //host); an alias is an old URL of this site such as /lambda/"
	case strings.ContainsAny(a, "?#"):
		return "", "has a ? or #; an alias is a path such as /lambda/, without query or fragment"
	case strings.ContainsRune(a, '\\'):
		return "", `has a \; write the path with /`
	}
	if strings.IndexFunc(a, unicode.IsSpace) >= 0 {
		if !strings.Contains(a, "/") {
			return a, "" // a name, as Obsidian's aliases are
		}
		return "", "has a space; a URL path has none (write - instead)"
	}
	a = UnescapePath(a)
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if seg == "." || seg == ".." {
			return "", "has a . or .. segment; write the path from the site root, such as /old/lambda/"
		}
	}
	if strings.IndexFunc(a, unicode.IsSpace) >= 0 || strings.ContainsRune(a, '\uFFFD') {
		return "", "has a space or an invalid character once decoded; a URL path has none"
	}
	p := path.Clean("/" + a)
	if p != "/" && path.Ext(p) == "" {
		p += "/"
	}
	return p, ""
}

// IsAliasPath reports whether a normalised alias is an old URL (it gets a
// redirect), not only a name.
func IsAliasPath(a string) bool { return strings.HasPrefix(a, "/") }
