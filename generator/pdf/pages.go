package pdf

import "regexp"

// pageObject matches the type entry of a page object: "/Type /Page" or
// "/Type/Page", ended by whitespace or a PDF delimiter, so that "/Pages"
// (the page tree) and "/PageLabel" do not match.
var pageObject = regexp.MustCompile(`/Type\s*/Page[\s/<>\[\]()%]`)

// countPages counts the pages of a PDF written by Chromium without a PDF
// library: it counts page objects in the raw bytes. That works because
// Chromium (Skia) writes object dictionaries uncompressed, with no object
// streams, and compresses content streams, so page text cannot forge a
// match. The tests check the count against poppler's pdfinfo.
func countPages(pdf []byte) int {
	return len(pageObject.FindAllIndex(pdf, -1))
}
