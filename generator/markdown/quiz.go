package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Quiz questions, written at the end of a guide's body:
//
//	> [!QUIZ]
//	> Siapa yang boleh menyimpan paspor Anda?
//	>
//	> - [ ] Majikan Anda
//	> - [x] Anda sendiri
//	>
//	> Paspor milik Anda; majikan tidak boleh menahannya. [Baca: Paspor](#paspor)
//
// The first paragraph is the question, then one task list of 2 to 4 choices with exactly one
// [x], then one paragraph: the explanation, with exactly one link to a section of a guide. The
// parser checks the form; Resolve checks that the linked section exists (like every link). The
// questions are taken out of the page's body (Render does not write them): Quiz returns them
// rendered, for the layouts to show as a form on screen, a sheet on paper or an answer key.

// Limits on the number of choices of a question.
const (
	quizMinChoices = 2
	quizMaxChoices = 4
)

// kindQuiz and kindQuizPart are the NodeKinds of quizNode and quizPart.
var (
	kindQuiz     = ast.NewNodeKind("Quiz")
	kindQuizPart = ast.NewNodeKind("QuizPart")
)

// quizNode is one question: its children are the question, the choices and the explanation,
// each a quizPart.
type quizNode struct {
	ast.BaseBlock
	question    *quizPart
	choices     []*quizPart
	answer      int // index of the right choice
	explanation *quizPart
	link        *ast.Link // the explanation's link to a section
	pos         int       // byte offset of the [!QUIZ] line
}

func (n *quizNode) Kind() ast.NodeKind { return kindQuiz }

func (n *quizNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Answer": fmt.Sprint(n.answer)}, nil)
}

// quizPart holds the inline content of one part of a question; it renders as its children only.
type quizPart struct {
	ast.BaseBlock
}

func (n *quizPart) Kind() ast.NodeKind { return kindQuizPart }

func (n *quizPart) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

var quizKey = parser.NewContextKey()

// markQuiz records that the blockquote bq starts with [!QUIZ] at byte offset pos; it is checked
// and turned into a quizNode by quizASTTransformer.
func markQuiz(pc parser.Context, bq *ast.Blockquote, pos int) {
	marked := pc.ComputeIfAbsent(quizKey, func() any { return map[ast.Node]int{} }).(map[ast.Node]int)
	marked[bq] = pos
}

// quizASTTransformer checks the blockquotes marked by markQuiz and replaces the well-formed
// ones with quizNodes. It runs before the checklist transformer, which would otherwise turn the
// choices into tick boxes.
type quizASTTransformer struct{}

const quizExample = "write a quiz question like this:\n" +
	"> [!QUIZ]\n> The question?\n>\n> - [ ] A wrong answer\n> - [x] The right answer\n>\n" +
	"> One sentence that explains it. [Read: Passport](#passport)"

