package compare

import (
	"flag"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sitegen/generator/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got template.HTML) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", file, got)
	}
}

func service(t *testing.T, s *Schema, slug, title string, facts map[string]any) Service {
	t.Helper()
	var list []content.Fact
	for k, v := range facts {
		list = append(list, content.Fact{Key: k, Value: v})
	}
	f, err := s.Validate(slug+".md", list)
	if err != nil {
		t.Fatal(err)
	}
	return Service{Slug: slug, Title: title, URL: "/services/" + slug + "/", Facts: f}
}

func threeServices(t *testing.T, s *Schema) []Service {
	return []Service{
		service(t, s, "lambda", "AWS Lambda", map[string]any{
			"what_it_runs": "Functions", "serverless": true, "max_runtime": "15 minutes",
			"max_memory": "10 GB", "runtimes": []any{"Node.js", "Python"}, "billing": []any{"Requests", "GB-seconds"},
		}),
		service(t, s, "fargate", "AWS Fargate", map[string]any{
			"what_it_runs": "Containers", "serverless": "yes", "max_runtime": "unlimited",
			"runtimes": []any{"Any Docker image"}, "billing": []any{"GB-seconds", "Requests"},
		}),
		service(t, s, "batch", "AWS Batch", map[string]any{
			"what_it_runs": "Jobs", "serverless": false, "max_runtime": "no limit",
			"runtimes": "Any Docker image", "billing": []any{"Requests", "GB-seconds"},
		}),
	}
}

// row returns the <tr> of a fact label, or "".
func row(html template.HTML, label string) string {
	for _, tr := range strings.Split(string(html), "\n") {
		if strings.Contains(tr, ">"+label+"<") && strings.HasPrefix(tr, "<tr") {
			return tr
		}
	}
	return ""
}

func TestTableDiffers(t *testing.T) {
	s := testSchema(t)
	html, err := Table(s, threeServices(t, s), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		label, class string
	}{
		{"What it runs", "differs"},
		{"Serverless", "differs"},      // yes, yes, no
		{"Max run time", "differs"},    // 15 min vs unlimited
		{"Max memory", "same partial"}, // only lambda states it: not a difference
		{"Runtimes", "differs"},
		{"Billing", "same"}, // the same items in another order
	}
	for _, tt := range tests {
		tr := row(html, tt.label)
		if !strings.HasPrefix(tr, `<tr class="`+tt.class+`">`) {
			t.Errorf("%s row = %s, want class %s", tt.label, tr, tt.class)
		}
		if hidden := strings.Contains(tr, "(differs)"); hidden != strings.HasPrefix(tt.class, "differs") {
			t.Errorf("%s row: visually hidden (differs) = %v", tt.label, hidden)
		}
	}
	if tr := row(html, "Storage"); tr != "" {
		t.Errorf("a fact no service states has a row: %s", tr)
	}
	if tr := row(html, "Max memory"); strings.Count(tr, `<span class="unstated-mark">not stated</span>`) != 2 {
		t.Errorf("Max memory row lacks two not-stated cells: %s", tr)
	}
	if !strings.Contains(string(html), `<span class="compare-count">4 of 6 facts differ</span> <span class="compare-unstated">· 1 not stated by every service</span>`) {
		t.Error("count is not 4 of 6 with 1 not stated")
	}
	if strings.Contains(string(html), "compare-pick") {
		t.Error("a comparison table has the matrix's service picker")
	}
	golden(t, "table.html", html)
}

func TestTableShownOrder(t *testing.T) {
	s := testSchema(t)
	html, err := Table(s, threeServices(t, s), []string{"max_runtime", "billing", "serverless", "runtimes"},
		WithID("lambda-fargate-batch"), WithCaption("Three ways to run code"),
		WithURLFor(func(u string) string { return "/docs" + u }))
	if err != nil {
		t.Fatal(err)
	}
	// Groups come in the order of their first shown fact; facts keep
	// their shown order within a group.
	labels := regexp.MustCompile(`<th scope="row(?:group)?"[^>]*>([^<]+)`).FindAllStringSubmatch(string(html), -1)
	var got []string
	for _, m := range labels {
		got = append(got, m[1])
	}
	want := "Limits|Max run time|Runtimes|Pricing|Billing|Basics|Serverless"
	if strings.Join(got, "|") != want {
		t.Errorf("rows = %s, want %s", strings.Join(got, "|"), want)
	}
	for _, s := range []string{`id="lambda-fargate-batch"`, `<caption>Three ways to run code</caption>`,
		`<a href="/docs/services/lambda/">AWS Lambda</a>`, `colspan="4"`} {
		if !strings.Contains(string(html), s) {
			t.Errorf("missing %s", s)
		}
	}
	golden(t, "table-shown.html", html)
}

