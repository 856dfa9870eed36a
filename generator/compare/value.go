package compare

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// Facts are one service's validated facts by key.
type Facts map[string]Value

// Value is a parsed fact value of one kind. Values of the same kind
// compare with Equal and Less; the zero Value is not a valid fact.
type Value struct {
	kind      Kind
	text      string   // text
	items     []string // list
	n         int64    // duration in seconds, size in bytes
	unlimited bool     // duration, size
	yes       bool     // bool
	na        string   // why the fact does not apply; "" when it does

	Provenance // where the value comes from; zero when the note does not say
}

// Kind is the value's kind.
func (v Value) Kind() Kind { return v.kind }

// Items returns a list's items, or the printed value as one item.
func (v Value) Items() []string {
	if v.kind == KindList {
		return v.items
	}
	return []string{v.String()}
}

// String prints the value in the one form tables show: "15 min",
// "1 h 30 min", "Unlimited", "10 GB", "Yes"; a list's items joined by ", ".
func (v Value) String() string {
	if v.na != "" {
		return "n/a"
	}
	switch v.kind {
	case KindList:
		return strings.Join(v.items, ", ")
	case KindDuration:
		if v.unlimited {
			return "Unlimited"
		}
		return formatDuration(v.n)
	case KindSize:
		if v.unlimited {
			return "Unlimited"
		}
		return formatSize(v.n)
	case KindBool:
		if v.yes {
			return "Yes"
		}
		return "No"
	}
	return v.text
}

// Equal reports whether two values read the same. Lists are equal when
// they hold the same items in any order.
func (v Value) Equal(w Value) bool {
	if v.kind != w.kind || (v.na == "") != (w.na == "") {
		return false
	}
	if v.na != "" {
		return true
	}
	switch v.kind {
	case KindList:
		return slices.Equal(sortedCopy(v.items), sortedCopy(w.items))
	case KindDuration, KindSize:
		return v.unlimited == w.unlimited && (v.unlimited || v.n == w.n)
	case KindBool:
		return v.yes == w.yes
	}
	return v.text == w.text
}

// Less orders values for sorting: shorter and smaller first, Unlimited
// after any finite amount, No before Yes, text and lists alphabetically
// (case-insensitively; lists as sets, like Equal). Values of different
// kinds order by kind.
func (v Value) Less(w Value) bool {
	if v.kind != w.kind {
		return slices.Index(kindNames, string(v.kind)) < slices.Index(kindNames, string(w.kind))
	}
	if v.na != "" || w.na != "" {
		return v.na != "" && w.na == "" // n/a before any stated value
	}
	switch v.kind {
	case KindList:
		return slices.CompareFunc(sortedCopy(v.items), sortedCopy(w.items), compareText) < 0
	case KindDuration, KindSize:
		if v.unlimited || w.unlimited {
			return !v.unlimited
		}
		return v.n < w.n
	case KindBool:
		return !v.yes && w.yes
	}
	return compareText(v.text, w.text) < 0
}

func compareText(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.SortFunc(c, compareText)
	return c
}

// Validate checks a service's facts against the schema and parses each
// value. file names the note in errors; every problem is reported at its
// fact's line. The facts that are valid are returned even on error.
func (s *Schema) Validate(file string, facts []content.Fact) (Facts, error) {
	out := make(Facts, len(facts))
	seen := map[string]int{}
	var errs srcerr.List
	note := map[string]any{}
	noteLine := 0
	for _, f := range facts {
		if slices.Contains(NoteKeys, f.Key) {
			note[f.Key], noteLine = f.Value, f.Line
		}
	}
	shared, err := parseProvenance(note)
	if err != nil {
		errs = append(errs, srcerr.New(file, noteLine, "facts.%v", err))
	}
	for _, f := range facts {
		if slices.Contains(NoteKeys, f.Key) {
			continue
		}
		def, ok := s.Def(f.Key)
		if !ok {
			errs = append(errs, srcerr.New(file, f.Line, "facts.%s: unknown fact%s", f.Key, s.unknownHint(f.Key)))
			continue
		}
		if first, dup := seen[f.Key]; dup {
			errs = append(errs, srcerr.New(file, f.Line, "facts.%s: given twice (first on line %d)", f.Key, first))
			continue
		}
		seen[f.Key] = f.Line
		v, err := parseFact(def.Kind, f.Value)
		if err != nil {
			errs = append(errs, srcerr.New(file, f.Line, "facts.%s: %v", f.Key, err))
			continue
		}
		if v.Source == "" {
			v.Source = shared.Source
		}
		if v.AsOf.IsZero() {
			v.AsOf = shared.AsOf
		}
		v.Line = f.Line
		out[f.Key] = v
	}
	return out, errs.Err()
}