func (quizASTTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	marked, _ := pc.Get(quizKey).(map[ast.Node]int)
	if len(marked) == 0 {
		return
	}
	pc.Set(quizKey, nil)
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if bq, ok := n.(*ast.Blockquote); ok && entering {
			if _, ok := marked[bq]; ok {
				quotes = append(quotes, bq)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, bq := range quotes {
		pos := marked[bq]
		if bq.Parent() != doc {
			addProblem(pc, pos, "a quiz question ([!QUIZ]) cannot be inside a list, quote or other block: "+
				"write it at the top level, at the end of the guide")
			continue
		}
		if !atEnd(bq, marked) {
			addProblem(pc, pos, "a quiz question ([!QUIZ]) must come at the end of the guide, after its last "+
				"section: move it (and any other quiz questions) to the end of the file")
			continue
		}
		q, problems := buildQuiz(bq, pos, src)
		if len(problems) > 0 {
			for _, p := range problems {
				addProblem(pc, p.pos, p.msg)
			}
			continue
		}
		doc.ReplaceChild(doc, bq, q)
	}
}

// atEnd reports whether only quiz blocks and footnote definitions follow n.
func atEnd(n ast.Node, marked map[ast.Node]int) bool {
	for s := n.NextSibling(); s != nil; s = s.NextSibling() {
		if _, ok := marked[s]; ok {
			continue
		}
		if _, ok := s.(*east.Footnote); ok {
			continue
		}
		if _, ok := s.(*east.FootnoteList); ok {
			continue
		}
		return false
	}
	return true
}

// buildQuiz checks the blocks of a [!QUIZ] blockquote (the marker line already removed) and
// returns the question, or the problems found.
func buildQuiz(bq *ast.Blockquote, pos int, src []byte) (*quizNode, []posProblem) {
	var problems []posProblem
	fail := func(at int, format string, args ...any) (*quizNode, []posProblem) {
		problems = append(problems, posProblem{at, fmt.Sprintf(format, args...)})
		return nil, problems
	}
	blocks := []ast.Node{}
	for c := bq.FirstChild(); c != nil; c = c.NextSibling() {
		blocks = append(blocks, c)
	}
	if len(blocks) == 0 {
		return fail(pos, "empty quiz question: %s", quizExample)
	}
	question, ok := blocks[0].(*ast.Paragraph)
	if !ok {
		return fail(blockPos(blocks[0], pos), "a quiz must start with the question (one paragraph after [!QUIZ]); %s", quizExample)
	}
	if len(blocks) < 2 {
		return fail(pos, "the quiz question has no choices: add 2 to 4 lines \"- [ ] choice\" after the question and mark the right one \"- [x]\"")
	}
	list, ok := blocks[1].(*ast.List)
	if !ok {
		return fail(blockPos(blocks[1], pos), "after the question a quiz needs its choices, a list of 2 to 4 lines \"- [ ] choice\" "+
			"with the right one marked \"- [x]\" (the question must be one paragraph)")
	}
	q := &quizNode{answer: -1, pos: pos}
	var right []int
	var items []ast.Node
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		items = append(items, item)
	}
	for i, item := range items {
		at := blockPos(item, pos)
		if item.ChildCount() != 1 {
			return fail(at, "choice %d of the quiz question has more than one line or paragraph: write each choice on one line", i+1)
		}
		text := item.FirstChild()
		box, ok := text.FirstChild().(*east.TaskCheckBox)
		if !ok {
			return fail(at, "choice %d of the quiz question has no box: start it with \"- [ ] \" (wrong answer) or \"- [x] \" (the right answer)", i+1)
		}
		if box.IsChecked {
			right = append(right, i+1)
		}
		text.RemoveChild(text, box)
		if first, ok := text.FirstChild().(*ast.Text); ok {
			// The space between the box and the text.
			v := first.Segment.Value(src)
			trimmed := bytes.TrimLeft(v, " \t")
			first.Segment = first.Segment.WithStart(first.Segment.Start + len(v) - len(trimmed))
		}
		if strings.TrimSpace(inlineText(text, src)) == "" {
			return fail(at, "choice %d of the quiz question is empty: write the answer after the box", i+1)
		}
		q.choices = append(q.choices, partOf(text))
	}
	switch {
	case len(items) < quizMinChoices:
		return fail(blockPos(list, pos), "the quiz question has %d choice: give it %d to %d choices", len(items), quizMinChoices, quizMaxChoices)
	case len(items) > quizMaxChoices:
		return fail(blockPos(list, pos), "the quiz question has %d choices: give it at most %d", len(items), quizMaxChoices)
	case len(right) == 0:
		return fail(blockPos(list, pos), "the quiz question has no right answer: mark exactly one choice with \"- [x]\"")
	case len(right) > 1:
		return fail(blockPos(list, pos), "the quiz question has %d right answers (choices %s): mark exactly one choice with \"- [x]\" and the others \"- [ ]\"",
			len(right), joinInts(right))
	}
	q.answer = right[0] - 1
	if len(blocks) < 3 {
		return fail(pos, "the quiz question has no explanation: after the choices, add one paragraph that says why, "+
			"with a link to the section of the guide, e.g. \"... [Baca: Paspor](#paspor)\"")
	}
	expl, ok := blocks[2].(*ast.Paragraph)
	if !ok || len(blocks) > 3 {
		at := blockPos(blocks[2], pos)
		if ok {
			at = blockPos(blocks[3], pos)
		}
		return fail(at, "a quiz question has the question, the choices and then one explanation paragraph, nothing more: "+
			"put each question in its own [!QUIZ] block")
	}
	var links []ast.Node
	_ = ast.Walk(expl, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Link, *ast.AutoLink:
			links = append(links, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	switch {
	case len(links) == 0:
		return fail(blockPos(expl, pos), "the quiz explanation has no link: end it with a link to the guide's section that "+
			"explains the answer, e.g. [Baca: Paspor](#paspor) or [Baca: Biaya](../persiapan/biaya.md#biaya)")
	case len(links) > 1:
		return fail(nodePos(links[1]), "the quiz explanation has %d links: keep exactly one, to the section that explains the answer", len(links))
	}
	link, ok := links[0].(*ast.Link)
	if !ok || isExternal(link.Destination) {
		return fail(nodePos(links[0]), "the quiz explanation links to a web address: link to a section of a guide instead, "+
			"e.g. (#paspor) or (../persiapan/biaya.md#biaya)")
	}
	if dest := string(link.Destination); !strings.Contains(dest, "#") || strings.HasSuffix(dest, "#") {
		return fail(nodePos(link), "the quiz explanation links to %q, a whole page: link to the section, e.g. %q", dest,
			strings.TrimSuffix(dest, "#")+"#section-id")
	}
	q.link = link
	q.question = partOf(question)
	q.explanation = partOf(expl)
	q.AppendChild(q, q.question)
	for _, c := range q.choices {
		q.AppendChild(q, c)
	}
	q.AppendChild(q, q.explanation)
	return q, nil
}

// partOf moves the inline children of block into a new quizPart.
func partOf(block ast.Node) *quizPart {
	p := &quizPart{}
	p.SetLines(block.Lines())
	for c := block.FirstChild(); c != nil; {
		next := c.NextSibling()
		p.AppendChild(p, c)
		c = next
	}
	return p
}

// blockPos is the byte offset of a block, or def when it has none.
func blockPos(n ast.Node, def int) int {
	if p := nodePos(n); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if p := nodePos(c); p >= 0 {
			return p
		}
	}
	return def
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, " and ")
}

// quizHTMLRenderer renders a quizPart as its children. Quiz nodes are taken out of the body
// before it is rendered; a quizNode that is rendered anyway writes nothing.
type quizHTMLRenderer struct{}

func (quizHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindQuizPart, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
	reg.Register(kindQuiz, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

type quizExtension struct{}

// quizzes adds quiz questions ("> [!QUIZ]" at the end of a guide). The [!QUIZ] line itself is
// recognised by calloutParagraphTransformer, which hands the blockquote over to markQuiz.
var quizzes goldmark.Extender = quizExtension{}

func (quizExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(quizASTTransformer{}, 60)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(quizHTMLRenderer{}, 500)))
}

// QuizQuestion is one question of a page's quiz, its parts rendered to HTML (inline content,
// without an enclosing <p>).
type QuizQuestion struct {
	Question    string
	Choices     []string
	Answer      int // index into Choices of the right answer
	Explanation string
	Line        int // line of the file where the question starts
}

// QuizLen returns the number of quiz questions of the page.
func (d *Document) QuizLen() int { return len(d.quiz) }

// Quiz renders the page's quiz questions, using the answers stored by Resolve. Links within
// the page ("#paspor") are written as pageURL + "#paspor", so that the questions can be shown
// on another page; pass "" to keep them as they are. Quiz must not run concurrently with
// Resolve or another Quiz on the same Document.
func (c *Converter) Quiz(d *Document, pageURL string) ([]QuizQuestion, error) {
	out := make([]QuizQuestion, 0, len(d.quiz))
	r := c.md.Renderer()
	part := func(p *quizPart) (string, error) {
		var b bytes.Buffer
		if pageURL != "" {
			restore := prefixLocalLinks(p, pageURL)
			defer restore()
		}
		err := render(r, &b, d.src, p)
		return strings.TrimSpace(b.String()), err
	}
	for _, q := range d.quiz {
		qq := QuizQuestion{Answer: q.answer}
		qq.Line, _ = d.position(q.pos)
		var err error
		if qq.Question, err = part(q.question); err != nil {
			return nil, err
		}
		for _, ch := range q.choices {
			s, err := part(ch)
			if err != nil {
				return nil, err
			}
			qq.Choices = append(qq.Choices, s)
		}
		if qq.Explanation, err = part(q.explanation); err != nil {
			return nil, err
		}
		out = append(out, qq)
	}
	return out, nil
}

// prefixLocalLinks points the links of n that go to an anchor of the same page ("#x") at
// pageURL + "#x", and returns a function that puts them back.
func prefixLocalLinks(n ast.Node, pageURL string) func() {
	var changed []*ast.Link
	var old [][]byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := c.(*ast.Link); ok && entering && bytes.HasPrefix(l.Destination, []byte("#")) {
			changed = append(changed, l)
			old = append(old, l.Destination)
			l.Destination = append([]byte(pageURL), l.Destination...)
		}
		return ast.WalkContinue, nil
	})
	return func() {
		for i, l := range changed {
			l.Destination = old[i]
		}
	}
}

// takeQuiz moves the quiz questions out of the body into d.quiz.
func (d *Document) takeQuiz() {
	for n := d.root.FirstChild(); n != nil; {
		next := n.NextSibling()
		if q, ok := n.(*quizNode); ok {
			d.root.RemoveChild(d.root, q)
			d.quiz = append(d.quiz, q)
		}
		n = next
	}
}

// RenderElsewhere writes the HTML of d like Render, for a page other than its own: links to
// anchors of the page ("#paspor") become pageURL + "#paspor". It must not run concurrently
// with Resolve, Render or Quiz on the same Document.
func (c *Converter) RenderElsewhere(w io.Writer, d *Document, pageURL string) error {
	restore := prefixLocalLinks(d.root, pageURL)
	defer restore()
	return c.Render(w, d)
}
