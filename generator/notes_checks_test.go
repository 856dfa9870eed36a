package generator

// What each notes fixture must render (see notes_test.go): one function per
// fixture, each assertion named after the syntax or rule of issue 11 it shows.

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// wantLinks fails for each target that page from does not link to.
func wantLinks(t *testing.T, s *notesSite, from string, targets ...string) {
	t.Helper()
	for _, target := range targets {
		if !s.hasLink(from, target) {
			t.Errorf("%s: no link to %s", from, target)
		}
	}
}

// wantMainLinks is wantLinks over the whole <main> of the page.
func wantMainLinks(t *testing.T, s *notesSite, from string, targets ...string) {
	t.Helper()
	for _, target := range targets {
		if !s.mainHasLink(from, target) {
			t.Errorf("%s: no link to %s", from, target)
		}
	}
}

// linkByText is where the first link in from's prose with the given text
// leads (a tag's text may come without its "#").
func linkByText(t *testing.T, s *notesSite, from, text string) string {
	t.Helper()
	for _, l := range links(s.prose(from), "a", "href") {
		if l.text == text || strings.HasPrefix(text, "#") && l.text == text[1:] {
			if p, _, ok := resolve(from, l.href); ok {
				return p
			}
		}
	}
	t.Errorf("%s: no link with text %q", from, text)
	return ""
}

// wantText fails unless the prose text of page u holds every s (or, with
// a leading "!", does not hold it).
func wantText(t *testing.T, s *notesSite, u string, texts ...string) {
	t.Helper()
	got := textOf(s.prose(u))
	for _, want := range texts {
		if no, ok := strings.CutPrefix(want, "!"); ok {
			if strings.Contains(got, no) {
				t.Errorf("%s shows %q", u, no)
			}
		} else if !strings.Contains(got, want) {
			t.Errorf("%s does not show %q", u, want)
		}
	}
}

// wantFile fails unless an element under n points (tag attr, resolved from
// page u) at the output copy of the source file src.
func wantFile(t *testing.T, s *notesSite, u string, n *html.Node, tag, attr, src string) *html.Node {
	t.Helper()
	for _, l := range links(n, tag, attr) {
		if p, _, ok := resolve(u, l.href); ok && s.sameBytes(p, src) {
			return l.node
		}
	}
	t.Errorf("%s: no <%s %s> pointing at a copy of %s", u, tag, attr, src)
	return nil
}

// details finds the <details> whose <summary> holds title.
func details(n *html.Node, title string) *html.Node {
	return findNode(n, func(n *html.Node) bool {
		if n.Data != "details" {
			return false
		}
		sum := findNode(n, func(c *html.Node) bool { return c.Data == "summary" })
		return sum != nil && strings.Contains(textOf(sum), title)
	})
}

