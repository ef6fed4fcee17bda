package site

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
	"pandu/generator/markdown"
	"pandu/generator/templates"
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

	points, contacts *markdown.Document // the same, parsed and resolved, for the kit's copies
	pageURL          string             // site path of the guide: the points' "#x" links go there
}

// prepareKit renders the handout of every page that has one (a fallback page: its source's
// handout, with links in the reader's language) and checks site.toml [print] session_plan.
func (b *builder) prepareKit() {
	b.handouts = map[*content.Page]*kitHandout{}
	for _, pg := range b.site.Pages {
		if pg.Content().Handout == nil || pg.Kind != content.KindPage {
			continue
		}
		h, problems := b.renderHandout(pg, b.doc(pg))
		if !pg.Fallback {
			b.problems.Merge(problems)
		}
		if h != nil {
			b.handouts[pg] = h
		}
	}
	b.checkSessionPlan()
}

// renderHandout renders the points and contacts of pg's handout (nil when it has none), resolved
// against the site like a page body; links to "#anchor" go to the anchors of doc, the page's
// body. Problems name the line of points or contacts in the guide's front matter.
func (b *builder) renderHandout(pg *content.Page, doc *markdown.Document) (*kitHandout, diag.List) {
	c := pg.Content()
	h := c.Handout
	if h == nil || pg.Kind != content.KindPage {
		return nil, nil
	}
	var problems diag.List
	var out kitHandout
	parts := []struct {
		items  []string
		line   int
		what   string
		format func(string) string
		dst    *template.HTML
		doc    **markdown.Document
	}{
		{h.Points, h.PointsLine(), "point", func(s string) string { return "- " + s + "\n" }, &out.Points, &out.points},
		{h.Contacts, h.ContactsLine(), "contact", func(s string) string { return "[[contact:" + s + "]]\n\n" }, &out.Contacts, &out.contacts},
	}
	out.pageURL = config.EscapePath(pg.URL)
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
		hdoc := b.md.Parse([]byte(src.String()), 0)
		for _, p := range hdoc.Resolve(&resolver{b: b, page: pg, doc: doc, textLang: c.Lang}) {
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
		if err := b.md.RenderElsewhere(&buf, hdoc, config.EscapePath(pg.URL)); err != nil {
			problems.Add(diag.Problem{File: c.File, Line: part.line, Message: "rendering the handout: " + err.Error()})
			return nil, problems
		}
		*part.dst, *part.doc = template.HTML(buf.String()), hdoc
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
	line := b.cfg.KeyLine("print", "session_plan")
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
		if doc := b.doc(pg); len(doc.Sessions()) == 0 {
			b.problems.Add(diag.Problem{File: pg.File, Line: pg.BodyLine + 1,
				Message: "the session plan has no session: [print] session_plan in site.toml names this page",
				Hint: "write each session as a ## heading with minutes= and its parts as ### headings with minutes=, e.g.\n" +
					"## Sesi 2 jam {#dua-jam minutes=120}\n### Paspor {#dua-jam-paspor minutes=20 guide=\"persiapan/syarat-dan-dokumen.md\"}"})
		}
	}
}

// kitSlug is the folder of the trainer kit inside the print edition: /<lang>/<print_slug>/kit/.
const kitSlug = "kit/"

// KitPDF names the trainer kit's PDF of a language.
func KitPDF(lang string) string { return "trainer-kit-" + lang + ".pdf" }

// Kit is what layouts/kit.html gets as .Kit (see PrintView): one language's trainer kit.
type Kit struct {
	URL        string // site path of the kit page
	BookletURL string
	PDF        string // site path of the PDF, "" when it was not made
	Plan       *KitPlan
	Guides     []*KitGuide
	Handouts   int                 // guides with a handout
	Questions  int                 // quiz questions in all
	Sheets     [][]*KitHandoutView // handouts two by two, for A5 cutting
}

// KitPlan is the session plan of a kit.
type KitPlan struct {
	Title    string
	Lang     string // language of the text
	Fallback bool
	URL      string // the plan's page
	Sessions []KitSession
	Body     template.HTML
}

// KitSession is one session of the plan, with its parts.
type KitSession struct {
	ID, Title string
	Minutes   int
	Parts     []KitPart
}

