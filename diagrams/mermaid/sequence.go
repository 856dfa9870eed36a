package mermaid

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	participantLine = regexp.MustCompile(`^(?:create\s+)?(participant|actor)\s+(.+?)(?:\s+as\s+(.+))?$`)
	messageLine     = regexp.MustCompile(`^([^:]+?)\s*(<<-->>|<<->>|-->>|->>|--x|-x|--\)|-\)|-->|->)\s*[+-]?\s*([^:]+?)\s*(?::(.*))?$`)
	noteLine        = regexp.MustCompile(`^(?i:note)\s+(left of|right of|over)\s+([^:]+?)\s*:(.*)$`)
)

// messageStyles maps a Mermaid message arrow to a D2 connection and its fields.
var messageStyles = map[string]struct {
	op     string
	fields []string
}{
	"->>":    {"->", nil},
	"-->>":   {"->", []string{"style.stroke-dash: 3"}},
	"->":     {"--", nil},
	"-->":    {"--", []string{"style.stroke-dash: 3"}},
	"-x":     {"->", []string{"target-arrowhead.shape: cross"}},
	"--x":    {"->", []string{"style.stroke-dash: 3", "target-arrowhead.shape: cross"}},
	"-)":     {"->", []string{"target-arrowhead.shape: arrow"}},
	"--)":    {"->", []string{"style.stroke-dash: 3", "target-arrowhead.shape: arrow"}},
	"<<->>":  {"<->", nil},
	"<<-->>": {"<->", []string{"style.stroke-dash: 3"}},
}

// groupWords open a group drawn as a labelled frame; nextWords start the
// next section of the group that is open (alt … else, par … and, critical
// … option). rect and box only colour or gather lanes: their contents are
// drawn, the frame is not.
var (
	groupWords = map[string]bool{"loop": true, "alt": true, "opt": true, "par": true, "critical": true, "break": true}
	nextWords  = map[string]bool{"else": true, "and": true, "option": true}
	quietWords = map[string]bool{"rect": true, "box": true}
	seqSkipped = map[string]bool{"autonumber": true, "activate": true, "deactivate": true, "destroy": true, "title": true,
		"accTitle": true, "accDescr": true, "link": true, "links": true, "properties": true, "details": true}
)

type participant struct {
	label string
	actor bool
}

type seq struct {
	keys   *keys
	people map[string]*participant
	body   strings.Builder
	frames []bool // open blocks: true for a drawn frame, false for rect/box
	groups int
	notes  int
}

func sequence(lines []line) (string, error) {
	s := &seq{keys: newKeys("p"), people: map[string]*participant{}}
	for _, l := range lines {
		if err := s.statement(l); err != nil {
			return "", err
		}
	}
	if len(s.frames) > 0 {
		return "", errorf(lines[len(lines)-1].n, "block has no end")
	}
	var b strings.Builder
	b.WriteString("shape: sequence_diagram\n")
	// Participants are declared first, in order, so that messages inside
	// groups refer to them rather than create new ones in the group.
	for _, id := range s.keys.order {
		p := s.people[id]
		key, _ := s.keys.key(id)
		b.WriteString(key + ": {\n  label: " + quote(p.label) + "\n")
		if p.actor {
			b.WriteString("  shape: person\n")
		}
		b.WriteString("}\n")
	}
	b.WriteString(s.body.String())
	return b.String(), nil
}

func (s *seq) indent() string {
	depth := 0
	for _, drawn := range s.frames {
		if drawn {
			depth++
		}
	}
	return strings.Repeat("  ", depth)
}

func (s *seq) participant(id string) string {
	id = strings.TrimSpace(id)
	key, isNew := s.keys.key(id)
	if isNew {
		s.people[id] = &participant{label: labelText(id)}
	}
	return key
}

func (s *seq) statement(l line) error {
	word, rest, _ := strings.Cut(l.text, " ")
	rest = strings.TrimSpace(rest)
	switch {
	case seqSkipped[word]:
		return nil
	case word == "end":
		if len(s.frames) == 0 {
			return errorf(l.n, "end without a block")
		}
		if s.frames[len(s.frames)-1] {
			s.frames = s.frames[:len(s.frames)-1]
			s.body.WriteString(s.indent() + "}\n")
		} else {
			s.frames = s.frames[:len(s.frames)-1]
		}
		return nil
	case groupWords[word]:
		s.openGroup(strings.TrimSpace(word + " " + labelText(rest)))
		return nil
	case nextWords[word]:
		if len(s.frames) == 0 || !s.frames[len(s.frames)-1] {
			return errorf(l.n, "%s outside a block", word)
		}
		s.frames = s.frames[:len(s.frames)-1]
		s.body.WriteString(s.indent() + "}\n")
		s.openGroup(strings.TrimSpace(word + " " + labelText(rest)))
		return nil
	case quietWords[word]:
		s.frames = append(s.frames, false)
		return nil
	}
	if m := participantLine.FindStringSubmatch(l.text); m != nil {
		s.participant(m[2])
		p := s.people[strings.TrimSpace(m[2])]
		p.actor = m[1] == "actor"
		if m[3] != "" {
			p.label = labelText(m[3])
		}
		return nil
	}
	if m := noteLine.FindStringSubmatch(l.text); m != nil {
		// D2 draws a child of a participant that nothing connects to as a
		// note on its lifeline; a note over two lanes goes on the first.
		who, _, _ := strings.Cut(m[2], ",")
		key := s.participant(who)
		s.body.WriteString(s.indent() + key + ".note" + strconv.Itoa(s.notes) + ": " + quote(labelText(m[3])) + "\n")
		s.notes++
		return nil
	}
	if m := messageLine.FindStringSubmatch(l.text); m != nil {
		from, to := s.participant(m[1]), s.participant(m[3])
		style := messageStyles[m[2]]
		s.body.WriteString(s.indent() + from + " " + style.op + " " + to)
		var fields []string
		if text := labelText(m[4]); text != "" {
			fields = append(fields, "label: "+quote(text))
		}
		fields = append(fields, style.fields...)
		if len(fields) > 0 {
			s.body.WriteString(": {" + strings.Join(fields, "; ") + "}")
		}
		s.body.WriteString("\n")
		return nil
	}
	return errorf(l.n, "cannot read %q in a sequence diagram", l.text)
}

func (s *seq) openGroup(label string) {
	s.body.WriteString(s.indent() + "g" + strconv.Itoa(s.groups) + ": {\n")
	s.frames = append(s.frames, true)
	s.body.WriteString(s.indent() + "label: " + quote(label) + "\n")
	s.groups++
}
