package site

import (
	"bytes"
	"fmt"
	"html/template"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/markdown"
)

// The trainers' kit. Its parts come from the content:
//
//   - handouts: a guide's front matter [handout] (3-5 points, up to 3 contact keys);
//   - quiz questions: "> [!QUIZ]" blocks at the end of a guide (markdown/quiz.go);
//   - the session plan: the page site.toml [print] session_plan names, whose ## and ###
//     headings carry minutes= and guide= (markdown/plan.go).
//
// prepareKit checks and renders the handouts of every guide (quiz questions and plans are
// checked when their pages are resolved) and checks the session plan page.

// kitHandout is the rendered handout of a guide.
type kitHandout struct {
	Points   template.HTML // <ul> of the points
	Contacts template.HTML // the contact cards
}

// prepareKit renders the handout of every page that has one (a fallback page: its source's
// handout, with links in the reader's language) and checks site.toml [print] session_plan.
func (b *builder) prepareKit() {
	b.handouts = map[*content.Page]*kitHandout{}
	for _, pg := range b.site.Pages {
		c := pg.Content()
		if c.Handout == nil || pg.Kind != content.KindPage {
			continue
		}
		h, problems := b.renderHandout(pg)
		if !pg.Fallback {
			b.problems.Merge(problems)
		}
		if h != nil {
			b.handouts[pg] = h
		}
	}
	b.checkSessionPlan()
}

// renderHandout renders the points and contacts of pg's handout, resolved against the site
// like a page body. Problems name the line of points or contacts in the guide's front matter.
func (b *builder) renderHandout(pg *content.Page) (*kitHandout, diag.List) {
	c := pg.Content()
	h := c.Handout
	var problems diag.List
	var out kitHandout
	parts := []struct {
		items  []string
		line   int
		what   string
		format func(string) string
		dst    *template.HTML
	}{
		{h.Points, h.PointsLine(), "point", func(s string) string { return "- " + s + "\n" }, &out.Points},
		{h.Contacts, h.ContactsLine(), "contact", func(s string) string { return "[[contact:" + s + "]]\n\n" }, &out.Contacts},
	}
	for _, part := range parts {
		if len(part.items) == 0 {
			continue
		}
		var src strings.Builder
		starts := []int{} // body line of each item
		line := 1
		for _, it := range part.items {
			starts = append(starts, line)
			text := part.format(strings.Join(strings.Fields(it), " "))
			src.WriteString(text)
			line += strings.Count(text, "\n")
		}
		doc := b.md.Parse([]byte(src.String()), 0)
		for _, p := range doc.Resolve(&resolver{b: b, page: pg, doc: b.docs[pg], textLang: c.Lang}) {
			n := 0
			for i, s := range starts {
				if p.Line >= s {
					n = i + 1
				}
			}
			problems.Add(diag.Problem{File: c.File, Line: part.line,
				Message: fmt.Sprintf("[handout] %s %d: %s", part.what, n, p.Message),
				Hint:    "points may use inline Markdown (links, [[term:key]]); contacts are keys of content/_data/contacts.toml"})
		}
		var buf bytes.Buffer
		if err := b.md.RenderElsewhere(&buf, doc, pg.URL); err != nil {
			problems.Add(diag.Problem{File: c.File, Line: part.line, Message: "rendering the handout: " + err.Error()})
			return nil, problems
		}
		*part.dst = template.HTML(buf.String())
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return &out, nil
}

// checkSessionPlan checks that the page site.toml [print] session_plan names exists in every
// language and holds at least one session.
func (b *builder) checkSessionPlan() {
	plan := b.cfg.Print.SessionPlan
	if plan == "" {
		return
	}
	src, _ := b.src.ReadFile(filepath.Join(b.opts.Source, config.FileName), b.cfg.MaxMarkdown())
	line := config.KeyLine(src, toml.Key{"print", "session_plan"})
	for _, l := range b.site.Languages {
		pg := l.ByPath[plan]
		if pg == nil || pg.Kind != content.KindPage {
			b.problems.Add(diag.Problem{File: config.FileName, Line: line,
				Message: fmt.Sprintf("[print] session_plan %q is not a page in content/%s/", plan, l.Code),
				Hint:    "name the session plan by its path inside each language folder, e.g. session_plan = \"rujukan/sesi-pelatihan.md\""})
			continue
		}
		if pg.Fallback {
			continue // the source's problems are reported on the source page
		}
		if doc := b.docs[pg]; doc != nil && len(doc.Sessions()) == 0 {
			b.problems.Add(diag.Problem{File: pg.File, Line: pg.BodyLine + 1,
				Message: "the session plan has no session: [print] session_plan in site.toml names this page",
				Hint: "write each session as a ## heading with minutes= and its parts as ### headings with minutes=, e.g.\n" +
					"## Sesi 2 jam {#dua-jam minutes=120}\n### Paspor {#dua-jam-paspor minutes=20 guide=\"persiapan/syarat-dan-dokumen.md\"}"})
		}
	}
}

// quizOf returns the quiz questions of pg (its source's on a fallback page), with links to
// anchors of the guide pointing at the guide's URL.
func (b *builder) quizOf(pg *content.Page) ([]markdown.QuizQuestion, error) {
	doc := b.docs[pg]
	if doc == nil || doc.QuizLen() == 0 {
		return nil, nil
	}
	b.resolveFor(pg, doc)
	return b.md.Quiz(doc, pg.URL)
}
