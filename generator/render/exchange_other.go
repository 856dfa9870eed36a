//go:build !linux && !darwin

package render

import "errors"

// exchange has no atomic form here (Windows has no exchange of two
// folders); the swap falls back to two renames with a rollback.
func exchange(a, b string) error {
	return errors.ErrUnsupported
}
