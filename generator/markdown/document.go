package markdown

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Document is one parsed page body. Parse makes it, Resolve completes it, Render writes it.
type Document struct {
	// Headings lists the headings of the body in order, with their IDs. Their Text is updated by
	// Resolve when a heading contains a law reference, glossary term or contact.
	Headings []Heading

	root         ast.Node
	src          []byte
	lineOffset   int
	lines        lineIndex
	anchors      map[string]bool     // heading IDs, footnote IDs, contact card IDs
	dests        map[ast.Node]string // original destinations of local links and images
	parseProbs   []posProblem
	headingNodes []*ast.Heading
	quiz         []*quizNode // quiz questions, taken out of the body (see Quiz)
	sessions     []*planHeading
}

// Heading is one heading of a page.
type Heading struct {
	Level int
	ID    string
	Text  string // plain text
	Line  int    // line of the file
}

// TOCEntry is one entry of a table of contents, with the entries of its sub-headings.
type TOCEntry struct {
	Level    int
	ID, Text string
	Children []TOCEntry
}

// Section is the plain text of a part of a page that starts at an h2 or h3 heading, for search.
// The first Section of a page has ID "" and Title "": it holds the text before the first such
// heading.
type Section struct {
	ID, Title, Text string
}

// index records what Parse learned about the document: headings, anchors and the original
// destinations of local links and images.
func (d *Document) index() {
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id := attrString(attrOr(n, "id"))
			line, _ := d.position(n.Pos())
			d.Headings = append(d.Headings, Heading{Level: n.Level, ID: id, Text: inlineText(n, d.src), Line: line})
			d.headingNodes = append(d.headingNodes, n)
			d.anchors[id] = true
		case *contactBlock:
			d.anchors[n.id] = true
		case *east.Footnote:
			d.anchors["fn:"+strconv.Itoa(n.Index)] = true
		case *east.FootnoteLink:
			ref := "fnref"
			if n.RefIndex > 0 {
				ref += strconv.Itoa(n.RefIndex)
			}
			d.anchors[ref+":"+strconv.Itoa(n.Index)] = true
		case *ast.Link:
			if d.dangerous(n, n.Destination) {
				return ast.WalkContinue, nil
			}
			if !isExternal(n.Destination) {
				d.dests[n] = string(n.Destination)
			}
		case *ast.Image:
			if d.dangerous(n, n.Destination) {
				return ast.WalkContinue, nil
			}
			if !isExternal(n.Destination) {
				d.dests[n] = string(n.Destination)
			}
		case *ast.AutoLink:
			d.dangerous(n, n.URL(d.src))
		}
		return ast.WalkContinue, nil
	})
}

// dangerous records a problem when a link or image destination would run script in the reader's
// browser, and reports whether it did.
func (d *Document) dangerous(n ast.Node, dest []byte) bool {
	scheme := DangerousScheme(string(dest))
	if scheme == "" {
		return false
	}
	d.parseProbs = append(d.parseProbs, posProblem{nodePos(n),
		fmt.Sprintf("link to a %s URL: such links run code in the reader's browser and are not allowed", scheme)})
	return true
}

func attrOr(n ast.Node, name string) any {
	v, _ := n.AttributeString(name)
	return v
}

// position returns the file line and column of byte offset pos of the body.
func (d *Document) position(pos int) (line, col int) {
	line, col = d.lines.position(pos)
	if line == 0 {
		return d.lineOffset + 1, 0
	}
	return line + d.lineOffset, col
}

// HasAnchor reports whether id is the ID of something on the page a link can point at: a
// heading (generated or explicit {#id}), a footnote ("fn:1", "fnref:1") or a contact card.
func (d *Document) HasAnchor(id string) bool {
	return d.anchors[id]
}

