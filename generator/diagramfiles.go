package generator

import (
	"maps"
	"slices"

	"sitegen/generator/content"
	"sitegen/generator/srcerr"
)

// DiagramFiler is implemented by a Config.Diagrams renderer whose figures
// link files of their own (a standalone SVG of each diagram, opened full
// size): given a page's HTML, it returns the files that HTML links to, by
// output path. The build writes them beside the pages; a renderer without
// the method links nothing.
type DiagramFiler interface {
	DiagramFiles(page []byte) map[string][]byte
}

// putDiagramFiles adds the files the diagrams of pages link to, and of
// the generated diagrams when all is set (the service map, context and
// flow diagrams). The same diagram on two pages is one file.
func (b *build) putDiagramFiles(pages []*content.Page, all bool) error {
	filer, ok := b.cfg.Diagrams.(DiagramFiler)
	if !ok {
		return nil
	}
	files := map[string][]byte{}
	for _, p := range pages {
		if r := b.parsed[p]; r != nil {
			maps.Copy(files, filer.DiagramFiles(r.HTML))
		}
	}
	if all {
		for _, g := range b.generated {
			maps.Copy(files, filer.DiagramFiles([]byte(g.context+g.flows)))
		}
	}
	var errs srcerr.List
	for _, name := range slices.Sorted(maps.Keys(files)) {
		errs.Add(b.put(name, generatedSource("diagram file "+name), files[name]))
	}
	return errs.Err()
}
