// Package search builds the full-text search index of a site: a set of small
// static files that themes/default/assets/search.js downloads piece by piece,
// so that a query fetches only the parts of the index it needs.
//
// It takes the pages as plain text already split at headings (Doc), never
// HTML, and it knows nothing of templates or where the files are written:
// Indexer.Build returns file contents keyed by their path under the site's
// /search/ folder, and the render stage writes them.
//
// # Terms
//
// Text is folded (lower case, NFKD, combining marks dropped, so "Café" is
// "cafe") and split into words: runs of letters and digits, with apostrophes
// inside words dropped; each Han, Hiragana or Katakana character is a word of
// its own. A few English stop words, single letters and words longer than 40
// characters are not indexed. Words of four or more ASCII letters go through
// Stem, a light English suffix stripper. search.js repeats these steps for a
// query; testdata/terms.txt is checked on both sides.
//
// # Ranking
//
// Each (term, page) pair gets a weight byte at build time: in its top two
// bits the best field holding the term (3: title or alias, 2: heading, 1:
// summary, facts or tags, 0: body only), in its low six a BM25F weight,
// 1–63: tf' = Σ boost·tf / (1 − b + b·len/avglen) over the fields title
// (boost 5), headings (3), facts and tags (2) and body (1), then
// w = tf' / (k1 + tf') with k1 = 1.2. Lengths, the page's and the
// averages, are rounded down to their four most significant bits: so
// weighed, a page that gains or loses a few words keeps the weights of
// the terms it still holds, and a rebuild after such an edit compresses
// again only the postings of the terms it touched. The client ranks by
// the field first, so that a title match outranks any number of body
// matches, then by the BM25F weight and the term's IDF (from the
// document frequency stored in the vocabulary). Each posting also says in
// which parts (heading sections) of the page the term occurs, so that
// the words of one expression can be required to be near each other.
//
// # Files
//
// Every file but the page shards is a gzip stream (the client checks the
// magic number, in case a server has already decoded it); a page shard
// holds a gzip stream per page. Apart from manifest.bin the files live in
// a directory named after a hash of their contents (of the SHA-256 of
// each file and page record), so a new build never mixes with files
// cached from an old one.
//
//	manifest.bin   JSON: {"v":3,"dir":D,"docs":N,"shard":S,"terms":T,"vocab":[[first term, its ordinal]…],
//	               "post":[first ordinal…],"low":[listing pages…],"syn":[[expression…]…]}
//	               low: the page numbers of section and home pages (Doc.Listing);
//	               syn: synonym groups (BuiltinSynonyms, then the site's), each
//	               expression as its terms joined by spaces
//	D/v/<k>.bin    vocabulary block k: its terms in sorted order (UTF-16 code
//	               unit order, as JavaScript compares strings), front-coded:
//	               shared-prefix length in bytes (a byte), suffix length (a
//	               byte), suffix (UTF-8), document frequency (uvarint)
//	D/p/<k>.bin    postings shard k: for each term ordinal from post[k] up to
//	               post[k+1]: byte length (uvarint), then per page: page
//	               number delta (uvarint), weight (field and BM25F, a byte), part set (bit p%7
//	               of byte p/7, the high bit set on all bytes but the last)
//	D/d/<k>.bin    page shard k: the records of pages kS up to (k+1)S−1 (S
//	               pages, the last shard fewer). A header of one little-endian
//	               uint32 per record, the byte offset in the file where the
//	               record ends, then the records, each a gzip stream of its
//	               own: UTF-8 lines: URL, title, section, facts (joined
//	               by tabs), summary, then three lines per part: anchor, heading, text;
//	               white space is collapsed, so no field holds a line break
//
// Pages are numbered in URL order. The vocabulary is cut into blocks of
// about 4 KB and the postings into shards of about 8 KB, both ranges of the
// sorted term list, and the manifest lists where each starts: a query term
// costs one vocabulary block and one postings shard. The cuts depend on
// the content around them (build.go, cutAfter), so that a term added or
// dropped moves no cut but nearby ones. Page records are fetched only for
// the results shown, for their titles and snippets, and for checking
// quoted phrases.
//
// Page records are packed into shards so that a site of 7,000 pages
// writes about 110 page shards, not 7,000 page files (creating files is most of the
// cost of a build into an empty folder). The client reads a record with
// two Range requests: the shard's header (4S bytes), kept for the
// shard's other records, then the record. A server that ignores Range
// answers with the whole shard (about 64 pages of 1–2 KB each), which the
// client keeps and slices. The offsets sit in the shard rather than the
// manifest because the manifest is on every first query's path: there
// they would cost about 2 B gzipped per page, 21 KB at 10,000 pages
// and 200 KB at 100,000, against 4S = 256 B per shard a query touches.
// A shard holds a fixed number of pages (S = pagesPerShard, 64) rather
// than cutting by content as the postings do: the client finds a page's
// shard and the header's length by arithmetic, with nothing more in the
// manifest (content-defined cuts would need a list of first pages there,
// about 1,600 numbers at 100,000 pages), and stable cuts would not let
// a browser keep shards across builds anyway, since the directory is
// renamed whenever any file changes.
//
// Postings and page records are compressed with Huffman coding only
// (compress/flate's HuffmanOnly, gzip.go): LZ77 finds nothing in varints, and on page
// records even flate's fastest level takes twice as long, for 10–30% fewer
// bytes. The vocabulary gets flate's fastest level and the manifest its
// default level.
//
// # Rebuilding
//
// A fresh Indexer starts from nothing; one kept keeps what it can between
// builds for a dev server: pages whose Doc is unchanged, the postings of
// terms that no changed page holds, and every compressed block, postings
// shard and page shard whose content is unchanged. Both give the same bytes for the same docs.
//
// # Queries (search.js)
//
// Stop words and question filler ("how much does", "which", and the
// "service" of "which service") are dropped. The words left make
// concepts: a word, or the longest synonym expression they spell, which
// then also matches the rest of its group at 0.9 ("pricing" finds
// "billing"; "run time" is "runtime", not a synonym). A page must match
// every concept; only when none does do pages matching the most of them
// come. Section and home pages come only when no other page matches. A
// word matches itself; the word being typed also its three most frequent
// completions; a word the index neither holds nor begins, of five letters
// or more, the terms one typo away (two from eight letters), insertions,
// deletions, substitutions and swaps of neighbours counted alike, among
// the terms that share its first two letters. So a correct word is never
// read as a typo. A word that matches nothing is left out when two or
// more concepts remain; otherwise the query has no results, and a "did
// you mean" replaces each such word with its nearest term. The best
// twelve pages are then ordered again by their text: where each concept
// sits (title, heading, a fact's label, a fact or the summary, a
// section's text), whether an expression's words stand together, and how
// much of the title the query covers. A hit links to the page top when
// the title or a fact row answers (the fact is the snippet), else to the
// best section, with up to three more sections as sub-results.
// "Quoted words" match only as they are, next to each other. A query
// fetches nothing before the search box is used.
package search

// Doc is one page as the search index sees it.
type Doc struct {
	URL     string // "/services/lambda/"
	Title   string
	Aliases []string // other names of the page, weighed as its title
	Section string   // section path shown in results, e.g. "Services"
	Summary string   // weighed with the facts
	Tags    []string
	Facts   []string // "Max run time: 15 minutes"
	Parts   []Part   // the body split at headings; Parts[0] may be an intro with no anchor
	// Listing marks a page that mostly lists others (a section's index,
	// the home page): it is shown only when no other page matches.
	Listing bool
}

// Part is the text under one heading, up to the next heading.
type Part struct {
	Anchor  string // the heading's id, "" for the text before the first heading
	Heading string
	Text    string
}

// Index is the built index: file contents keyed by their slash-separated
// path relative to the site's /search/ folder. The same docs always give
// the same bytes. The byte slices may be shared with other builds of the
// same Indexer and must not be modified.
type Index struct {
	Files map[string][]byte
}