func checkObsidianVault(t *testing.T, s *notesSite) {
	// Links: by name from another folder, by path, with .md, to a heading
	// by its text, to a block id, to a heading of the same note, by a
	// single-string alias, and with a label inside a table.
	wantLinks(t, s, "/welcome/", "/courses/networks/tcp-handshake/", "/courses/probability/",
		"/courses/linear-algebra/", "/courses/probability/#bayes-rule", "/courses/linear-algebra/#*",
		"/welcome/#today", "/reference/protein-folding/")
	if p := linkByText(t, s, "/welcome/", "the garden"); normURL(p) != "/projects/garden-planner/" {
		t.Errorf("[[Garden Planner\\|the garden]] in a table leads to %q", p)
	}
	if p := linkByText(t, s, "/welcome/", "what to read next"); normURL(p) != "/projects/reading-list/" {
		t.Errorf("[[Reading List\\|what to read next]] in a table leads to %q", p)
	}
	wantLinks(t, s, "/courses/probability/", "/courses/linear-algebra/#products")
	wantText(t, s, "/courses/linear-algebra/", "keeps its direction", "!^eigen-def")
	for _, p := range s.pages {
		if strings.HasPrefix(p, ".obsidian") || strings.HasPrefix(p, "attachments/") {
			t.Errorf("%s: a page from a dot-folder or the attachments folder", p)
		}
	}

	// The vault root has no index: the home page lists its sections.
	for _, sec := range []string{"/courses/", "/projects/", "/reference/"} {
		if !s.mainHasLink("/", sec) {
			t.Errorf("the home page does not list the section %s", sec)
		}
	}

	// Callouts: custom titles, folded (-) is a closed <details>, (+) an open
	// one, nesting, every type rendered (no literal [!type] left).
	garden := s.prose("/projects/garden-planner/")
	if d := details(garden, "Watering trick"); d == nil {
		t.Error("> [!tip]- Watering trick is not a <details>")
	} else if _, open := attrOf(d, "open"); open || !strings.Contains(textOf(d), "Water at dawn") {
		t.Errorf("folded callout: open=%v, body %q", open, textOf(d))
	}
	if d := details(garden, "Why three beds?"); d == nil {
		t.Error("> [!faq]+ Why three beds? is not a <details>")
	} else if _, open := attrOf(d, "open"); !open {
		t.Error("> [!faq]+ callout is not open")
	}
	if inner := innermost(garden, "Tomatoes went out"); inner == nil {
		t.Error("nested callout body missing")
	} else {
		nested := false
		for a := inner.Parent; a != nil && a != garden; a = a.Parent {
			if strings.Contains(textOf(a), "Last frost here") {
				nested = true
				break
			}
		}
		if !nested {
			t.Error("the [!example] callout is not inside the [!warning] callout")
		}
	}
	wantText(t, s, "/projects/garden-planner/", "Soil", "Frost", "Last year", "![!")
	wantText(t, s, "/reference/callout-types/", "Summary of the course", "Open question", "Known issue", "Deadline",
		"Book the lab", "![!")
	if d := details(s.prose("/reference/callout-types/"), "Missed"); d == nil {
		t.Error("> [!failure]- Missed is not a <details>")
	}
	wantText(t, s, "/reference/protein-folding/", "Why it matters", "Anfinsen", "![!")

	// ==highlight==, :emoji:, inline #tags and tag pages.
	if !strings.Contains(s.proseHTML("/welcome/"), "<mark>eigenvalues</mark>") {
		t.Error("==eigenvalues== is not <mark>")
	}
	wantText(t, s, "/welcome/", "😄", "!:smile:", "!==")
	wantLinks(t, s, "/welcome/", "/tags/study/")
	if p := linkByText(t, s, "/daily-log/", "#study/linear-algebra"); !strings.HasPrefix(normURL(p), "/tags/") {
		t.Errorf("#study/linear-algebra leads to %q, want a tag page", p)
	}
	wantMainLinks(t, s, "/tags/single/", "/welcome/")
	wantMainLinks(t, s, "/tags/study/", "/welcome/", "/daily-log/")

	// %%comments%%, inline and block, leave the text around them.
	wantText(t, s, "/daily-log/", "quiz went fine.", "On to the next topic.", "!%%", "!zebracomment", "!retake")

	// Math: typeset at build time, never garbled into emphasis.
	alg := s.proseHTML("/courses/linear-algebra/")
	if !strings.Contains(alg, "<math") || strings.Contains(alg, "<em>b</em>") {
		t.Errorf("$a*b*c$ / $$\\frac{1}{2}$$ not typeset as MathML:\n%s", alg)
	}
	wantText(t, s, "/courses/linear-algebra/", "!$$", "!\\frac")
	if !strings.Contains(s.proseHTML("/courses/probability/"), "<math") {
		t.Error("the display formula of Bayes rule is not MathML")
	}

	// Embeds: a note, a heading's section, a block, each with a link to its
	// source; images (one with a width), a PDF and audio from attachments/.
	wantText(t, s, "/projects/reading-list/", "The purpose of computing is insight",
		"An eigenvector of a square matrix keeps its direction", "Scalar products chain",
		"!Characteristic polynomial", "!Notes from MATH 221", "!![[")
	wantLinks(t, s, "/projects/reading-list/", "/quote-of-the-week/")
	if !s.hasLink("/projects/reading-list/", "/courses/linear-algebra/") &&
		!s.hasLink("/projects/reading-list/", "/courses/linear-algebra/#*") {
		t.Error("the embeds of Linear Algebra do not link to their source")
	}
	if !strings.Contains(s.proseHTML("/projects/reading-list/"), "<math") {
		t.Error("the embedded section's math is not typeset")
	}
	list := s.prose("/projects/reading-list/")
	imgs := 0
	for _, l := range links(list, "img", "src") {
		if p, _, ok := resolve("/projects/reading-list/", l.href); ok && s.sameBytes(p, "attachments/eigen-sketch.png") {
			imgs++
			if w, _ := attrOf(l.node, "width"); w == "300" {
				imgs += 100
			}
		}
	}
	if imgs != 102 {
		t.Errorf("want ![[eigen-sketch.png]] and ![[eigen-sketch.png|300]] (width=300) as images of the copied file; count code %d", imgs)
	}
	pdf := false
	for _, ua := range [][2]string{{"iframe", "src"}, {"embed", "src"}, {"object", "data"}, {"a", "href"}} {
		for _, l := range links(list, ua[0], ua[1]) {
			if p, _, ok := resolve("/projects/reading-list/", l.href); ok && s.sameBytes(p, "attachments/syllabus.pdf") {
				pdf = true
			}
		}
	}
	if !pdf {
		t.Error("![[syllabus.pdf]] does not point at the copied PDF")
	}
	audio := findNode(list, func(n *html.Node) bool { return n.Data == "audio" })
	if audio == nil {
		t.Error("![[chime.wav]] is not an <audio> element")
	} else if _, hasSrc := attrOf(audio, "src"); hasSrc {
		wantFile(t, s, "/projects/reading-list/", list, "audio", "src", "attachments/chime.wav")
	} else {
		wantFile(t, s, "/projects/reading-list/", audio, "source", "src", "attachments/chime.wav")
	}
	wantFile(t, s, "/courses/linear-algebra/", s.prose("/courses/linear-algebra/"), "img", "src", "attachments/eigen-sketch.png")
}

