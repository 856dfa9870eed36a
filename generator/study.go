package generator

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"sitegen/generator/content"
	"sitegen/generator/markdown"
	"sitegen/generator/srcerr"
	"sitegen/generator/study"
)

// CardsFile is the output path of every card as a file Anki imports
// (tab-separated front, back, tags); `sitegen cards` writes the same.
const CardsFile = "study/cards.tsv"

// The study pages: flashcards, the quiz and the "which service?" guide.
const (
	studyURL    = "/study/"
	quizURL     = "/study/quiz/"
	guideURL    = "/study/guide/"
	studyStore  = "sitegen-study:"
	studyWeight = 9500
)

// studyStage makes the study tools from the facts and the rendered notes
// (author cards are read from their HTML, after embeds are spliced in).
// A site with neither facts nor author cards gets no study pages.
func (b *build) studyStage(context.Context) error {
	b.warnStale(time.Now())
	var services []study.Service
	var comparisons []study.Comparison
	bySlug := map[*content.Page]study.Service{}
	for _, p := range b.ordered() {
		if svc, ok := b.facts.services[p]; ok {
			s := study.Service{Slug: svc.Slug, Title: p.Title, URL: b.href(p.URL), Section: topSection(p), Tags: p.Meta.Tags, Facts: svc.Facts}
			services = append(services, s)
			bySlug[p] = s
		}
	}
	var cards []study.Card
	if b.facts.schema != nil {
		for _, p := range b.ordered() {
			if len(p.Meta.Compare) == 0 {
				continue
			}
			c := study.Comparison{Title: p.Title, URL: b.href(p.URL), Section: topSection(p), Tags: p.Meta.Tags}
			for _, name := range p.Meta.Compare {
				if q, err := b.pages.Resolve(p.File, name); q != nil && err == nil {
					c.Services = append(c.Services, bySlug[q])
				}
			}
			comparisons = append(comparisons, c)
		}
		cards = append(study.FactCards(b.facts.schema, services), study.ComparisonCards(b.facts.schema, comparisons)...)
	}
	for _, p := range b.ordered() {
		if r := b.parsed[p]; r != nil && p.BodyLine > 0 {
			cards = append(cards, b.authorCards(p, r.HTML)...)
		}
	}
	var questions []study.Question
	var guide study.Guide
	if b.facts.schema != nil {
		guide = study.NewGuide(b.facts.schema, services)
		questions = append(study.ScenarioQuestions(guide, services), study.FactQuestions(b.facts.schema, services)...)
	}
	links := study.Links{Store: studyStore + b.settings.BasePath()}
	if len(cards) > 0 {
		links.Cards, links.Download = b.href(studyURL), b.href(CardsFile)
	}
	if len(questions) > 0 && len(cards) > 0 {
		links.Quiz = b.href(quizURL)
	}
	if len(guide.Questions) > 0 {
		links.Guide = b.href(guideURL)
	}
	if links.Cards == "" {
		return nil
	}
	html, err := study.CardsPage(cards, links)
	if err != nil {
		return err
	}
	if err := b.addStudyPage(studyURL, "study", "Study", fmt.Sprintf("%d flashcards from the notes, with spaced repetition.", len(cards)), html); err != nil {
		return err
	}
	if err := b.put(CardsFile, generatedSource("study cards (Anki TSV)"), study.TSV(cards, b.settings.Absolute("/"))); err != nil {
		return err
	}
	if links.Quiz != "" {
		if html, err = study.QuizPage(questions, links); err != nil {
			return err
		}
		if err := b.addStudyPage(quizURL, "study", "Quiz", fmt.Sprintf("%d questions generated from the facts.", len(questions)), html); err != nil {
			return err
		}
	}
	if links.Guide != "" {
		if html, err = study.GuidePage(guide, links); err != nil {
			return err
		}
		return b.addStudyPage(guideURL, "guide", "Which service?", "Answer a few questions; the services that fit narrow as you go.", html)
	}
	return nil
}

// addStudyPage adds a generated page whose body is html.
// authorCards are the cards the author wrote in a note's rendered HTML.
func (b *build) authorCards(p *content.Page, html []byte) []study.Card {
	return study.AuthorCards(study.Note{Title: p.Title, URL: b.href(p.URL), Section: topSection(p), Tags: p.Meta.Tags, HTML: html})
}

// authorCardsChanged reports whether a page's author cards differ from
// those in its earlier HTML: the study pages then need a full build.
func (b *build) authorCardsChanged(before map[*content.Page][]byte) bool {
	for p, html := range before {
		if !reflect.DeepEqual(b.authorCards(p, html), b.authorCards(p, b.parsed[p].HTML)) {
			return true
		}
	}
	return false
}

func (b *build) addStudyPage(url, layout, title, summary string, html []byte) error {
	kind := content.KindPage
	if url == studyURL {
		kind = content.KindSection // the quiz and the guide sit under it in the menu
	}
	p := &content.Page{File: "content/ (generated " + url + ")", Kind: kind, URL: url, Title: title,
		Slug: layout, Meta: content.FrontMatter{Summary: summary, Layout: layout, Weight: studyWeight}}
	if err := b.pages.Add(p); err != nil {
		return srcerr.New("content", 0, "%v", err)
	}
	b.parsed[p] = &markdown.Result{HTML: html}
	return nil
}

// topSection is the title of the top-level section above a page.
func topSection(p *content.Page) string {
	for _, a := range append(p.Ancestors(), p) {
		if a.Kind != content.KindHome {
			return a.Title
		}
	}
	return p.Title
}

// warnStale warns about every fact whose as_of is older than
// sitegen.toml's stale_after.
func (b *build) warnStale(now time.Time) {
	age := b.settings.StaleAge()
	if age == 0 || b.facts.schema == nil {
		return
	}
	for p, svc := range b.facts.services {
		for _, d := range b.facts.schema.Defs {
			v, ok := svc.Facts[d.Key]
			if ok && !v.AsOf.IsZero() && now.Sub(v.AsOf) > age {
				b.warn(srcerr.New(p.File, v.Line, "facts.%s: checked on %s, more than stale_after (%s) ago; check it again and update as_of",
					d.Key, v.CheckedOn(), b.settings.StaleAfter))
			}
		}
	}
}
