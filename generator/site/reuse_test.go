package site

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestRebuildKeepsPages checks the rebuild of the preview's model after edits that move pages:
// the pages that nothing they were made from changed keep their output and are not parsed, and
// every page whose frame or whose answers changed is rendered again (the random-edit test
// checks that the files equal a full build's).
func TestRebuildKeepsPages(t *testing.T) {
	root, session, pc := openCounted(t)
	total := len(session.b.Load().site.Pages)
	parsedFiles := func() []string {
		var out []string
		for c := range pc.reset() {
			out = append(out, strings.TrimPrefix(c.File, "content/"))
		}
		sort.Strings(out)
		return out
	}
	has := func(list []string, f string) bool {
		for _, x := range list {
			if x == f {
				return true
			}
		}
		return false
	}
	pc.reset()

	// A new guide: its section's pages list it; the law pages in another section do not.
	guide := "content/id/panduan/baru.md"
	if err := os.WriteFile(filepath.Join(root, guide), []byte("+++\ntitle = \"Baru\"\n+++\n\nTeks baru.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ch, err := session.Update([]string{guide}, nil)
	if err != nil {
		t.Fatal(err)
	}
	parsed := parsedFiles()
	if ch.Full || ch.Kept == 0 || ch.Pages+ch.Kept != total+3 {
		t.Fatalf("new guide: %+v (the site had %d pages, and gets 3)", ch, total)
	}
	if !has(parsed, "id/panduan/baru.md") || has(parsed, "id/hukum/uu18.md") {
		t.Errorf("new guide: parsed %v; want the new text, and not the law page", parsed)
	}
	copy := session.b.Load().site.ByLang["en"].ByPath["panduan/baru.md"]
	if copy == nil || !copy.Fallback {
		t.Fatal("the new guide has no fallback copy in en")
	}
	if page, ok := session.File(copy.URL + "index.html"); !ok || !strings.Contains(string(page), "Teks baru.") {
		t.Errorf("the new guide's fallback copy %s is not served", copy.URL)
	}

	// A new address for the law page: the guides whose law references link to it are rendered
	// again, though neither their text nor what their layout shows changed.
	law := "content/id/hukum/uu18.md"
	setKeyIn(t, root, law, "slug", `"undang-undang-18"`)
	if ch, err = session.Update([]string{law}, nil); err != nil {
		t.Fatal(err)
	}
	parsed = parsedFiles()
	if ch.Kept == 0 || !has(parsed, "id/panduan/paspor.md") || !has(parsed, "en/panduan/paspor.md") {
		t.Errorf("law page moved: %+v, parsed %v; want the guides citing it parsed", ch, parsed)
	}
	page, _ := session.File("/id/panduan/paspor/index.html")
	if !strings.Contains(string(page), "/id/hukum/undang-undang-18/#pasal-6") {
		t.Error("the guide's law reference does not link to the law page's new address")
	}

}

// TestFailedUpdateKeepsNoPage checks that an update undone after it rendered pages leaves no
// record that those pages were made from the edited sources: the rebuild that follows renders
// them again instead of keeping their restored, older HTML.
func TestFailedUpdateKeepsNoPage(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	// The Malay copies fail once a sibling is titled BOOM: the fast path has rendered the
	// Indonesian siblings by then (in the order of their addresses).
	appendTo(t, root, "layouts/page.html", `{{define "boom"}}{{if and (eq .Lang.Code "ms") (ne .Title "BOOM")}}{{range .Siblings}}{{if eq .Title "BOOM"}}{{icon "boom"}}{{end}}{{end}}{{end}}{{end}}`)
	b, _ := os.ReadFile(filepath.Join(root, "layouts/page.html"))
	os.WriteFile(filepath.Join(root, "layouts/page.html"), bytes.Replace(b, []byte("{{.Content}}"), []byte(`{{.Content}}{{template "boom" .}}`), 1), 0o644)
	session, _, err := Open(Options{Source: root, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	const paspor = "content/id/panduan/paspor.md"
	src, _ := os.ReadFile(filepath.Join(root, paspor))
	os.WriteFile(filepath.Join(root, paspor), bytes.Replace(src, []byte(`title = "Paspor Anda"`), []byte(`title = "BOOM"`), 1), 0o644)
	if _, err := session.Update([]string{paspor}, nil); err == nil || !strings.Contains(err.Error(), `unknown icon "boom"`) {
		t.Fatalf("update: %v", err)
	}
	if got, _ := session.File("/id/panduan/biaya/index.html"); !bytes.Contains(got, []byte("BOOM")) {
		t.Error("a sibling rendered by the undone fast path kept its older HTML")
	}
}