func checkGitHubRepo(t *testing.T, s *notesSite) {
	// Heading ids as GitHub makes them, and the links written against them.
	for u, ids := range map[string][]string{
		"/aws/":             {"aws-organization---consolidated-billing", "business-support-plan-247", "support-plans", "enterprise"},
		"/languages/cpp/":   {"c-tips", "build"},
		"/languages/words/": {"café-résumé", "-launch", "notes", "notes-1"},
		"/aws/billing/":     {"how-a-bill-is-built"},
	} {
		got := s.ids(u)
		for _, id := range ids {
			if !got[id] {
				t.Errorf("%s: no id %q (GitHub's heading id)", u, id)
			}
		}
	}
	wantLinks(t, s, "/aws/billing/", "/aws/#aws-organization---consolidated-billing", "/aws/#business-support-plan-247",
		"/aws/billing/#how-a-bill-is-built")
	wantLinks(t, s, "/languages/", "/languages/cpp/#c-tips", "/languages/words/#café-résumé", "/languages/words/#-launch")
	wantLinks(t, s, "/languages/words/", "/languages/words/#notes-1")
	// A README is its folder's page; privacy_policy.md and privacy-policy.md stay two pages.
	wantLinks(t, s, "/", "/aws/", "/languages/", "/aws/billing/#how-a-bill-is-built", "/privacy-policy/", "/privacy_policy/")
	if a, b := titleOf(s.doc("/privacy-policy/")), titleOf(s.doc("/privacy_policy/")); a == b {
		t.Errorf("privacy-policy and privacy_policy render the same page %q", a)
	}
	if !strings.Contains(titleOf(s.doc("/")), "Cloud Study Notes") {
		t.Errorf("home title %q: want the README's first heading", titleOf(s.doc("/")))
	}
	if !strings.Contains(titleOf(s.doc("/aws/billing/")), "Billing walkthrough") {
		t.Error("the note with layout: default lost its title")
	}

	// Relative images, from the root and from a sub-folder.
	wantFile(t, s, "/", s.prose("/"), "img", "src", "images/logo.png")
	wantFile(t, s, "/aws/billing/", s.prose("/aws/billing/"), "img", "src", "images/billing-flow.png")
	wantFile(t, s, "/languages/cpp/", s.prose("/languages/cpp/"), "img", "src", "images/logo.png")

	// Raw <details> kept (sanitized, not dropped) and searchable; alerts.
	if d := details(s.prose("/aws/billing/"), "Worked example: three accounts"); d == nil ||
		!strings.Contains(textOf(d), "pooled 10,500") {
		t.Error("the <details><summary> block is missing or empty")
	}
	searchable := false
	for name, data := range s.res.Files {
		if strings.HasPrefix(name, "search/") && strings.Contains(searchFileText(name, data), "pooled 10,500") {
			searchable = true
		}
	}
	if !searchable {
		t.Error("text inside <details> is not in the search index")
	}
	wantText(t, s, "/", "These notes are mine", "![!NOTE]")
	wantText(t, s, "/aws/billing/", "Free tier usage is per organization", "![!WARNING]")
}

