package generator

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// recordingDiagrams keeps the D2 source of every diagram by its title.
type recordingDiagrams struct {
	mu      sync.Mutex
	sources map[string]string
}

func (r *recordingDiagrams) RenderDiagram(_ context.Context, src, title string, _ bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sources[title] = src
	return `<figure class="diagram"><figcaption>` + title + `</figcaption></figure>`, nil
}

// bundledSite loads the repository's study notes into memory.
func bundledSite(t *testing.T) fstest.MapFS {
	site := fixture(t, "../content")
	out := fstest.MapFS{}
	for name, f := range site {
		out["content/"+name] = f
	}
	cfg := fixture(t, "..")["sitegen.toml"] // only that file is used
	out["sitegen.toml"] = cfg
	return out
}

func TestServiceMapOfTheBundledSite(t *testing.T) {
	rec := &recordingDiagrams{sources: map[string]string{}}
	res, err := Build(context.Background(), Config{FS: bundledSite(t), Diagrams: rec})
	if err != nil {
		t.Fatal(err)
	}
	serviceMap := rec.sources["Service map"]
	for _, svc := range []string{"docker", "ecs", "fargate", "ecr", "batch", "lambda", "api-gateway"} {
		if !strings.Contains(serviceMap, svc) {
			t.Errorf("the service map lacks %s", svc)
		}
	}
	// Notes sit in a box per category, so an edge names a note by its
	// box and id ("Containers"."ecs").
	node := func(id string) string { return `(?:"[^"]+"\.)?"` + regexp.QuoteMeta(id) + `"` }
	for _, edge := range [][3]string{
		{"batch", "ecs", "runs on"}, {"ecs", "ec2", "runs on"},
		{"ecr", "batch", "images"}, {"ecr", "lambda", "images"}, {"ecr", "Containers", "images"}, {"api-gateway", "lambda", "exposes"}, {"s3", "lambda", "triggers"},
	} {
		re := regexp.MustCompile(node(edge[0]) + " -> " + node(edge[1]) + `: "` + edge[2] + `"`)
		if !re.MatchString(serviceMap) {
			t.Errorf("the service map lacks the edge %s -> %s: %s", edge[0], edge[1], edge[2])
		}
	}
	if !strings.Contains(serviceMap, "\"Containers\": {") {
		t.Error("the service map has no box for the Containers category")
	}
	// ECR's images for ECS and Fargate are one edge to their box; a
	// category of one note (Lambda's) gets no box.
	if regexp.MustCompile(node("ecr") + ` -> "Containers"\."(ecs|fargate)"`).MatchString(serviceMap) {
		t.Error("the service map draws ECR's images to each container service, not once to their box")
	}
	if strings.Contains(serviceMap, `"Serverless compute": {`) {
		t.Error("the service map boxes a category of one note")
	}
	// ECS runs on Fargate, which uses Docker: "ECS uses Docker" is left out.
	if regexp.MustCompile(node("ecs") + " -> " + node("docker")).MatchString(serviceMap) {
		t.Error("the service map keeps the edge ecs -> docker that ecs -> fargate -> docker already shows")
	}
	for _, title := range []string{"AWS Lambda and its neighbours", "Serverless cron", "Thumbnails for images uploaded to S3"} {
		if rec.sources[title] == "" {
			t.Errorf("no generated diagram %q; have %d diagrams", title, len(rec.sources))
		}
	}
	if !strings.Contains(string(res.Files["index.html"]), "<figcaption>Service map</figcaption>") {
		t.Error("the home page does not show the service map")
	}
	if !strings.Contains(string(res.Files["services/lambda/index.html"]), "<figcaption>Serverless cron</figcaption>") {
		t.Error("the Lambda note does not show its use-case flows")
	}
}

func TestRelationErrorsNameTheNote(t *testing.T) {
	for site, want := range map[string]string{
		"-- content/a.md --\n---\nlinks:\n  runs_onn: [b]\n---\n-- content/b.md --\nB\n": `content/a.md:3: links.runs_onn: unknown relation (did you mean "runs_on"?)`,
		"-- content/a.md --\n---\nlinks:\n  runs_on: [nowhere]\n---\n":                   `content/a.md:3: links.runs_on: "nowhere" is neither a note nor an entry of content/_external.yaml`,
		"-- content/a.md --\n---\nflows:\n  - title: F\n    steps: [\"a to b\"]\n---\n":  `content/a.md:3: flows: "F": step "a to b": want "from -> to: label"`,
	} {
		if got := buildErr(t, siteFS(t, site)); !strings.Contains(got, want) {
			t.Errorf("error:\n%s\nwant:\n%s", got, want)
		}
	}
}
