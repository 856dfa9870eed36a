package diagrams

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sitegen/generator"
)

// d2Attacks are notes an attacker could write, as ```d2 blocks.
var d2Attacks = map[string]string{
	"markdown label": "a: |md\n# Hi\n<script>alert(1)</script>\n<img src=\"x\" onerror=\"alert(2)\"/>\n" +
		"<a href=\"javascript:alert(3)\">x</a>\n<iframe src=\"https://evil.example/\"></iframe>\n|\n",
	"edge markdown label": "a -> b: |md\n<svg onload=\"alert(1)\"></svg> <a href=\"JaVa&#x09;script:alert(2)\">y</a>\n|\n",
	"javascript link":     "b: {link: \"javascript:alert(4)\"}\n",
	"vbscript link":       "b: {link: \"vbscript:msgbox(1)\"}\n",
	"data link":           "b: {link: \"data:text/html,<script>alert(1)</script>\"}\n",
	"html tooltip":        "b: {tooltip: \"<b onmouseover='alert(5)'>hi</b><script>alert(6)</script>\"}\n",
	"markdown tooltip":    "b: {tooltip: |md\n<img src=\"x\" onerror=\"alert(7)\"/>\n|}\n",
	"javascript icon":     "c: {icon: \"javascript:alert(6)\"}\n",
	"external icon":       "c: {icon: \"https://evil.example/x.png\"}\n",
	"external image":      "d: {shape: image; icon: \"//evil.example/x.png\"}\n",
	"svg data icon":       "d: {shape: image; icon: \"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"}\n",
}

