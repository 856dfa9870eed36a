package serve

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		want ChangeKind
	}{
		{"sitegen.toml", Config},
		{"content/_index.md", Content},
		{"content/services/lambda.md", Content},
		{"content/_facts.yaml", Data},
		{"content/_external.yml", Data},
		{"content/services/_local.yaml", Asset},
		{"content/services/lambda.d2", Diagram},
		{"diagrams/overview.d2", Diagram},
		{"content/services/lambda.png", Asset},
		{"content/files/cheatsheet.pdf", Asset},
		{"themes/default/layouts/page.html", Template},
		{"themes/default/layouts/partials/header.html", Template},
		{"themes/default/assets/style.css", Asset},
		{"themes/default/assets/img/logo.svg", Asset},
		{"themes/default/theme.toml", Template},
		{"themes/README.md", Other},
		{"README.md", Other},
		{"main.go", Other},
		{"generator/serve/serve.go", Other},
		{"sitegen.toml.bak", Other},
		{"contents/x.md", Other},
	}
	for _, tt := range tests {
		if got := Classify(tt.path); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestIsJunk(t *testing.T) {
	junk := []string{
		"lambda.md.swp", ".lambda.md.swp", "lambda.md.swx", ".lambda.md.swo", "lambda.md~", "4913",
		".#lambda.md", "#lambda.md#", "lambda.md.tmp", "lambda.md___jb_tmp___", "lambda.md___jb_old___",
		".DS_Store", ".lambda.md.kate-swp",
	}
	for _, name := range junk {
		if !isJunk(name) {
			t.Errorf("isJunk(%q) = false, want true", name)
		}
	}
	keep := []string{"lambda.md", "_facts.yaml", "style.css", "4913.md", "notes#1.md", "a~b.md", "jb___x.md"}
	for _, name := range keep {
		if isJunk(name) {
			t.Errorf("isJunk(%q) = true, want false", name)
		}
	}
}

func TestSkipDir(t *testing.T) {
	for dir, want := range map[string]bool{
		".": false, "content": false, "content/public": false, "themes/default": false,
		".git": true, "public": true, ".sitegen": true, "node_modules": true,
		"themes/default/node_modules": true, "content/.hidden": true,
	} {
		if got := skipDir(dir); got != want {
			t.Errorf("skipDir(%q) = %v, want %v", dir, got, want)
		}
	}
}
