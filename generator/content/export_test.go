package content

import (
	"path"
	"strings"
)

// Parse makes a page from a file's path from the site folder and its
// bytes, for tests of one note. The content root is content/ when name is
// under it; any index name (_index, index, README) makes the folder's page.
func Parse(name string, src []byte) (*Page, error) {
	root := "."
	if strings.HasPrefix(name, "content/") {
		root = "content"
	}
	return parse(root, name, src, indexRank(path.Base(name)) > 0)
}
