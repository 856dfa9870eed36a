package change

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		root, path string
		want       Kind
	}{
		{"content", "sitegen.toml", Config},
		{"content", "content", Config},
		{"content", "content/_index.md", Note},
		{"content", "content/services/lambda.md", Note},
		{"content", "content/services/Lambda Notes.markdown", Note},
		{"content", "content/services/README.md", Note},
		{"content", "content/_facts.yaml", Data},
		{"content", "content/_external.yml", Data},
		{"content", "content/services/_local.yaml", Other},
		{"content", "content/services/lambda.d2", Asset},
		{"content", "content/services/lambda.png", Asset},
		{"content", "content/.obsidian/workspace.json", Other},
		{"content", "content/_site/index.html", Other},
		{"content", "content/services/.lambda.md.swp", Other},
		{"content", "content/services/lambda.md~", Other},
		{"content", "themes/default/layouts/page.html", Theme},
		{"content", "themes/default/assets/style.css", Theme},
		{"content", "themes/README.md", Other},
		{"content", "README.md", Other},
		{"content", "main.go", Other},
		{"content", "contents/x.md", Other},
		// A bare notes folder: the site folder is the content root.
		{".", "README.md", Note},
		{".", "lambda.md", Note},
		{".", "services/lambda.md", Note},
		{".", "_facts.yaml", Data},
		{".", "diagram.png", Asset},
		{".", "sitegen.toml", Config},
		{".", "themes/default/layouts/page.html", Theme},
		{".", "public/index.html", Other},
		{".", "node_modules/x/readme.md", Other},
		{".", ".git/HEAD", Other},
		{".", "content", Config},
	}
	for _, tt := range tests {
		if got := Classify(tt.root, tt.path); got != tt.want {
			t.Errorf("Classify(%q, %q) = %v, want %v", tt.root, tt.path, got, tt.want)
		}
	}
}

func TestMerge(t *testing.T) {
	c := func(op Op) Change { return Change{Path: "a.md", Kind: Note, Op: op} }
	for _, tt := range []struct {
		first, next, want Op
	}{
		{Created, Written, Created},
		{Renamed, Created, Created},
		{Written, Removed, Removed},
		{Created, Removed, Removed},
		{Removed, Written, Written},
	} {
		if got := c(tt.first).Merge(c(tt.next)).Op; got != tt.want {
			t.Errorf("%v then %v = %v, want %v", tt.first, tt.next, got, tt.want)
		}
	}
}
