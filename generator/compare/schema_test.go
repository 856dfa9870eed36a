package compare

import (
	"slices"
	"strings"
	"testing"
)

const goodSchema = `groups: [Basics, Limits]
facts:
  - key: serverless
    label: Serverless
    description: No servers to manage.
    kind: bool
    group: Basics
  - key: what_it_runs
    label: What it runs
    group: Basics
  - key: max_runtime
    label: Max run time
    kind: duration
    group: Limits
`

func TestParseSchema(t *testing.T) {
	s, err := ParseSchema("content/_facts.yaml", []byte(goodSchema))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Groups, []string{"Basics", "Limits"}) {
		t.Errorf("groups = %v", s.Groups)
	}
	if got := s.Keys(); !slices.Equal(got, []string{"serverless", "what_it_runs", "max_runtime"}) {
		t.Errorf("keys = %v", got)
	}
	d, ok := s.Def("what_it_runs")
	if !ok || d.Kind != KindText || d.Line != 8 || d.Group != "Basics" {
		t.Errorf("what_it_runs = %+v, %v; want text kind by default, line 8", d, ok)
	}
	if d, _ := s.Def("serverless"); d.Description != "No servers to manage." || d.Label != "Serverless" {
		t.Errorf("serverless = %+v", d)
	}
}

func TestParseSchemaErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown kind", `groups: [Limits]
facts:
  - key: max_runtime
    label: Max run time
    kind: durration
    group: Limits
`, []string{`f.yaml:5: fact max_runtime: unknown kind "durration" (did you mean duration?)`}},
		{"unknown kind far off", `groups: [Limits]
facts:
  - key: a
    label: A
    kind: colour
    group: Limits
`, []string{`f.yaml:5: fact a: unknown kind "colour" (want text, list, duration, size, bool)`}},
		{"duplicate key", `groups: [Limits]
facts:
  - key: a
    label: A
    group: Limits
  - key: a
    label: A again
    group: Limits
`, []string{`f.yaml:6: fact a: duplicate key (first on line 3)`}},
		{"group not in groups", `groups: [Basics, Limits]
facts:
  - key: a
    label: A
    group: Limit
`, []string{`f.yaml:5: fact a: group "Limit" is not in groups (did you mean Limits?)`}},
		{"missing key and label", `groups: [Limits]
facts:
  - label: A
    group: Limits
  - key: b
    group: Limits
`, []string{`f.yaml:3: fact 1: missing key`, `f.yaml:5: fact b: missing label`}},
		{"missing group", `groups: [Limits]
facts:
  - key: a
    label: A
`, []string{`f.yaml:3: fact a: missing group (one of Limits)`}},
		{"unknown field", `groups: [Limits]
facts:
  - key: a
    lable: A
    label: A
    group: Limits
`, []string{`f.yaml:4: fact a: unknown field lable (did you mean label?)`}},
		{"bad key", `groups: [Limits]
facts:
  - key: Max run
    label: A
    group: Limits
`, []string{`f.yaml:3: fact Max run: key "Max run": want lower-case letters, digits and _ (max_runtime)`}},
		{"no groups", `facts:
  - key: a
    label: A
`, []string{`f.yaml:1: missing groups: (the display order of fact groups)`}},
		{"duplicate group and unknown top key", `groups: [A, A]
fact: []
`, []string{`f.yaml:1: groups: A is listed twice`, `f.yaml:1: missing facts: (the list of facts)`, `f.yaml:2: unknown key fact (did you mean facts?)`}},
		{"yaml syntax", "groups: [A\nfacts: x\n", []string{`f.yaml:2: did not find expected ',' or ']'`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSchema("f.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}