func TestTableShownErrors(t *testing.T) {
	s := testSchema(t)
	svcs := threeServices(t, s)
	tests := []struct {
		shown []string
		want  string
	}{
		{[]string{"max_runtme"}, "unknown fact max_runtme (did you mean max_runtime?)"},
		{[]string{"billing", "colour", "billing"}, "unknown fact colour (not in content/_facts.yaml); fact billing is listed twice"},
	}
	for _, tt := range tests {
		_, err := Table(s, svcs, tt.shown)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Table(shown %v) error = %v, want %s", tt.shown, err, tt.want)
		}
	}
	if _, err := Table(s, nil, nil); err == nil {
		t.Error("no error for no services")
	}
}

func TestTableEscapes(t *testing.T) {
	s := testSchema(t)
	svcs := []Service{
		service(t, s, "x", `<script>alert("title")</script>`, map[string]any{
			"what_it_runs": `<script>alert(1)</script> & "more"`,
			"runtimes":     []any{"<b>bold</b>"},
		}),
		service(t, s, "y", "Y", map[string]any{"what_it_runs": "Plain"}),
	}
	svcs[1].URL = "javascript:alert(1)"
	html, err := Table(s, svcs, nil, WithCaption("<i>caption</i>"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<b>", "<i>", "javascript:"} {
		if strings.Contains(string(html), bad) {
			t.Errorf("unescaped %s in:\n%s", bad, html)
		}
	}
	for _, good := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;more&#34;", "<li>&lt;b&gt;bold&lt;/b&gt;</li>",
		"&lt;i&gt;caption&lt;/i&gt;", "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;"} {
		if !strings.Contains(string(html), good) {
			t.Errorf("want %s in:\n%s", good, html)
		}
	}
	facts := FactsTable(s, svcs[0].Facts)
	if strings.Contains(string(facts), "<script>") || strings.Contains(string(facts), "<b>") {
		t.Errorf("facts table unescaped:\n%s", facts)
	}
}

func TestFactsTable(t *testing.T) {
	s := testSchema(t)
	lambda := threeServices(t, s)[0]
	html := FactsTable(s, lambda.Facts)
	golden(t, "facts.html", html)
	if strings.Contains(string(html), "Storage") {
		t.Error("a fact lambda does not state is shown")
	}
	for _, want := range []string{
		`<tr class="group"><th scope="rowgroup" colspan="2">Limits</th></tr>`,
		`<tr><th scope="row" title="Longest a single run may last.">Max run time</th><td>15 min</td></tr>`,
		`<td class="yes">Yes</td>`,
		`<td><ul><li>Node.js</li><li>Python</li></ul></td>`,
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("want %s in:\n%s", want, html)
		}
	}
	if got := FactsTable(s, Facts{}); got != "" {
		t.Errorf("no facts gives %q, want nothing", got)
	}
}

func TestMatrix(t *testing.T) {
	s := testSchema(t)
	svcs := threeServices(t, s)
	svcs = append(svcs, Service{Slug: "docker", Title: "Docker", URL: "/services/docker/",
		Facts: Facts{"storage": mustValue(t, KindText, "Volumes")}})
	html := Matrix(s, svcs)
	for _, sv := range svcs {
		if !strings.Contains(string(html), `<a href="`+sv.URL+`">`+sv.Title+`</a>`) {
			t.Errorf("matrix lacks %s", sv.Slug)
		}
	}
	for _, d := range s.Defs {
		if row(html, d.Label) == "" {
			t.Errorf("matrix lacks %s", d.Key)
		}
	}
	if !strings.Contains(string(html), `<div class="compare compare-stacks" id="comparison">`) || !strings.Contains(string(html), `class="compare-table"`) {
		t.Error("matrix lacks the comparison markup")
	}
	missing := Missing(s, svcs)
	for _, want := range []string{"lambda: storage", "fargate: max_memory", "batch: storage", "docker: what_it_runs"} {
		if !strings.Contains(strings.Join(missing, "\n"), want) {
			t.Errorf("Missing lacks %q: %q", want, missing)
		}
	}
	if len(missing) != 4*len(s.Defs)-(6+5+5+1) {
		t.Errorf("Missing has %d entries: %q", len(missing), missing)
	}
}

// TestMatrixPicker: the matrix offers one checkbox per service, hidden
// until main.js shows it, and marks every cell with its service's slug.
func TestMatrixPicker(t *testing.T) {
	s := testSchema(t)
	html := string(Matrix(s, threeServices(t, s)))
	for _, slug := range []string{"lambda", "fargate", "batch"} {
		if !strings.Contains(html, `<input type="checkbox" name="services" value="`+slug+`" checked>`) {
			t.Errorf("no picker checkbox for %s", slug)
		}
		if !strings.Contains(html, `<th scope="col" data-col="`+slug+`">`) {
			t.Errorf("no column header marked %s", slug)
		}
	}
	if !strings.Contains(html, `<fieldset class="compare-pick" hidden>`) {
		t.Error("the picker is not hidden until the script runs (the page without JS shows the full table)")
	}
}