// unknownHint suggests the closest fact key, or names the schema file.
func (s *Schema) unknownHint(key string) string {
	if hint := didYouMean(key, s.Keys(), ""); hint != "" || s.File == "" {
		return hint
	}
	return " (not in " + s.File + ")"
}

// ParseValue parses a decoded YAML value (string, bool, number, []any)
// as kind:
//
//   - text: a string or a number.
//   - list: a YAML list of strings or numbers, or a single one (one item).
//   - duration: "15m", "15 min", "15 minutes", "900s", "1h30m", "2 hours",
//     "1.5 h", "2 days"; or "unlimited", "none", "no limit" (above any
//     finite duration). Kept to the second.
//   - size: "512 MB", "10GB", "10 GiB", "1.5 TB"; binary units (1 GB =
//     1,024 MB, the way AWS states memory); or "unlimited", "none", "no limit".
//   - bool: true/false, yes/no.
//
// Its errors say what was wanted and what was given.
func ParseValue(kind Kind, raw any) (Value, error) {
	switch kind {
	case KindText:
		s, ok := scalarText(raw)
		if !ok || s == "" {
			return Value{}, fmt.Errorf("want text or a number, got %s", describe(raw))
		}
		return Value{kind: kind, text: s}, nil
	case KindList:
		return parseList(raw)
	case KindBool:
		if b, ok := parseBool(raw); ok {
			return Value{kind: kind, yes: b}, nil
		}
		return Value{}, fmt.Errorf("want yes/no (true or false), got %s", describe(raw))
	case KindDuration:
		s, _ := raw.(string)
		if isUnlimited(s) {
			return Value{kind: kind, unlimited: true}, nil
		}
		if secs, ok := parseDuration(s); ok {
			return Value{kind: kind, n: secs}, nil
		}
		return Value{}, fmt.Errorf("want a duration such as 15 min, 1 h 30 min or unlimited, got %s", describe(raw))
	case KindSize:
		s, _ := raw.(string)
		if isUnlimited(s) {
			return Value{kind: kind, unlimited: true}, nil
		}
		if n, ok := parseSize(s); ok {
			return Value{kind: kind, n: n}, nil
		}
		return Value{}, fmt.Errorf("want a size such as 512 MB or 10 GB, got %s", describe(raw))
	}
	return Value{}, fmt.Errorf("unknown kind %q", kind)
}

func parseList(raw any) (Value, error) {
	list, isList := raw.([]any)
	if !isList {
		s, ok := scalarText(raw)
		if !ok || s == "" {
			return Value{}, fmt.Errorf("want a list or a single item, got %s", describe(raw))
		}
		return Value{kind: KindList, items: []string{s}}, nil
	}
	if len(list) == 0 {
		return Value{}, fmt.Errorf("want a list or a single item, got an empty list")
	}
	items := make([]string, len(list))
	for i, it := range list {
		s, ok := scalarText(it)
		if !ok || s == "" {
			return Value{}, fmt.Errorf("item %d: want text or a number, got %s", i+1, describe(it))
		}
		items[i] = s
	}
	return Value{kind: KindList, items: items}, nil
}

// scalarText returns a string or number as text, with runs of white space
// (from folded YAML) collapsed.
func scalarText(raw any) (string, bool) {
	switch v := raw.(type) {
	case string:
		return strings.Join(strings.Fields(v), " "), true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

// describe names a given value for an error message.
func describe(raw any) string {
	switch v := raw.(type) {
	case nil:
		return "nothing"
	case string:
		if strings.TrimSpace(v) == "" {
			return "an empty string"
		}
		return strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a map"
	}
	if s, ok := scalarText(raw); ok {
		return s
	}
	return fmt.Sprintf("%T", raw)
}

func parseBool(raw any) (bool, bool) {
	switch v := raw.(type) {
	case bool:
		return v, true
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes":
			return true, true
		case "false", "no":
			return false, true
		}
	}
	return false, false
}

func isUnlimited(s string) bool {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "unlimited", "none", "no limit":
		return true
	}
	return false
}