// KitPart is one timed part of a session; Handout is the anchor of its guide's handout in the
// kit ("" when the part names no guide, or the guide has no handout).
type KitPart struct {
	ID, Title, Guide string
	Handout          string // anchor of the guide's handout in the kit, "" when it has none
	HandoutTitle     string // the guide's title
	Minutes          int
}

// KitGuide is one guide of the kit: its handout and its quiz questions.
type KitGuide struct {
	*BookletGuide
	Path    string // the guide's path inside the language folder
	Handout *kitHandout
	A4, A5  *KitHandoutView // the handout on its A4 page and on an A5 sheet; nil without handout
	Quiz    []templates.QuizQuestion
}

// KitHandoutView is what layouts/partials/handout.html gets: one copy of a guide's handout,
// with IDs unique on the kit page.
type KitHandoutView struct {
	G                *KitGuide
	Site             string // the site's title
	Points, Contacts template.HTML
}

// kitQuestions letters the choices of quiz questions; name prefixes their radio button names.
func kitQuestions(qs []markdown.QuizQuestion, name string) []templates.QuizQuestion {
	out := make([]templates.QuizQuestion, 0, len(qs))
	for i, q := range qs {
		k := templates.QuizQuestion{N: i + 1, Name: fmt.Sprintf("%s%d", name, i+1), Question: template.HTML(q.Question),
			Explanation: template.HTML(q.Explanation)}
		for j, c := range q.Choices {
			letter := string(rune('A' + j))
			k.Choices = append(k.Choices, templates.QuizChoice{Letter: letter, Text: template.HTML(c), Right: j == q.Answer})
			if j == q.Answer {
				k.Answer, k.AnswerText = letter, template.HTML(c)
			}
		}
		out = append(out, k)
	}
	return out
}

// pageQuiz is the quiz of a guide page, for layouts/page.html (.Quiz).
func (b *builder) pageQuiz(pg *content.Page, doc *markdown.Document) ([]templates.QuizQuestion, error) {
	if doc == nil || doc.QuizLen() == 0 {
		return nil, nil
	}
	qs, err := b.md.Quiz(doc, "")
	if err != nil {
		return nil, diag.Problem{File: pg.Content().File, Message: "rendering the quiz: " + err.Error()}
	}
	return kitQuestions(qs, "pandu-q"), nil
}

