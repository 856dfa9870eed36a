package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title><link rel="stylesheet" href="/style.1234abcd.css"></head><body>`

func htmlPage(body string) []byte { return []byte(head + body + "</body></html>") }

func run(files map[string][]byte, opts Options) []string {
	var out []string
	for _, f := range Files(files, opts) {
		out = append(out, f.String())
	}
	return out
}

func TestGoodSite(t *testing.T) {
	files := map[string][]byte{
		"index.html":                 htmlPage(`<h1 id="top">Home</h1><a href="/services/lambda/#billing">L</a><a href="services/">S</a><a href="#top">up</a><img src="/logo.png" alt=""><svg><path d="M0 0"/><text style="x">t</text></svg><a href="https://docs.example.com/x">ext</a><a href="mailto:a@b.c">m</a>`),
		"services/index.html":        htmlPage(`<h1>Services</h1><a href="lambda/">L</a><a href="../">home</a>`),
		"services/lambda/index.html": htmlPage(`<h1>Lambda</h1><h2 id="billing">Billing</h2><img srcset="/logo.png 1x, /logo.png 2x" src="/logo.png" alt="Logo"><link rel="canonical" href="https://example.org/services/lambda/">`),
		"style.1234abcd.css":         []byte("body{}"),
		"logo.png":                   []byte("png"),
		"_redirects":                 []byte("/lambda/ /services/lambda/ 301\n"),
	}
	if got := run(files, Options{BasePath: "/", Host: "example.org"}); len(got) > 0 {
		t.Errorf("findings on a good site:\n%s", strings.Join(got, "\n"))
	}
}

func TestFindings(t *testing.T) {
	files := map[string][]byte{
		"index.html":       htmlPage(`<h1>Home</h1><a href="/missing/">gone</a><a href="/about/#nope">anchor</a><img src="/missing.png" alt="x"><img src="/logo.png"><a href="http://example.org/about/">insecure</a><div><p>unclosed</div>`),
		"about/index.html": []byte(`<!doctype html><html><head></head><body><h1>A</h1><h1>B</h1></body></html>`),
		"logo.png":         []byte("png"),
		"_redirects":       []byte("/old/ /nowhere/ 301\n"),
	}
	got := strings.Join(run(files, Options{BasePath: "/", Host: "example.org"}), "\n")
	for _, want := range []string{
		"index.html:1: broken link: <a href> /missing/ (no file missing/index.html in the output)",
		`index.html:1: broken anchor: <a href> /about/#nope (about/index.html has no id "nope")`,
		"index.html:1: missing asset: <img src> /missing.png",
		"missing asset: <link href> /style.1234abcd.css",
		`index.html:1: <img src="/logo.png"> has no alt attribute`,
		"links to http:// of the site's own host",
		"malformed HTML: </div> closes <p>",
		"about/index.html: has 0 <title> elements; want exactly 1",
		"about/index.html: has 2 <h1> elements; want exactly 1",
		"_redirects:1: redirect /old/ → /nowhere/",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("findings lack %q; got:\n%s", want, got)
		}
	}
}

func TestBasePath(t *testing.T) {
	files := map[string][]byte{
		"index.html":          htmlPage(`<h1>Home</h1><a href="/notes/services/">S</a><a href="/services/">outside</a>`),
		"services/index.html": htmlPage(`<h1>S</h1><a href="/notes/">home</a>`),
		"style.1234abcd.css":  []byte(""),
	}
	got := run(files, ForBaseURL("https://example.org/notes/"))
	// The stylesheet in head is /style… — outside /notes/ — and /services/ too.
	if len(got) != 3 || !strings.Contains(strings.Join(got, "\n"), "/services/ (outside the base path /notes/)") {
		t.Errorf("got:\n%s", strings.Join(got, "\n"))
	}
}

// An external URL Go cannot parse, written in a note as an autolink, is
// not the site's problem: the check skips it instead of failing.
func TestUnparseableExternalURL(t *testing.T) {
	files := map[string][]byte{
		"index.html":         htmlPage(`<h1>Home</h1><a href="http://localhost:port">http://localhost:port</a><a href="localhost:8080/x">l</a><a href="https://[::1">v6</a><a href="/missing/">gone</a>`),
		"style.1234abcd.css": []byte(""),
	}
	got := Files(files, Options{BasePath: "/"})
	if len(got) != 1 || !strings.Contains(got[0].Msg, "broken link") {
		t.Fatalf("want only the broken /missing/ link, got %v", got)
	}
	if got[0].Value != "/missing/" {
		t.Errorf("Value = %q, want the href /missing/", got[0].Value)
	}
}

