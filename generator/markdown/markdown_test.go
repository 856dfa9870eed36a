package markdown

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/generator/srcerr"
)

var update = flag.Bool("update", false, "rewrite the expected output of case files")

// fakeResolver knows the pages lambda (alias "aws lambda"), batch
// (also as services/batch and batch.md) and two named "ecs" (ambiguous),
// and the files images/x.png, docs/guide.pdf, talk.mp3 and demo.mp4.
type fakeResolver struct{}

func (fakeResolver) Wiki(from, target string) (Target, error) {
	switch strings.ToLower(target) {
	case "lambda", "aws lambda":
		return Target{URL: "/services/lambda/", Title: "AWS Lambda"}, nil
	case "batch", "services/batch", "batch.md":
		return Target{URL: "/services/batch/", Title: "AWS Batch"}, nil
	case "ecs":
		return Target{URL: "/services/ecs/", Title: "Amazon ECS"}, fmt.Errorf("ambiguous: services/ecs.md, compare/ecs.md")
	}
	return Target{}, fmt.Errorf("no page with that slug, title or alias")
}

func (fakeResolver) File(from, target string) (Target, error) {
	if filepath.Base(target) == "batch.md" {
		return Target{URL: "/services/batch/", Title: "AWS Batch"}, nil
	}
	return Target{}, fmt.Errorf("no note %s", target)
}

func (fakeResolver) Asset(from, target string) (string, error) {
	switch path.Base(target) {
	case "x.png", "guide.pdf", "talk.mp3", "demo.mp4", "data.csv":
		return "/files/" + path.Base(target), nil
	}
	return "", fmt.Errorf("no file %s (did you mean images/x.png?)", target)
}

// fakeDiagrams renders a diagram as its source in a figure; a source
// containing "bad" fails on that line.
type fakeDiagrams struct{}

func (fakeDiagrams) RenderDiagram(_ context.Context, src, title string, _ bool) (string, error) {
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, "bad") {
			return "", &LineError{Line: i + 1, Msg: "unexpected bad"}
		}
	}
	return fmt.Sprintf("<figure title=%q>%d lines</figure>", title, strings.Count(src, "\n")), nil
}

// TestCases runs testdata/*.txt: each holds cases separated by lines of
// "=====", each case an input and the expected HTML split by "-----".
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	conv := New(Options{Resolver: fakeResolver{}, Diagrams: fakeDiagrams{}, Files: os.DirFS("testdata")})
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) { runCaseFile(t, conv, file) })
	}
}

