package generator

import (
	"strings"
	"testing"

	"sitegen/generator/compare"
	"sitegen/generator/content"
)

func TestSheetFacts(t *testing.T) {
	schema, err := compare.ParseSchema("content/_facts.yaml", []byte(`groups: [Limits]
facts:
  - {key: what_it_runs, label: What it runs, group: Limits}
  - {key: max_runtime, label: Max run time, kind: duration, group: Limits}
  - {key: max_memory, label: Max memory, kind: size, group: Limits}
  - {key: billing, label: Billing, kind: list, group: Limits}
  - {key: serverless, label: Serverless, kind: bool, group: Limits}
  - {key: monitoring, label: Monitoring, group: Limits, sheet: false}
  - {key: storage, label: Storage, group: Limits}
`))
	if err != nil {
		t.Fatal(err)
	}
	page, err := content.Parse("content/lambda.md", []byte(`---
title: Lambda
facts:
  what_it_runs: Virtual functions run when an event arrives
  max_runtime: 15 minutes
  max_memory: 10 GB
  billing: [Number of requests (invocations), Data transfer out]
  serverless: true
  monitoring: CloudWatch
  storage:
    n/a: no disk
---
`))
	if err != nil {
		t.Fatal(err)
	}
	facts, err := schema.Validate(page.File, page.Meta.Facts)
	if err != nil {
		t.Fatal(err)
	}
	bullets := []string{
		"Max 15 minutes per invocation <short>",
		"Billing = number of invocations + requests",
		"Serverless FaaS",
	}
	html, got := sheetFacts(schema, facts, bullets)
	if want := "Max <strong>15 minutes</strong> per invocation &lt;short&gt;"; string(html[0]) != want {
		t.Errorf("bullet = %q, want %q", html[0], want)
	}
	var lines []string
	for _, f := range got {
		lines = append(lines, f.Label+": "+f.Value+map[bool]string{true: " (key)"}[f.Key])
	}
	// The run time, the first billing item and "serverless" are in the
	// bullets; monitoring is off the sheet; storage is n/a.
	want := "What it runs: Virtual functions run when an event arrives|Max memory: 10 GB (key)|Billing: Data transfer out"
	if g := strings.Join(lines, "|"); g != want {
		t.Errorf("facts =\n%s\nwant\n%s", g, want)
	}
	if _, none := sheetFacts(nil, nil, []string{"a"}); none != nil {
		t.Errorf("no schema: facts %v", none)
	}
}
