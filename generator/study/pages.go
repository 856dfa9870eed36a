package study

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"slices"
	"strings"
)

//go:embed pages.html
var pagesSrc string

var pages = template.Must(template.New("pages").Funcs(template.FuncMap{
	"join": func(s []string) string { return strings.Join(s, " ") },
}).Parse(pagesSrc))

// Links are the hrefs of the study pages; an empty one is not linked.
type Links struct {
	Cards, Quiz, Guide, Download string
	Store                        string // localStorage key of this site's progress
}

type sectionView struct {
	Name  string
	Count int
	Cards []cardView
}

type cardView struct {
	Card
	FrontHTML, BackHTML template.HTML
}

// CardsPage is the body of /study/: the cards as JSON for study.js and,
// for a reader without JavaScript, as a list by section.
func CardsPage(cards []Card, links Links) ([]byte, error) {
	var sections []sectionView
	var tags []string
	for _, c := range cards {
		i := slices.IndexFunc(sections, func(s sectionView) bool { return s.Name == c.Section })
		if i < 0 {
			sections = append(sections, sectionView{Name: c.Section})
			i = len(sections) - 1
		}
		sections[i].Count++
		// The HTML of cards is made by this package or by the Markdown
		// renderer (author cards), never taken raw from a note.
		sections[i].Cards = append(sections[i].Cards, cardView{c, template.HTML(c.Front), template.HTML(c.Back)})
		for _, t := range c.Tags {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	slices.Sort(tags)
	data, err := json.Marshal(cards)
	if err != nil {
		return nil, err
	}
	return execute("study", struct {
		Links
		Sections []sectionView
		Tags     []string
		List     []Card
		JSON     string // in a data attribute: the site's CSP allows no inline script
	}{links, sections, tags, cards, string(data)})
}

type questionView struct {
	PromptHTML, AnswerHTML, ExplainHTML template.HTML
	ChoicesHTML                         []template.HTML
}

// QuizPage is the body of /study/quiz/.
func QuizPage(questions []Question, links Links) ([]byte, error) {
	views := make([]questionView, len(questions))
	for i, q := range questions {
		v := questionView{PromptHTML: template.HTML(q.Prompt), AnswerHTML: template.HTML(q.Choices[q.Answer]), ExplainHTML: template.HTML(q.Explain)}
		for _, c := range q.Choices {
			v.ChoicesHTML = append(v.ChoicesHTML, template.HTML(c))
		}
		views[i] = v
	}
	data, err := json.Marshal(questions)
	if err != nil {
		return nil, err
	}
	return execute("quiz", struct {
		Links
		Questions []questionView
		JSON      string
	}{links, views, string(data)})
}

// GuidePage is the body of the "which service?" guide.
func GuidePage(g Guide, links Links) ([]byte, error) {
	titles := map[string]string{}
	for _, s := range g.Services {
		titles[s.Slug] = s.Title
	}
	return execute("guide", struct {
		Links
		G      Guide
		Titles func([]string) string
	}{links, g, func(slugs []string) string {
		out := make([]string, len(slugs))
		for i, s := range slugs {
			out[i] = titles[s]
		}
		return strings.Join(out, ", ")
	}})
}

func execute(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	err := pages.ExecuteTemplate(&b, name, data)
	return b.Bytes(), err
}