func TestSanitizeD2Attacks(t *testing.T) {
	r := NewRenderer(Config{})
	for name, src := range d2Attacks {
		t.Run(name, func(t *testing.T) {
			fig, err := r.Render(context.Background(), src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			assertInert(t, fig.HTML)
		})
	}
}

// A crafted cache entry holds whatever SVG its author likes, not only what
// D2 writes; these never come out of D2 but must not come out of the
// sanitizer either.
var svgAttacks = []string{
	`<svg onload="alert(1)"><g/></svg>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg><a href="javascript:alert(1)" xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
	`<svg><a href=" java&#9;script:alert(1)"><text>x</text></a></svg>`,
	`<svg><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>`,
	`<svg><a><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="href" to="javascript:alert(1)"/></a></svg>`,
	`<svg><style><img src="x" onerror="alert(1)"></style></svg>`,
	`<svg><style>@import url(https://evil.example/x.css);</style></svg>`,
	`<svg><style>@\69mport "https://evil.example/x.css";</style></svg>`,
	`<svg><style>.a{background:url(https://evil.example/x.png)}</style></svg>`,
	`<svg><style>.a{background:u\72l(https://evil.example/x.png)}</style></svg>`,
	`<svg><style>.a{background-image:image-set("https://evil.example/x.png" 1x)}</style></svg>`,
	`<svg><style><![CDATA[</style><script>alert(1)</script>]]></style></svg>`,
	`<svg><title><script>alert(1)</script></title><desc><img src="x" onerror="alert(1)"></desc></svg>`,
	`<svg><rect style="fill:url(https://evil.example/x.svg#p)" fill="url(https://evil.example/x.svg#p)"/></svg>`,
	`<svg><use href="https://evil.example/x.svg#a" xlink:href="data:image/svg+xml,&lt;svg onload=alert(1)>"/></svg>`,
	`<svg><image href="https://evil.example/x.png"/><image xlink:href="javascript:alert(1)"/></svg>`,
	`<svg><foreignObject><iframe src="javascript:alert(1)"></iframe><div onclick="alert(1)" style="background:url(https://evil.example/)">x</div><form action="https://evil.example/"><input></form></foreignObject></svg>`,
	`<svg><foreignObject><svg><script>alert(1)</script></svg><math><mtext><table><mglyph><style><img src="x" onerror="alert(1)"></style></mglyph></table></mtext></math></foreignObject></svg>`,
	`<svg><text><img src="x" onerror="alert(1)"></text></svg>`,
	`<svg></svg><script>alert(1)</script><img src="x" onerror="alert(1)">`,
	`<svg><!--><img src="x" onerror="alert(1)">--></svg>`,
	`<svg><iframe srcdoc="&lt;script>alert(1)&lt;/script>"></iframe><embed src="x"/><object data="x"></object></svg>`,
	`<svg><a href="https://ok.example/" target="_blank" ping="https://evil.example/"><text>ok</text></a></svg>`,
}

func TestSanitizeCraftedSVG(t *testing.T) {
	for _, in := range svgAttacks {
		out := sanitizeSVG(in)
		assertInert(t, out)
		if again := sanitizeSVG(out); again != out {
			t.Errorf("sanitizing twice changes the output:\n%s\n%s", out, again)
		}
	}
}

// assertInert parses out as a browser parses it inside a page and fails on
// anything that runs script or calls another host: a script, iframe,
// object, embed, animate or set element, an on* attribute, a URL with a
// scheme other than http(s) or mailto (data:image/ excepted), an image,
// use or CSS URL off the site, an @import.
func assertInert(t *testing.T, out string) {
	t.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch strings.ToLower(n.Data) {
			case "script", "iframe", "object", "embed", "animate", "set", "form", "input", "math", "mglyph":
				t.Errorf("<%s> survived in %.300s", n.Data, out)
			case "style":
				css := strings.ToLower(textOf(n))
				if strings.Contains(css, "@import") {
					t.Errorf("a style sheet imports another")
				}
				for _, u := range strings.Split(css, "url(")[1:] {
					if u = strings.TrimLeft(u, ` "'`); !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "#") {
						t.Errorf("a style sheet loads url(%.40s", u)
					}
				}
			}
			if n.Namespace == "" && n.Parent != nil && n.Parent.Namespace == "" && n.Parent.Type == html.DocumentNode {
				t.Errorf("HTML <%s> outside the SVG in %.300s", n.Data, out)
			}
			for _, a := range n.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(key, "on"):
					t.Errorf("event handler %s=%q on <%s>", a.Key, a.Val, n.Data)
				case strings.Contains(val, "javascript:") || strings.Contains(val, "vbscript:"):
					t.Errorf("script URL %s=%q on <%s>", a.Key, a.Val, n.Data)
				case strings.Contains(val, "data:") && !strings.HasPrefix(val, "data:image/"):
					t.Errorf("data URL %s=%q on <%s>", a.Key, a.Val, n.Data)
				case strings.Contains(val, "evil.example") && !(n.Data == "a" && strings.HasPrefix(val, "https://")):
					t.Errorf("external URL %s=%q on <%s>", a.Key, a.Val, n.Data)
				case key == "ping" || key == "srcdoc" || key == "action" || key == "formaction":
					t.Errorf("%s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

func TestSanitizeKeepsWhatIsSafe(t *testing.T) {
	in := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` +
		`<style>.d2-1 .a>b{fill:#fff}@font-face{font-family:f;src:url(data:application/font-woff;base64,AAAA)}</style>` +
		`<a href="/services/ecs/" xlink:href="/services/ecs/"><rect x="1" y="2" width="3" height="4" style="stroke-width:2" fill="url(#g)" mask="url(#m)"/></a>` +
		`<a href="https://aws.amazon.com/ecs/"><text x="0" y="1">ECS &amp; &lt;friends&gt;</text></a>` +
		`<a href="mailto:me@example.com"><text>mail</text></a>` +
		`<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/><image href="/icons/ecs.svg"/><use xlink:href="#g"/>` +
		`<foreignObject x="1" y="1" width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml" class="md color-N1" style="font-size:20px;color:#ff0000">` +
		`<p><strong>bold</strong> <code>code</code> <a href="https://example.com/">link</a></p><ul><li>item</li></ul></div></foreignObject></svg>`
	out := sanitizeSVG(in)
	for _, want := range []string{
		`<style>.d2-1 .a>b{fill:#fff}@font-face{font-family:f;src:url(data:application/font-woff;base64,AAAA)}</style>`,
		`<a href="/services/ecs/" xlink:href="/services/ecs/"><rect x="1" y="2" width="3" height="4" style="stroke-width:2" fill="url(#g)" mask="url(#m)"/></a>`,
		`<a href="https://aws.amazon.com/ecs/"><text x="0" y="1">ECS &amp; &lt;friends&gt;</text></a>`,
		`<a href="mailto:me@example.com">`,
		`<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/><image href="/icons/ecs.svg"/><use xlink:href="#g"/>`,
		`<div xmlns="http://www.w3.org/1999/xhtml" class="md color-N1" style="font-size: 20px; color: #ff0000">`,
		`<p><strong>bold</strong> <code>code</code> <a href="https://example.com/">link</a></p><ul><li>item</li></ul></div></foreignObject></svg>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("sanitized SVG lacks\n%s\nin\n%s", want, out)
		}
	}
}

// bundledSources are the D2 sources of the bundled site's diagrams, taken
// from a build of the site with a renderer that records them.
var bundledSources = sync.OnceValues(func() ([]string, error) {
	rec := &recorder{}
	_, err := generator.Build(context.Background(), generator.Config{Src: "..", Diagrams: rec})
	return rec.sources, err
})

type recorder struct {
	mu      sync.Mutex
	sources []string
}

func (r *recorder) RenderDiagram(_ context.Context, src, _ string, _ bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sources = append(r.sources, src)
	return "<figure></figure>", nil
}

// bundledRenderings renders the bundled site's diagrams, unsanitized, plus
// one diagram of varied shapes and Markdown labels.
func bundledRenderings(tb testing.TB) []rendering {
	srcs, err := bundledSources()
	if err != nil {
		tb.Fatal(err)
	}
	if len(srcs) < 5 {
		tb.Fatalf("the bundled site has %d diagrams, want more", len(srcs))
	}
	srcs = append(srcs, variedShapes)
	var out []rendering
	for _, src := range srcs {
		res, err := renderD2(src)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, res)
	}
	return out
}

const variedShapes = `a: {shape: cylinder}
b: {shape: person; style.multiple: true}
c: {shape: cloud; style.stroke-dash: 3; link: https://example.com/}
d: {shape: hexagon; style.shadow: true; tooltip: a tip}
e: {style.3d: true; style.fill-pattern: dots}
f: {shape: class; +f: int; -g(): string}
g: {shape: sql_table; id: int {constraint: primary_key}}
h: |go
func main() {}
|
i: |md
**bold** ` + "`code`" + ` [link](https://example.com/)
- item
|
j: {icon: "data:image/png;base64,iVBORw0KGgo="}
a -> b: {source-arrowhead.shape: diamond; target-arrowhead: {shape: circle; style.filled: true}; style.animated: true}
b <-> c: label
c -- d
cont: {x -> y}
`

// TestSanitizeKeepsD2Output checks that sanitizing real D2 output, of the
// bundled site and of varied shapes, changes nothing a browser would see:
// both parse to the same tree.
func TestSanitizeKeepsD2Output(t *testing.T) {
	for i, res := range bundledRenderings(t) {
		for _, svg := range []string{res.Light, res.Dark} {
			clean := sanitizeSVG(svg)
			if got, want := canonical(t, clean), canonical(t, svg); got != want {
				t.Errorf("diagram %d: sanitizing changed the SVG:\n%s", i, firstDifference(want, got))
			}
			if sanitizeSVG(clean) != clean {
				t.Errorf("diagram %d: sanitizing twice changes the SVG", i)
			}
		}
	}
}

// canonical is the page-parsed tree of an SVG, written back.
func canonical(t *testing.T, svg string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(svg), ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range nodes {
		_ = html.Render(&b, n)
	}
	return b.String()
}

func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-120)
	return "want …" + a[from:min(len(a), i+120)] + "\ngot  …" + b[from:min(len(b), i+120)]
}

func TestUnsafeHTMLKeepsD2Output(t *testing.T) {
	src := d2Attacks["markdown label"] + d2Attacks["javascript link"]
	r := NewRenderer(Config{})
	unsafe, err := r.Render(context.Background(), src, Options{UnsafeHTML: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<script>alert(1)</script>", `onerror="alert(2)"`, `href="javascript:alert(4)"`} {
		if !strings.Contains(unsafe.HTML, want) {
			t.Errorf("unsafe_html output lacks %s", want)
		}
	}
	safe, err := r.Render(context.Background(), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if safe.Cached {
		t.Error("the sanitized figure came from the unsanitized one's cache entry")
	}
	assertInert(t, safe.HTML)
}

// TestCacheTampering plants crafted and damaged entries in the disk cache:
// none reaches a page unsanitized.
func TestCacheTampering(t *testing.T) {
	ctx := context.Background()
	src := "a -> b\n"
	crafted := rendering{
		Light:       `<svg><script>alert(1)</script><a href="javascript:alert(2)"><text>x</text></a></svg>`,
		Dark:        `<svg onload="alert(3)"></svg>`,
		Description: "crafted",
	}
	key := cacheKey(src, false)

	for _, tc := range []struct {
		name         string
		plant        func(dir string) error
		wantRendered int
	}{
		{"crafted entry with a valid checksum", func(dir string) error {
			return (&cache{dir: dir}).store(key, crafted)
		}, 0},
		{"entry stored under another key", func(dir string) error {
			if err := (&cache{dir: dir}).store(cacheKey("x -> y\n", false), crafted); err != nil {
				return err
			}
			return os.Rename(filepath.Join(dir, cacheKey("x -> y\n", false)+".json"), filepath.Join(dir, key+".json"))
		}, 1},
		{"edited entry", func(dir string) error {
			if err := (&cache{dir: dir}).store(key, rendering{Light: "<svg></svg>", Dark: "<svg></svg>"}); err != nil {
				return err
			}
			p := filepath.Join(dir, key+".json")
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var e map[string]string
			if err := json.Unmarshal(data, &e); err != nil {
				return err
			}
			e["light"] = crafted.Light
			if data, err = json.Marshal(e); err != nil {
				return err
			}
			return os.WriteFile(p, data, 0o644)
		}, 1},
		{"old format without key", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, key+".json"), []byte(`{"light":"<svg><script>alert(1)</script></svg>","dark":"<svg/>"}`), 0o644)
		}, 1},
		{"symlink to another file", func(dir string) error {
			target := filepath.Join(t.TempDir(), "elsewhere.json")
			if err := (&cache{dir: filepath.Dir(target)}).store(key, crafted); err != nil {
				return err
			}
			if err := os.Rename(filepath.Join(filepath.Dir(target), key+".json"), target); err != nil {
				return err
			}
			return os.Symlink(target, filepath.Join(dir, key+".json"))
		}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := tc.plant(dir); err != nil {
				t.Fatal(err)
			}
			r := NewRenderer(Config{CacheDir: dir})
			fig, err := r.Render(ctx, src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			assertInert(t, fig.HTML)
			if s := r.Stats(); s.Rendered != tc.wantRendered {
				t.Errorf("stats %+v, want %d rendered", s, tc.wantRendered)
			}
			if tc.wantRendered == 1 && !strings.Contains(fig.HTML, "<text") {
				t.Error("the re-rendered diagram lacks its labels")
			}
		})
	}
}

// BenchmarkSanitize measures the sanitizer on the bundled site's diagrams
// (both themes of each); compare BenchmarkRenderBundled for D2's own cost.
func BenchmarkSanitize(b *testing.B) {
	renderings := bundledRenderings(b)
	b.ResetTimer()
	for range b.N {
		for _, res := range renderings {
			res.sanitized()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(renderings)), "µs/diagram")
}

func BenchmarkRenderBundled(b *testing.B) {
	srcs, err := bundledSources()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		for _, src := range srcs {
			if _, err := renderD2(src); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(srcs)), "µs/diagram")
}
