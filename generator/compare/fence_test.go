package compare

import (
	"errors"
	"slices"
	"testing"
)

func TestParseFence(t *testing.T) {
	tests := []struct {
		src          string
		slugs, shown []string
	}{
		{"lambda batch\n", []string{"lambda", "batch"}, nil},
		{"lambda, batch,fargate\nfacts: max_runtime runtimes billing\n", []string{"lambda", "batch", "fargate"}, []string{"max_runtime", "runtimes", "billing"}},
		{"\n  ecs\tfargate  \n\nfacts: serverless, billing", []string{"ecs", "fargate"}, []string{"serverless", "billing"}},
	}
	for _, tt := range tests {
		slugs, shown, err := ParseFence(tt.src)
		if err != nil {
			t.Errorf("ParseFence(%q): %v", tt.src, err)
			continue
		}
		if !slices.Equal(slugs, tt.slugs) || !slices.Equal(shown, tt.shown) {
			t.Errorf("ParseFence(%q) = %q, %q; want %q, %q", tt.src, slugs, shown, tt.slugs, tt.shown)
		}
	}
}

func TestParseFenceErrors(t *testing.T) {
	tests := []struct {
		src  string
		line int
		msg  string
	}{
		{"", 1, "compare block: empty; want the services to compare (lambda batch)"},
		{"lambda\n", 1, "compare block: want two or more services, got 1"},
		{"\nlambda lambda", 2, "compare block: service lambda is named twice"},
		{"facts: billing\nlambda batch", 1, "compare block: the first line names the services to compare (lambda batch)"},
		{"lambda batch\nfacts:", 2, "compare block: facts: names no facts (facts: max_runtime billing)"},
		{"lambda batch\nfacts: a\nfacts: b", 3, `compare block: unexpected line "facts: b": want one line of services, then facts: key key …`},
		{"lambda batch\necs", 2, `compare block: unexpected line "ecs": want one line of services, then facts: key key …`},
	}
	for _, tt := range tests {
		_, _, err := ParseFence(tt.src)
		var fe *FenceError
		if !errors.As(err, &fe) || fe.Line != tt.line || fe.Msg != tt.msg {
			t.Errorf("ParseFence(%q) error = %#v, want line %d: %s", tt.src, err, tt.line, tt.msg)
		}
	}
}
