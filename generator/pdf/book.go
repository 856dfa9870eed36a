package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A study book is the whole site as one document: a cover, a table of
// contents, then every section and note in reading order, each starting
// on a new page. ComposeBook writes it as one HTML page from the built
// site's pages (their <article>, with the site's own stylesheets), so
// the book shows exactly what the site shows: facts, comparison tables
// and diagrams as inline SVG, i.e. vectors. Links between notes become
// links inside the document, which Chromium prints as PDF-internal links.

//go:embed book.css
var bookCSS string

// BookPage is one page of the book, in reading order.
type BookPage struct {
	URL     string // the built page's URL path, without the base path
	Title   string
	Depth   int  // 1 for a top-level section or note, 2 inside it, …
	Section bool // a section: its notes follow
}

// Book is what ComposeBook needs.
type Book struct {
	Title, Description, Date, Language string
	BasePath                           string            // the site's base path ("/" or "/docs/")
	Files                              map[string][]byte // the built site: output path → bytes
	Pages                              []BookPage
}

// BookID is the element id of a book page's start: the anchor links to
// it jump to, and the named destination the table of contents reads its
// page number from.
func BookID(url string) string {
	s := strings.Trim(url, "/")
	if s == "" {
		return "book-home"
	}
	return "book-" + strings.NewReplacer("/", "-", ".", "-").Replace(s)
}

// ComposeBook returns the book's HTML. Its table of contents leaves the
// page numbers empty (each in a span with data-page-of="ID"); the printer
// fills them in after a first print.
func ComposeBook(b Book) ([]byte, error) {
	inBook := map[string]string{} // URL → id
	for _, p := range b.Pages {
		inBook[p.URL] = BookID(p.URL)
	}
	var styles []string
	var notes strings.Builder
	for _, p := range b.Pages {
		file := strings.TrimPrefix(p.URL, "/") + "index.html"
		if !strings.HasSuffix(p.URL, "/") {
			file = strings.TrimPrefix(p.URL, "/")
		}
		src, ok := b.Files[file]
		if !ok {
			return nil, fmt.Errorf("book: %s: the built site has no %s", p.URL, file)
		}
		doc, err := html.Parse(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("book: %s: %w", file, err)
		}
		if styles == nil {
			styles = stylesheets(doc)
		}
		body := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Main })
		if a := find(body, func(n *html.Node) bool { return n.DataAtom == atom.Article }); a != nil {
			body = a
		}
		if body == nil {
			return nil, fmt.Errorf("book: %s: the page has no <main>", file)
		}
		r := rewriter{id: BookID(p.URL), shift: p.Depth - 1, base: b.BasePath, inBook: inBook}
		r.walk(body, false)
		kind := "book-note"
		if p.Section {
			kind = "book-section"
		}
		fmt.Fprintf(&notes, "<div class=\"book-page %s\" id=\"%s\">", kind, r.id)
		for c := body.FirstChild; c != nil; c = c.NextSibling {
			if err := html.Render(&notes, c); err != nil {
				return nil, err
			}
		}
		notes.WriteString("</div>\n")
	}

	var out bytes.Buffer
	esc := template.HTMLEscapeString
	fmt.Fprintf(&out, "<!doctype html>\n<html lang=\"%s\" data-site-title=\"%s\" data-theme=\"light\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n",
		esc(b.Language), esc(b.Title), esc(b.Title))
	for _, href := range styles {
		fmt.Fprintf(&out, "<link rel=\"stylesheet\" href=\"%s\">\n", esc(href))
	}
	fmt.Fprintf(&out, "<style>\n%s\n@page { @bottom-left { content: %s; } }\n</style>\n</head>\n<body class=\"book\">\n", bookCSS, cssString(b.Title))
	fmt.Fprintf(&out, "<section class=\"book-cover\">\n<p class=\"book-kicker\">Study book</p>\n<p class=\"book-title\">%s</p>\n", esc(b.Title))
	if b.Description != "" {
		fmt.Fprintf(&out, "<p class=\"book-description\">%s</p>\n", esc(b.Description))
	}
	fmt.Fprintf(&out, "<p class=\"book-date\">%s</p>\n</section>\n", esc(b.Date))
	out.WriteString("<nav class=\"book-toc\" aria-labelledby=\"book-contents\">\n<h1 id=\"book-contents\">Contents</h1>\n<ol>\n")
	for _, p := range b.Pages {
		id := BookID(p.URL)
		fmt.Fprintf(&out, "<li class=\"book-toc-depth-%d%s\"><a href=\"#%s\"><span class=\"book-toc-title\">%s</span><span class=\"book-toc-page\" data-page-of=\"%s\"></span></a></li>\n",
			min(p.Depth, 4), map[bool]string{true: " book-toc-section"}[p.Section], id, esc(p.Title), id)
	}
	out.WriteString("</ol>\n</nav>\n<main class=\"book-body\">\n")
	out.WriteString(notes.String())
	out.WriteString("</main>\n</body>\n</html>\n")
	return out.Bytes(), nil
}

