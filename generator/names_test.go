package generator

import (
	"context"
	"strings"
	"testing"
)

// twoLambdas is a site where a second lambda.md, in a folder with a
// shorter path, would take over every bare "lambda".
const twoLambdas = `-- content/_facts.yaml --
groups: [Basics]
facts:
  - key: runtime
    label: Runtime
    kind: text
    group: Basics
-- content/_external.yaml --
s3: {label: Amazon S3, kind: storage}
-- content/services/lambda.md --
---
title: Lambda
facts:
  runtime: 15 minutes
---
The real one.
-- content/services/batch.md --
---
title: Batch
facts:
  runtime: days
links:
  uses: [lambda]
---
Batch.
-- content/old/lambda.md --
---
title: Old Lambda
facts:
  runtime: hijacked
---
Another one.
-- content/old/s3.md --
A note named like an external node.
`

func TestBareNamesSharedByTwoFoldersWarn(t *testing.T) {
	site := twoLambdas + `-- content/compare/x.md --
---
title: X
compare: [lambda, batch]
links:
  uses: [s3]
flows:
  - title: F
    steps: ["lambda -> batch: go"]
---
` + "```compare\nlambda batch\n```\n"
	res, err := Build(context.Background(), Config{FS: siteFS(t, site)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.File, "content/compare/") || strings.HasPrefix(w.File, "content/services/") {
			got = append(got, w.Error())
		}
	}
	ambiguous := `"lambda" matches 2 files (content/old/lambda.md, content/services/lambda.md); it links to content/old/lambda.md, ` +
		"the nearest: write its folder too to choose"
	want := []string{
		"content/compare/x.md:3: compare: " + ambiguous,
		"content/compare/x.md:5: links.uses: \"s3\" names both the entry of content/_external.yaml and the note content/old/s3.md; " +
			"it means the entry (write the note's folder too, such as \"old/s3\", to mean the note)",
		"content/compare/x.md:7: flows: " + ambiguous,
		"content/compare/x.md:11: compare: " + ambiguous,
		"content/services/batch.md:6: links.uses: " + strings.Replace(ambiguous, "content/old/lambda.md, the", "content/services/lambda.md, the", 1),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFolderQualifiedNamesChooseOneNote(t *testing.T) {
	site := twoLambdas + `-- content/compare/x.md --
---
title: X
compare: [services/lambda, batch]
links:
  uses: [old/s3]
---
` + "```compare\nservices/lambda batch\n```\n"
	res, err := Build(context.Background(), Config{FS: siteFS(t, site)})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.File, "content/compare/") {
			t.Errorf("warning: %s", w)
		}
	}
	page := string(res.Files["compare/x/index.html"])
	if strings.Count(page, "15 minutes") != 2 || strings.Contains(page, "hijacked") {
		t.Errorf("the tables do not compare content/services/lambda.md:\n%s", page)
	}
}

// TestNotesSharingASlugAreTwoNodes: two lambda notes do not merge into
// one node of the generated diagrams.
func TestNotesSharingASlugAreTwoNodes(t *testing.T) {
	site := twoLambdas + `-- content/old/batch2.md --
---
links:
  uses: [lambda]
---
`
	rec := &recordingDiagrams{sources: map[string]string{}}
	if _, err := Build(context.Background(), Config{FS: siteFS(t, site), Diagrams: rec}); err != nil {
		t.Fatal(err)
	}
	m := rec.sources["Service map"]
	for _, edge := range []string{`"batch" -> "services/lambda"`, `"batch2" -> "old/lambda"`} {
		if !strings.Contains(m, edge) {
			t.Errorf("the service map lacks %s:\n%s", edge, m)
		}
	}
}
