package study

import (
	"bytes"
	"slices"
	"strings"
)

// TSV writes cards as a tab-separated file that Anki imports (File ›
// Import): one card a line, the fields front, back and tags. The header
// lines tell Anki (2.1.54 and later) the separator, that fields hold
// HTML and which column holds the tags; other apps skip lines starting
// with #. A field's tabs and line breaks would split the record, so they
// become &#9; and <br>; a field holding a double quote is quoted the CSV
// way ("…", inner quotes doubled), which Anki's importer reads back. Tags
// are one word each: blanks inside a tag become _.
// origin ("https://example.org") makes the links back to the notes absolute.
func TSV(cards []Card, origin string) []byte {
	var b bytes.Buffer
	b.WriteString("#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n#tags column:3\n")
	for _, c := range cards {
		tags := []string{"sitegen", "sitegen::" + tagWord(c.Kind)}
		if c.Section != "" {
			tags = append(tags, "section::"+tagWord(c.Section))
		}
		for _, t := range c.Tags {
			if w := tagWord(t); !slices.Contains(tags, w) {
				tags = append(tags, w)
			}
		}
		back := c.Back
		if c.URL != "" {
			url := c.URL
			if strings.HasPrefix(url, "/") {
				url = strings.TrimSuffix(origin, "/") + url
			}
			back += `<p><a href="` + esc(url) + `">` + esc(c.Source) + `</a></p>`
		}
		b.WriteString(field(c.Front) + "\t" + field(back) + "\t" + strings.Join(tags, " ") + "\n")
	}
	return b.Bytes()
}

var fieldEscaper = strings.NewReplacer("\t", "&#9;", "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func field(s string) string {
	s = fieldEscaper.Replace(strings.TrimSpace(s))
	if strings.Contains(s, `"`) {
		s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

func tagWord(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "_")
}
