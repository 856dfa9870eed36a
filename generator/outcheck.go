package generator

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"sitegen/generator/check"
	"sitegen/generator/content"
	"sitegen/generator/render"
	"sitegen/generator/srcerr"
)

// check finishes the output check, which scanned every file as the build
// made it (see emit), before the output is swapped in: a site with a
// broken link or a missing asset is not published.
// Unless the build is strict, broken links and anchors are warnings here too.
//
// A problem in a page made from a note is reported at the note, and at
// the note's line when the offending URL is written there: the author
// fixes the note, not the HTML.
func (b *build) check(context.Context) error {
	notes := map[string]*content.Page{}
	for _, p := range b.pages.Pages {
		if p.BodyLine > 0 { // made from a note, not generated
			notes[render.OutputPath(p.URL)] = p
		}
	}
	var errs, links srcerr.List
	for _, f := range b.checker.Findings() {
		e := srcerr.New(f.Page, f.Line, "output check: %s", f.Msg)
		if p := notes[f.Page]; p != nil {
			e = atNote(p, b.noteBody(p), f, b.settings.BasePath())
		}
		if strings.HasPrefix(f.Msg, "broken link") || strings.HasPrefix(f.Msg, "broken anchor") {
			links = append(links, e)
		} else {
			errs = append(errs, e)
		}
	}
	if err := b.linkProblems(links); err != nil {
		errs = append(errs, err.(srcerr.List)...)
	}
	return errs.Err()
}

// noteBody is the Markdown of note p. A build to disk let it go after
// converting it (see the markdown stage): it is read again for the few
// notes the check has something to say about.
func (b *build) noteBody(p *content.Page) []byte {
	if p.Body != nil {
		return p.Body
	}
	data, err := fs.ReadFile(b.fsys, p.File)
	if err != nil {
		return nil
	}
	again, err := content.Parse(p.File, data)
	if err != nil {
		return nil
	}
	return again.Body
}

// atNote points a finding in the page built from note p, whose Markdown
// is body, at the line of p that holds the finding's URL; when the URL
// is not in the note (it came from the theme, or the Markdown rewrote
// it), at the note as a whole, naming the output line.
func atNote(p *content.Page, body []byte, f check.Finding, basePath string) *srcerr.Error {
	if f.Value != "" {
		for _, c := range sourceForms(f.Value, basePath) {
			if i := bytes.Index(body, []byte(c)); i >= 0 {
				return srcerr.New(p.File, p.BodyLine+bytes.Count(body[:i], []byte("\n")), "output check: %s", f.Msg)
			}
		}
	}
	where := f.Page
	if f.Line > 0 {
		where = fmt.Sprintf("%s:%d", f.Page, f.Line)
	}
	return srcerr.New(p.File, 0, "output check: %s (in %s)", f.Msg, where)
}

// sourceForms lists how an output URL may have been written in Markdown,
// most exact first: as it is, with HTML entities and percent-escapes
// undone, without the base path, and (for a #fragment or a file) the
// fragment or the file name alone.
func sourceForms(value, basePath string) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); len(s) > 1 {
			for _, o := range out {
				if o == s {
					return
				}
			}
			out = append(out, s)
		}
	}
	v := html.UnescapeString(value)
	add(v)
	if u, err := url.PathUnescape(v); err == nil {
		add(u)
	}
	if basePath != "/" && strings.HasPrefix(v, basePath) {
		add("/" + strings.TrimPrefix(v, basePath))
	}
	pathPart, frag, hasFrag := strings.Cut(v, "#")
	if hasFrag && frag != "" {
		add("#" + frag)
	}
	if base := path.Base(pathPart); path.Ext(base) != "" {
		add(base)
	}
	return out
}
