package generator

import (
	"context"
	"fmt"
	"strings"

	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/srcerr"
)

// embeds splices ![[Note]], ![[Note#Heading]] and ![[Note#^block]] into
// the pages that embed them. A note's HTML exists only once the markdown
// stage has rendered every note, so this runs after it (and after the
// link check, which has reported embeds of missing notes and anchors).
// Embedded parts may embed others; each part is expanded once, and a
// cycle is an error naming every note and line on it.
//
// Each page's HTML is rebuilt from its Result's Fragments, which keep the
// HTML as rendered, so running this stage again (a rebuild) is safe.
func (b *build) embeds(context.Context) error {
	x := &expander{b: b, done: map[partKey]expanded{}, busy: map[partKey]bool{}}
	var errs srcerr.List
	reported := map[error]bool{}
	for _, p := range b.pages.Pages {
		r := b.parsed[p]
		if r == nil || len(r.Embeds) == 0 {
			continue
		}
		html, err := x.part(p, "", nil)
		if err != nil {
			if !reported[err] {
				reported[err] = true
				errs.Add(err)
			}
			continue
		}
		r.HTML = html
	}
	return errs.Err()
}

type partKey struct {
	page   *content.Page
	anchor string
}

type expanded struct {
	html []byte
	err  error
}

// step is one embed on the way to a part, for the cycle message.
type step struct {
	file string
	line int
}

type expander struct {
	b    *build
	done map[partKey]expanded
	busy map[partKey]bool // parts being expanded: meeting one again is a cycle
}

// part returns the HTML of a page's part with its own embeds spliced in;
// nil (no error) when the part does not exist.
func (x *expander) part(p *content.Page, anchor string, path []step) ([]byte, error) {
	key := partKey{p, anchor}
	if e, ok := x.done[key]; ok {
		return e.html, e.err
	}
	if x.busy[key] {
		return nil, cycleError(path, p)
	}
	r := x.b.parsed[p]
	if r == nil {
		return nil, nil // the note did not render: its problems are reported
	}
	frag, ok := r.Fragment(anchor)
	if !ok {
		return nil, nil
	}
	x.busy[key] = true
	html, err := markdown.SpliceEmbeds(frag, r.Embeds, func(i int) ([]byte, error) {
		e := r.Embeds[i]
		target := x.b.pages.Page(e.URL)
		if target == nil {
			return nil, nil
		}
		return x.part(target, e.Anchor, append(path[:len(path):len(path)], step{p.File, e.Line}))
	})
	delete(x.busy, key)
	x.done[key] = expanded{html, err}
	return html, err
}

// cycleError names each embed on the cycle that leads back to p:
// "a.md:3 embeds b.md, b.md:5 embeds a.md".
func cycleError(path []step, p *content.Page) error {
	start := 0
	for i, s := range path {
		if s.file == p.File {
			start = i
			break
		}
	}
	var chain []string
	for i, s := range path[start:] {
		next := p.File
		if start+i+1 < len(path) {
			next = path[start+i+1].file
		}
		chain = append(chain, fmt.Sprintf("%s:%d embeds %s", s.file, s.line, next))
	}
	first := path[start]
	return srcerr.New(first.file, first.line, "embed cycle: %s", strings.Join(chain, ", "))
}
