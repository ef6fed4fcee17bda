package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A synonym whose guide word no page has is a warning naming the synonyms file and line; the
// others reach the language's index, and the glossary's terms find their long forms.
func TestSearchSynonyms(t *testing.T) {
	src := fixtureWith(t, map[string]string{"content/_data/synonyms/id.toml": "# sinonim\nzzkata = \"tidakadadihalaman\"\n"})
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build(t, src, dest, false)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Error(), "content/_data/synonyms/id.toml:2: warning: synonym \"zzkata\"") && strings.Contains(w.Error(), "tidakadadihalaman") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for the unknown synonym word; warnings: %v", res.Warnings)
	}

	src = fixtureWith(t, map[string]string{"content/_data/synonyms/id.toml": "bos = \"hak\"\n\"apa itu\" = [\"hak\"]\n"})
	dest = filepath.Join(t.TempDir(), "public")
	res, err = build(t, src, dest, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "synonyms") {
			t.Errorf("unexpected warning: %v", w)
		}
	}
	var index struct{ Syn map[string][]string }
	var file string
	filepath.WalkDir(filepath.Join(dest, "id"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".json") && strings.HasPrefix(filepath.Base(p), "index") {
			file = p
		}
		return nil
	})
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatal(err)
	}
	if len(index.Syn["bos"]) != 1 || len(index.Syn["apa itu"]) != 1 {
		t.Errorf("syn = %v; want bos and \"apa itu\"", index.Syn)
	}
}

// The trainers' session plan is found by its title, but its body (which retells the guides for
// a class) is not indexed: a reader's words must lead to the guides themselves.
func TestSearchSessionPlanTitleOnly(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, fixtureWith(t, nil), dest, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dest, "id", "search", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ix struct {
		Docs [][]json.RawMessage `json:"docs"`
	}
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatal(err)
	}
	var plan, guides int
	for _, d := range ix.Docs {
		var url string
		json.Unmarshal(d[0], &url)
		text := string(d[2]) // the sections: [id, title, text]...
		if strings.Contains(url, "/sesi/") {
			plan++
			if strings.Contains(text, "Siapa yang akan berangkat") {
				t.Errorf("the session plan's body is in the index: %s", text)
			}
		} else if strings.Contains(string(d[2]), "\"") {
			guides++
		}
	}
	if plan != 1 || guides == 0 {
		t.Errorf("index has %d session plan entries and %d guides with text, want 1 and some", plan, guides)
	}
}
