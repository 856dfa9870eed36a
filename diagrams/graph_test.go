package diagrams

import (
	"context"
	"html"
	"sitegen/diagrams/graph"
	"slices"
	"strings"
	"testing"
)

var lambdaGraph = graph.Graph{
	Title: "AWS Lambda",
	Nodes: []graph.Node{
		{ID: "lambda", Label: "AWS Lambda", URL: "/services/lambda/", Kind: graph.KindService, Focus: true},
		{ID: "s3", Label: "Amazon S3", Kind: graph.KindStorage},
		{ID: "dev", Label: "Developer", Kind: graph.KindUser},
		{ID: "internet", Label: "Internet", Kind: graph.KindExternal},
	},
	Edges: []graph.Edge{
		{From: "dev", To: "lambda", Label: "deploys"},
		{From: "lambda", To: "s3", Label: "uses"},
		{From: "internet", To: "lambda"},
	},
}

func TestGraphD2Renders(t *testing.T) {
	src := lambdaGraph.D2()
	for _, want := range []string{
		"direction: down\n", // four nodes: graph.Layout draws them down the page
		"shape: rectangle", "shape: cylinder", "shape: person", "shape: cloud",
		`link: "/services/lambda/"`,
		`"dev" -> "lambda": "deploys"`,
		`"internet" -> "lambda"` + "\n",
		`stroke: "#E8590C"`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("D2 source lacks %q:\n%s", want, src)
		}
	}
	fig, err := NewRenderer(Config{}).Render(context.Background(), lambdaGraph.D2(), Options{Title: lambdaGraph.Title})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	for _, want := range []string{
		">AWS Lambda</text>", ">Amazon S3</text>", ">Developer</text>", ">Internet</text>",
		">deploys</text>", ">uses</text>",
		`<a href="/services/lambda/"`,
		"<figcaption>AWS Lambda</figcaption>",
		"Developer → AWS Lambda (deploys)", "AWS Lambda → Amazon S3 (uses)", "Internet → AWS Lambda",
	} {
		if !strings.Contains(fig.HTML, want) {
			t.Errorf("figure lacks %q", want)
		}
	}
}

func TestGraphD2Escaping(t *testing.T) {
	nasty := []string{
		`Say "hi": {now}`,
		"two\nlines",
		`back\slash ${var} 'single' |pipe| #hash; semi`,
		"null",
	}
	g := graph.Graph{Direction: "down"}
	for i, label := range nasty {
		id := []string{`a.b`, `c: d`, `e"f`, `g -> h`}[i]
		g.Nodes = append(g.Nodes, graph.Node{ID: id, Label: label, URL: "/x?a=1&b=\"2\"", Kind: graph.KindService})
		if i > 0 {
			g.Edges = append(g.Edges, graph.Edge{From: g.Nodes[i-1].ID, To: id, Label: label})
		}
	}
	fig, err := NewRenderer(Config{}).Render(context.Background(), g.D2(), Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, g.D2())
	}
	text := html.UnescapeString(fig.HTML)
	for _, label := range nasty {
		for _, line := range strings.Split(label, "\n") {
			if !strings.Contains(text, ">"+line+"<") {
				t.Errorf("label line %q not rendered as text", line)
			}
		}
	}
	// Four nodes, none made up from pieces of an ID, each linked in both
	// SVGs (the sanitizer writes the href back escaped).
	wantDesc := `Diagram with nodes Say "hi": {now}, two lines, back\slash ${var} 'single' |pipe| #hash; semi, null; edges`
	if !strings.Contains(text, wantDesc) || strings.Count(fig.HTML, `<a href="/x?a=1&amp;b=&#34;2&#34;"`) != 8 {
		t.Errorf("want four linked nodes:\n%s", g.D2())
	}
	if !strings.HasPrefix(g.D2(), "direction: down\n") {
		t.Error("direction not applied")
	}
}

func TestGraphD2Deterministic(t *testing.T) {
	shuffled := lambdaGraph
	shuffled.Nodes = slices.Clone(lambdaGraph.Nodes)
	shuffled.Edges = slices.Clone(lambdaGraph.Edges)
	slices.Reverse(shuffled.Nodes)
	slices.Reverse(shuffled.Edges)
	if a, b := lambdaGraph.D2(), shuffled.D2(); a != b {
		t.Errorf("order changed the source:\n%s\n---\n%s", a, b)
	}
}
