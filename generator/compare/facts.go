package compare

import "html/template"

// FactsTable is a service's facts as a grouped two-column table, in
// schema order; facts the service does not state are left out, and it is
// empty when the service states none.
func FactsTable(schema *Schema, facts Facts) template.HTML {
	var view tableView
	for _, defs := range schema.grouped(schema.Defs) {
		g := groupView{Name: defs[0].Group}
		for _, d := range defs {
			if v, ok := facts[d.Key]; ok {
				c := cell(v, true)
				c.Source = v.Source
				g.Rows = append(g.Rows, rowView{Def: d, Cells: []cellView{c}})
				if on := v.CheckedOn(); on != "" && (view.Checked == "" || on < view.Checked) {
					view.Checked = on
				}
			}
		}
		if len(g.Rows) > 0 {
			view.Groups = append(view.Groups, g)
		}
	}
	if len(view.Groups) == 0 {
		return ""
	}
	return execute("facts", view)
}

// Strings prints a service's facts as "Label: value" lines in schema
// order, for the search index.
func (s *Schema) Strings(facts Facts) []string {
	var out []string
	for _, d := range s.Defs {
		if v, ok := facts[d.Key]; ok {
			if v.Stated() {
				out = append(out, d.Label+": "+v.String())
			}
		}
	}
	return out
}
