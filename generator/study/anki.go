package study

import (
	"bytes"
	"strings"
)

// TSV writes cards as a tab-separated file that Anki imports (File ›
// Import): one card a line, the fields front, back and tags. The header
// lines tell Anki (2.1.54 and later) the separator, that fields hold
// HTML and which column holds the tags; other apps skip lines starting
// with #. A field's tabs and line breaks would split the record, so they
// become &#9; and <br>; a double quote at the start of a field would make
// Anki read a quoted field, so quotes become &quot;. Tags are one word
// each: blanks inside a tag become _.
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
			tags = append(tags, tagWord(t))
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

var fieldEscaper = strings.NewReplacer("\t", "&#9;", "\r\n", "<br>", "\n", "<br>", "\r", "<br>", `"`, "&quot;")

func field(s string) string { return fieldEscaper.Replace(strings.TrimSpace(s)) }

func tagWord(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "_")
}
