package mermaid

import (
	"context"
	"errors"
	"flag"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/diagrams"
)

var update = flag.Bool("update", false, "rewrite testdata/*.d2 from the translation")

// TestGolden translates testdata/*.mmd and compares with the .d2 beside it.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.mmd")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ToD2(string(src))
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(file, ".mmd") + ".d2"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("D2 differs from %s:\n%s", golden, got)
			}
		})
	}
}

// TestRenders draws every translation with the real D2 pipeline, proving
// the generated source is valid D2, and checks that hostile labels are
// drawn as text rather than read as D2.
func TestRenders(t *testing.T) {
	if testing.Short() {
		t.Skip("renders diagrams")
	}
	r := diagrams.NewRenderer(diagrams.Config{})
	files, _ := filepath.Glob("testdata/*.mmd")
	for _, file := range files {
		src, _ := os.ReadFile(file)
		d2, err := ToD2(string(src))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		fig, err := r.Render(context.Background(), d2, diagrams.Options{Title: filepath.Base(file)})
		if err != nil {
			t.Errorf("%s: D2 does not render: %v\n%s", file, err, d2)
			continue
		}
		h := html.UnescapeString(fig.HTML)
		var want []string
		switch filepath.Base(file) {
		case "hostile.mmd":
			want = []string{`x\" } n: {shape: person} ${env} \\ end`, `a\nb`, `md # not *md*; x -> y`, `${x}: {style.fill: red}`, `label: value; d -> e`}
		case "hostile-seq.mmd":
			want = []string{`evil" { shape: circle } ${y}`, `a}; b -> c {`, `msg" -> x: {}`}
		case "seq-basic.mmd":
			want = []string{">Alice<", ">Bob<", ">a note<", ">solid arrow<"}
		case "flow-subgraphs.mmd":
			want = []string{">The first<", ">Nested, quoted<"}
		}
		for _, w := range want {
			if !strings.Contains(h, w) {
				t.Errorf("%s: drawing lacks %q", file, w)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		msg  string
	}{
		{"pie title Pets\n  \"Dogs\" : 386\n", 1, `Mermaid "pie" diagrams are not drawn`},
		{"%% comment\n\ngantt\n  title x\n", 3, `Mermaid "gantt" diagrams are not drawn`},
		{"classDiagram\n  A <|-- B\n", 1, `Mermaid "classDiagram" diagrams are not drawn`},
		{"---\ntitle: x\n---\nerDiagram\n", 4, `Mermaid "erDiagram" diagrams are not drawn`},
		{"", 1, "empty Mermaid diagram"},
		{"flowchart XY\n", 1, `unknown flowchart direction "XY"`},
		{"flowchart TD\n  A --> B\n  A ==== \n", 3, `expected a node id`},
		{"flowchart TD\n  A[open --> B\n", 2, `node A: "[" is not closed`},
		{"flowchart TD\n  A --> B\n  A ?? B\n", 3, `cannot read "?? B"`},
		{"flowchart TD\n  subgraph s\n  A\n", 2, "subgraph has no end"},
		{"flowchart TD\n  A\n  end\n", 3, "end without subgraph"},
		{"flowchart TD\n  A@{ shape: rect }\n", 2, `cannot read "@{ shape: rect }"`},
		{"sequenceDiagram\n  A->>B: hi\n  A says hi\n", 3, `cannot read "A says hi"`},
		{"sequenceDiagram\n  loop x\n  A->>B: hi\n", 3, "block has no end"},
		{"sequenceDiagram\n  else x\n", 2, "else outside a block"},
		{"sequenceDiagram\n  end\n", 2, "end without a block"},
	} {
		_, err := ToD2(c.src)
		var me *Error
		if !errors.As(err, &me) || me.Line != c.line || !strings.Contains(me.Msg, c.msg) {
			t.Errorf("%q: err = %v, want line %d: %s", c.src, err, c.line, c.msg)
		}
	}
}
