package generator

import (
	"context"
	"errors"
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
	broken      bool     // the schema did not parse (already reported)
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
		var errs srcerr.List
		for _, p := range b.pages.Pages {
			if len(p.Meta.Facts) > 0 {
				errs.Add(srcerr.New(p.File, p.Meta.Facts[0].Line, "facts: the site has no fact schema; add content/_facts.yaml"))
			}
		}
		return errs.Err()
	}
	schema, err := compare.ParseSchema(data.File, data.Src)
	if err != nil {
		f.broken = true // reported once here, not again by every table
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
			table, err := f.comparison(b, p, p.Meta.CompareLine, true, p.Meta.Compare, p.Meta.FactsShown)
			if err != nil {
				errs.Add(srcerr.New(p.File, p.Meta.CompareLine, "compare: %v", err))
				continue
			}
			f.tables[p] = table
		}
	}
	f.missing = compare.Missing(schema, f.sorted())
	// The matrix page is added even when a fact is wrong, so [[matrix]]
	// resolves and the other checks report only their own problems.
	errs.Add(b.addMatrix())
	return errs.Err()
}

// comparison resolves the compared names and builds their table. A
// compare: list (onPage) lists its page under "Compare with" on each
// service; a ```compare block does not. from and line place warnings.
func (f *facts) comparison(b *build, from *content.Page, line int, onPage bool, names, shown []string) (template.HTML, error) {
	var cols []compare.Service
	for _, name := range names {
		p, err := b.resolveNote(from, line, "compare", name)
		if err != nil {
			return "", fmt.Errorf("%s: %v", name, err)
		}
		svc, ok := f.services[p]
		if !ok {
			return "", fmt.Errorf("%s (%s) has no facts to compare", name, p.File)
		}
		cols = append(cols, svc)
		if onPage {
			f.compareWith[p] = append(f.compareWith[p], render.Link{Title: from.Title, URL: from.URL})
		}
	}
	// Ids differ per table: the cheat sheet shows them all on one page.
	id := "compare-" + strings.ReplaceAll(strings.Join(names, "-"), "/", "-")
	if onPage {
		id = "compare-" + from.Slug
	}
	return compare.Table(f.schema, cols, shown, compare.WithURLFor(b.href), compare.WithID(id))
}

// resolveNote finds the note a name in front matter or a block means, by
// the rule wiki links follow (content.Site.Resolve): file name, path
// ("services/lambda"), folder, slug, title or alias; a name several notes
// share means the one nearest the note it is written in, with a warning
// naming every candidate. what is the key it is written under ("compare").
func (b *build) resolveNote(from *content.Page, line int, what, name string) (*content.Page, error) {
	file := ""
	if from != nil {
		file = from.File
	}
	p, err := b.pages.Resolve(file, name)
	var amb *content.AmbiguousError
	if p != nil && errors.As(err, &amb) {
		b.warn(srcerr.New(file, line, "%s: %v", what, err))
		return p, nil
	}
	return p, err
}

// compareFence renders a ```compare block inside a note.
func (b *build) compareFence(ctx context.Context, code string, _ map[string]string) (string, error) {
	if b.facts.schema == nil {
		if b.facts.broken {
			return "", nil
		}
		return "", fmt.Errorf("the site has no fact schema; add content/_facts.yaml")
	}
	slugs, shown, err := compare.ParseFence(code)
	if err != nil {
		if fe, ok := err.(*compare.FenceError); ok {
			return "", &markdown.LineError{Line: fe.Line, Msg: fe.Msg}
		}
		return "", err
	}
	p, _ := ctx.Value(pageKey{}).(*content.Page)
	table, err := b.facts.comparison(b, p, fenceLine(p, slugs), false, slugs, shown)
	return string(table), err
}

// fenceLine is the note line of a ```compare block that names names,
// for warnings (a fence renderer is not told its line).
func fenceLine(p *content.Page, names []string) int {
	if p == nil || len(names) == 0 {
		return 0
	}
	for i, l := range strings.Split(string(p.Body), "\n") {
		if f := strings.FieldsFunc(l, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }); len(f) > 0 && f[0] == names[0] {
			return p.BodyLine + i
		}
	}
	return p.BodyLine
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
	return content.UnderBase(b.settings.BasePath(), sitePath)
}

// autoLinkTargets are the notes whose names get linked on first mention:
// every service with facts, by title and by the last segment of each alias.
func (b *build) autoLinkTargets() []markdown.AutoLinkTarget {
	if b.settings.AutoLink != nil && !*b.settings.AutoLink {
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