var durationUnits = map[string]int64{
	"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
	"m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
	"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
	"d": 86400, "day": 86400, "days": 86400,
}

// parseDuration sums "<number> <unit>" parts ("1h30m", "1 h 30 min",
// "2 hours, 15 minutes") into whole seconds.
func parseDuration(s string) (int64, bool) {
	parts, ok := quantities(s)
	if !ok {
		return 0, false
	}
	var secs float64
	for _, p := range parts {
		unit, known := durationUnits[p.unit]
		if !known {
			return 0, false
		}
		secs += p.n * float64(unit)
	}
	if secs > math.MaxInt64/2 {
		return 0, false
	}
	return int64(math.Round(secs)), true
}

// Size units are binary, as AWS states memory and storage limits.
const (
	kib = 1 << 10
	mib = 1 << 20
	gib = 1 << 30
	tib = 1 << 40
	pib = 1 << 50
)

var sizeUnits = map[string]int64{
	"b": 1, "byte": 1, "bytes": 1,
	"kb": kib, "kib": kib, "kilobyte": kib, "kilobytes": kib,
	"mb": mib, "mib": mib, "megabyte": mib, "megabytes": mib,
	"gb": gib, "gib": gib, "gigabyte": gib, "gigabytes": gib,
	"tb": tib, "tib": tib, "terabyte": tib, "terabytes": tib,
	"pb": pib, "pib": pib, "petabyte": pib, "petabytes": pib,
}

// parseSize reads one "<number> <unit>" ("10 GB", "10,240 MB") as bytes.
func parseSize(s string) (int64, bool) {
	parts, ok := quantities(strings.ReplaceAll(s, ",", ""))
	if !ok || len(parts) != 1 {
		return 0, false
	}
	unit, known := sizeUnits[parts[0].unit]
	if !known {
		return 0, false
	}
	n := parts[0].n * float64(unit)
	if n > math.MaxInt64/2 {
		return 0, false
	}
	return int64(math.Round(n)), true
}

type quantity struct {
	n    float64
	unit string // lower case
}

// quantities splits "1h30m" or "1 hour, 30 min" into number–unit pairs.
func quantities(s string) ([]quantity, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	var qs []quantity
	for s != "" {
		i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
		if i < 0 {
			return nil, false // a number without a unit
		}
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return nil, false
		}
		s = strings.TrimLeft(s[i:], " ")
		j := strings.IndexFunc(s, func(r rune) bool { return r < 'a' || r > 'z' })
		if j < 0 {
			j = len(s)
		}
		if j == 0 {
			return nil, false
		}
		qs = append(qs, quantity{n: n, unit: s[:j]})
		s = strings.TrimLeft(s[j:], " ,")
	}
	return qs, len(qs) > 0
}

func formatDuration(secs int64) string {
	if secs == 0 {
		return "0 s"
	}
	var parts []string
	for _, u := range []struct {
		size int64
		name string
	}{{86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}} {
		if q := secs / u.size; q > 0 {
			parts = append(parts, strconv.FormatInt(q, 10)+" "+u.name)
			secs -= q * u.size
		}
	}
	return strings.Join(parts, " ")
}

// formatSize prints bytes in the largest unit that gives at least 1 and
// at most two decimals: 10 GB, 1.5 GB, 512 MB, 3008 MB.
func formatSize(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{pib, "PB"}, {tib, "TB"}, {gib, "GB"}, {mib, "MB"}, {kib, "KB"}} {
		if n >= u.size && (n%u.size)*100%u.size == 0 {
			return strconv.FormatFloat(float64(n)/float64(u.size), 'f', -1, 64) + " " + u.name
		}
	}
	return strconv.FormatInt(n, 10) + " B"
}
