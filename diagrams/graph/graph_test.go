package graph

import (
	"slices"
	"strings"
	"testing"
)

func TestRelationEdge(t *testing.T) {
	for _, tc := range []struct {
		relation string
		want     Edge
	}{
		{"runs_on", Edge{From: "svc", To: "other", Label: "runs on"}},
		{"pulls_images_from", Edge{From: "other", To: "svc", Label: "images"}},
		{"exposes", Edge{From: "svc", To: "other", Label: "exposes"}},
		{"triggered_by", Edge{From: "other", To: "svc", Label: "triggers"}},
		{"uses", Edge{From: "svc", To: "other", Label: "uses"}},
	} {
		got, ok := RelationEdge("svc", tc.relation, "other")
		if !ok || got != tc.want {
			t.Errorf("RelationEdge(svc, %s, other) = %+v, %v; want %+v", tc.relation, got, ok, tc.want)
		}
	}
	if _, ok := RelationEdge("svc", "depends_on", "other"); ok {
		t.Error("unknown relation accepted")
	}
	want := []string{"exposes", "pulls_images_from", "runs_on", "triggered_by", "uses"}
	if got := Relations(); !slices.Equal(got, want) {
		t.Errorf("Relations() = %v, want %v", got, want)
	}
}

func TestLayout(t *testing.T) {
	steps := func(n int) Graph {
		var g Graph
		for i := range n {
			g.Edges = append(g.Edges, Edge{From: "a", To: "b", Step: i + 1})
		}
		return g
	}
	four := Graph{Nodes: []Node{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}}
	for _, tc := range []struct {
		g    Graph
		want string
	}{
		{steps(1), "right"},
		{steps(3), "down"}, // a long flow runs down the page, so its labels stay readable
		{four, "down"},
		{Graph{Nodes: four.Nodes[:2]}, "right"},
		{Graph{Direction: "left"}, "left"},
	} {
		if got := tc.g.Layout(); got != tc.want {
			t.Errorf("Layout() of %d edges, %d nodes = %s, want %s", len(tc.g.Edges), len(tc.g.Nodes), got, tc.want)
		}
	}
}

func TestStepsAndGroups(t *testing.T) {
	g := Graph{
		Nodes: []Node{{ID: "ecs", Label: "Amazon ECS", Group: "Containers"}, {ID: "ec2", Label: "Amazon EC2"}},
		Edges: []Edge{{From: "ecs", To: "ec2", Label: "runs on", Step: 2}},
	}
	src := g.D2()
	for _, want := range []string{
		"\"Containers\": {\n  label: \"Containers\"\n",
		"  \"ecs\": {\n    label: \"Amazon ECS\"\n",
		"\"Containers\".\"ecs\" -> \"ec2\": \"2. runs on\"\n",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("D2 lacks %q:\n%s", want, src)
		}
	}
}

func TestReduced(t *testing.T) {
	g := Graph{Edges: []Edge{
		{From: "ecs", To: "fargate", Label: "runs on"},
		{From: "fargate", To: "docker", Label: "uses"},
		{From: "ecs", To: "docker", Label: "uses"},   // shown by ecs → fargate → docker (uses)
		{From: "ecr", To: "batch", Label: "images"},  //
		{From: "batch", To: "ecs", Label: "runs on"}, //
		{From: "ecr", To: "ecs", Label: "images"},    // kept: the path ends "runs on"
		{From: "ecr", To: "ecs", Label: "images"},    // the same again: merged
	}}
	var got []string
	for _, e := range g.Reduced().Edges {
		got = append(got, e.From+">"+e.To+":"+e.Label)
	}
	want := "ecs>fargate:runs on|fargate>docker:uses|ecr>batch:images|batch>ecs:runs on|ecr>ecs:images"
	if strings.Join(got, "|") != want {
		t.Errorf("Reduced edges = %s\nwant %s", strings.Join(got, "|"), want)
	}
}
