package render

import "testing"

// TestMinifierAssetByKind: each kind the site ships is minified by its
// media type; kinds without a minifier pass through unchanged.
func TestMinifierAssetByKind(t *testing.T) {
	mn := NewMinifier(true)
	for _, c := range []struct{ name, in, want string }{
		{"app.js", "var  answer = 1 ;\n", "var answer=1"},
		{"app.mjs", "let  x = 2 ;", "let x=2"},
		{"style.css", "a {  color : red ; }", "a{color:red}"},
		{"index.json", "{ \"a\" : 1 }", `{"a":1}`},
		{"sitemap.xml", "<urlset>  <url/> </urlset>", "<urlset>  <url/> </urlset>"},
		{"font.woff2", "  raw  ", "  raw  "},
		{"README", "  raw  ", "  raw  "},
	} {
		got, err := mn.Asset(c.name, []byte(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	off := NewMinifier(false)
	if got, _ := off.Asset("app.js", []byte("var  a ;")); string(got) != "var  a ;" {
		t.Errorf("disabled minifier changed app.js: %q", got)
	}
}