// TOCScript fills the table of contents' page numbers: pages maps a book
// page's id to its page in the PDF.
func TOCScript(pages map[string]int) string {
	nums := map[string]string{}
	for id, n := range pages {
		nums[id] = strconv.Itoa(n)
	}
	return `((pages) => { for (const el of document.querySelectorAll("[data-page-of]")) el.textContent = pages[el.dataset.pageOf] || ""; })(` +
		jsObject(nums) + `)`
}

func jsObject(m map[string]string) string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for k, v := range m {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(jsString(k) + ":" + jsString(v))
	}
	b.WriteByte('}')
	return b.String()
}

// stylesheets lists the hrefs of a page's <link rel=stylesheet>.
func stylesheets(doc *html.Node) []string {
	out := []string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.DataAtom == atom.Link && attr(n, "rel") == "stylesheet" {
			out = append(out, attr(n, "href"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// rewriter makes one page's article fit in the book: its ids move under
// the page's own id (every page has an "overview"), links to pages in the
// book become links inside it, and headings move down one level per
// depth, so the PDF outline nests notes under their sections.
type rewriter struct {
	id     string
	shift  int
	base   string
	inBook map[string]string
}

var heading = regexp.MustCompile(`^h([1-6])$`)

// idAttrs hold ids or lists of ids; they move with the ids.
var idAttrs = map[string]bool{"id": true, "for": true, "aria-labelledby": true, "aria-describedby": true, "aria-controls": true, "headers": true}

func (r *rewriter) walk(n *html.Node, inSVG bool) {
	if n.Type == html.ElementNode {
		inSVG = inSVG || n.DataAtom == atom.Svg
		if m := heading.FindStringSubmatch(n.Data); m != nil && !inSVG && r.shift > 0 {
			level, _ := strconv.Atoi(m[1])
			n.Data = "h" + strconv.Itoa(min(level+r.shift, 6))
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
		for i, a := range n.Attr {
			switch {
			case inSVG && a.Key != "href": // SVG ids are referenced by url(#…); D2 makes them unique
			case idAttrs[a.Key] && a.Namespace == "":
				ids := strings.Fields(a.Val)
				for j, id := range ids {
					ids[j] = r.id + "--" + id
				}
				n.Attr[i].Val = strings.Join(ids, " ")
			case a.Key == "href" && (n.DataAtom == atom.A || inSVG):
				n.Attr[i].Val = r.link(a.Val, inSVG)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, inSVG)
	}
}

// link rewrites one href: "#x" on the page, "/base/services/lambda/#x"
// to a page in the book; anything else is kept.
func (r *rewriter) link(href string, inSVG bool) string {
	if frag, ok := strings.CutPrefix(href, "#"); ok {
		if inSVG || frag == "" {
			return href
		}
		return "#" + r.id + "--" + frag
	}
	path, frag, _ := strings.Cut(href, "#")
	rel, ok := strings.CutPrefix(path, r.base)
	if !ok {
		return href
	}
	id, ok := r.inBook["/"+rel]
	if !ok {
		return href
	}
	if frag != "" {
		return "#" + id + "--" + frag
	}
	return "#" + id
}
