package generator

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// outputOf returns an output file as text, failing when it is missing.
func outputOf(t *testing.T, files map[string][]byte, name string) string {
	t.Helper()
	html := string(files[name])
	if html == "" {
		t.Fatalf("no %s", name)
	}
	return html
}

func TestEmbedsSpliceNotesSectionsAndBlocks(t *testing.T) {
	site := siteFS(t, `-- sitegen.toml --
title = "Vault"
base_url = "https://example.org/notes/"
-- content/home.md --
# Home

![[Lambda]]

![[Lambda#Pricing model]]

![[lambda#^summary]]

| Table | |
|---|---|
| x | y |

^top
-- content/services/lambda.md --
# Lambda

Runs functions without servers. ^summary

## Pricing model

Pay per request.

### Free tier

One million requests.

## Limits

Fifteen minutes.

![[inner]]

See [[#^summary]] and [[home#^top]].
-- content/inner.md --
# Inner

Inner text.
`)
	res, err := Build(context.Background(), Config{FS: site, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	home := outputOf(t, res.Files, "home/index.html")
	for _, want := range []string{
		// the whole note, with a link to its source and the nested embed inside
		`<div class="embed"><div class="embed-source"><a href="/notes/services/lambda/">Lambda</a></div>`,
		`<p>Inner text.</p>`,
		// the section: its heading, its sub-section, not the next h2
		`<a href="/notes/services/lambda/#pricing-model">Lambda › Pricing model</a></div>` + "\n" + `<h2>Pricing model</h2>`,
		// the block, without its marker
		`<a href="/notes/services/lambda/#^summary">Lambda › summary</a></div>` + "\n" + `<p>Runs functions without servers.</p>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %s\n%s", want, home)
		}
	}
	section := home[strings.Index(home, "Lambda › Pricing model"):]
	section = section[:strings.Index(section, "Lambda › summary")]
	if !strings.Contains(section, "One million requests.") || strings.Contains(section, "Fifteen minutes.") {
		t.Errorf("section embed is not the heading's section:\n%s", section)
	}
	if strings.Contains(home, "sitegen-embed") || strings.Contains(home, "^summary</p>") {
		t.Error("a placeholder or block marker is left in the page")
	}
	// Embedded headings lose their ids: the page they come from has them.
	if n := len(regexp.MustCompile(`id="pricing-model"`).FindAllString(home, -1)); n != 0 {
		t.Errorf("embedded heading ids kept (%d)", n)
	}
	lambda := outputOf(t, res.Files, "services/lambda/index.html")
	if !strings.Contains(lambda, `<p id="^summary">Runs functions without servers.</p>`) {
		t.Error("the block id is not the paragraph's id on its own page")
	}
}

func TestEmbedCycleIsAnError(t *testing.T) {
	got := buildErr(t, siteFS(t, "-- content/a.md --\nA\n\n![[b]]\n-- content/b.md --\nB\n\n![[a]]\n-- content/c.md --\n![[a]]\n"))
	want := "content/a.md:3: embed cycle: content/a.md:3 embeds content/b.md, content/b.md:3 embeds content/a.md"
	if !strings.Contains(got, want) {
		t.Errorf("error:\n%s\nwant:\n%s", got, want)
	}
	if strings.Count(got, "embed cycle") != 1 {
		t.Errorf("the cycle is reported more than once:\n%s", got)
	}
}

func TestRelativeAssetsAndMediaEmbeds(t *testing.T) {
	site := siteFS(t, `-- sitegen.toml --
title = "Notes"
base_url = "https://example.org/notes/"
-- content/aws/billing.md --
# Billing

![Console](../images/console.png) and [the invoice](attachments/invoice.pdf).

![[console.png|300]]

![[attachments/invoice.pdf]]
-- content/images/console.png --
PNG
-- content/aws/attachments/invoice.pdf --
PDF
`)
	res, err := Build(context.Background(), Config{FS: site, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["aws/billing/index.html"])
	for _, want := range []string{
		`<img src="/notes/images/console.png" alt="Console">`,
		`<a href="/notes/aws/attachments/invoice.pdf">the invoice</a>`,
		`<img src="/notes/images/console.png" alt="console" width="300">`,
		`<object class="embed-pdf" data="/notes/aws/attachments/invoice.pdf" type="application/pdf">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestBrokenLinksAreWarningsWithFileAndLine(t *testing.T) {
	site := siteFS(t, `-- content/a.md --
---
title: A
---
Intro.

![Chart](../img/chart.png) and [report](files/report.pdf).

![[missing-note]] and [[b#Nowhere]] and [gone](gone.md#x).

![[b#^nope]]

![[ghost.png]]
-- content/b.md --
## Somewhere
-- content/img/chart.png --
PNG
`)
	if _, err := Build(context.Background(), Config{FS: site, Strict: true}); err == nil {
		t.Fatal("broken links built with Strict")
	}
	res, err := Build(context.Background(), Config{FS: site})
	if err != nil {
		t.Fatalf("not strict: %v", err)
	}
	warnings := res.Warnings.Error()
	for _, want := range []string{
		"content/a.md:6: image ../img/chart.png: no file img/chart.png (did you mean content/img/chart.png?)",
		"content/a.md:6: link files/report.pdf: no file content/files/report.pdf",
		"content/a.md:8: embed ![[missing-note]]: no note with that file name, path, slug, title or alias",
		"content/a.md:8: link /b/#nowhere: content/b.md has no heading or block with that id",
		"content/a.md:8: link gone.md#x: no note content/gone.md",
		"content/a.md:10: link /b/#^nope:",
		"content/a.md:12: embed ![[ghost.png]]: no file content/ghost.png",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q:\n%s", want, warnings)
		}
	}
	page := string(res.Files["a/index.html"])
	for _, want := range []string{
		`<span class="broken-link">report</span>`,
		`<span class="broken-link">gone</span>`,
		`<span class="broken-link">missing-note</span>`,
		`<span class="broken-link">B › nope</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s\n%s", want, page)
		}
	}
}

func TestInlineTags(t *testing.T) {
	res := mustBuild(t, siteFS(t, "-- content/a.md --\nStudy #AWS/Lambda and #exam, not #42.\n"))
	page := string(res.Files["a/index.html"])
	if !strings.Contains(page, `<a class="tag" href="/tags/aws/lambda/">#AWS/Lambda</a>`) {
		t.Errorf("no tag link:\n%s", page)
	}
}
