package generator

import (
	"context"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"sitegen/generator/compare"
	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// matrixURL is the generated page with every service × every fact.
const matrixURL = "/compare/matrix/"

// facts is what the facts stage learns: each service's validated facts
// and the comparison tables built from them.
type facts struct {
	schema      *compare.Schema
	services    map[*content.Page]compare.Service
	tables      map[*content.Page]template.HTML // service facts tables and comparison tables
	compareWith map[*content.Page][]render.Link
	missing     []string // "lambda: storage", for -v
}

// loadFacts validates every note's facts against content/_facts.yaml,
// builds the facts tables, the comparison tables and the matrix page.
// It runs before Markdown so ```compare blocks can use the facts.
func (b *build) loadFacts(context.Context) error {
	f := &facts{services: map[*content.Page]compare.Service{}, tables: map[*content.Page]template.HTML{},
		compareWith: map[*content.Page][]render.Link{}}
	b.facts = f
	data, ok := b.pages.Data["facts"]
	if !ok {
		for _, p := range b.pages.Pages {
			if len(p.Meta.Facts) > 0 {
				return srcerr.New(p.File, p.Meta.Facts[0].Line, "facts: the site has no fact schema; add content/_facts.yaml")
			}
		}
		return nil
	}
	schema, err := compare.ParseSchema(data.File, data.Src)
	if err != nil {
		return err
	}
	f.schema = schema
	var errs srcerr.List
	for _, p := range b.pages.Pages {
		if len(p.Meta.Facts) == 0 {
			continue
		}
		values, err := schema.Validate(p.File, p.Meta.Facts)
		errs.Add(err)
		f.services[p] = compare.Service{Slug: p.Slug, Title: p.Title, URL: p.URL, Facts: values}
		f.tables[p] = compare.FactsTable(schema, values)
	}
	for _, p := range b.pages.Pages {
		if len(p.Meta.Compare) > 0 {
			table, err := f.comparison(b, p, p.Meta.Compare, p.Meta.FactsShown)
			if err != nil {
				errs.Add(srcerr.New(p.File, 0, "compare: %v", err))
				continue
			}
			f.tables[p] = table
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	f.missing = compare.Missing(schema, f.sorted())
	return b.addMatrix()
}

// comparison resolves the compared slugs and builds their table; the
// page it is on is listed under "Compare with" on each service.
func (f *facts) comparison(b *build, on *content.Page, slugs, shown []string) (template.HTML, error) {
	var cols []compare.Service
	for _, slug := range slugs {
		p, err := b.pages.Resolve("", slug)
		if p == nil { // an ambiguous name still resolves, to the nearest note
			return "", fmt.Errorf("%s: %v", slug, err)
		}
		svc, ok := f.services[p]
		if !ok {
			return "", fmt.Errorf("%s (%s) has no facts to compare", slug, p.File)
		}
		cols = append(cols, svc)
		if on != nil {
			f.compareWith[p] = append(f.compareWith[p], render.Link{Title: on.Title, URL: on.URL})
		}
	}
	// Ids differ per table: the cheat sheet shows them all on one page.
	id := "compare-" + strings.Join(slugs, "-")
	if on != nil {
		id = "compare-" + on.Slug
	}
	return compare.Table(f.schema, cols, shown, compare.WithURLFor(b.href), compare.WithID(id))
}

// compareFence renders a ```compare block inside a note.
func (b *build) compareFence(_ context.Context, code string, _ map[string]string) (string, error) {
	if b.facts.schema == nil {
		return "", fmt.Errorf("the site has no fact schema; add content/_facts.yaml")
	}
	slugs, shown, err := compare.ParseFence(code)
	if err != nil {
		if fe, ok := err.(*compare.FenceError); ok {
			return "", &markdown.LineError{Line: fe.Line, Msg: fe.Msg}
		}
		return "", err
	}
	table, err := b.facts.comparison(b, nil, slugs, shown)
	return string(table), err
}

func (f *facts) sorted() []compare.Service {
	var out []compare.Service
	for _, s := range f.services {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}

// addMatrix adds the generated page with every service × every fact.
func (b *build) addMatrix() error {
	if len(b.facts.services) == 0 {
		return nil
	}
	p := &content.Page{File: "content/compare/ (generated matrix)", Kind: content.KindPage, Slug: "matrix",
		URL: matrixURL, Title: "All services, fact by fact",
		Meta: content.FrontMatter{Summary: "Every service against every fact, in one table.", Weight: 1000, Layout: "compare"}}
	if err := b.pages.Add(p); err != nil {
		return srcerr.New("content/compare", 0, "%v", err)
	}
	b.facts.tables[p] = compare.Matrix(b.facts.schema, b.facts.sorted(), compare.WithURLFor(b.href), compare.WithID("matrix"))
	return nil
}

// href puts a site path under the base path.
func (b *build) href(sitePath string) string {
	return b.site.BasePath() + strings.TrimPrefix(sitePath, "/")
}

// autoLinkTargets are the notes whose names get linked on first mention:
// every service with facts, by title and by the last segment of each alias.
func (b *build) autoLinkTargets() []markdown.AutoLinkTarget {
	if b.site.AutoLink != nil && !*b.site.AutoLink {
		return nil
	}
	var out []markdown.AutoLinkTarget
	for _, p := range b.pages.Pages {
		if _, ok := b.facts.services[p]; !ok {
			continue
		}
		names := []string{p.Title}
		for _, a := range p.Meta.Aliases {
			if a = strings.Trim(a, "/"); a != "" && !strings.Contains(a, "/") {
				names = append(names, strings.ReplaceAll(a, "-", " "))
			}
		}
		out = append(out, markdown.AutoLinkTarget{URL: p.URL, Names: names})
	}
	return out
}
