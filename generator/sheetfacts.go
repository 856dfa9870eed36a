package generator

import (
	"html/template"
	"regexp"
	"strings"
	"unicode"

	"sitegen/generator/compare"
	"sitegen/generator/render"
)

// The cheat sheet prints a service's cheatsheet: bullets, then the facts
// the bullets do not already say, so nothing is printed twice; the key
// numbers (durations and sizes, from the facts' typed values) are bold
// wherever they appear.

// sheetFacts returns a service's bullets with its key numbers in bold and
// its stated, on-sheet facts that no bullet covers. schema may be nil (a
// site without facts).
func sheetFacts(schema *compare.Schema, facts compare.Facts, bullets []string) ([]template.HTML, []render.SheetFact) {
	var keys []*regexp.Regexp
	var out []render.SheetFact
	var defs []compare.Def
	if schema != nil {
		defs = schema.Defs
	}
	for _, d := range defs {
		v, ok := facts[d.Key]
		if !ok || !v.Stated() || d.OffSheet {
			continue
		}
		key := v.Kind() == compare.KindDuration || v.Kind() == compare.KindSize
		if key {
			keys = append(keys, numberPattern(v.String()))
		}
		var items []string
		for _, item := range v.Items() {
			if !covered(d.Label, item, v.Kind(), bullets) {
				items = append(items, item)
			}
		}
		if len(items) == 0 {
			continue
		}
		value := strings.Join(items, ", ")
		if v.Kind() == compare.KindBool {
			value = v.String()
		}
		out = append(out, render.SheetFact{Label: d.Label, Value: value, Key: key})
	}
	html := make([]template.HTML, len(bullets))
	for i, b := range bullets {
		html[i] = boldNumbers(b, keys)
	}
	return html, out
}

// numberPattern matches a printed duration or size in prose: "15 min"
// matches "15 minutes", "10 GB" matches "10GB", "1 h 30 min" matches
// "1 hour 30 minutes"; each unit may be written out in full.
func numberPattern(printed string) *regexp.Regexp {
	var parts []string
	for _, f := range strings.Fields(printed) {
		parts = append(parts, regexp.QuoteMeta(f)+`\w*`)
	}
	return regexp.MustCompile(`(?i)\b` + strings.Join(parts, `\s*`))
}

// boldNumbers escapes a bullet and puts every match of keys in <strong>.
func boldNumbers(bullet string, keys []*regexp.Regexp) template.HTML {
	type span struct{ from, to int }
	var spans []span
	for _, k := range keys {
		for _, m := range k.FindAllStringIndex(bullet, -1) {
			spans = append(spans, span{m[0], m[1]})
		}
	}
	var b strings.Builder
	at := 0
	for at < len(bullet) {
		next, end := len(bullet), -1
		for _, s := range spans { // the earliest, then longest, match from at
			if s.from >= at && (s.from < next || s.from == next && s.to > end) {
				next, end = s.from, s.to
			}
		}
		b.WriteString(template.HTMLEscapeString(bullet[at:next]))
		if end < 0 {
			break
		}
		b.WriteString("<strong>" + template.HTMLEscapeString(bullet[next:end]) + "</strong>")
		at = end
	}
	return template.HTML(b.String())
}

// covered reports whether one bullet already says a fact's value: for a
// yes/no fact, a bullet naming the fact's label; otherwise a bullet that
// holds the value's number (durations, sizes), or most (60%) of its words,
// matched by their start so "minutes" covers "min".
func covered(label, value string, kind compare.Kind, bullets []string) bool {
	if kind == compare.KindBool {
		value = label
	}
	want := words(value)
	if len(want) == 0 {
		return false
	}
	for _, b := range bullets {
		if (kind == compare.KindDuration || kind == compare.KindSize) && numberPattern(value).MatchString(b) {
			return true
		}
		have := words(b)
		n := 0
		for _, w := range want {
			for _, h := range have {
				if h == w || len(w) >= 3 && strings.HasPrefix(h, w) || len(h) >= 4 && strings.HasPrefix(w, h) {
					n++
					break
				}
			}
		}
		if n*10 >= len(want)*6 {
			return true
		}
	}
	return false
}

// stopWords carry no fact; they do not count when comparing a value with
// a bullet.
var stopWords = map[string]bool{"a": true, "an": true, "and": true, "the": true, "of": true, "to": true,
	"in": true, "on": true, "or": true, "for": true, "by": true, "with": true, "it": true, "is": true,
	"per": true, "your": true, "you": true, "no": false}

// words lowercases s and splits it into words of letters and digits,
// without stop words.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}
