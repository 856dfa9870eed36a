package compare

import "html/template"

// Matrix is every service against every fact of the schema, with the
// markup and options of Table and a service picker (WithPicker); facts
// no service states are left out.
func Matrix(schema *Schema, services []Service, opts ...Option) template.HTML {
	opts = append([]Option{WithCaption("Every service, fact by fact"), WithPicker()}, opts...)
	return comparison(schema, services, schema.grouped(schema.Defs), opts)
}

// Missing lists the facts each service does not state, as "lambda:
// storage", services in the order given and facts in schema order.
func Missing(schema *Schema, services []Service) []string {
	var out []string
	for _, s := range services {
		for _, d := range schema.Defs {
			if _, ok := s.Facts[d.Key]; !ok {
				out = append(out, s.Slug+": "+d.Key)
			}
		}
	}
	return out
}
