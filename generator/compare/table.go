package compare

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"strings"
)

//go:embed tables.html
var tablesSrc string

// tables holds the markup of both tables; cells and row headers are shared.
var tables = template.Must(template.New("tables").Parse(tablesSrc))

// Service is one column of a comparison: its slug, title and page path.
type Service struct {
	Slug, Title, URL string
	Facts            Facts
}

// Option changes a comparison table.
type Option func(*options)

type options struct {
	id, caption string
	urlFor      func(string) string
	picker      bool
}

// WithID sets the id of the table's <div class="compare"> ("comparison").
// A page with several tables needs one id per table.
func WithID(id string) Option { return func(o *options) { o.id = id } }

// WithCaption replaces the caption made from the services' titles.
func WithCaption(caption string) Option { return func(o *options) { o.caption = caption } }

// WithPicker adds the service picker: a list of checkboxes, hidden until
// main.js shows it, that narrows the table to the services chosen and keeps
// the choice in the URL query (?services=a,b). Without JavaScript the
// reader sees the whole table.
func WithPicker() Option { return func(o *options) { o.picker = true } }

// WithURLFor maps each service's URL (a site path) to the href written,
// e.g. to prefix the site's base path. Without it URLs are written as given.
func WithURLFor(urlFor func(string) string) Option { return func(o *options) { o.urlFor = urlFor } }

// Table is the comparison of services, one column each. shown picks and
// orders the facts (all of the schema when empty): groups come in the
// order their first fact is shown, facts within a group in shown order.
// A fact no service states is left out. The error names unknown keys of
// shown; the caller adds the file and line.
func Table(schema *Schema, services []Service, shown []string, opts ...Option) (template.HTML, error) {
	if len(services) == 0 {
		return "", errors.New("no services to compare")
	}
	defs, err := schema.pick(shown)
	if err != nil {
		return "", err
	}
	return comparison(schema, services, defs, opts), nil
}

