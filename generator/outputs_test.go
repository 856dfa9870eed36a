package generator

import (
	"context"
	"strings"
	"testing"
)

// TestOneSourcePerOutput: a user file never silently replaces a page or a
// generated file, whatever the order files are made in.
func TestOneSourcePerOutput(t *testing.T) {
	const note = "-- content/services/lambda.md --\n---\naliases: [/old-lambda/]\n---\nLambda.\n"
	for _, c := range []struct{ name, files, want string }{
		{"index.html over a page", "-- content/services/lambda/index.html --\n<h1>mine</h1>\n",
			"content/services/lambda/index.html: copied to services/lambda/index.html, which the page of content/services/lambda.md also writes; rename or remove one"},
		{"_redirects", "-- content/_redirects --\n/* /evil 200\n",
			"content/_redirects: copied to _redirects, which the generated _redirects (from aliases) also writes; rename or remove one"},
		{"robots.txt", "-- content/robots.txt --\nUser-agent: *\n",
			"content/robots.txt: copied to robots.txt, which the generated robots.txt also writes; rename or remove one"},
		{"sitemap.xml", "-- content/sitemap.xml --\n<urlset/>\n",
			"content/sitemap.xml: copied to sitemap.xml, which the generated sitemap.xml also writes; rename or remove one"},
		{"404.html", "-- content/404.html --\n<p>gone</p>\n",
			"content/404.html: copied to 404.html, which the generated 404.html also writes; rename or remove one"},
		{"search index", "-- content/search/manifest.bin --\nxx\n",
			"content/search/manifest.bin: copied to search/manifest.bin, which the generated search index also writes; rename or remove one"},
		{"generated page", "-- content/search/index.html --\n<p>search</p>\n",
			"content/search/index.html: copied to search/index.html, which the generated search page also writes; rename or remove one"},
		{"letter case", "-- content/img/Logo.png --\nA\n-- content/img/logo.png --\nB\n",
			"content/img/logo.png: copied to img/logo.png, which differs only in letter case from img/Logo.png, written by content/img/Logo.png: " +
				"on macOS and Windows one would overwrite the other; rename one"},
		{"letter case against a page", "-- content/services/lambda/INDEX.html --\n<h1>mine</h1>\n",
			"content/services/lambda/INDEX.html: copied to services/lambda/INDEX.html, which differs only in letter case from services/lambda/index.html, " +
				"written by the page of content/services/lambda.md: on macOS and Windows one would overwrite the other; rename one"},
		{"file where a folder must be", "-- content/services/lambda --\nno extension\n",
			"content/services/lambda: copied to services/lambda, and the page of content/services/lambda.md writes services/lambda/index.html: " +
				"one needs a folder where the other is a file; rename or remove one"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for range 3 { // the same error every time, never a race won by one side
				if got := buildErr(t, siteFS(t, note+c.files)); got != c.want {
					t.Fatalf("error:\n%s\nwant:\n%s", got, c.want)
				}
			}
		})
	}
}

// TestUserFilesWithoutAGeneratedTwin are copied as before: a _redirects
// of the user's own when no note has aliases, an index.html in a folder
// with no page.
func TestUserFilesWithoutAGeneratedTwin(t *testing.T) {
	res, err := Build(context.Background(), Config{FS: siteFS(t,
		"-- content/a.md --\nA.\n-- content/_redirects --\n/old /a/ 301\n-- content/demo/index.html --\n<p>demo</p>\n")})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Files["_redirects"]) != "/old /a/ 301\n" || string(res.Files["demo/index.html"]) != "<p>demo</p>\n" {
		t.Errorf("_redirects %q, demo/index.html %q", res.Files["_redirects"], res.Files["demo/index.html"])
	}
}

// TestNamesWithoutLatinLettersKeepTheirOwnPage: a note named only in CJK,
// only in Cyrillic or only in punctuation gets a page of its own and never
// overwrites its section's index.html.
func TestNamesWithoutLatinLettersKeepTheirOwnPage(t *testing.T) {
	res, err := Build(context.Background(), Config{FS: siteFS(t, `-- content/services/_index.md --
# The section
-- content/services/東京.md --
# Tokyo note
-- content/services/Москва.md --
# Moscow note
-- content/services/!!!.md --
# Bangs note
-- content/services/---.md --
# Dashes note
-- content/services/«»….md --
# Quotes note
`)})
	if err != nil {
		t.Fatal(err)
	}
	section := string(res.Files["services/index.html"])
	if !strings.Contains(section, "The section") {
		t.Fatalf("services/index.html is not the section page:\n%s", section)
	}
	seen := map[string]string{}
	for _, title := range []string{"Tokyo note", "Moscow note", "Bangs note", "Dashes note", "Quotes note"} {
		if strings.Contains(section, "<h1>"+title) || strings.Contains(section, `<h1 id="`+strings.ToLower(strings.ReplaceAll(title, " ", "-"))) {
			t.Errorf("services/index.html holds the note %q", title)
		}
		found := ""
		for name, data := range res.Files {
			if strings.HasPrefix(name, "services/") && name != "services/index.html" && strings.HasSuffix(name, "/index.html") &&
				strings.Contains(string(data), title) && strings.Contains(string(data), "<h1") {
				if strings.Count(name, "/") == 2 && strings.Contains(string(data), "<title>"+title) {
					found = name
				}
			}
		}
		if found == "" {
			t.Errorf("no page of its own for %q", title)
		} else if other, dup := seen[found]; dup {
			t.Errorf("%q and %q share %s", title, other, found)
		}
		seen[found] = title
	}
}

func TestBaseURLFlagMustBeThisSitesURL(t *testing.T) {
	_, err := Build(context.Background(), Config{FS: siteFS(t, "-- content/a.md --\nA.\n"), BaseURL: "//evil.example/"})
	want := `--base-url "//evil.example/": starts with // or /\ (a browser reads it as another host); ` +
		"want an absolute http(s) URL such as https://example.org/ or a path starting with / such as /notes/"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
