package search

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// BuiltinSynonyms are the words of this field that learners use for one
// another. Each group is a set of expressions, of one or more words, that
// a query may use for any other of the group; search.js ranks a page that
// matches only through a synonym just below one that matches the words
// typed. A site adds groups of its own (ParseSynonyms).
var BuiltinSynonyms = [][]string{
	{"cost", "costs", "price", "pricing", "billing", "billed", "charge", "charged", "pay"},
	{"time limit", "timeout", "max runtime", "max run time", "maximum runtime", "duration", "run time limit"},
	{"no time limit", "unlimited", "no limit", "no timeout"},
	{"rate limit", "rate limiting", "throttling", "throttle", "requests per second"},
	{"registry", "repository", "repo", "image registry"},
	{"container image", "docker image", "image"},
	{"memory", "ram"},
	{"serverless", "no servers", "faas"},
	{"function", "lambda function"},
	{"cron", "schedule", "scheduled"},
	{"scaling", "autoscaling", "auto scaling", "scale"},
	{"virtual machine", "vm", "server", "instance"},
	{"free tier", "free"},
	{"language", "runtime"},
	{"kubernetes", "k8s", "eks"},
	{"logs", "logging", "monitoring", "cloudwatch"},
	{"api", "endpoint", "rest api"},
	{"storage", "disk"},
	{"orchestration", "orchestrator", "cluster"},
	{"difference", "compare", "comparison", "versus", "vs"},
}

// ParseSynonyms reads a site's synonyms file (content/_synonyms.yaml): a
// YAML list of groups, each a list of words or phrases that mean the same:
//
//   - [cost, price, billing]
//   - [vm, virtual machine, ec2 instance]
//
// Errors name file and line.
func ParseSynonyms(file string, src []byte) ([][]string, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: want a list of synonym groups such as - [cost, price, billing]", file, top.Line)
	}
	var groups [][]string
	for _, g := range top.Content {
		if g.Kind != yaml.SequenceNode || len(g.Content) < 2 {
			return nil, fmt.Errorf("%s:%d: a synonym group is a list of two or more words or phrases, such as [cost, price]", file, g.Line)
		}
		var group []string
		for _, w := range g.Content {
			if w.Kind != yaml.ScalarNode || strings.TrimSpace(w.Value) == "" {
				return nil, fmt.Errorf("%s:%d: a synonym is a word or phrase", file, w.Line)
			}
			group = append(group, w.Value)
		}
		groups = append(groups, group)
	}
	return groups, nil
}

// synonymTerms turns groups into what the manifest holds: each expression
// as its terms joined by spaces, as search.js derives them from a query.
// Expressions with no terms (only stop words) are dropped, and so are
// groups left with fewer than two; groups that share an expression are
// kept apart, since "image" may be a container image or a picture.
func synonymTerms(groups [][]string) [][]string {
	var out [][]string
	for _, g := range groups {
		var alts []string
		for _, e := range g {
			t := strings.Join(Terms(e), " ")
			if t != "" && !slices.Contains(alts, t) {
				alts = append(alts, t)
			}
		}
		if len(alts) >= 2 {
			out = append(out, alts)
		}
	}
	return out
}
