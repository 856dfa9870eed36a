package study

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Note is a rendered note that may hold author cards.
type Note struct {
	Title, URL, Section string // URL: href of the note
	Tags                []string
	HTML                []byte // the note's body as rendered
}

// AuthorCards finds the cards a note's author wrote: each folded question
// callout (> [!question]- Front, rendered as <details class="alert
// alert-question">) with a title is a card whose back is the callout's
// body, and each "Front::Back" line of a paragraph is a card. Cards link
// to the heading above them. The rendered HTML is read rather than the
// Markdown so links, code and math on a card look as on the page.
func AuthorCards(n Note) []Card {
	// Most notes hold no card: both kinds need one of these in the HTML,
	// and a look for them costs a hundredth of parsing the page (the
	// study stage reads every note, one after another).
	if !bytes.Contains(n.HTML, []byte("alert-question")) && !bytes.Contains(n.HTML, []byte("::")) {
		return nil
	}
	nodes, err := html.ParseFragment(bytes.NewReader(n.HTML), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil
	}
	var out []Card
	anchor := ""
	add := func(front, back string) {
		front, back = strings.TrimSpace(front), strings.TrimSpace(back)
		if front == "" || back == "" {
			return
		}
		url := n.URL
		if anchor != "" {
			url += "#" + anchor
		}
		out = append(out, Card{ID: cardID("author", n.URL, front), Kind: "author", Front: front, Back: back,
			Section: n.Section, Source: n.Title, URL: url, Tags: n.Tags})
	}
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode {
			switch x.DataAtom {
			case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if id := attr(x, "id"); id != "" {
					anchor = id
				}
			case atom.Details:
				if hasClass(x, "alert-question") && !hasAttr(x, "open") {
					if front, back, ok := callout(x); ok {
						add(front, back)
					}
					return
				}
			case atom.P:
				for _, line := range strings.Split(inner(x), "\n") {
					if front, back, ok := inlineCard(line); ok {
						add(front, back)
					}
				}
				return
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, x := range nodes {
		walk(x)
	}
	return out
}

// callout splits a folded callout into its summary and its body; a
// callout without a title of its own ("Question") is no card.
func callout(d *html.Node) (front, back string, ok bool) {
	var body strings.Builder
	for c := d.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Summary {
			front = inner(c)
			continue
		}
		_ = html.Render(&body, c)
	}
	t := strings.TrimSpace(front)
	return front, body.String(), t != "" && !strings.EqualFold(t, "question")
}

// inlineCard splits "Front::Back" at the first :: that stands in text
// (not in a tag or a code span).
func inlineCard(line string) (front, back string, ok bool) {
	for i := 0; ; {
		j := strings.Index(line[i:], "::")
		if j < 0 {
			return "", "", false
		}
		at := i + j
		before := line[:at]
		inTag := strings.LastIndex(before, "<") > strings.LastIndex(before, ">")
		inCode := strings.Count(before, "<code") > strings.Count(before, "</code>")
		if !inTag && !inCode && !codeLike(line, at) {
			front, back = strings.TrimSpace(before), strings.TrimSpace(line[at+2:])
			return front, back, front != "" && back != "" && !strings.HasPrefix(back, ":")
		}
		i = at + 2
	}
}

// codeLike reports whether the :: at i joins two names (std::vector,
// Foo::Bar) rather than a question and its answer: a front that ends in
// "?" or a :: set off by a blank is always a card.
func codeLike(line string, i int) bool {
	if strings.HasSuffix(strings.TrimSpace(line[:i]), "?") {
		return false
	}
	word := func(b byte) bool {
		return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	return i > 0 && i+2 < len(line) && word(line[i-1]) && word(line[i+2])
}

func inner(x *html.Node) string {
	var b strings.Builder
	for c := x.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c)
	}
	return b.String()
}

func attr(x *html.Node, name string) string {
	for _, a := range x.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasAttr(x *html.Node, name string) bool {
	for _, a := range x.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
}

func hasClass(x *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(x, "class")) {
		if c == class {
			return true
		}
	}
	return false
}
