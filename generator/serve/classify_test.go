package serve

import "testing"

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
