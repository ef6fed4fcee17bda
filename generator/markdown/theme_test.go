package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// partialTheme executes the site's own partials (layouts/partials/NAME.html), so that these tests
// check the markup a site gets.
type partialTheme struct{ t *template.Template }

func (p partialTheme) Render(w io.Writer, partial string, data any) error {
	return p.t.ExecuteTemplate(w, "partials/"+partial+".html", data)
}

// testTheme is the theme of the tests: the repository's partials.
var testTheme = func() Theme {
	t := template.New("")
	for _, p := range Partials {
		src, err := os.ReadFile(filepath.Join("..", "..", "layouts", "partials", p.Name+".html"))
		if err != nil {
			panic(err)
		}
		template.Must(t.New("partials/" + p.Name + ".html").Parse(string(src)))
	}
	return partialTheme{t}
}()

// recordingTheme writes the partial's name and data, to see what the renderers ask for.
type recordingTheme struct{ name string }

func (r recordingTheme) Render(w io.Writer, partial string, data any) error {
	_, err := fmt.Fprintf(w, "[%s %s %#v]", r.name, partial, data)
	return err
}

// themeResolver is fakeResolver with a theme of its own.
type themeResolver struct {
	fakeResolver
	theme Theme
}

func (r themeResolver) Theme() Theme { return r.theme }

func TestThemeRendersThroughPartials(t *testing.T) {
	c := New(Options{Theme: recordingTheme{"site"}})
	d := c.Parse([]byte("> [!TIP]\n> - [x] a *b*\n\n[[contact:kp2mi]]\n"), 0)
	var out bytes.Buffer
	if err := c.Render(&out, d); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		`[site callout markdown.Callout{Kind:"tip", Title:"Tip", Body:"<ul class=\"checklist\">\n<li class=\"task\">[site checklist markdown.ChecklistItem{Checked:true, Text:\"a <em>b</em>\"}]</li>\n</ul>\n"}]`,
		`[site contact markdown.ContactCard{ID:"contact-kp2mi", Key:"kp2mi", Unknown:"[[contact:kp2mi]]"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Options.Theme:\n got: %s\nwant: %s", got, want)
		}
	}
	// A resolver with a theme (the page's language) wins over Options.Theme.
	d.Resolve(themeResolver{theme: recordingTheme{"page"}})
	out.Reset()
	if err := c.Render(&out, d); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); strings.Contains(got, "[site") || !strings.Contains(got, `[page contact markdown.ContactCard{ID:"contact-kp2mi", Key:"kp2mi", Unknown:"", Name:"KP2MI Call Centre"`) {
		t.Errorf("resolver's theme not used: %s", got)
	}
}

type failingTheme struct{}

func (failingTheme) Render(io.Writer, string, any) error { return errors.New("partial broken") }

func TestThemeErrors(t *testing.T) {
	for _, src := range []string{"> [!NOTE]\n> a\n", "- [ ] a\n", "[[contact:kp2mi]]\n"} {
		var out bytes.Buffer
		c := New(Options{})
		if err := c.Render(&out, c.Parse([]byte(src), 0)); err == nil || !strings.Contains(err.Error(), "layouts/partials/") || !strings.Contains(err.Error(), "Options.Theme") {
			t.Errorf("%q without a theme: error %v, want one naming the partial", src, err)
		}
		c = New(Options{Theme: failingTheme{}})
		if err := c.Render(&out, c.Parse([]byte(src), 0)); err == nil || err.Error() != "partial broken" {
			t.Errorf("%q with a failing theme: error %v", src, err)
		}
	}
}
