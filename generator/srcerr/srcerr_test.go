package srcerr

import (
	"errors"
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestErrorText(t *testing.T) {
	for _, c := range []struct {
		err  *Error
		want string
	}{
		{New("content/services/lambda.md", 7, "facts.%s: %q is not a duration", "max_runtime", "long"), `content/services/lambda.md:7: facts.max_runtime: "long" is not a duration`},
		{New("sitegen.toml", 0, "unknown key %q", "titel"), `sitegen.toml: unknown key "titel"`},
		{New("", 3, "no file"), "no file"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %s\nwant %s", got, c.want)
		}
	}
}

// TestListAdd: a List gathers every problem of a build, flattening the
// lists and wrapped errors of the stages, and sorts them by file and line.
func TestListAdd(t *testing.T) {
	var l List
	if l.Err() != nil || l.Sorted() != nil {
		t.Fatal("an empty list is no error")
	}
	l.Add(nil)
	l.Add(New("b.md", 9, "late"))
	l.Add(fmt.Errorf("render: %w", New("a.md", 2, "wrapped")))
	var inner List
	inner.Add(New("b.md", 1, "early"))
	inner.Add(New("a.md", 0, "no line"))
	l.Add(fmt.Errorf("stage: %w", inner))
	l.Add(errors.New("disk full"))
	const want = "disk full\na.md: no line\na.md:2: wrapped\nb.md:1: early\nb.md:9: late"
	err := l.Err()
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
	var back List
	if !errors.As(fmt.Errorf("build: %w", err), &back) || len(back) != 5 {
		t.Errorf("errors.As finds %d errors, want 5", len(back))
	}
	if got := l.Sorted(); len(got) != 5 || got[4].Msg != "late" {
		t.Errorf("Sorted = %v", got)
	}
}

// TestYAMLPlace: the line and message of real go.yaml.in/yaml/v3 errors, as
// a note's front matter shows them.
func TestYAMLPlace(t *testing.T) {
	for _, c := range []struct {
		src, msg string
		line     int
	}{
		{"title: Lambda\ntags: [a, b\n", "did not find expected ',' or ']'", 2}, // the line of the open bracket
		{"title: Lambda\nfacts:\n  max: 1\n\tmin: 2\n", "found a tab character that violates indentation", 4},
		{"title: Lambda\nbad: [\xff]\n", "not valid UTF-8: save the file as UTF-8", 2},
		{"title: Lambda\ntitle: Again\n", `mapping key "title" already defined at line 1`, 2},
	} {
		var v map[string]any
		err := yaml.Unmarshal([]byte(c.src), &v)
		if err == nil {
			t.Errorf("%q: yaml accepted it", c.src)
			continue
		}
		line, msg := YAMLPlace([]byte(c.src), err)
		if line != c.line || msg != c.msg {
			t.Errorf("%q (yaml: %v):\n got %d %q\nwant %d %q", c.src, err, line, msg, c.line, c.msg)
		}
	}
}
