package data

import (
	"strings"
	"testing"
)

func TestParseSynonyms(t *testing.T) {
	src := `# comment
tki = ["pekerja migran", "pmi"]
"medical check up" = "pemeriksaan kesehatan"
bos = [" majikan ", ""]
`
	got, probs := ParseSynonyms([]byte(src), "content/_data/synonyms/id.toml")
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(got) != 3 {
		t.Fatalf("got %d entries: %+v", len(got), got)
	}
	if got[0].Reader != "tki" || got[0].Line != 2 || strings.Join(got[0].Means, "|") != "pekerja migran|pmi" {
		t.Errorf("entry 0 = %+v", got[0])
	}
	if got[1].Reader != "medical check up" || got[1].Line != 3 || got[1].Means[0] != "pemeriksaan kesehatan" {
		t.Errorf("entry 1 = %+v", got[1])
	}
	if got[2].Line != 4 || strings.Join(got[2].Means, "|") != "majikan" {
		t.Errorf("entry 2 = %+v: spaces trimmed, empty words left out", got[2])
	}
}

func TestParseSynonymsProblems(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"tki = 3\n", "content/_data/synonyms/id.toml:1: synonym \"tki\" is"},
		{"tki = [\"pmi\", 3]\n", "must be text in quotes"},
		{"tki = \"\"\n", "empty side"},
		{"[tki]\nx = 1\n", "it must be text or a list"},
		{"tki = \n", "content/_data/synonyms/id.toml:1:"},
	} {
		_, probs := ParseSynonyms([]byte(c.src), "content/_data/synonyms/id.toml")
		if len(probs) == 0 || !strings.Contains(probs[0].Error(), c.want) {
			t.Errorf("%q: problems %v, want one containing %q", c.src, probs, c.want)
		}
	}
}
