//go:build !unix

package sitefs

import "os"

func openRegular(name string) (*os.File, error) { return os.Open(name) }