// pick returns the shown facts grouped, or all facts in schema order.
func (s *Schema) pick(shown []string) ([][]Def, error) {
	if len(shown) == 0 {
		return s.grouped(s.Defs), nil
	}
	var defs []Def
	var problems []string
	seen := map[string]bool{}
	for _, key := range shown {
		d, ok := s.Def(key)
		switch {
		case !ok:
			problems = append(problems, "unknown fact "+key+s.unknownHint(key))
		case seen[key]:
			problems = append(problems, fmt.Sprintf("fact %s is listed twice", key))
		default:
			seen[key] = true
			defs = append(defs, d)
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	var order []string
	byGroup := map[string][]Def{}
	for _, d := range defs {
		if byGroup[d.Group] == nil {
			order = append(order, d.Group)
		}
		byGroup[d.Group] = append(byGroup[d.Group], d)
	}
	groups := make([][]Def, len(order))
	for i, g := range order {
		groups[i] = byGroup[g]
	}
	return groups, nil
}

// grouped splits defs by group, in the schema's group order.
func (s *Schema) grouped(defs []Def) [][]Def {
	var groups [][]Def
	for _, g := range s.Groups {
		var in []Def
		for _, d := range defs {
			if d.Group == g {
				in = append(in, d)
			}
		}
		if len(in) > 0 {
			groups = append(groups, in)
		}
	}
	return groups
}

// The view the templates in tables.html execute.
type (
	tableView struct {
		ID, Caption, Count string
		Unstated           string // "2 not stated by every service", or ""
		Picker             bool
		Stacked            bool // at most four services: stacked as cards on a phone
		Columns            []column
		Span               int // columns of a group header row
		Groups             []groupView
		Checked            string // facts table: the oldest as_of of its facts
	}
	column struct {
		Slug, Title string
		URL         string
	}
	groupView struct {
		Name string
		Rows []rowView
	}
	rowView struct {
		Def     Def
		Differs bool
		Partial bool // some service does not state the fact
		Cells   []cellView
	}
	cellView struct {
		Col     string // the service's slug (the picker hides by it)
		Label   string // the service's title (a stacked cell's heading)
		Value   Value
		Missing bool
		List    bool
		Class   string
		NA      string // why the fact does not apply
		Source  string // facts table: where the value comes from
	}
)

func cell(v Value, ok bool) cellView {
	switch {
	case !ok:
		return cellView{Missing: true, Class: "unstated"}
	case v.na != "":
		return cellView{Value: v, Class: "na", NA: v.na}
	case v.kind == KindBool && v.yes:
		return cellView{Value: v, Class: "yes"}
	case v.kind == KindBool:
		return cellView{Value: v, Class: "no"}
	}
	return cellView{Value: v, List: v.kind == KindList}
}

// comparison renders the services × groups of defs.
func comparison(schema *Schema, services []Service, groups [][]Def, opts []Option) template.HTML {
	o := options{id: "comparison"}
	for _, opt := range opts {
		opt(&o)
	}
	view := tableView{ID: o.id, Caption: o.caption, Span: len(services) + 1,
		Picker: o.picker && len(services) > 2, Stacked: len(services) <= 4}
	titles := make([]string, len(services))
	for i, s := range services {
		c := column{Slug: s.Slug, Title: s.Title, URL: s.URL}
		if c.Title == "" {
			c.Title = s.Slug
		}
		if o.urlFor != nil && c.URL != "" {
			c.URL = o.urlFor(c.URL)
		}
		view.Columns = append(view.Columns, c)
		titles[i] = c.Title
	}
	if view.Caption == "" {
		view.Caption = "Comparison of " + joinAnd(titles)
	}
	rows, differ, partial := 0, 0, 0
	for _, defs := range groups {
		g := groupView{Name: defs[0].Group}
		for _, d := range defs {
			r, ok := compareRow(d, services)
			for i := range r.Cells {
				r.Cells[i].Col, r.Cells[i].Label = services[i].Slug, titles[i]
			}
			if !ok {
				continue
			}
			g.Rows = append(g.Rows, r)
			rows++
			if r.Differs {
				differ++
			}
			if r.Partial {
				partial++
			}
		}
		if len(g.Rows) > 0 {
			view.Groups = append(view.Groups, g)
		}
	}
	view.Count = countText(differ, rows)
	if partial > 0 {
		view.Unstated = fmt.Sprintf("%d not stated by every service", partial)
	}
	return execute("compare", view)
}

// compareRow is one fact across services; ok is false when none states it.
// A row differs when two stated values differ. A service that is silent
// about the fact says nothing either way, so it never makes a difference
// on its own: the row is Partial instead. (An n/a value is stated: "does
// not apply" differs from a value.)
func compareRow(d Def, services []Service) (rowView, bool) {
	r := rowView{Def: d}
	var first *Value
	stated, missing := 0, 0
	for _, s := range services {
		v, ok := s.Facts[d.Key]
		r.Cells = append(r.Cells, cell(v, ok))
		if !ok {
			missing++
			continue
		}
		stated++
		if first == nil {
			first = &v
		} else if !first.Equal(v) {
			r.Differs = true
		}
	}
	r.Partial = missing > 0
	return r, stated > 0
}

func countText(differ, total int) string {
	noun, verb := "facts", "differ"
	if total == 1 {
		noun = "fact"
	}
	if differ == 1 {
		verb = "differs"
	}
	return fmt.Sprintf("%d of %d %s %s", differ, total, noun, verb)
}

// joinAnd writes "A", "A and B", "A, B and C".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// execute runs one of the package's own templates. Its data is built here,
// so a failure is a bug in this package, not in content.
func execute(name string, data any) template.HTML {
	var b bytes.Buffer
	if err := tables.ExecuteTemplate(&b, name, data); err != nil {
		panic("compare: " + err.Error())
	}
	return template.HTML(b.String())
}
