package diagrams

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
)

var figureFileLink = regexp.MustCompile(`<a class="btn diagram-file diagram-(light|dark)" href="([^"]+)"`)

// TestStandaloneFiles: a figure links a standalone SVG file per theme
// under the site's base path, and Files gives those files: complete SVG
// documents (well-formed XML, namespaces, title, fonts in the dark one
// too). The same diagram on two pages is one file.
func TestStandaloneFiles(t *testing.T) {
	r := NewRenderer(Config{})
	src := "a: |md\nLine one<br/>two&nbsp;words\n|\na -> b: calls\nb: {link: /services/b/}\n"
	opts := Options{Title: "Calls & more", BasePath: "/sub/"}
	fig, err := r.Render(context.Background(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	links := figureFileLink.FindAllStringSubmatch(fig.HTML, -1)
	if len(links) != 2 || links[0][1] != "light" || links[1][1] != "dark" {
		t.Fatalf("the figure links %v; want a light and a dark file", links)
	}
	if !strings.Contains(fig.HTML, `Open full size<span class="visually-hidden">: Calls &amp; more, SVG file</span>`) {
		t.Errorf("the link's accessible name is not the figure's title: %.400s", fig.HTML[strings.Index(fig.HTML, "diagram-actions"):])
	}
	files := r.Files([]byte(fig.HTML))
	if len(files) != 2 {
		t.Fatalf("Files gave %d files; want 2", len(files))
	}
	for _, l := range links {
		if !regexp.MustCompile(`^/sub/diagrams/[0-9a-f]{20}\.svg$`).MatchString(l[2]) {
			t.Errorf("link %q: want /sub/diagrams/<hash>.svg", l[2])
		}
		data := files[strings.TrimPrefix(l[2], "/sub/")]
		if data == nil {
			t.Fatalf("no file for %s", l[2])
		}
		doc := string(data)
		root := xmlRoot(t, data)
		if root.Name.Space != "http://www.w3.org/2000/svg" || root.Name.Local != "svg" {
			t.Errorf("%s: root element %v; want an SVG <svg>", l[1], root.Name)
		}
		for _, want := range []string{`<?xml version="1.0" encoding="UTF-8"?>`, `<title>Calls &amp; more</title>`, "@font-face",
			`<div xmlns="http://www.w3.org/1999/xhtml"`, `href="/services/b/"`} {
			if !strings.Contains(doc, want) {
				t.Errorf("the %s file lacks %s", l[1], want)
			}
		}
	}
	again, err := r.Render(context.Background(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	if figureFileLink.FindAllString(again.HTML, -1)[0] != figureFileLink.FindAllString(fig.HTML, -1)[0] {
		t.Error("the same diagram rendered twice links two files")
	}
	if got := r.Files([]byte(`<a href="/diagrams/0123456789abcdef0123.svg">`)); len(got) != 0 {
		t.Errorf("Files made %v for a link no figure made", got)
	}
}

// TestStandaloneFilesHostile: an SVG file opened as a page runs its
// scripts, so the file of a hostile diagram holds no script, handler or
// script URL, even on a site with unsafe_html (whose inline SVG keeps
// them).
func TestStandaloneFilesHostile(t *testing.T) {
	r := NewRenderer(Config{})
	for name, src := range d2Attacks {
		for _, unsafe := range []bool{false, true} {
			fig, err := r.Render(context.Background(), src, Options{UnsafeHTML: unsafe, Title: name + ` <script>alert(9)</script>`})
			if err != nil {
				t.Fatal(err)
			}
			files := r.Files([]byte(fig.HTML))
			if len(files) != 2 {
				t.Fatalf("%s: %d files; want 2", name, len(files))
			}
			for file, data := range files {
				assertInert(t, string(data))
				assertInertXML(t, name+" "+file, data)
			}
		}
	}
}

func xmlRoot(t *testing.T, data []byte) xml.StartElement {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(data)))
	var root *xml.StartElement
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == nil {
			root = &se
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return *root
}

// assertInertXML reads the file as a browser opening it does (as XML) and
// looks for script elements, handlers and script URLs.
func assertInertXML(t *testing.T, what string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(data)))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", what, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(se.Name.Local) {
		case "script", "iframe", "object", "embed", "animate", "set", "handler", "listener":
			t.Errorf("%s: <%s> in the file", what, se.Name.Local)
		}
		for _, a := range se.Attr {
			val := strings.ToLower(strings.Join(strings.Fields(a.Value), ""))
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || strings.Contains(val, "javascript:") || strings.Contains(val, "vbscript:") {
				t.Errorf("%s: %s=%q on <%s>", what, a.Name.Local, a.Value, se.Name.Local)
			}
		}
	}
}
