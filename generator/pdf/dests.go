package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// The book's table of contents needs the page each note starts on. The
// printed PDF says it: Chromium writes every element id that a link
// points at as a named destination (/Dests in the catalog), each naming
// its page object, and the page tree orders the page objects. This file
// reads just that much of a PDF written by Chromium (Skia): a classic
// cross-reference table and uncompressed object dictionaries.

var (
	startXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefEntry = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])`)
	objRef    = regexp.MustCompile(`(\d+) 0 R`)
	destEntry = regexp.MustCompile(`/([^\s/\[\]<>()]+)\s*\[\s*(\d+) 0 R`)
)

// pdfObjects indexes a PDF's objects by number through its xref table.
type pdfObjects struct {
	data    []byte
	offsets map[int]int
}

func readObjects(data []byte) (*pdfObjects, error) {
	m := startXref.FindSubmatch(data[max(0, len(data)-64):])
	if m == nil {
		return nil, fmt.Errorf("no startxref")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref")) {
		return nil, fmt.Errorf("no xref table at %d", at)
	}
	lines := bytes.Split(data[at:], []byte("\n"))
	objs := &pdfObjects{data: data, offsets: map[int]int{}}
	// "xref", then subsections: "first count" and count entries.
	for i := 1; i < len(lines); {
		var first, count int
		if _, err := fmt.Sscanf(string(lines[i]), "%d %d", &first, &count); err != nil {
			break // "trailer"
		}
		i++
		for n := 0; n < count && i < len(lines); n, i = n+1, i+1 {
			e := xrefEntry.FindSubmatch(lines[i])
			if e == nil {
				return nil, fmt.Errorf("bad xref entry %q", lines[i])
			}
			if string(e[3]) == "n" {
				off, _ := strconv.Atoi(string(e[1]))
				objs.offsets[first+n] = off
			}
		}
	}
	return objs, nil
}

// dict returns object n's text up to its stream or endobj.
func (o *pdfObjects) dict(n int) []byte {
	off, ok := o.offsets[n]
	if !ok || off >= len(o.data) {
		return nil
	}
	body := o.data[off:]
	end := len(body)
	for _, kw := range []string{"endobj", "stream"} {
		if i := bytes.Index(body, []byte(kw)); i >= 0 && i < end {
			end = i
		}
	}
	return body[:end]
}

// ref returns the object number after key ("/Pages 3 0 R") in d.
func ref(d []byte, key string) (int, bool) {
	m := regexp.MustCompile(regexp.QuoteMeta(key) + `\s+(\d+) 0 R`).FindSubmatch(d)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n, true
}

// DestPages maps each named destination of a PDF written by Chromium to
// its page, counted from 1.
func DestPages(data []byte) (map[string]int, error) {
	objs, err := readObjects(data)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	trailer := data[bytes.LastIndex(data, []byte("trailer")):]
	root, ok := ref(trailer, "/Root")
	if !ok {
		return nil, fmt.Errorf("reading the PDF: no /Root")
	}
	catalog := objs.dict(root)
	pagesRoot, ok := ref(catalog, "/Pages")
	if !ok {
		return nil, fmt.Errorf("reading the PDF: no page tree")
	}
	pageNo := map[int]int{}
	var walk func(n, depth int)
	walk = func(n, depth int) {
		d := objs.dict(n)
		if depth > 32 || d == nil {
			return
		}
		kids := regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`).FindSubmatch(d)
		if kids == nil { // a page
			pageNo[n] = len(pageNo) + 1
			return
		}
		for _, k := range objRef.FindAllSubmatch(kids[1], -1) {
			kid, _ := strconv.Atoi(string(k[1]))
			walk(kid, depth+1)
		}
	}
	walk(pagesRoot, 0)

	out := map[string]int{}
	destsObj, ok := ref(catalog, "/Dests")
	if !ok {
		return out, nil
	}
	for _, m := range destEntry.FindAllSubmatch(objs.dict(destsObj), -1) {
		n, _ := strconv.Atoi(string(m[2]))
		if p, ok := pageNo[n]; ok {
			out[pdfName(m[1])] = p
		}
	}
	return out, nil
}

// pdfName decodes a PDF name's #xx escapes.
func pdfName(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