// TOC returns the headings with minLevel <= Level <= maxLevel, nested: a heading is a child of
// Anchors returns every anchor of the page (heading, footnote and contact card ids), sorted. The
// preview server compares them before and after an edit: when they change, links from other
// pages may change too.
func (d *Document) Anchors() []string {
	out := make([]string, 0, len(d.anchors))
	for id := range d.anchors {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// the nearest heading before it with a smaller level.
func (d *Document) TOC(minLevel, maxLevel int) []TOCEntry {
	var hs []Heading
	for _, h := range d.Headings {
		if h.Level >= minLevel && h.Level <= maxLevel {
			hs = append(hs, h)
		}
	}
	entries, _ := buildTOC(hs, 0, minLevel-1)
	return entries
}

func buildTOC(hs []Heading, i, parentLevel int) ([]TOCEntry, int) {
	var entries []TOCEntry
	for i < len(hs) && hs[i].Level > parentLevel {
		e := TOCEntry{Level: hs[i].Level, ID: hs[i].ID, Text: hs[i].Text}
		e.Children, i = buildTOC(hs, i+1, e.Level)
		entries = append(entries, e)
	}
	return entries, i
}

// Sections returns the plain text of the page split at its h2 and h3 headings. The first
// Section (ID "") holds the text before the first of them and is always present. A section's
// text has each run of white space made one space, and none at either end.
func (d *Document) Sections() []Section {
	secs := []Section{{}}
	var text spacer
	textBlocks(d.root, func(n ast.Node) {
		if h, ok := n.(*ast.Heading); ok && (h.Level == 2 || h.Level == 3) {
			secs[len(secs)-1].Text = text.String()
			text.Reset()
			secs = append(secs, Section{ID: attrString(attrOr(h, "id")), Title: inlineText(h, d.src)})
			return
		}
		text.Space()
		writeBlockText(&text, n, d.src)
	})
	secs[len(secs)-1].Text = text.String()
	return secs
}

// PlainText returns the whole body as plain text, one block (paragraph, heading, list item,
// table cell, ...) a line, for word counts and descriptions.
func (d *Document) PlainText() string {
	var b strings.Builder
	blockTexts(d.root, d.src, func(_ ast.Node, text string) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(text)
	})
	return b.String()
}

// resolvable is implemented by our nodes that ask the Resolver something.
type resolvable interface {
	resolve(st *resolveState)
}

// resolveState is what one Resolve call carries along its walk.
type resolveState struct {
	r        Resolver
	problems []posProblem
	terms    map[string]bool // glossary keys already linked on this page
	labels   *contactLabels
	theme    Theme // the Resolver's Theme, nil when it has none
}

func (st *resolveState) problem(n ast.Node, format string, args ...any) {
	st.problems = append(st.problems, posProblem{nodePos(n), fmt.Sprintf(format, args...)})
}

// Resolve walks the document once, asks r about every link, image, law reference, glossary term,
// contact and callout label, stores the answers for Render and returns every problem found
// (including those found by Parse), in file order, with file lines. Resolve may be called again
// (with the same or another Resolver); it is not safe for concurrent use on one Document, but
// different Documents may be resolved in parallel.
func (d *Document) Resolve(r Resolver) []Problem {
	st := &resolveState{r: r, terms: map[string]bool{}}
	if tr, ok := r.(ThemeResolver); ok {
		st.theme = tr.Theme()
	}
	if r != nil {
		visit := func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.Link:
				if dest, ok := d.dests[n]; ok {
					st.resolveLink(n, dest)
				}
			case *ast.Image:
				if dest, ok := d.dests[n]; ok {
					st.resolveImage(n, dest)
				}
			case resolvable:
				n.resolve(st)
			}
			return ast.WalkContinue, nil
		}
		_ = ast.Walk(d.root, visit)
		for _, q := range d.quiz {
			_ = ast.Walk(q, visit)
		}
		d.resolvePlan(st)
		for i, h := range d.headingNodes {
			d.Headings[i].Text = inlineText(h, d.src)
		}
	}
	all := make([]posProblem, 0, len(d.parseProbs)+len(st.problems))
	all = append(all, d.parseProbs...)
	all = append(all, st.problems...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].pos < all[j].pos })
	var out []Problem
	for _, p := range all {
		line, col := d.position(p.pos)
		out = append(out, Problem{Line: line, Column: col, Message: p.msg})
	}
	return out
}
