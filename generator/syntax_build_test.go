package generator

import (
	"strings"
	"testing"
)

// TestNotesSyntaxInABuild builds a note written in Obsidian and GitHub
// syntax: callouts, comments, marks, emoji and raw HTML reach the page
// as the markdown package renders them, sanitized unless the site sets
// unsafe_html.
func TestNotesSyntaxInABuild(t *testing.T) {
	note := "-- content/a.md --\n# A\n\n> [!faq]- Folded %%secret one%%\n> Answer with ==mark== :tada:.\n\n" +
		"%%\nsecret two\n%%\n\n<details><summary>More</summary>\n\nHidden *markdown*.\n\n</details>\n\n<script>alert(1)</script>\n"
	page := string(mustBuild(t, siteFS(t, note)).Files["a/index.html"])
	for _, want := range []string{
		`<details class="alert alert-question"><summary class="alert-title">Folded </summary>`,
		`<p>Answer with <mark>mark</mark> 🎉.</p>`,
		"<details><summary>More</summary>\n<p>Hidden <em>markdown</em>.</p>\n</details>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"secret", "alert(1)"} {
		if strings.Contains(page, bad) {
			t.Errorf("page shows %q", bad)
		}
	}
	unsafe := string(mustBuild(t, siteFS(t, "-- sitegen.toml --\ntitle = \"x\"\nunsafe_html = true\n"+note)).Files["a/index.html"])
	if !strings.Contains(unsafe, "<script>alert(1)</script>") {
		t.Error("unsafe_html = true does not pass raw HTML through")
	}
}
