package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const quizGood = `## Paspor {#paspor}

Paspor milik Anda.

> [!QUIZ]
> Siapa yang boleh menyimpan *paspor* Anda?
>
> - [ ] Majikan Anda
> - [x] Anda sendiri
> - [ ] Agen perekrut
>
> Paspor milik Anda; [[term:p3mi]] tidak boleh menahannya. [Baca: Paspor](#paspor)

> [!QUIZ]
> Apa yang Anda lakukan?
>
> - [x] Baca panduan
> - [ ] Tidak ada
>
> Lihat [panduan paspor](../persiapan/paspor.md#paspor).
`

func TestQuiz(t *testing.T) {
	d := safe.Parse([]byte(quizGood), 10)
	if probs := d.Resolve(fakeResolver{}); len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	var body strings.Builder
	if err := safe.Render(&body, d); err != nil {
		t.Fatal(err)
	}
	if want := "<h2 id=\"paspor\">Paspor</h2>\n<p>Paspor milik Anda.</p>\n"; body.String() != want {
		t.Errorf("body without the quiz\n got: %q\nwant: %q", body.String(), want)
	}
	if strings.Contains(d.PlainText(), "Majikan") {
		t.Errorf("quiz text is in the page's plain text: %q", d.PlainText())
	}
	if d.QuizLen() != 2 {
		t.Fatalf("QuizLen = %d, want 2", d.QuizLen())
	}
	got, err := safe.Quiz(d, "/id/paspor/")
	if err != nil {
		t.Fatal(err)
	}
	want := []QuizQuestion{
		{
			Question: "Siapa yang boleh menyimpan <em>paspor</em> Anda?",
			Choices:  []string{"Majikan Anda", "Anda sendiri", "Agen perekrut"},
			Answer:   1,
			Explanation: `Paspor milik Anda; <a class="term" href="/id/glosarium/#p3mi">P3MI</a>` +
				` tidak boleh menahannya. <a href="/id/paspor/#paspor">Baca: Paspor</a>`,
			Line: 15,
		},
		{
			Question:    "Apa yang Anda lakukan?",
			Choices:     []string{"Baca panduan", "Tidak ada"},
			Answer:      0,
			Explanation: `Lihat <a href="/id/persiapan/paspor/#paspor">panduan paspor</a>.`,
			Line:        24,
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Quiz\n got: %#v\nwant: %#v", got, want)
	}
	// Without a page URL, links within the page stay as they are, and the document is unchanged.
	again, _ := safe.Quiz(d, "")
	if !strings.Contains(again[0].Explanation, `href="#paspor"`) {
		t.Errorf("Quiz(d, \"\") explanation: %s", again[0].Explanation)
	}
}

func TestQuizProblems(t *testing.T) {
	q := func(lines ...string) string { return "> " + strings.Join(lines, "\n> ") + "\n" }
	const head = "## Paspor {#paspor}\n\nTeks.\n\n"
	cases := []struct {
		name, src string
		want      []string // "line:col: message start"
	}{
		{"no right answer", head + q("[!QUIZ]", "Q?", "", "- [ ] a", "- [ ] b", "", "E. [x](#paspor)"),
			[]string{"8:3: the quiz question has no right answer"}},
		{"two right answers", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "- [x] c", "", "E. [x](#paspor)"),
			[]string{"8:3: the quiz question has 2 right answers (choices 1 and 3)"}},
		{"one choice", head + q("[!QUIZ]", "Q?", "", "- [x] a", "", "E. [x](#paspor)"),
			[]string{"8:3: the quiz question has 1 choice: give it 2 to 4 choices"}},
		{"five choices", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "- [ ] c", "- [ ] d", "- [ ] e", "", "E. [x](#paspor)"),
			[]string{"8:3: the quiz question has 5 choices: give it at most 4"}},
		{"choice without box", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- b", "", "E. [x](#paspor)"),
			[]string{"9:3: choice 2 of the quiz question has no box"}},
		{"no choices", head + q("[!QUIZ]", "Q?", "", "E. [x](#paspor)"),
			[]string{"8:3: after the question a quiz needs its choices"}},
		{"missing explanation", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b"),
			[]string{"5:3: the quiz question has no explanation"}},
		{"missing link", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "", "Because."),
			[]string{"11:3: the quiz explanation has no link"}},
		{"two links", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "", "E. [x](#paspor) [y](#paspor)"),
			[]string{"11:19: the quiz explanation has 2 links"}},
		{"web link", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "", "E. [x](https://example.org/#a)"),
			[]string{"11:6: the quiz explanation links to a web address"}},
		{"link to a page", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "", "E. [x](../persiapan/paspor.md)"),
			[]string{`11:6: the quiz explanation links to "../persiapan/paspor.md", a whole page`}},
		{"section of another guide does not exist", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "", "E. [x](../persiapan/paspor.md#visa)"),
			[]string{`11:6: broken link "../persiapan/paspor.md#visa"`}},
		{"extra paragraph", head + q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "", "E. [x](#paspor)", "", "More."),
			[]string{"13:3: a quiz question has the question, the choices and then one explanation paragraph"}},
		{"not at the end", q("[!QUIZ]", "Q?", "", "- [x] a", "- [ ] b", "", "E. [x](#paspor)") + "\n" + head,
			[]string{"1:3: a quiz question ([!QUIZ]) must come at the end of the guide"}},
		{"inside a list", head + "- item\n\n  > [!QUIZ]\n  > Q?\n  >\n  > - [x] a\n  > - [ ] b\n  >\n  > E. [x](#paspor)\n",
			[]string{"7:5: a quiz question ([!QUIZ]) cannot be inside a list"}},
		{"inside a quote", head + "> [!NOTE]\n> > [!QUIZ]\n> > Q?\n> >\n> > - [x] a\n> > - [ ] b\n> >\n> > E. [x](#paspor)\n",
			[]string{"6:5: a quiz question ([!QUIZ]) cannot be inside a list"}},
		{"empty", head + "> [!QUIZ]\n", []string{"5:3: empty quiz question"}},
		{"starts with a list", head + q("[!QUIZ]", "", "- [x] a", "- [ ] b", "", "E. [x](#paspor)"),
			[]string{"7:3: a quiz must start with the question"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := safe.Parse([]byte(tc.src), 0)
			probs := d.Resolve(fakeResolver{})
			var got []string
			for _, p := range probs {
				got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Column, p.Message))
			}
			ok := len(got) == len(tc.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.HasPrefix(got[i], tc.want[i])
			}
			if !ok {
				t.Errorf("problems of\n%s\n got: %q\nwant: %q", tc.src, got, tc.want)
			}
			if d.QuizLen() != 0 && !strings.Contains(tc.want[0], "broken link") {
				t.Errorf("a malformed quiz was accepted")
			}
		})
	}
}

// QUIZ is not a callout kind: the unknown-kind message does not offer it, and a quiz never
// renders as a callout.
func TestQuizIsNotACallout(t *testing.T) {
	_, probs, _ := convert(t, safe, "> [!QUZ]\n> x\n", 0)
	if len(probs) != 1 || strings.Contains(probs[0].Message, "QUIZ") {
		t.Errorf("problems: %v", probs)
	}
	html, _, _ := convert(t, safe, "Text.\n\n> [!QUIZ]\n> Q?\n>\n> - [x] a\n> - [ ] b\n>\n> E. [x](#x)\n\n## After {#x}\n", 0)
	if strings.Contains(html, "callout") {
		t.Errorf("a misplaced quiz rendered as a callout: %s", html)
	}
}
