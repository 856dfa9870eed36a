package markdown

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"sitegen/generator/srcerr"
)

func TestSearchTextLeavesOutCommentsKeepsHTMLText(t *testing.T) {
	body := "Public %%private one%% text.\n\n%%\nprivate block\n\nstill private\n%%\n\n" +
		"<details><summary>Folded answer</summary>\n\nInside **markdown**.\n\n</details>\n\n" +
		"<table><tr><td>cell one</td><td>cell two</td></tr></table>\n\n" +
		"<script>var secret = 1</script>\n\n" +
		"Keys <kbd>Ctrl</kbd> and <script>hidden()</script> ==marked== :tada:\n\n" +
		"> [!faq]- Custom *title*\n> Callout %%private three%% body.\n"
	res := render(t, body)
	want := "Public text. Folded answer Inside markdown. cell one cell two Keys Ctrl and marked 🎉 Custom title Callout body."
	if len(res.Parts) != 1 || res.Parts[0].Text != want {
		t.Errorf("Parts = %q\nwant text %q", res.Parts, want)
	}
	for _, leak := range []string{"private", "secret", "hidden()"} {
		if strings.Contains(string(res.HTML), leak) {
			t.Errorf("HTML shows %q:\n%s", leak, res.HTML)
		}
	}
}

func TestSearchTextOfUnsafeHTML(t *testing.T) {
	conv := New(Options{UnsafeHTML: true})
	res, err := conv.Render(context.Background(), Page{File: "x.md", BodyLine: 1,
		Body: []byte("<div onclick=\"go()\">Raw <b>text</b><script>code()</script></div>\n")})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.HTML); got != "<div onclick=\"go()\">Raw <b>text</b><script>code()</script></div>\n" {
		t.Errorf("unsafe_html changed the HTML: %s", got)
	}
	if len(res.Parts) != 1 || res.Parts[0].Text != "Raw text" {
		t.Errorf("Parts = %q, want the text without the script", res.Parts)
	}
}

