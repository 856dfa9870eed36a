package generator

import (
	"context"
	"strings"

	"sitegen/generator/check"
	"sitegen/generator/srcerr"
)

// check runs the output check on the files in memory, before anything is
// written: a site with a broken link or a missing asset is not published.
// Unless the build is strict, broken links and anchors are warnings here too.
func (b *build) check(context.Context) error {
	var errs, links srcerr.List
	for _, f := range check.Files(b.files, check.ForBaseURL(b.site.BaseURL)) {
		e := srcerr.New(f.Page, f.Line, "output check: %s", f.Msg)
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