func checkJekyllSite(t *testing.T, s *notesSite) {
	// permalink: overrides the path; relative links reach the pages.
	wantLinks(t, s, "/", "/about/", "/blog/first-post/", "/starter/", "/flour-types/")
	wantLinks(t, s, "/blog/first-post/", "/starter/")
	wantLinks(t, s, "/blog/second-loaf/", "/blog/first-post/")
	wantLinks(t, s, "/starter/", "/flour-types/#rye")
	if _, ok := s.file("/_posts/2024-01-15-first-post/"); ok {
		t.Error("the post is also at its path, not only at its permalink")
	}
	if !strings.Contains(titleOf(s.doc("/blog/first-post/")), "My first loaf") {
		t.Errorf("post title %q", titleOf(s.doc("/blog/first-post/")))
	}
	// _site/ is Jekyll's output: never read.
	for name, data := range s.res.Files {
		if strings.HasPrefix(name, "_site/") || strings.Contains(searchFileText(name, data), "sitegenstalesite") {
			t.Errorf("%s comes from _site/", name)
		}
	}
}

func checkHugoSite(t *testing.T, s *notesSite) {
	// slug and url override the path.
	for _, gone := range []string{"/posts/first-batch/", "/about/"} {
		if _, ok := s.file(gone); ok {
			t.Errorf("%s exists: slug/url did not replace the path", gone)
		}
	}
	// TOML, JSON and BOM-prefixed YAML front matter are read, not shown.
	for u, title := range map[string]string{
		"/posts/kimchi-batch-one/": "First batch of kimchi",
		"/posts/json-note/":        "Water kefir log",
		"/posts/sauerkraut/":       "Sauerkraut notes",
		"/custom/path/":            "About this lab",
	} {
		if got := titleOf(s.doc(u)); !strings.Contains(got, title) {
			t.Errorf("%s: title %q, want %q", u, got, title)
		}
		wantText(t, s, u, "!+++", "!\"title\"", "!title:", "!\ufeff")
	}
	// description serves as the summary.
	for u, desc := range map[string]string{
		"/docs/guides/advanced/tuning/": "Slower and cooler gives more flavour.",
		"/posts/kimchi-batch-one/":      "Two kilos of napa cabbage and too much gochugaru.",
	} {
		if n := findNode(s.doc(u), func(n *html.Node) bool {
			name, _ := attrOf(n, "name")
			c, _ := attrOf(n, "content")
			return n.Data == "meta" && name == "description" && c == desc
		}); n == nil {
			t.Errorf("%s: description %q is not the page summary", u, desc)
		}
	}
	// Tags from TOML lists and from a single YAML string.
	wantMainLinks(t, s, "/tags/kimchi/", "/posts/kimchi-batch-one/")
	wantMainLinks(t, s, "/tags/fermentation/", "/posts/kimchi-batch-one/", "/posts/sauerkraut/")
	// Three levels of sections, each in the breadcrumbs of the deepest page,
	// each section listing what it holds.
	wantMainLinks(t, s, "/docs/guides/advanced/tuning/", "/docs/", "/docs/guides/", "/docs/guides/advanced/")
	wantMainLinks(t, s, "/docs/guides/advanced/", "/docs/guides/advanced/tuning/")
	wantMainLinks(t, s, "/docs/", "/docs/guides/")
	wantLinks(t, s, "/docs/guides/brine/", "/docs/guides/advanced/tuning/")
	wantLinks(t, s, "/docs/guides/advanced/tuning/", "/docs/guides/brine/#percentages")
	wantFile(t, s, "/docs/guides/advanced/tuning/", s.prose("/docs/guides/advanced/tuning/"), "img", "src",
		"content/docs/guides/advanced/cache-layers.png")
}