// TestSanitizerHostileInputs feeds attacks in every shape goldmark may hand
// them over (HTML blocks, inline tags, split over blocks, inside callouts
// and lists) and checks that nothing executable reaches the page.
func TestSanitizerHostileInputs(t *testing.T) {
	inputs := []string{
		"<script>alert(1)</script>",
		"Text <script>alert(1)</script> more",
		"<script>\nalert(1)\n\n</script>",
		"<img src=x onerror=alert(1)>",
		"Inline <img src=x onerror=alert(1)> image",
		"<img src=\"javascript:alert(1)\">",
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="JaVaScRiPt:alert(1)">x</a>`,
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`<a href=" javascript:alert(1)">x</a>`,
		`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<picture><source srcset="javascript:alert(1) 1x, https://ok/x.png 2x"><img src="x.png" alt=""></picture>`,
		`[md link](javascript:alert(1))`,
		`<iframe src="https://evil.example"></iframe>`,
		"<iframe srcdoc=\"<script>alert(1)</script>\">",
		"<style>body { display: none }</style>",
		"Inline <style>p{}</style> style",
		`<div style="background:url(javascript:alert(1))">x</div>`,
		`<svg onload=alert(1)><script>alert(1)</script></svg>`,
		`<math><mtext><script>alert(1)</script></mtext></math>`,
		`<object data="x.swf"></object><embed src="x.swf">`,
		`<form action="https://evil"><input name=a><button formaction="javascript:alert(1)">b</button></form>`,
		`<details open ontoggle=alert(1)><summary>x</summary></details>`,
		`<base href="https://evil/"><meta http-equiv="refresh" content="0;url=https://evil"><link rel=stylesheet href=x>`,
		"<!-- <script>alert(1)</script> -->",
		"<!--\n--><script>alert(1)</script>",
		"<div\nonclick=alert(1)>x</div>",
		"<div>\n<img src=x\nonerror=alert(1)>\n</div>",
		"<img src=x onerror=\"\n\nalert(1)\">",
		"<table><tr><td background=\"javascript:alert(1)\">x</td></tr></table>",
		"> [!tip] <img src=x onerror=alert(1)>\n> <script>alert(1)</script>",
		"- <script>alert(1)</script>\n- <a href=javascript:alert(1)>x</a>",
		"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
		"<textarea><script>alert(1)</script></textarea>",
		"<plaintext><script>alert(1)</script>",
		"<xmp><script>alert(1)</script></xmp>",
		"<template><script>alert(1)</script></template>",
		"</div></main></body><script>alert(1)</script>",
	}
	conv := New(Options{})
	for _, in := range inputs {
		res, err := conv.Render(context.Background(), Page{File: "x.md", BodyLine: 1, Body: []byte(in + "\n")})
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if bad := unsafeMarkup(res.HTML); bad != "" {
			t.Errorf("%q renders %s:\n%s", in, bad, res.HTML)
		}
	}
}

// dangerousURL finds a script or data URL the way a browser reads it, in
// any candidate of a srcset.
var dangerousURL = regexp.MustCompile(`(?:^|,)[\x00-\x20]*(javascript|vbscript|data|file):`)

// unsafeMarkup parses rendered HTML as a browser would tokenise it and
// names the first element, attribute, URL or comment the allow-list
// should have stopped; it also checks that <div>s balance.
func unsafeMarkup(b []byte) string {
	allowed := map[string]bool{}
	for _, tag := range strings.Fields("details summary br wbr hr p div span sup sub kbd mark ins del s strike abbr b i u em strong " +
		"small code pre samp var tt q cite dfn time ruby rt rp h1 h2 h3 h4 h5 h6 blockquote ul ol li dl dt dd " +
		"table caption colgroup col thead tbody tfoot tr th td picture figure figcaption center a img source") {
		allowed[tag] = true
	}
	depth := 0
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if depth != 0 {
				return fmt.Sprintf("%d unclosed <div>", depth)
			}
			return ""
		case html.CommentToken:
			return "a comment"
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "div" {
				depth--
			}
			if depth < 0 {
				return "a stray </div>"
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) == "input" && bytes.Contains(z.Raw(), []byte(`disabled="" type="checkbox"`)) {
				continue // a task list item's box, made by goldmark
			}
			if !allowed[string(name)] {
				return "<" + string(name) + ">"
			}
			if string(name) == "div" {
				depth++
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				key, val := string(k), strings.ToLower(strings.TrimSpace(string(v)))
				if strings.HasPrefix(key, "on") || key == "style" || key == "formaction" || key == "srcdoc" {
					return "attribute " + key
				}
				if m := dangerousURL.FindStringSubmatch(val); (key == "href" || key == "src" || key == "srcset") && m != nil {
					return key + "=" + val
				}
			}
		}
	}
}

func TestCommentsKeepLineNumbers(t *testing.T) {
	body := "Intro %%inline\ncomment%% text.\n\n%%\nblock\n\ncomment\n%%\n\nSee [[lamda]].\n"
	_, err := New(Options{Resolver: fakeResolver{}}).Render(context.Background(), Page{File: "content/x.md", BodyLine: 4, Body: []byte(body)})
	var list srcerr.List
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one error", err)
	}
	if want := "content/x.md:13: wiki link [[lamda]]: no page with that slug, title or alias"; list[0].Error() != want {
		t.Errorf("error = %q, want %q", list[0].Error(), want)
	}
}

func TestUnclosedCommentWarns(t *testing.T) {
	res := render(t, "Shown.\n\n%% draft\nhidden [[nowhere]]\n")
	if got := fmt.Sprint(res.Warnings); got != "content/x.md:7: %% comment is never closed: it hides the rest of the note" {
		t.Errorf("Warnings = %s", got)
	}
	if string(res.HTML) != "<p>Shown.</p>\n" {
		t.Errorf("HTML = %q", res.HTML)
	}
}

// FuzzSyntax renders arbitrary notes mixing the syntax of syntax.txt: a
// render may fail with an error but never panic, and with the sanitizer on
// nothing outside the allow-list reaches the page.
func FuzzSyntax(f *testing.F) {
	raw, err := os.ReadFile("testdata/syntax.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range strings.Split(string(raw), "\n=====\n") {
		input, _, _ := strings.Cut(c, "\n-----\n")
		f.Add(input)
	}
	conv := New(Options{})
	f.Fuzz(func(t *testing.T, body string) {
		res, err := conv.Render(context.Background(), Page{File: "x.md", BodyLine: 1, Body: []byte(body)})
		if err != nil {
			return
		}
		if bad := unsafeMarkup(res.HTML); bad != "" {
			t.Errorf("%q renders %s:\n%s", body, bad, res.HTML)
		}
	})
}
