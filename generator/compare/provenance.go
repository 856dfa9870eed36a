package compare

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// A fact may be written three ways in a note's facts: map:
//
//	max_runtime: 15 minutes                    # a bare value
//	max_runtime:                               # a value with where it comes from
//	  value: 15 minutes
//	  source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
//	  as_of: 2025-05-01
//	max_memory:
//	  n/a: ECR stores images; it runs nothing  # not applicable, and why
//
// The two keys as_of and source may also stand in the facts: map itself,
// next to the facts, where they hold for every fact of the note that does
// not give its own. A learner trusts a number they can check: the tables
// print the date and link the source.

// NoteKeys are the facts: keys that describe the note's facts, not a fact.
var NoteKeys = []string{"as_of", "source"}

// Provenance says where a value comes from and when it was last checked.
type Provenance struct {
	Source string    // a URL
	AsOf   time.Time // zero when not given
	Line   int       // the fact's line in its note, for warnings
}

// CheckedOn prints AsOf as "2025-05-01", or "" when not given.
func (p Provenance) CheckedOn() string {
	if p.AsOf.IsZero() {
		return ""
	}
	return p.AsOf.Format(time.DateOnly)
}

var valueFields = []string{"value", "source", "as_of", "n/a"}

// parseFact reads one fact written in any of the three forms.
func parseFact(kind Kind, raw any) (Value, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return ParseValue(kind, raw)
	}
	for k := range m {
		if !slices.Contains(valueFields, k) {
			return Value{}, fmt.Errorf("unknown field %s%s", k, didYouMean(k, valueFields, strings.Join(valueFields, ", ")))
		}
	}
	prov, err := parseProvenance(m)
	if err != nil {
		return Value{}, err
	}
	reason, isNA := m["n/a"]
	_, hasValue := m["value"]
	switch {
	case isNA && hasValue:
		return Value{}, fmt.Errorf("give either value: or n/a:, not both")
	case isNA:
		s, ok := scalarText(reason)
		if !ok || s == "" {
			return Value{}, fmt.Errorf("n/a: want the reason the fact does not apply, got %s", describe(reason))
		}
		return Value{kind: kind, na: s, Provenance: prov}, nil
	case !hasValue:
		return Value{}, fmt.Errorf("want value: (or n/a: with a reason)")
	}
	v, err := ParseValue(kind, m["value"])
	if err != nil {
		return Value{}, err
	}
	v.Provenance = prov
	return v, nil
}

// parseProvenance reads source: and as_of: from a fact's map or a note's
// facts: map.
func parseProvenance(m map[string]any) (Provenance, error) {
	var p Provenance
	if raw, ok := m["source"]; ok {
		s, _ := raw.(string)
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return p, fmt.Errorf("source: want an http(s) URL, got %s", describe(raw))
		}
		p.Source = u.String()
	}
	if raw, ok := m["as_of"]; ok {
		t, err := parseDate(raw)
		if err != nil {
			return p, err
		}
		p.AsOf = t
	}
	return p, nil
}

// parseDate accepts YAML's date (decoded as time.Time) or "2025-05-01".
func parseDate(raw any) (time.Time, error) {
	switch v := raw.(type) {
	case time.Time:
		return v, nil
	case string:
		if t, err := time.Parse(time.DateOnly, strings.TrimSpace(v)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("as_of: want a date such as 2025-05-01, got %s", describe(raw))
}

// NA reports whether the fact is marked not applicable, and why.
func (v Value) NA() (string, bool) { return v.na, v.na != "" }

// Stated reports whether the value states something (it is neither
// missing nor n/a): only stated values make cards and quiz answers.
func (v Value) Stated() bool { return v.kind != "" && v.na == "" }
