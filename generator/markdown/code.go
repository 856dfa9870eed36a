package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Chroma styles for the generated syntax stylesheet.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// codeRenderer highlights fenced code with chroma CSS classes, so one
// stylesheet serves light and dark mode and pages stay small.
type codeRenderer struct{}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
	reg.Register(ast.KindCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := ""
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
		lang, _ = fenceInfo(f.Info.Segment.Value(src))
	}
	lexer := lexerFor(lang)
	_, _ = w.WriteString(`<pre class="chroma"`)
	if lang != "" {
		_, _ = w.WriteString(` data-lang="` + html.EscapeString(lang) + `"`)
	}
	_, _ = w.WriteString(`><code>`)
	if lexer == nil {
		_, _ = w.WriteString(html.EscapeString(code.String()))
	} else if it, err := lexer.Tokenise(nil, code.String()); err != nil {
		_, _ = w.WriteString(html.EscapeString(code.String()))
	} else if err := formatter.Format(w, styles.Get(lightStyle), it); err != nil {
		return ast.WalkStop, err
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// lexerFor returns the chroma lexer for a fence's language, or nil for
// plain text: guessing a language from content is slow and often wrong.
func lexerFor(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	l := lexers.Get(lang)
	if l == nil {
		return nil
	}
	return chroma.Coalesce(l)
}

// fenceInfo splits an info string into its language and key="value"
// attributes: d2 title="Thumbnail pipeline".
func fenceInfo(info []byte) (lang string, attrs map[string]string) {
	s := strings.TrimSpace(string(info))
	lang, rest, _ := strings.Cut(s, " ")
	attrs = map[string]string{}
	for _, m := range attrPattern.FindAllStringSubmatch(rest, -1) {
		v := m[2]
		if v == "" {
			v = m[3]
		}
		attrs[m[1]] = v
	}
	return strings.ToLower(lang), attrs
}

var attrPattern = regexp.MustCompile(`([A-Za-z_][\w-]*)=(?:"([^"]*)"|(\S+))`)

var (
	syntaxOnce sync.Once
	syntaxCSS  []byte
)

// SyntaxCSS is the stylesheet for highlighted code: the light style by
// default, the dark one under [data-theme="dark"] and, when the reader has
// not chosen, under prefers-color-scheme: dark.
func SyntaxCSS() []byte {
	syntaxOnce.Do(func() {
		var light, dark bytes.Buffer
		_ = formatter.WriteCSS(&light, styles.Get(lightStyle))
		_ = formatter.WriteCSS(&dark, styles.Get(darkStyle))
		// A token the dark style leaves unstyled must not keep its light
		// colour (github-dark has no rule for punctuation, which would
		// stay near-black on the dark background).
		for _, class := range missingClasses(light.Bytes(), dark.Bytes()) {
			dark.WriteString(".chroma ." + class + " { color: inherit }\n")
		}
		var out bytes.Buffer
		out.Write(light.Bytes())
		out.Write(prefixRules(dark.Bytes(), `[data-theme="dark"] `))
		out.WriteString("@media (prefers-color-scheme: dark) {\n")
		out.Write(prefixRules(dark.Bytes(), `:root:not([data-theme="light"]) `))
		out.WriteString("}\n")
		syntaxCSS = out.Bytes()
	})
	return syntaxCSS
}

var classRule = regexp.MustCompile(`\.chroma \.([a-z0-9]+) \{`)

// missingClasses lists the token classes light styles and dark does not.
func missingClasses(light, dark []byte) []string {
	have := map[string]bool{}
	for _, m := range classRule.FindAllSubmatch(dark, -1) {
		have[string(m[1])] = true
	}
	var out []string
	for _, m := range classRule.FindAllSubmatch(light, -1) {
		if c := string(m[1]); !have[c] {
			have[c] = true
			out = append(out, c)
		}
	}
	return out
}

// prefixRules puts prefix before every selector of chroma's one-rule-per-line CSS.
func prefixRules(css []byte, prefix string) []byte {
	var out bytes.Buffer
	for _, line := range strings.Split(string(css), "\n") {
		if i := strings.Index(line, "*/ "); i >= 0 {
			line = line[:i+3] + prefix + line[i+3:]
		} else if strings.HasPrefix(line, ".") {
			line = prefix + line
		}
		out.WriteString(line + "\n")
	}
	return out.Bytes()
}