func runCaseFile(t *testing.T, conv *Converter, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cases := strings.Split(string(raw), "\n=====\n")
	for i, c := range cases {
		input, want, ok := strings.Cut(c, "\n-----\n")
		if !ok {
			t.Fatalf("case %d: no ----- line", i+1)
		}
		res, err := conv.Render(context.Background(), Page{File: "note.md", BodyLine: 1, Body: []byte(input + "\n")})
		got := ""
		if err != nil {
			got = "error: " + err.Error() + "\n"
		} else {
			got = string(res.HTML)
		}
		if *update {
			cases[i] = input + "\n-----\n" + strings.TrimRight(got, "\n")
			continue
		}
		if strings.TrimRight(got, "\n") != strings.TrimRight(want, "\n") {
			t.Errorf("case %d:\n%s\n--- got:\n%s\n--- want:\n%s", i+1, input, got, want)
		}
	}
	if *update {
		if err := os.WriteFile(file, []byte(strings.Join(cases, "\n=====\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func render(t *testing.T, body string) *Result {
	t.Helper()
	res, err := New(Options{Resolver: fakeResolver{}}).Render(context.Background(), Page{File: "content/x.md", BodyLine: 5, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTOCAndParts(t *testing.T) {
	res := render(t, "# Title\n\nIntro with [[lambda]].\n\n## Billing\n\nPay per *request*.\n\n### Free tier\n\n1M requests.\n\n## Billing\n\n```go\nx := 1\n```\n")
	if res.Title != "Title" {
		t.Errorf("Title = %q", res.Title)
	}
	var ids []string
	for _, h := range res.TOC {
		ids = append(ids, fmt.Sprintf("%d:%s", h.Level, h.ID))
	}
	if got := strings.Join(ids, " "); got != "2:billing 3:free-tier 2:billing-1" {
		t.Errorf("TOC = %s", got)
	}
	want := []Part{
		{Anchor: "", Heading: "", Text: "Intro with AWS Lambda."},
		{Anchor: "billing", Heading: "Billing", Text: "Pay per request."},
		{Anchor: "free-tier", Heading: "Free tier", Text: "1M requests."},
		{Anchor: "billing-1", Heading: "Billing", Text: ""},
	}
	if fmt.Sprint(res.Parts) != fmt.Sprint(want) {
		t.Errorf("Parts =\n%v\nwant\n%v", res.Parts, want)
	}
	if len(res.Links) != 1 || res.Links[0].URL != "/services/lambda/" || res.Links[0].Line != 7 {
		t.Errorf("Links = %+v, want lambda on line 7", res.Links)
	}
}

func TestErrorsNameFileAndLine(t *testing.T) {
	conv := New(Options{Resolver: fakeResolver{}, Diagrams: fakeDiagrams{}})
	body := "Intro.\n\nSee [[lamda]] and [x](nothere.md).\n\n```d2\na -> b\nbad line\n```\n"
	_, err := conv.Render(context.Background(), Page{File: "content/services/x.md", BodyLine: 6, Body: []byte(body)})
	var list srcerr.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a srcerr.List", err)
	}
	want := []string{
		"content/services/x.md:8: wiki link [[lamda]]: no page with that slug, title or alias",
		"content/services/x.md:8: link nothere.md: no note nothere.md",
		"content/services/x.md:12: d2 block: unexpected bad",
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors:\n%v", len(list), err)
	}
	for i, w := range want {
		if list[i].Error() != w {
			t.Errorf("error %d = %q, want %q", i, list[i].Error(), w)
		}
	}
}

func TestSyntaxCSSHasBothThemes(t *testing.T) {
	css := string(SyntaxCSS())
	for _, want := range []string{".chroma .k", `[data-theme="dark"] .chroma .k`, `:root:not([data-theme="light"]) .chroma .k`, "prefers-color-scheme: dark",
		`[data-theme="dark"] .chroma .p { color: inherit }`} { // github-dark leaves punctuation unstyled
		if !strings.Contains(css, want) {
			t.Errorf("syntax CSS lacks %q", want)
		}
	}
}

func TestAutoLinks(t *testing.T) {
	conv := New(Options{Resolver: fakeResolver{}, AutoLinks: []AutoLinkTarget{
		{URL: "/services/lambda/", Names: []string{"AWS Lambda", "lambda"}},
		{URL: "/services/batch/", Names: []string{"AWS Batch", "batch"}},
		{URL: "/services/ecs/", Names: []string{"Amazon ECS", "ecs"}},
		{URL: "/services/self/", Names: []string{"Selfie"}},
	}})
	body := "## Lambda and Batch\n\n`lambda` in code, then AWS Lambda here and lambda again.\n\n" +
		"A [link to batch](/services/batch/) means Batch is not auto-linked.\n\nLambdas and ECS-like words: ecs.\n\nSelfie is this page.\n"
	res, err := conv.Render(context.Background(), Page{File: "x.md", BodyLine: 1, Body: []byte(body), URL: "/services/self/", AutoLink: true})
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	for _, want := range []string{
		`<h2 id="lambda-and-batch">Lambda and Batch</h2>`,                                                                          // not in headings
		"<code>lambda</code> in code, then <a href=\"/services/lambda/\" class=\"autolink\">AWS Lambda</a> here and lambda again.", // first mention only, not code
		`means Batch is not auto-linked`,                                                                                           // already linked by hand
		`Lambdas and <a href="/services/ecs/" class="autolink">ECS</a>-like`,                                                       // whole words only
		`<p>Selfie is this page.</p>`,                                                                                              // never the page itself
	} {
		if !strings.Contains(html, want) {
			t.Errorf("output lacks %s\n%s", want, html)
		}
	}
	off, _ := conv.Render(context.Background(), Page{File: "x.md", BodyLine: 1, Body: []byte("AWS Lambda\n")})
	if strings.Contains(string(off.HTML), "autolink") {
		t.Error("auto links made on a page with AutoLink off")
	}
}

func TestHeadingIDsStayLinear(t *testing.T) {
	body := strings.Repeat("## Same\n\n", 20000) + "## Same-3\n"
	res := render(t, body)
	if n := len(res.Headings); n != 20001 {
		t.Fatalf("%d headings", n)
	}
	seen := map[string]bool{}
	for _, h := range res.Headings {
		if seen[h.ID] {
			t.Fatalf("id %s given twice", h.ID)
		}
		seen[h.ID] = true
	}
	if got := res.Headings[19999].ID; got != "same-19999" {
		t.Errorf("last repeated id = %s", got)
	}
	if got := res.Headings[20000].ID; got != "same-3-1" { // same-3 went to the fourth "Same"
		t.Errorf("id of a heading named like a generated id = %s", got)
	}
}

func TestHeadingID(t *testing.T) {
	for in, want := range map[string]string{
		"AWS Organization - Consolidated Billing": "aws-organization---consolidated-billing",
		"Business support plan 24/7":              "business-support-plan-247",
		"C++ tips":                                "c-tips",
		"Ärger über Öl":                           "ärger-über-öl",
		"aws-organization---consolidated-billing": "aws-organization---consolidated-billing",
	} {
		if got := HeadingID(in); got != want {
			t.Errorf("HeadingID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTagsBlocksAndWarnings(t *testing.T) {
	res := render(t, "Study #AWS and #exam/cram, #aws again. ^intro\n\nSee [[ecs]].\n\n- item ^one\n")
	if got := strings.Join(res.Tags, " "); got != "aws exam/cram" {
		t.Errorf("Tags = %s", got)
	}
	if got := strings.Join(res.Blocks, " "); got != "^intro ^one" || !res.HasID("^one") {
		t.Errorf("Blocks = %s", got)
	}
	if got := res.Warnings.Error(); got != "content/x.md:7: wiki link [[ecs]]: ambiguous: services/ecs.md, compare/ecs.md" {
		t.Errorf("Warnings = %s", got)
	}
	if f, ok := res.Fragment("^one"); !ok || string(f) != "<ul>\n<li id=\"^one\">item</li>\n</ul>\n" {
		t.Errorf("Fragment(^one) = %q", f)
	}
}

func TestBrokenLinksKeepTheirText(t *testing.T) {
	conv := New(Options{Resolver: fakeResolver{}, WarnLinks: true})
	res, err := conv.Render(context.Background(), Page{File: "n.md", BodyLine: 1, Body: []byte("[the *guide*](nothere.md) ![a chart](chart.png) [[nope|Nope]] [[nope#Part]]\n")})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><span class="broken-link">the <em>guide</em></span> <span class="broken-link">a chart</span> <span class="broken-link">Nope</span> <span class="broken-link">nope#Part</span></p>`
	if got := strings.TrimSpace(string(res.HTML)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(res.Warnings) != 4 || !strings.Contains(res.Warnings.Error(), "n.md:1: image chart.png: no file chart.png (did you mean images/x.png?)") {
		t.Errorf("warnings:\n%v", res.Warnings.Error())
	}
}

// A formula KaTeX rejects is a warning in a draft build (WarnLinks), and
// the page shows it as code.
func TestBadMathIsWarningInDrafts(t *testing.T) {
	conv := New(Options{WarnLinks: true})
	res, err := conv.Render(context.Background(), Page{File: "vault/note.md", BodyLine: 3, Body: []byte("Intro.\n\n$$\n\\unknowncommand{x}\n$$\n")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].Error(), `vault/note.md:6: math: KaTeX parse error: Undefined control sequence: \unknowncommand`) {
		t.Errorf("warnings = %v", res.Warnings)
	}
	if want := `<div class="math-display"><code class="math-error">$$\unknowncommand{x}$$</code></div>`; !strings.Contains(string(res.HTML), want) {
		t.Errorf("HTML lacks %s:\n%s", want, res.HTML)
	}
}

// Mermaid blocks sitegen cannot draw stay code, with a warning naming the
// note's line; the build goes on.
func TestMermaidWarnings(t *testing.T) {
	conv := New(Options{Diagrams: fakeDiagrams{}})
	body := "Intro.\n\n```mermaid\ngantt\n  title Plan\n```\n\n```mermaid\nflowchart TD\n  A --> B\n  A ?? B\n```\n\n" +
		"```mermaid\ngraph LR\n  A[a bad label] --> B\n```\n\n```mermaid\ngraph LR\n  A --> B\n```\n"
	res, err := conv.Render(context.Background(), Page{File: "vault/plan.md", BodyLine: 4, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`vault/plan.md:7: mermaid block: Mermaid "gantt" diagrams are not drawn (only flowchart, graph and sequenceDiagram); the block is shown as code`,
		`vault/plan.md:14: mermaid block: cannot read "?? B" in "A ?? B"`,
		`vault/plan.md:18: mermaid block: cannot draw the translated diagram: unexpected bad`,
	}
	if len(res.Warnings) != len(want) {
		t.Fatalf("warnings:\n%v", res.Warnings)
	}
	for i, w := range want {
		if res.Warnings[i].Error() != w {
			t.Errorf("warning %d = %q, want %q", i, res.Warnings[i], w)
		}
	}
	html := string(res.HTML)
	if strings.Count(html, `<pre class="chroma" data-lang="mermaid">`) != 3 || strings.Count(html, "<figure") != 1 {
		t.Errorf("want three code blocks and one figure:\n%s", html)
	}
}

// A word inside a formula is not a mention: the link would not show.
func TestNoAutoLinkInMath(t *testing.T) {
	conv := New(Options{AutoLinks: []AutoLinkTarget{{URL: "/services/ecs/", Names: []string{"ecs"}}}})
	res, err := conv.Render(context.Background(), Page{File: "x.md", BodyLine: 1, Body: []byte("$\\text{ecs}$ then ecs.\n"), AutoLink: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.HTML), `then <a href="/services/ecs/" class="autolink">ecs</a>.`) {
		t.Errorf("mention after the formula not linked:\n%s", res.HTML)
	}
}
