package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/content"
	"pandu/generator/data"
	"pandu/generator/markdown"
)

// fuzzResolver answers every question without the rest of a site: known names resolve, others fail.
type fuzzResolver struct{}

func (fuzzResolver) Link(dest string) (string, error) {
	if strings.Contains(dest, "missing") {
		return "", errors.New("no such page")
	}
	return "/x/", nil
}
func (fuzzResolver) Image(dest string) (string, int, int, error) { return "/i.png", 4, 3, nil }
func (fuzzResolver) LawRef(ref markdown.LawRef) (string, string, error) {
	if ref.Article == "99" {
		return "", "", errors.New("no article")
	}
	return "/law/#pasal-" + ref.Article, "Pasal " + ref.Article, nil
}
func (fuzzResolver) Term(key string) (string, string, string, error) {
	return "/g/#term-" + key, strings.ToUpper(key), "def", nil
}
func (fuzzResolver) Contact(key string) (*data.Contact, error) {
	return &data.Contact{Key: key, Name: "N", Phones: []data.Phone{{Href: "tel:+628001000", Dial: []data.Dial{{Where: "A", Number: "0800"}}}}}, nil
}
func (fuzzResolver) Label(key string) string { return key }

// fuzzTheme writes what a partial would receive.
type fuzzTheme struct{}

func (fuzzTheme) Render(w io.Writer, partial string, data any) error {
	_, err := fmt.Fprintf(w, "[%s %#v]", partial, data)
	return err
}

// FuzzPage feeds whole content files (front matter plus Markdown) through the front matter parser
// and the Markdown stages. Nothing may panic, every problem must point inside the file, and the
// output must be the same twice.
func FuzzPage(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/fixture/content/*/*/*.md")
	more, _ := filepath.Glob("testdata/fixture/content/*/*.md")
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("+++\ntitle = \"x\"\n+++\n> [!WARNING]\n> [[UU18:6(1)j]] [[term:a]] [[contact:b]]\n\n- [ ] x\n"))
	f.Add([]byte("---\ntitle: yaml\n---\n"))
	conv := markdown.New(markdown.Options{Theme: fuzzTheme{}})
	f.Fuzz(func(t *testing.T, src []byte) {
		page, problems := content.ParsePage("id", "a/b.md", src)
		for _, p := range problems {
			if p.File != "content/id/a/b.md" || p.Line < 0 {
				t.Fatalf("problem outside the file: %+v", p)
			}
		}
		if page == nil {
			return
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		render := func() []byte {
			doc := conv.Parse(page.Body, page.BodyLine)
			for _, p := range doc.Resolve(fuzzResolver{}) {
				if p.Line < 1 || p.Line > lines {
					t.Fatalf("markdown problem at line %d of a %d-line file: %s", p.Line, lines, p.Message)
				}
			}
			var buf bytes.Buffer
			if err := conv.Render(&buf, doc); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
		if a, b := render(), render(); !bytes.Equal(a, b) {
			t.Fatal("rendering the same page twice gave different HTML")
		}
	})
}