// writeKit writes a language's trainer kit page, from its booklet (the guides in the same
// order, with the same QR codes), and its PDF when Options.PDFDir holds it.
func (b *builder) writeKit(l *content.Language, bk *Booklet) error {
	if !b.layouts.Has("kit") {
		return nil
	}
	kit := &Kit{URL: bk.URL + kitSlug, BookletURL: bk.URL}
	if b.opts.PDFDir != "" {
		src := filepath.Join(b.opts.PDFDir, l.Code, KitPDF(l.Code))
		if data, err := os.ReadFile(src); err == nil { // made by pandu pdf, not a source file
			u := bk.URL + KitPDF(l.Code)
			if err := b.writeRaw(src, b.outPath(u), data); err != nil {
				return err
			}
			kit.PDF = u
		}
	}
	handoutOf := map[string]*KitGuide{} // guide path -> the guide, when it has a handout
	for i, p := range b.cfg.Print.Guides {
		pg := l.ByPath[printGuidePath(p)]
		if pg == nil || i >= len(bk.Guides) {
			continue // reported by the booklet
		}
		g := &KitGuide{BookletGuide: bk.Guides[i], Path: pg.Path, Handout: b.handouts[pg]}
		if h := g.Handout; h != nil {
			copyFor := func(prefix string) (*KitHandoutView, error) {
				v := &KitHandoutView{G: g, Site: l.Title}
				// Each copy's anchors get its own prefix ("h-g3-", "s-g3-"); site links become
				// absolute URLs (see guidePlacement), links to the guide's anchors too.
				place := b.guidePlacement(prefix+g.ID, nil, bk.NoAddress)
				place.HeadingShift, place.PageURL = 0, h.pageURL
				for _, part := range []struct {
					doc *markdown.Document
					dst *template.HTML
				}{{h.points, &v.Points}, {h.contacts, &v.Contacts}} {
					if part.doc == nil {
						continue
					}
					var buf bytes.Buffer
					if err := b.md.RenderPlaced(&buf, part.doc, place); err != nil {
						return nil, diag.Problem{File: pg.Content().File, Message: "rendering the handout: " + err.Error()}
					}
					*part.dst = template.HTML(buf.String())
				}
				return v, nil
			}
			var err error
			if g.A4, err = copyFor("h-"); err != nil {
				return err
			}
			if g.A5, err = copyFor("s-"); err != nil {
				return err
			}
			handoutOf[pg.Path] = g
			kit.Handouts++
		}
		if doc := b.doc(pg); doc.QuizLen() > 0 {
			b.resolveFor(pg, doc)
			qs, err := b.md.Quiz(doc, config.EscapePath(pg.URL))
			if err != nil {
				return diag.Problem{File: pg.Content().File, Message: "rendering the quiz: " + err.Error()}
			}
			g.Quiz = kitQuestions(qs, g.ID+"-q")
			kit.Questions += len(g.Quiz)
		}
		kit.Guides = append(kit.Guides, g)
	}
	var pair []*KitHandoutView
	for _, g := range kit.Guides {
		if g.A5 == nil {
			continue
		}
		if pair = append(pair, g.A5); len(pair) == 2 {
			kit.Sheets, pair = append(kit.Sheets, pair), nil
		}
	}
	if len(pair) > 0 {
		kit.Sheets = append(kit.Sheets, pair)
	}
	if plan := b.cfg.Print.SessionPlan; plan != "" {
		if pg := l.ByPath[plan]; pg != nil {
			doc := b.doc(pg)
			b.resolveFor(pg, doc)
			var body bytes.Buffer
			if err := b.md.RenderElsewhere(&body, doc, ""); err != nil {
				return diag.Problem{File: pg.Content().File, Message: "rendering Markdown: " + err.Error()}
			}
			c := pg.Content()
			kp := &KitPlan{Title: c.Title, Lang: c.Lang, Fallback: pg.Fallback, URL: pg.URL, Body: template.HTML(body.String())}
			for _, s := range doc.Sessions() {
				ks := KitSession{ID: s.ID, Title: s.Title, Minutes: s.Minutes}
				for _, p := range s.Parts {
					kp := KitPart{ID: p.ID, Title: p.Title, Guide: p.Guide, Minutes: p.Minutes}
					if g := handoutOf[p.Guide]; g != nil {
						kp.Handout, kp.HandoutTitle = "#handout-"+g.ID, g.Title
					}
					ks.Parts = append(ks.Parts, kp)
				}
				kp.Sessions = append(kp.Sessions, ks)
			}
			kit.Plan = kp
		}
	}
	v := &PrintView{View: b.specialView(l.Code, "kit"), Kit: kit}
	v.Title = b.catalog.Label(l.Code, "kit_title")
	v.URL, v.AbsURL = kit.URL, b.absURL(kit.URL)
	v.Canonical = v.AbsURL
	v.NoIndex = false
	v.Switcher = nil
	for _, o := range b.site.Languages {
		u := b.bookletURL(o.Code) + kitSlug
		v.Switcher = append(v.Switcher, templates.LangLink{Lang: b.langView(o.Code), URL: u, Current: o.Code == l.Code, Exists: true})
		v.Alternates = append(v.Alternates, templates.Alternate{Hreflang: o.Code, Href: b.absURL(u)})
	}
	html, err := b.layouts.Execute(l.Code, "kit", v)
	if err != nil {
		return err
	}
	if err := b.write("layouts/kit.html", b.outPath(kit.URL), html); err != nil {
		return err
	}
	b.kits = append(b.kits, KitPages{Lang: l.Code, URL: kit.URL, PDF: kit.PDF, Handouts: kit.Handouts, Questions: kit.Questions})
	return nil
}

// KitPages are the site paths of one language's trainer kit.
type KitPages struct {
	Lang     string
	URL      string // the kit page
	PDF      string // the published PDF, "" when the build had none
	Handouts int    // handouts in the kit (one A4 page each)
	// Questions is the number of quiz questions of the kit's guides.
	Questions int
}
