package graph

import (
	"slices"
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
