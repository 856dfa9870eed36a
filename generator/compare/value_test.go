package compare

import (
	"slices"
	"strings"
	"testing"

	"sitegen/generator/content"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		kind Kind
		raw  any
		want string
	}{
		{KindDuration, "15m", "15 min"},
		{KindDuration, "15 min", "15 min"},
		{KindDuration, "15 minutes", "15 min"},
		{KindDuration, "15 Minutes", "15 min"},
		{KindDuration, "900s", "15 min"},
		{KindDuration, "1h30m", "1 h 30 min"},
		{KindDuration, "1 hour, 30 minutes", "1 h 30 min"},
		{KindDuration, "1.5 h", "1 h 30 min"},
		{KindDuration, "2 hours", "2 h"},
		{KindDuration, "90 seconds", "1 min 30 s"},
		{KindDuration, "2 days", "2 d"},
		{KindDuration, "unlimited", "Unlimited"},
		{KindDuration, "None", "Unlimited"},
		{KindDuration, "no  limit", "Unlimited"},
		{KindSize, "10GB", "10 GB"},
		{KindSize, "10 GB", "10 GB"},
		{KindSize, "10 GiB", "10 GB"},
		{KindSize, "10240 MB", "10 GB"},
		{KindSize, "10,240 MB", "10 GB"},
		{KindSize, "512 MB", "512 MB"},
		{KindSize, "512mb", "512 MB"},
		{KindSize, "1536 MB", "1.5 GB"},
		{KindSize, "3008 MB", "3008 MB"},
		{KindSize, "0.5 TB", "512 GB"},
		{KindSize, "100 bytes", "100 B"},
		{KindSize, "unlimited", "Unlimited"},
		{KindBool, true, "Yes"},
		{KindBool, false, "No"},
		{KindBool, "yes", "Yes"},
		{KindBool, "No", "No"},
		{KindBool, "TRUE", "Yes"},
		{KindText, "Docker  containers\non EC2 ", "Docker containers on EC2"},
		{KindText, 42, "42"},
		{KindText, 1.5, "1.5"},
		{KindList, []any{"Node.js", "Python", 3}, "Node.js, Python, 3"},
		{KindList, "Any Docker image", "Any Docker image"},
	}
	for _, tt := range tests {
		v, err := ParseValue(tt.kind, tt.raw)
		if err != nil {
			t.Errorf("ParseValue(%s, %#v): %v", tt.kind, tt.raw, err)
			continue
		}
		if got := v.String(); got != tt.want || v.Kind() != tt.kind {
			t.Errorf("ParseValue(%s, %#v) = %s %q, want %q", tt.kind, tt.raw, v.Kind(), got, tt.want)
		}
	}
}

func TestParseValueSingleItemList(t *testing.T) {
	v, err := ParseValue(KindList, "Any Docker image")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Items(); !slices.Equal(got, []string{"Any Docker image"}) {
		t.Errorf("items = %q", got)
	}
}

func TestParseValueErrors(t *testing.T) {
	tests := []struct {
		kind Kind
		raw  any
		want string
	}{
		{KindBool, "maybe", `want yes/no (true or false), got "maybe"`},
		{KindBool, 1, `want yes/no (true or false), got 1`},
		{KindDuration, "soon", `want a duration such as 15 min, 1 h 30 min or unlimited, got "soon"`},
		{KindDuration, 900, `want a duration such as 15 min, 1 h 30 min or unlimited, got 900`},
		{KindDuration, "15", `want a duration such as 15 min, 1 h 30 min or unlimited, got "15"`},
		{KindDuration, "15 fortnights", `want a duration such as 15 min, 1 h 30 min or unlimited, got "15 fortnights"`},
		{KindDuration, "-5 min", `want a duration such as 15 min, 1 h 30 min or unlimited, got "-5 min"`},
		{KindSize, "big", `want a size such as 512 MB or 10 GB, got "big"`},
		{KindSize, "10 GB 5 MB", `want a size such as 512 MB or 10 GB, got "10 GB 5 MB"`},
		{KindSize, 10240, `want a size such as 512 MB or 10 GB, got 10240`},
		{KindText, true, `want text or a number, got true`},
		{KindText, []any{"a"}, `want text or a number, got a list`},
		{KindText, nil, `want text or a number, got nothing`},
		{KindText, " ", `want text or a number, got an empty string`},
		{KindList, map[string]any{"a": 1}, `want a list or a single item, got a map`},
		{KindList, []any{}, `want a list or a single item, got an empty list`},
		{KindList, []any{"a", []any{"b"}}, `item 2: want text or a number, got a list`},
		{KindList, []any{"a", nil}, `item 2: want text or a number, got nothing`},
	}
	for _, tt := range tests {
		_, err := ParseValue(tt.kind, tt.raw)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseValue(%s, %#v) error = %v, want %s", tt.kind, tt.raw, err, tt.want)
		}
	}
}

