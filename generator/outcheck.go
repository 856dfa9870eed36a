package generator

import (
	"context"

	"sitegen/generator/check"
	"sitegen/generator/srcerr"
)

// check runs the output check on the files in memory, before anything is
// written: a site with a broken link or a missing asset is not published.
func (b *build) check(context.Context) error {
	var errs srcerr.List
	for _, f := range check.Files(b.files, check.ForBaseURL(b.site.BaseURL)) {
		errs.Add(srcerr.New(f.Page, f.Line, "output check: %s", f.Msg))
	}
	return errs.Err()
}