// awkwardNotes maps the index page's link texts to the marker word only
// that note holds.
var awkwardNotes = map[string]string{
	"open bracket": "openbracketnote", "close bracket": "closebracketnote", "double bracket": "doublebracketnote",
	"tilde": "tildenote", "bang": "bangnote", "percent": "percentnote", "dollar": "dollarnote",
	"brace": "bracenote", "caret": "caretnote", "c plus plus": "cplusplusnote", "plain c": "plaincnote",
	"x underscore y": "underscorenote", "x hyphen y": "hyphennote", "spaces": "spacesnote",
	"accent": "accentnote", "Japanese": "japanesenote", "Russian": "russiannote",
	"long extension": "markdownextnote",
	// wiki links
	"~": "tildenote", "!": "bangnote", "%": "percentnote", "$": "dollarnote",
}

func checkAwkwardNames(t *testing.T, s *notesSite) {
	// Each marker is on exactly one page: no two notes merged, none lost.
	holder := map[string]string{}
	for _, page := range s.pages {
		u := "/" + strings.TrimSuffix(page, "index.html")
		if u == "/" {
			continue
		}
		text := textOf(s.prose(u))
		for _, marker := range awkwardNotes {
			if strings.Contains(text, "Marker: "+marker+".") {
				if prev, dup := holder[marker]; dup && prev != u {
					t.Errorf("%s is on both %s and %s", marker, prev, u)
				}
				holder[marker] = u
			}
		}
	}
	pages := map[string]string{}
	for text, marker := range awkwardNotes {
		got, ok := holder[marker]
		if !ok {
			t.Errorf("no page holds the note with %s", marker)
			continue
		}
		if p := linkByText(t, s, "/", text); p != "" && normURL(p) != normURL(got) {
			t.Errorf("index link %q leads to %s, the note is at %s", text, p, got)
		}
		if other, dup := pages[got]; dup && other != marker {
			t.Errorf("%s and %s share the page %s", other, marker, got)
		}
		pages[got] = marker
	}
	if len(pages) != 18 {
		t.Errorf("%d distinct note pages, want 18", len(pages))
	}
	// Wiki links by name, the look-alikes kept apart.
	wantLinks(t, s, "/", "/c++/", "/c/", "/x_y/", "/x-y/", "/my-note-with-spaces/", "/café/", "/日本語/",
		"/привет/", "/shell-history/")
	wantText(t, s, "/", "![[")
}
