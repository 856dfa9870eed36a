// Package themes embeds the default theme, so the sitegen binary builds a
// site anywhere without theme files on disk. A site overrides any file by
// putting one at the same path under its own themes/<name>/ folder.
package themes

import "embed"

// Default holds default/layouts/*.html and default/assets/*.
//
//go:embed default
var Default embed.FS
