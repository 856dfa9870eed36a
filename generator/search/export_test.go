package search

// Test-only helpers, kept out of the package's API: the build uses an
// Indexer (incremental), never a one-shot Build.

// Size returns the total number of bytes in ix.Files.
func (ix *Index) Size() int {
	n := 0
	for _, b := range ix.Files {
		n += len(b)
	}
	return n
}

// Build indexes docs with a fresh Indexer. The order of docs does not
// matter. It fails on a page without a URL or on two pages with the same
// URL.
func Build(docs []Doc) (*Index, error) {
	return NewIndexer().Build(docs)
}

// Tokens returns the folded words of s, stop words included: the form
// that exact-phrase queries compare.
func Tokens(s string) []string {
	var out []string
	words(fold(s), func(w []byte) { out = append(out, string(w)) })
	return out
}