// TestPercentEncodedLinks: page URLs are percent-encoded in hrefs while
// output files have decoded names (notes/[/index.html), as a host serves
// them; links both relative and absolute, with and without anchors.
func TestPercentEncodedLinks(t *testing.T) {
	files := map[string][]byte{
		"index.html":           htmlPage(`<h1>Home</h1><a href="/notes/%5B/">[</a><a href="/notes/%25/#x">%</a><a href="/notes/c++/">c++</a><a href="notes/%E6%97%A5%E6%9C%AC/">日本</a><a href="/notes/a%23b/">a#b</a><img src="/img/my%20pic.png" alt="p">`),
		"notes/[/index.html":   htmlPage(`<h1>[</h1><a href="../%25/">%</a><a href="../c++/">c++</a>`),
		"notes/%/index.html":   htmlPage(`<h1 id="x">%</h1>`),
		"notes/c++/index.html": htmlPage(`<h1>c++</h1>`),
		"notes/日本/index.html":  htmlPage(`<h1>日本</h1>`),
		"notes/a#b/index.html": htmlPage(`<h1>a#b</h1>`),
		"img/my pic.png":       []byte("png"),
		"style.1234abcd.css":   []byte("body{}"),
	}
	if got := run(files, Options{BasePath: "/"}); len(got) > 0 {
		t.Errorf("findings:\n%s", strings.Join(got, "\n"))
	}
}

// TestStreamMatchesFiles: a build hands the check its files one at a
// time, in any order, announcing some of them first and never keeping
// their bytes; the findings are the same as those of the whole site in
// memory, in the same order.
func TestStreamMatchesFiles(t *testing.T) {
	files := map[string][]byte{
		"index.html":       htmlPage(`<h1 id="top">Home</h1><a href="/missing/">gone</a><a href="/about/#nope">anchor</a><a href="/about/#here">ok</a><a href="#top">up</a><a href="#none">self</a><img src="/missing.png" alt="x"><img src="/logo.png"><div><p>unclosed</div><a href="/late/#x">late</a>`),
		"about/index.html": []byte(`<!doctype html><html><head></head><body><h1 id="here">A</h1><h1>B</h1><a href="/#top">home</a><a href="/#gone">home</a><a href="/style.1234abcd.css">css</a></body></html>`),
		"late/index.html":  htmlPage(`<h1>Late</h1><a href="/about/#nope">again</a>`),
		"logo.png":         []byte("png"),
		"_redirects":       []byte("/old/ /nowhere/ 301\n/a/ /about/ 301\n"),
	}
	want := strings.Join(run(files, Options{BasePath: "/"}), "\n")
	if !strings.Contains(want, `broken anchor: <a href> /about/#nope`) || !strings.Contains(want, `late/index.html:1: broken anchor`) {
		t.Fatalf("the site lacks the findings the test is about:\n%s", want)
	}
	orders := [][]string{
		{"index.html", "about/index.html", "late/index.html", "logo.png", "_redirects"},
		{"_redirects", "logo.png", "late/index.html", "about/index.html", "index.html"},
		{"about/index.html", "_redirects", "index.html", "logo.png", "late/index.html"},
	}
	for _, announce := range [][]string{nil, {"index.html", "about/index.html", "late/index.html"}} {
		for _, order := range orders {
			s := NewStream(Options{BasePath: "/"})
			s.Expect(announce...)
			for _, name := range order {
				data := []byte(string(files[name]))
				s.Add(name, data)
				clear(data) // the check must not read a page after Add
			}
			var got []string
			for _, f := range s.Findings() {
				got = append(got, f.String())
			}
			if g := strings.Join(got, "\n"); g != want {
				t.Errorf("order %v, announced %v:\n%s\nwant:\n%s", order, announce, g, want)
			}
		}
	}
}

// TestDirReadsTheFolder: sitegen check reads a built folder.
func TestDirReadsTheFolder(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"index.html":         string(htmlPage(`<h1>Home</h1><a href="/a/">a</a><a href="/b/">b</a>`)),
		"a/index.html":       string(htmlPage(`<h1>A</h1>`)),
		"style.1234abcd.css": "",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Dir(dir, Options{BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].String() != "index.html:1: broken link: <a href> /b/ (no file b/index.html in the output)" {
		t.Errorf("got %v", got)
	}
}

// TestIDSet checks the packed ids a page keeps: every id is found, ids
// that are prefixes or extensions of others are told apart, and long
// ids (a length over one byte) survive.
func TestIDSet(t *testing.T) {
	long := strings.Repeat("x", 300)
	ids := map[string]bool{"a": true, "ab": true, "lambda-limits": true, "über": true, long: true}
	set := packIDs(ids)
	for id := range ids {
		if !set.has(id) {
			t.Errorf("%.20q: not found", id)
		}
	}
	for _, id := range []string{"", "b", "abc", "lambda", long + "x", long[:299], "\x03"} {
		if set.has(id) {
			t.Errorf("%.20q: found, but the page has no such id", id)
		}
	}
	if packIDs(nil).has("a") {
		t.Error("a page without ids has one")
	}
}
