//go:build !linux

package render

import "errors"

// exchange has no atomic form outside Linux; swap falls back to two renames.
func exchange(a, b string) error {
	return errors.ErrUnsupported
}
