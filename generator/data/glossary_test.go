package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/diag"
)

const goodGlossary = `# Glosarium
[pk]
term = "PK"
full = "Perjanjian Kerja"
definition = "Kontrak antara pekerja dan pemberi kerja."

[cpmi]   # calon pekerja
term = "CPMI"
full = "Calon Pekerja Migran Indonesia"
definition = """
Orang yang akan bekerja
di luar negeri."""

[agen-b]
term = "agen"
definition = "Perusahaan penempatan."

[agen-a]
term = "Agen"
definition = "Perusahaan penempatan."
`

func TestParseGlossary(t *testing.T) {
	g, probs := ParseGlossary([]byte(goodGlossary), "content/_data/glossary/id.toml", "id")
	// The two "agen" entries are a warning, nothing else.
	if len(probs.Errors()) != 0 {
		t.Fatalf("errors: %v", probs)
	}
	if len(probs) != 1 || probs[0].Line != 18 || !strings.Contains(probs[0].Message, `also defined by [agen-b] (line 14)`) {
		t.Fatalf("warnings = %v", probs)
	}
	var order []string
	for _, term := range g.Sorted {
		order = append(order, term.Key)
	}
	if got, want := strings.Join(order, " "), "agen-a agen-b cpmi pk"; got != want {
		t.Errorf("Sorted = %s, want %s", got, want)
	}
	c := g.Terms["cpmi"]
	if c.Term != "CPMI" || c.Full != "Calon Pekerja Migran Indonesia" || c.Definition != "Orang yang akan bekerja\ndi luar negeri." || c.Line != 7 {
		t.Errorf("cpmi = %+v", c)
	}
	if g.Terms["pk"].Line != 2 || g.Lang != "id" || g.File != "content/_data/glossary/id.toml" {
		t.Errorf("glossary = %+v", g)
	}
}

// wantProblems checks the problems' lines and message substrings, in order, and that each has a hint.
func wantProblems(t *testing.T, probs diag.List, want []struct {
	line int
	msg  string
}) {
	t.Helper()
	if len(probs) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(probs), len(want), (&diag.Error{Problems: probs}).Error())
	}
	for i := range min(len(probs), len(want)) {
		p, w := probs[i], want[i]
		if p.Line != w.line || !strings.Contains(p.Message, w.msg) {
			t.Errorf("problem %d = %d: %q; want %d: %q", i, p.Line, p.Message, w.line, w.msg)
		}
		if p.Hint == "" {
			t.Errorf("problem %d (%s) has no hint", i, p.Message)
		}
	}
}

func TestGlossaryErrors(t *testing.T) {
	src := `[ok]
term = "OK"
definition = "Fine."

[no-term]
definition = "x"

[no-def]
term = "X"
definition = "   "

[typo]
term = "T"
defintion = "typo"

[BAD_Key]
term = "B"
definition = "b"

[wrong-type]
term = 3
definition = "w"

loose = "not an entry"
`
	// "loose" after [wrong-type] belongs to that table; put a real top-level key first.
	src = "stray = 1\n" + src
	g, probs := ParseGlossary([]byte(src), "g.toml", "id")
	for _, p := range probs {
		if p.File != "g.toml" || p.Warning {
			t.Errorf("problem %v: wrong file or a warning", p)
		}
	}
	wantProblems(t, probs, []struct {
		line int
		msg  string
	}{
		{1, `"stray" is not a glossary entry`},
		{6, "[no-term] has no term"},
		{11, "[no-def] has no definition"},
		{13, "[typo] has no definition"},
		{15, `unknown key "defintion"`},
		{17, "glossary key [BAD_Key] is not valid"},
		{22, "term of [wrong-type] must be text"},
		{25, `unknown key "loose" in glossary entry [wrong-type]`},
	})
	if !strings.Contains(probs[4].Hint, `Did you mean "definition"?`) {
		t.Errorf("typo hint = %q", probs[4].Hint)
	}
	if !strings.Contains(probs[5].Hint, "[bad-key]") {
		t.Errorf("key hint = %q", probs[5].Hint)
	}
	// Entries with valid keys are kept so that guides using them do not report more problems.
	for _, k := range []string{"ok", "no-term", "no-def", "typo", "wrong-type"} {
		if g.Terms[k] == nil {
			t.Errorf("entry %s missing", k)
		}
	}
	if g.Terms["no-term"].Term != "no-term" || g.Terms["BAD_Key"] != nil {
		t.Errorf("terms = %v", g.Terms)
	}
}

func TestGlossarySyntaxError(t *testing.T) {
	src := "[a]\nterm = \"A\"\ndefinition = \"unterminated\n"
	g, probs := ParseGlossary([]byte(src), "g.toml", "en")
	if len(probs) != 1 || probs[0].Line != 3 || probs[0].Column == 0 || !strings.HasPrefix(probs[0].Message, "TOML syntax error") || probs[0].Hint == "" {
		t.Fatalf("problems = %#v", probs)
	}
	if g == nil || len(g.Terms) != 0 || g.Lang != "en" {
		t.Errorf("glossary = %+v", g)
	}
}

func TestLoadGlossary(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "id.toml")
	if err := os.WriteFile(file, []byte(goodGlossary), 0o644); err != nil {
		t.Fatal(err)
	}
	g, probs := LoadGlossary(file, "content/_data/glossary/id.toml", "id")
	if len(probs.Errors()) != 0 || len(g.Terms) != 4 {
		t.Errorf("LoadGlossary: %v, %d terms", probs, len(g.Terms))
	}
	g, probs = LoadGlossary(filepath.Join(dir, "none.toml"), "none.toml", "ms")
	if len(probs) != 1 || probs[0].File != "none.toml" || g == nil || g.Terms == nil {
		t.Errorf("missing file: %v, %+v", probs, g)
	}
}

func TestCompareGlossaries(t *testing.T) {
	id, _ := ParseGlossary([]byte("[a]\nterm=\"A\"\ndefinition=\"a\"\n[b]\nterm=\"B\"\ndefinition=\"b\"\n[c]\nterm=\"C\"\ndefinition=\"c\"\n"), "id.toml", "id")
	en, _ := ParseGlossary([]byte("[a]\nterm=\"A\"\ndefinition=\"a\"\n[x]\nterm=\"X\"\ndefinition=\"x\"\n"), "en.toml", "en")
	ms, _ := ParseGlossary([]byte("[c]\nterm=\"C\"\ndefinition=\"c\"\n[b]\nterm=\"B\"\ndefinition=\"b\"\n[a]\nterm=\"A\"\ndefinition=\"a\"\n"), "ms.toml", "ms")
	probs := CompareGlossaries(id, en, ms, nil)
	var got []string
	for _, p := range probs {
		if !p.Warning || p.Hint == "" {
			t.Errorf("%v: want a warning with a hint", p)
		}
		got = append(got, p.File+": "+p.Message)
	}
	want := []string{
		`en.toml: glossary entry [b] ("B", id.toml line 4) is missing in en`,
		`en.toml: glossary entry [c] ("C", id.toml line 7) is missing in en`,
		`id.toml: glossary entry [x] of en ("X", en.toml line 4) is missing in id, the source language`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Same input, same output.
	again := CompareGlossaries(id, en, ms, nil)
	if (&diag.Error{Problems: again}).Error() != (&diag.Error{Problems: probs}).Error() {
		t.Error("CompareGlossaries is not deterministic")
	}
	if CompareGlossaries(nil, en) != nil {
		t.Error("nil source should give no problems")
	}
}