func mustValue(t *testing.T, kind Kind, raw any) Value {
	t.Helper()
	v, err := ParseValue(kind, raw)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestValueCompare(t *testing.T) {
	tests := []struct {
		kind        Kind
		a, b        any
		equal, less bool
	}{
		{KindDuration, "15 min", "900s", true, false},
		{KindDuration, "15 min", "1 h", false, true},
		{KindDuration, "1 h", "15 min", false, false},
		{KindDuration, "100 days", "unlimited", false, true},
		{KindDuration, "unlimited", "100 days", false, false},
		{KindDuration, "none", "unlimited", true, false},
		{KindSize, "10 GB", "10240 MB", true, false},
		{KindSize, "512 MB", "10 GB", false, true},
		{KindBool, false, "yes", false, true},
		{KindBool, "yes", true, true, false},
		{KindText, "apple", "Banana", false, true},
		{KindText, "same", "same", true, false},
		{KindList, []any{"a", "b"}, []any{"b", "a"}, true, false},
		{KindList, []any{"a"}, []any{"a", "b"}, false, true},
	}
	for _, tt := range tests {
		a, b := mustValue(t, tt.kind, tt.a), mustValue(t, tt.kind, tt.b)
		if got := a.Equal(b); got != tt.equal {
			t.Errorf("%v Equal %v = %v", tt.a, tt.b, got)
		}
		if got := a.Less(b); got != tt.less {
			t.Errorf("%v Less %v = %v", tt.a, tt.b, got)
		}
	}
	if mustValue(t, KindText, "Yes").Equal(mustValue(t, KindBool, "yes")) {
		t.Error("values of different kinds are equal")
	}
}

func testSchema(t *testing.T) *Schema {
	t.Helper()
	s, err := ParseSchema("content/_facts.yaml", []byte(`groups: [Basics, Limits, Pricing]
facts:
  - key: what_it_runs
    label: What it runs
    description: The kind of workload.
    kind: text
    group: Basics
  - key: serverless
    label: Serverless
    kind: bool
    group: Basics
  - key: max_runtime
    label: Max run time
    description: Longest a single run may last.
    kind: duration
    group: Limits
  - key: max_memory
    label: Max memory
    kind: size
    group: Limits
  - key: storage
    label: Storage
    kind: text
    group: Limits
  - key: runtimes
    label: Runtimes
    kind: list
    group: Limits
  - key: billing
    label: Billing
    kind: list
    group: Pricing
`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestValidate(t *testing.T) {
	s := testSchema(t)
	facts, err := s.Validate("content/services/lambda.md", []content.Fact{
		{Key: "serverless", Value: "maybe", Line: 8},
		{Key: "max_runtme", Value: "15 minutes", Line: 9},
		{Key: "max_memory", Value: "10 GB", Line: 10},
		{Key: "colour", Value: "red", Line: 11},
		{Key: "max_memory", Value: "1 GB", Line: 12},
		{Key: "runtimes", Value: []any{"Go", "Python"}, Line: 13},
	})
	want := []string{
		`content/services/lambda.md:8: facts.serverless: want yes/no (true or false), got "maybe"`,
		`content/services/lambda.md:9: facts.max_runtme: unknown fact (did you mean max_runtime?)`,
		`content/services/lambda.md:11: facts.colour: unknown fact (not in content/_facts.yaml)`,
		`content/services/lambda.md:12: facts.max_memory: given twice (first on line 10)`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	if len(facts) != 2 || facts["max_memory"].String() != "10 GB" || facts["runtimes"].String() != "Go, Python" {
		t.Errorf("valid facts = %v", facts)
	}
}

func TestStrings(t *testing.T) {
	s := testSchema(t)
	facts, err := s.Validate("x.md", []content.Fact{
		{Key: "runtimes", Value: []any{"Go", "Python"}},
		{Key: "max_runtime", Value: "900s"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Max run time: 15 min", "Runtimes: Go, Python"}
	if got := s.Strings(facts); !slices.Equal(got, want) {
		t.Errorf("Strings = %q, want %q", got, want)
	}
}
