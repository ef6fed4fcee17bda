package markdown

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Session plans (the trainers' kit): a level-2 heading with minutes= is a session, the
// level-3 headings under it with minutes= are its parts; a part may name the guide it teaches:
//
//	## Sesi 2 jam {#dua-jam minutes=120}
//	### Paspor {#dua-jam-paspor minutes=20 guide="persiapan/syarat-dan-dokumen.md"}
//
// The parts' minutes must add up to the session's. The guide is a path inside the language
// folder, like site.toml [print] guides; Resolve checks that it exists.

// Session is one session of a plan.
type Session struct {
	ID, Title string
	Minutes   int
	Line      int
	Parts     []SessionPart
}

// SessionPart is one timed part of a session.
type SessionPart struct {
	ID, Title string
	Minutes   int
	Guide     string // the guide's path inside the language folder, "" when none
	Line      int
}

// Sessions returns the sessions of the page's plan (none for a page without minutes=
// headings). Titles are updated by Resolve like the Headings'.
func (d *Document) Sessions() []Session {
	var out []Session
	for _, s := range d.sessions {
		ses := Session{ID: s.id, Title: inlineText(s.heading, d.src), Minutes: s.minutes, Line: s.line}
		for _, p := range s.parts {
			ses.Parts = append(ses.Parts, SessionPart{ID: p.id, Title: inlineText(p.heading, d.src),
				Minutes: p.minutes, Guide: p.guide, Line: p.line})
		}
		out = append(out, ses)
	}
	return out
}

// planHeading is a session or a part as parsed.
type planHeading struct {
	heading *ast.Heading
	id      string
	minutes int
	guide   string
	line    int
	parts   []*planHeading
	broken  bool // a part's minutes could not be read
}

// indexPlan reads the minutes= and guide= attributes of the headings and records the
// problems: a value that is not a whole number of minutes, a part outside a session, a guide on
// a heading that is not a part, and parts that do not add up to their session.
func (d *Document) indexPlan() {
	var cur *planHeading
	problem := func(h *ast.Heading, format string, args ...any) {
		d.parseProbs = append(d.parseProbs, posProblem{h.Pos(), fmt.Sprintf(format, args...)})
	}
	for i, h := range d.headingNodes {
		mv, hasMinutes := h.AttributeString("minutes")
		gv, hasGuide := h.AttributeString("guide")
		dropAttribute(h, "minutes")
		dropAttribute(h, "guide")
		if h.Level <= 2 {
			cur = nil
		}
		if !hasMinutes {
			if hasGuide {
				problem(h, "guide=%q on a heading without minutes=: only the parts of a session plan (### headings with minutes=) name a guide", attrString(gv))
			}
			continue
		}
		minutes, ok := wholeMinutes(mv)
		if !ok {
			problem(h, "minutes=%s is not a whole number of minutes: write minutes=20 (a number without quotes)", attrString(mv))
			if h.Level == 3 && cur != nil {
				cur.broken = true // its sum is not known: not reported as well
			}
			continue
		}
		ph := &planHeading{heading: h, id: d.Headings[i].ID, minutes: minutes, line: d.Headings[i].Line}
		switch h.Level {
		case 2:
			if hasGuide {
				problem(h, "guide=%q on a session (## heading): name the guide on each part (### heading) instead", attrString(gv))
			}
			cur = ph
			d.sessions = append(d.sessions, ph)
		case 3:
			if cur == nil {
				problem(h, "this part (### heading with minutes=) is not in a session: put it under a ## heading with minutes=, "+
					"e.g. \"## Sesi 2 jam {#dua-jam minutes=120}\"")
				continue
			}
			if hasGuide {
				g, isString := gv.([]byte)
				if !isString || !strings.HasSuffix(string(g), ".md") || strings.HasPrefix(string(g), "/") || strings.Contains(string(g), "..") {
					problem(h, "guide=%s is not a guide's file: write its path inside the language folder in quotes, "+
						"as in site.toml [print] guides, e.g. guide=\"persiapan/biaya.md\"", attrString(gv))
				} else {
					ph.guide = string(g)
				}
			}
			cur.parts = append(cur.parts, ph)
		default:
			problem(h, "minutes= on a level-%d heading: a session is a ## heading with minutes=, its parts ### headings with minutes=", h.Level)
		}
	}
	for _, s := range d.sessions {
		sum := 0
		for _, p := range s.parts {
			sum += p.minutes
		}
		if sum != s.minutes && !s.broken {
			d.parseProbs = append(d.parseProbs, posProblem{s.heading.Pos(), fmt.Sprintf(
				"the session %q is %d minutes, but its parts (### headings with minutes=) add up to %d minutes: "+
					"change the session's minutes= or the parts' so that they are equal", inlineText(s.heading, d.src), s.minutes, sum)})
		}
	}
}

// wholeMinutes reads a minutes= attribute value: a positive whole number.
func wholeMinutes(v any) (int, bool) {
	switch v := v.(type) {
	case float64:
		if v > 0 && v == math.Trunc(v) && v < 100000 {
			return int(v), true
		}
	case []byte:
		if n, err := strconv.Atoi(string(v)); err == nil && n > 0 && n < 100000 {
			return n, true
		}
	}
	return 0, false
}

// resolvePlan checks that the guides named by the plan's parts exist.
func (d *Document) resolvePlan(st *resolveState) {
	for _, s := range d.sessions {
		for _, p := range s.parts {
			if p.guide == "" {
				continue
			}
			if _, err := st.r.Link("/" + p.guide); err != nil {
				st.problem(p.heading, "the part %q names guide=%q: %v", inlineText(p.heading, d.src), p.guide, err)
			}
		}
	}
}
