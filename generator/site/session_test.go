package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"pandu/generator/content"
	"pandu/generator/output"
	"pandu/generator/search"
	"pandu/generator/templates"
	"pandu/generator/translate"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// edit is one change an editor makes; it returns the site-relative paths it touched.
type edit func(t *testing.T, r *rand.Rand, root string) (string, []string)

func mdFiles(root string) []string {
	var out []string
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// created lists the pages the random edits created (other pages are link targets of the fixture:
// deleting them would break the site for the rest of the sequence).
func created(root string) []string {
	var out []string
	for _, f := range mdFiles(root) {
		if strings.Contains(f, "/baru-") {
			out = append(out, f)
		}
	}
	return out
}

// addText adds text to the end of a page's body, before its quiz questions (which must stay at
// the end of a guide).
func addText(t *testing.T, root, rel, text string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	if i := bytes.Index(b, []byte("\n> [!QUIZ]")); i >= 0 {
		b = append(append(append([]byte{}, b[:i]...), text...), b[i:]...)
		if err := os.WriteFile(filepath.Join(root, rel), b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	appendTo(t, root, rel, text)
}

func appendTo(t *testing.T, root, rel, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(root, rel), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(text)
	f.Close()
}

var words = strings.Fields("paspor hak kerja biaya gaji kontrak bantuan pulang lapor aman keluarga dokumen")

func sentence(r *rand.Rand) string {
	n := 3 + r.Intn(6)
	var w []string
	for i := 0; i < n; i++ {
		w = append(w, words[r.Intn(len(words))])
	}
	return strings.Join(w, " ") + "."
}

var edits = []struct {
	name   string
	weight int
	do     edit
}{
	{"body", 10, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		files := mdFiles(root)
		f := files[r.Intn(len(files))]
		extra := []string{"", " [[term:cpmi]]", " [[UU18:6]]", " [situs](https://example.org/)", " **tebal**"}[r.Intn(5)]
		if strings.HasPrefix(f, "content/ms/") && extra == " [[term:cpmi]]" {
			extra = "" // the fixture has no Malay glossary
		}
		addText(t, root, f, "\n"+sentence(r)+extra+"\n")
		return "body " + f, []string{f}
	}},
	{"translated", 2, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A translation records the version of its source it was made from: its drift notice
		// goes, and comes back with the next edit of the source's text (an update must find
		// the pages that compared that version).
		var pairs [][2]string
		for _, f := range mdFiles(root) {
			rest, ok := strings.CutPrefix(f, "content/en/")
			if !ok {
				rest, ok = strings.CutPrefix(f, "content/ms/")
			}
			if _, err := os.Stat(filepath.Join(root, "content/id", rest)); ok && err == nil {
				pairs = append(pairs, [2]string{f, rest})
			}
		}
		if len(pairs) == 0 {
			return "skip", nil
		}
		p := pairs[r.Intn(len(pairs))]
		return setKeyIn(t, root, p[0], "translated_from", strconv.Quote(sourceVersion(t, root, p[1])))
	}},
	{"heading", 2, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		files := mdFiles(root)
		f := files[r.Intn(len(files))]
		addText(t, root, f, fmt.Sprintf("\n## Judul %d\n\nIsi.\n", r.Intn(1000)))
		return "heading " + f, []string{f}
	}},
	{"title", 2, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		files := mdFiles(root)
		f := files[r.Intn(len(files))]
		b, _ := os.ReadFile(filepath.Join(root, f))
		s := strings.Replace(string(b), "title = \"", fmt.Sprintf("title = \"T%d ", r.Intn(100)), 1)
		os.WriteFile(filepath.Join(root, f), []byte(s), 0o644)
		return "title " + f, []string{f}
	}},
	{"broken", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A broken link, then (next step) its repair: the session must fail, then recover.
		f := "content/id/panduan/biaya/index.md"
		b, _ := os.ReadFile(filepath.Join(root, f))
		if bytes.Contains(b, []byte("(rusak.md)")) {
			b = bytes.Replace(b, []byte("[r](rusak.md)"), nil, 1)
		} else {
			b = append(b, "\n[r](rusak.md)\n"...) // biaya has no quiz
		}
		os.WriteFile(filepath.Join(root, f), b, 0o644)
		return "broken " + f, []string{f}
	}},
	{"weight", 2, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A new weight (or a first one) moves the page among its siblings; descriptions too.
		files := mdFiles(root)
		f := files[r.Intn(len(files))]
		b, _ := os.ReadFile(filepath.Join(root, f))
		text := string(b)
		line := fmt.Sprintf("weight = %d\ndescription = \"D%d\"\n", r.Intn(4), r.Intn(9))
		lines := strings.Split(text, "\n")
		var out []string
		for i, l := range lines {
			if i > 0 && (strings.HasPrefix(l, "weight =") || strings.HasPrefix(l, "description =")) {
				continue
			}
			out = append(out, l)
			if i == 0 {
				out = append(out, strings.TrimSuffix(line, "\n"))
			}
		}
		os.WriteFile(filepath.Join(root, f), []byte(strings.Join(out, "\n")), 0o644)
		return "weight " + f, []string{f}
	}},
	{"create", 2, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		lang := []string{"id", "en", "ms"}[r.Intn(3)]
		f := fmt.Sprintf("content/%s/panduan/baru-%d.md", lang, r.Intn(50))
		os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(root, f), []byte(fmt.Sprintf("+++\ntitle = \"Baru %d\"\nweight = %d\n+++\n\n%s\n", r.Intn(9), r.Intn(5), sentence(r))), 0o644)
		return "create " + f, []string{f}
	}},
	{"delete", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		files := created(root)
		if len(files) == 0 {
			return "skip", nil
		}
		f := files[r.Intn(len(files))]
		os.Remove(filepath.Join(root, f))
		return "delete " + f, []string{f}
	}},
	{"rename", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		files := created(root)
		if len(files) == 0 {
			return "skip", nil
		}
		f := files[r.Intn(len(files))]
		to := strings.TrimSuffix(f, ".md") + "-lain.md"
		os.Rename(filepath.Join(root, f), filepath.Join(root, to))
		return "rename " + f, []string{f, to}
	}},
	{"layout", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A visible change in one layout file: the pages whose layout reads it change.
		c := []struct{ file, after string }{
			{"layouts/section.html", `{{define "main"}}`},
			{"layouts/page.html", `{{define "main"}}`},
			{"layouts/glossary.html", `{{define "main"}}`},
			{"layouts/partials/nav.html", "<nav>"},
			{"layouts/baseof.html", "<body>"},
			{"layouts/partials/callout.html", `role="note">`}, // page bodies render it
		}[r.Intn(6)]
		b, _ := os.ReadFile(filepath.Join(root, c.file))
		s := layoutMark.ReplaceAllString(string(b), "")
		s = strings.Replace(s, c.after, c.after+fmt.Sprintf("<i hidden>%d</i>", r.Intn(1000)), 1)
		os.WriteFile(filepath.Join(root, c.file), []byte(s), 0o644)
		return "layout " + c.file, []string{c.file}
	}},
	{"i18n", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A string of one language, or one of the default language that Malay lacks and
		// shows in Indonesian.
		c := []struct{ file, key string }{
			{"i18n/en.toml", "reviewed = \"Checked"},
			{"i18n/id.toml", "footer_publisher = \"Penerbit"},
		}[r.Intn(2)]
		b, _ := os.ReadFile(filepath.Join(root, c.file))
		s := strings.Replace(string(b), c.key, fmt.Sprintf("%s %d", c.key, r.Intn(10)), 1)
		os.WriteFile(filepath.Join(root, c.file), []byte(s), 0o644)
		return "i18n " + c.file, []string{c.file}
	}},
	{"css", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		appendTo(t, root, "static/css/site.css", fmt.Sprintf("p{margin:%dpx}\n", r.Intn(20)))
		return "css", []string{"static/css/site.css"}
	}},
	{"draft", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A created page becomes a draft, or is published again (the session serves drafts, as
		// the preview does: the page stays, and its draft notice comes and goes).
		return setKey(t, r, root, "draft", []string{"true", "false"}[r.Intn(2)])
	}},
	{"slug", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		return setKey(t, r, root, "slug", fmt.Sprintf("%q", fmt.Sprintf("alamat-{file}-%d", r.Intn(40))))
	}},
	{"alias", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		lang := []string{"id", "en", "ms"}[r.Intn(3)]
		return setKey(t, r, root, "aliases", fmt.Sprintf("[\"/%s/dulu-{file}-%d/\"]", lang, r.Intn(40)))
	}},
	{"target", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A new address for the law page, which guides in another section link to through
		// their law references: their text and what their layout shows stay the same, the
		// links in them change.
		return setKeyIn(t, root, "content/id/hukum/uu18.md", "slug", fmt.Sprintf("%q", fmt.Sprintf("uu-%d", r.Intn(40))))
	}},
	{"section", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A section's own front matter: its title shows in menus, breadcrumbs and lists.
		f := "content/id/panduan/_index.md"
		b, _ := os.ReadFile(filepath.Join(root, f))
		s := strings.Replace(string(b), "title = \"", fmt.Sprintf("title = \"S%d ", r.Intn(100)), 1)
		os.WriteFile(filepath.Join(root, f), []byte(s), 0o644)
		return "section " + f, []string{f}
	}},
	{"data", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A glossary definition: every page that uses the term shows it.
		f := "content/_data/glossary/id.toml"
		b, _ := os.ReadFile(filepath.Join(root, f))
		s := strings.Replace(string(b), "definition = \"", fmt.Sprintf("definition = \"(%d) ", r.Intn(100)), 1)
		os.WriteFile(filepath.Join(root, f), []byte(s), 0o644)
		return "data " + f, []string{f}
	}},
	{"config", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		// A setting of site.toml every page reads (the site's description in the id language).
		f := "site.toml"
		b, _ := os.ReadFile(filepath.Join(root, f))
		s := strings.Replace(string(b), "description = \"", fmt.Sprintf("description = \"%d ", r.Intn(100)), 1)
		os.WriteFile(filepath.Join(root, f), []byte(s), 0o644)
		return "config", []string{f}
	}},
	{"noise", 1, func(t *testing.T, r *rand.Rand, root string) (string, []string) {
		f := "content/id/panduan/.paspor.md.swp"
		os.WriteFile(filepath.Join(root, f), []byte("x"), 0o644)
		return "noise", []string{f}
	}},
}

// layoutMark is what the layout edit writes into a layout file.
var layoutMark = regexp.MustCompile(`<i hidden>\d+</i>`)

// setKey sets key = value in the front matter of a created page (adding the line when the page
// has none), for the structural edits; {file} in value stands for the page's file name.
func setKey(t *testing.T, r *rand.Rand, root, key, value string) (string, []string) {
	files := created(root)
	if len(files) == 0 {
		return "skip", nil
	}
	f := files[r.Intn(len(files))]
	// Each page's own slugs and aliases: two pages never claim one address for long, which
	// would fail every build until one of them changed again.
	value = strings.ReplaceAll(value, "{file}", strings.NewReplacer("/", "-", ".md", "").Replace(strings.TrimPrefix(f, "content/")))
	return setKeyIn(t, root, f, key, value)
}

// setKeyIn sets key = value in the front matter of the page f.
func setKeyIn(t *testing.T, root, f, key, value string) (string, []string) {
	b, err := os.ReadFile(filepath.Join(root, f))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	out := []string{lines[0], key + " = " + value}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, key+" =") {
			out = append(out, l)
		}
	}
	os.WriteFile(filepath.Join(root, f), []byte(strings.Join(out, "\n")), 0o644)
	return key + " " + f, []string{f}
}

// sourceVersion is the version of the Indonesian page content/id/rest (translate.Hash), as a
// translation records it in translated_from.
func sourceVersion(t *testing.T, root, rest string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "content/id", rest))
	if err != nil {
		t.Fatal(err)
	}
	pg, problems := content.ParsePage("id", rest, src)
	if pg == nil {
		t.Fatalf("content/id/%s: %v", rest, problems)
	}
	return translate.Hash(pg)
}

func editNamed(name string) edit {
	for _, e := range edits {
		if e.name == name {
			return e.do
		}
	}
	panic("no edit " + name)
}

func pick(r *rand.Rand) (string, edit) {
	total := 0
	for _, e := range edits {
		total += e.weight
	}
	n := r.Intn(total)
	for _, e := range edits {
		if n < e.weight {
			return e.name, e.do
		}
		n -= e.weight
	}
	panic("unreachable")
}

// TestIncrementalEqualsFull applies a long random sequence of edits, renames, creations and
// deletions to a copy of the fixture site. After each one, the preview session's files must be
// byte-identical to a clean full build of the same sources, and a failing full build must fail
// the session's update too.
//
// PANDU_EDIT_STEPS sets the number of steps (make test runs 1,000 without the race detector, in
// its edits step; the race run keeps 100).
func TestIncrementalEqualsFull(t *testing.T) {
	steps := 100
	if testing.Short() {
		steps = 15
	}
	if n, err := strconv.Atoi(os.Getenv("PANDU_EDIT_STEPS")); err == nil && n > 0 {
		steps = n
	}
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	// A search page, which lists every guide of its language (the fixture has none).
	os.WriteFile(filepath.Join(root, "layouts/search.html"),
		[]byte(`{{define "main"}}<ul data-index="{{.SearchIndex}}">{{range .Guides}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>{{end}}`), 0o644)
	// Every fourth update or so is told of a newer edit as soon as it parses a text: it must
	// stop, leave the files as they were, and the next update do its edits.
	var session *Session
	var interrupt atomic.Bool
	opts := Options{Source: root, Drafts: true, Minify: true, BaseURL: "http://127.0.0.1:1313/", parsed: func(*content.Page) {
		if interrupt.Load() {
			session.Interrupt()
		}
	}}
	session, _, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(7))
	stops := rand.New(rand.NewSource(11))       // apart, so that the edits are the same with or without
	fast, failed, reused, stopped := 0, 0, 0, 0 // reused: rebuilds of the model that kept pages (reuse.go)
	kinds := map[string]int{}
	var repair edit
	for i := 0; i < steps; i++ {
		name, do := pick(r)
		if i == 2 {
			// Every run, the short one too, has a failing build and its repair (the next step)
			// early on; the random sequence may add more.
			name, do = "broken", editNamed("broken")
		}
		if repair != nil {
			name, do, repair = "broken", repair, nil // undo the broken link of the last step
		}
		what, paths := do(t, r, root)
		if name == "broken" && strings.Contains(what, "broken") {
			if b, _ := os.ReadFile(filepath.Join(root, "content/id/panduan/biaya/index.md")); bytes.Contains(b, []byte("(rusak.md)")) {
				repair = do
			}
		}
		kinds[name]++
		if paths == nil {
			continue
		}
		var before map[string][]byte
		if stops.Intn(4) == 0 {
			before = session.Files()
			interrupt.Store(true)
		}
		ch, uerr := session.Update(paths, nil)
		interrupt.Store(false)
		if uerr == nil && ch.Stopped {
			stopped++
			if !reflect.DeepEqual(session.Files(), before) {
				t.Fatalf("step %d (%s): the stopped update left files changed", i, what)
			}
			ch, uerr = session.Update(nil, nil)
		}
		dest := filepath.Join(t.TempDir(), "full")
		_, ferr := Build(Options{Source: root, Dest: dest, Drafts: true, Minify: true, BaseURL: opts.BaseURL})
		if (uerr == nil) != (ferr == nil) {
			t.Fatalf("step %d (%s): session error %v, full build error %v", i, what, uerr, ferr)
		}
		if ferr != nil {
			failed++
			if failed <= 3 {
				t.Logf("step %d (%s): the build fails as it should: %.200v", i, what, ferr)
			}
			continue
		}
		switch {
		case ch.Kept > 0:
			reused++
		case !ch.Full:
			fast++
		}
		want := readTree(t, dest)
		delete(want, output.Marker) // written on disk only, when the output is published
		got := session.Files()
		for name, w := range want {
			if g, ok := got[name]; !ok {
				t.Fatalf("step %d (%s): session lacks %s", i, what, name)
			} else if !bytes.Equal(g, w) {
				t.Fatalf("step %d (%s): %s differs from the full build:\n--- session\n%s\n--- full\n%s", i, what, name, g, w)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Fatalf("step %d (%s): session has %s, the full build does not", i, what, name)
			}
		}
	}
	t.Logf("%d steps: %d fast updates, %d rebuilt models keeping pages, %d failing builds, %d stopped updates; edits %v", steps, fast, reused, failed, stopped, kinds)
	if steps >= 1000 {
		for _, e := range edits {
			if kinds[e.name] == 0 {
				t.Errorf("%d steps made no %q edit", steps, e.name)
			}
		}
	}
	if fast == 0 || reused == 0 || failed == 0 || stopped == 0 {
		t.Error("the sequence did not exercise the fast paths, the kept pages, failing builds and stopped updates")
	}
}

// TestSessionBodyEditIsFast checks that a body edit re-renders only the page and what shows it,
// and reports the changed paths page first.
func TestSessionBodyEditIsFast(t *testing.T) {
	root, session := openCopy(t)
	appendTo(t, root, "content/id/panduan/paspor.md", "\nTambahan.\n")
	var notes [][]string
	ch, err := session.Update([]string{"content/id/panduan/paspor.md"}, func(c []string) { notes = append(notes, c) })
	if err != nil {
		t.Fatal(err)
	}
	if ch.Full || ch.Pages > 6 {
		t.Errorf("body edit: %+v", ch)
	}
	if len(notes) == 0 || notes[0][0] != "/en/guides/passport/" && !contains(notes[0], "/id/panduan/paspor/") {
		t.Errorf("first notification should hold the edited page: %v", notes)
	}
	if b, ok := session.File("/id/panduan/paspor/index.html"); !ok || !bytes.Contains(b, []byte("Tambahan.")) {
		t.Error("edited page not served")
	}
	// A broken edit fails, keeps the last good page, and the next good save recovers.
	appendTo(t, root, "content/id/panduan/paspor.md", "\n[rusak](tidak-ada.md)\n")
	if _, err := session.Update([]string{"content/id/panduan/paspor.md"}, nil); err == nil || !strings.Contains(err.Error(), "content/id/panduan/paspor.md:") {
		t.Errorf("broken link: %v", err)
	}
	if b, _ := session.File("/id/panduan/paspor/index.html"); !bytes.Contains(b, []byte("Tambahan.")) {
		t.Error("last good page not kept")
	}
	b, _ := os.ReadFile(filepath.Join(root, "content/id/panduan/paspor.md"))
	os.WriteFile(filepath.Join(root, "content/id/panduan/paspor.md"), bytes.Replace(b, []byte("[rusak](tidak-ada.md)"), []byte("Baik."), 1), 0o644)
	if _, err := session.Update([]string{"content/id/panduan/paspor.md"}, nil); err != nil {
		t.Errorf("recovery: %v", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSessionNewWarnings (review L6): deleting a language folder while previewing reports it once,
// as a warning of that rebuild; warnings the previous build already had are not repeated.
func TestSessionNewWarnings(t *testing.T) {
	root, session := openCopy(t)
	os.RemoveAll(filepath.Join(root, "content/en"))
	ch, err := session.Update([]string{"content/en"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Warnings) != 1 || ch.Warnings[0].File != "content/en" || !strings.Contains(ch.Warnings[0].Message, "language folder missing") {
		t.Errorf("warnings after deleting content/en: %v", ch.Warnings)
	}
	appendTo(t, root, "site.toml", "\n")
	if ch, err = session.Update([]string{"site.toml"}, nil); err != nil || len(ch.Warnings) != 0 {
		t.Errorf("a rebuild repeated known warnings: %v, %v", ch.Warnings, err)
	}
}

// Issue 15: a broken draft never makes the preview go dark. From the first build on, the session
// serves every page that can be built (the broken one too, its link as written) and returns the
// error with file and line; a good edit of another page is served while the error lasts; a page
// that breaks keeps its last good version, also in its fallback copies; fixing everything gives
// exactly the files of a clean full build.
func TestPreviewNeverGoesDark(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	const draft = "content/id/panduan/rusak.md"
	os.WriteFile(filepath.Join(root, draft), []byte("+++\ntitle = \"Draf rusak\"\ndraft = true\n+++\n\nTeks draf.\n\n[tautan](tidak-ada.md)\n"), 0o644)
	opts := Options{Source: root, Drafts: true, Minify: true}
	session, res, err := Open(opts)
	if err == nil || !strings.Contains(err.Error(), draft+":8:") {
		t.Fatalf("first build: want the broken link's file:line, got %v", err)
	}
	if res == nil {
		t.Fatal("first build with a broken draft: no result, nothing served")
	}
	// Every page of a full build without the draft is served, and the draft itself.
	good := filepath.Join(t.TempDir(), "good")
	copyTree(t, root, good)
	os.Remove(filepath.Join(good, draft))
	dest := filepath.Join(t.TempDir(), "out")
	if _, err := Build(Options{Source: good, Dest: dest, Drafts: true, Minify: true}); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name := range readTree(t, dest) {
		if strings.HasSuffix(name, ".html") {
			pages++
			if _, ok := session.File("/" + name); !ok {
				t.Errorf("%s is not served while a draft is broken", name)
			}
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages in the full build", pages)
	}
	if b, ok := session.File("/id/panduan/rusak/index.html"); !ok || !bytes.Contains(b, []byte("Teks draf.")) {
		t.Error("the broken draft itself is not shown")
	}

	// A good edit of another page is served although the draft is still broken.
	const paspor = "content/id/panduan/paspor.md"
	appendTo(t, root, paspor, "\nPenanda satu.\n")
	if _, err := session.Update([]string{paspor}, nil); err == nil || !strings.Contains(err.Error(), draft+":8:") {
		t.Errorf("update while the draft is broken: %v", err)
	}
	if b, _ := session.File("/id/panduan/paspor/index.html"); !bytes.Contains(b, []byte("Penanda satu.")) {
		t.Error("a good edit is not served while another page is broken")
	}
	// The page breaks too: its last good version stays, here and in its Malay fallback copy; the
	// others are still served.
	appendTo(t, root, paspor, "\nPenanda dua.\n\n[rusak](juga-tidak-ada.md)\n")
	if _, err := session.Update([]string{paspor}, nil); err == nil || !strings.Contains(err.Error(), paspor+":") {
		t.Errorf("broken page: %v", err)
	}
	for _, p := range []string{"/id/panduan/paspor/index.html", "/ms/panduan/paspor/index.html"} {
		if b, _ := session.File(p); !bytes.Contains(b, []byte("Penanda satu.")) || bytes.Contains(b, []byte("Penanda dua.")) {
			t.Errorf("%s: the last good version is not kept", p)
		}
	}
	if _, ok := session.File("/id/hukum/uu18/index.html"); !ok {
		t.Error("other pages are no longer served")
	}
	// Its front matter breaks: it is left out of the model, but its last good version stays.
	b, _ := os.ReadFile(filepath.Join(root, paspor))
	os.WriteFile(filepath.Join(root, paspor), bytes.Replace(b, []byte("title = \"Paspor Anda\""), []byte("title = 2019"), 1), 0o644)
	_, err = session.Update([]string{paspor}, nil)
	if err == nil || !strings.Contains(err.Error(), paspor+":2:9: title has the wrong type") {
		t.Fatalf("broken front matter: %v", err)
	}
	if b, _ := session.File("/id/panduan/paspor/index.html"); !bytes.Contains(b, []byte("Penanda satu.")) {
		t.Error("a page with broken front matter lost its last good version")
	}
	// Links to it say why they fail, not that the page does not exist.
	if msg := err.Error(); strings.Contains(msg, "there is no page content/id/panduan/paspor.md") ||
		!strings.Contains(msg, "content/id/_index.md:6:") || !strings.Contains(msg, "content/id/panduan/paspor.md has an error of its own") {
		t.Errorf("links to the page with broken front matter:\n%s", msg)
	}
	if _, ok := session.File("/id/hukum/uu18/index.html"); !ok {
		t.Error("other pages are no longer served")
	}
	os.WriteFile(filepath.Join(root, paspor), b, 0o644)

	// Both fixed: no error, and the same files as a clean full build.
	b, _ = os.ReadFile(filepath.Join(root, paspor))
	os.WriteFile(filepath.Join(root, paspor), bytes.Replace(b, []byte("[rusak](juga-tidak-ada.md)"), nil, 1), 0o644)
	os.WriteFile(filepath.Join(root, draft), []byte("+++\ntitle = \"Draf rusak\"\ndraft = true\n+++\n\nTeks draf.\n"), 0o644)
	if _, err := session.Update([]string{paspor, draft}, nil); err != nil {
		t.Fatalf("after the fixes: %v", err)
	}
	want := fullBuild(t, Options{Source: root, Drafts: true, Minify: true})
	got := session.Files()
	if len(got) != len(want) {
		t.Errorf("session has %d files, the full build %d", len(got), len(want))
	}
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s differs from the full build", name)
		}
	}
}

// Issue 13/15: a fast update that fails after writing files (here the Malay fallback copy of the
// edited page fails to render) undoes everything: the model and every file are as before, never
// half updated; the session then rebuilds everything and serves what can be built.
func TestFastPathFailureUndoes(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	appendTo(t, root, "layouts/page.html", `{{define "boom"}}{{if and (eq .Lang.Code "ms") (eq .Page.Icon "boom")}}{{icon "boom"}}{{end}}{{end}}`)
	b, _ := os.ReadFile(filepath.Join(root, "layouts/page.html"))
	os.WriteFile(filepath.Join(root, "layouts/page.html"), bytes.Replace(b, []byte("{{.Content}}"), []byte(`{{.Content}}{{template "boom" .}}`), 1), 0o644)
	session, _, err := Open(Options{Source: root, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	old := session.b.Load()
	const paspor = "content/id/panduan/paspor.md"
	pg := old.site.ByLang["id"].ByPath["panduan/paspor.md"]
	fm, body := pg.FrontMatter, string(pg.Body)
	sums := old.out.Sums()

	src, _ := os.ReadFile(filepath.Join(root, paspor))
	s := strings.Replace(string(src), "icon = \"passport\"", "icon = \"boom\"", 1) + "\nPenanda baru.\n"
	os.WriteFile(filepath.Join(root, paspor), []byte(s), 0o644)
	edits, err := old.bodyEdits([]string{paspor})
	if err != nil || len(edits) != 1 {
		t.Fatalf("the edit should take the fast path: %v %v", edits, err)
	}
	if _, err := old.updateBodies(edits, nil); !errors.Is(err, errNeedFull) {
		t.Fatalf("updateBodies: %v, want errNeedFull", err)
	}
	if !reflect.DeepEqual(pg.FrontMatter, fm) || string(pg.Body) != body {
		t.Error("the page's front matter or body was not restored")
	}
	// The search entry too: the page was indexed again before its copy failed.
	e := old.searchEntry("id", pg, nil)
	if ix, err := search.Merge("id", []search.Page{e.page}, []*search.Analysis{e.analysis}, nil).JSON(); err != nil || bytes.Contains(ix, []byte("Penanda baru")) {
		t.Errorf("the page's search entry keeps the undone edit (%v)", err)
	}
	after := old.out.Sums()
	if !reflect.DeepEqual(after, sums) {
		for rel, sum := range after {
			if sums[rel] != sum {
				t.Errorf("%s was left half updated", rel)
			}
		}
	}
	// Through the session: the error names the page; the Indonesian page, which can be built,
	// shows the new text; the Malay copy keeps its last good version.
	if _, err := session.Update([]string{paspor}, nil); err == nil || !strings.Contains(err.Error(), `unknown icon "boom"`) {
		t.Errorf("update: %v", err)
	}
	if got, _ := session.File("/id/panduan/paspor/index.html"); !bytes.Contains(got, []byte("Penanda baru.")) {
		t.Error("the page that can be built does not show the edit")
	}
	if got, ok := session.File("/ms/panduan/paspor/index.html"); !ok || bytes.Contains(got, []byte("Penanda baru.")) {
		t.Error("the copy that cannot be built does not keep its last good version")
	}
}

// Issue 13: an edit of a layout file renders again only the pages whose layout reads it, and one
// of a language's UI strings only the pages of that language (or showing its text), as their
// prints' looks say (lookOf); each gives the files a full build gives. An edit of a partial that
// page bodies use renders every page; UI strings that move a published address move it.
func TestLookEditsRenderTheirPages(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	opts := Options{Source: root, Minify: true}
	session, _, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	b := session.b.Load()
	count := func(keep func(pg *content.Page) bool) int {
		n := 0
		for _, pg := range b.site.Pages {
			if keep(pg) {
				n++
			}
		}
		return n
	}
	sameAsFull := func(what string) {
		t.Helper()
		if got := session.Files(); !reflect.DeepEqual(got, fullBuild(t, opts)) {
			t.Errorf("%s: the session's files differ from a full build's", what)
		}
	}
	edit := func(file, old, new string) *Change {
		t.Helper()
		data, _ := os.ReadFile(filepath.Join(root, file))
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s has no %q", file, old)
		}
		os.WriteFile(filepath.Join(root, file), bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
		ch, err := session.Update([]string{file}, nil)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		sameAsFull(file)
		return ch
	}

	glossaries := count(func(pg *content.Page) bool { return pg.Layout == "glossary" })
	made := b.searchFiles["id"]
	ch := edit("layouts/glossary.html", `{{define "main"}}`, `{{define "main"}}<i hidden>1</i>`)
	if f := session.b.Load().searchFiles["id"]; made.data == nil || len(f.data) == 0 || &f.data[0] != &made.data[0] {
		t.Error("a layout edit made the search index again: no search entry changed")
	}
	if ch.Full || ch.Pages != glossaries || glossaries == 0 {
		t.Errorf("glossary layout: full %v, %d pages rendered, want %d", ch.Full, ch.Pages, glossaries)
	}
	sections := count(func(pg *content.Page) bool { return pg.Layout == "" && pg.Kind == content.KindSection })
	ch = edit("layouts/section.html", `{{define "main"}}`, `{{define "main"}}<i hidden>2</i>`)
	if ch.Full || ch.Pages != sections || !contains(ch.Changed, "/id/panduan/") || contains(ch.Changed, "/id/panduan/paspor/") {
		t.Errorf("section layout: full %v, %d pages rendered (want %d), changed %v", ch.Full, ch.Pages, sections, ch.Changed)
	}
	// Every page reads the base layout's partials.
	if ch = edit("layouts/partials/nav.html", "<nav>", "<nav><i hidden>3</i>"); ch.Pages != len(b.site.Pages) {
		t.Errorf("nav partial: %d pages rendered of %d", ch.Pages, len(b.site.Pages))
	}
	english := count(func(pg *content.Page) bool { return pg.Lang == "en" || pg.Content().Lang == "en" })
	if ch = edit("i18n/en.toml", `reviewed = "Checked"`, `reviewed = "Looked at"`); ch.Full || ch.Pages != english || english == len(b.site.Pages) {
		t.Errorf("English UI strings: full %v, %d pages rendered, want %d", ch.Full, ch.Pages, english)
	}
	// Malay lacks footer_publisher and shows the Indonesian string: its pages change too.
	idms := count(func(pg *content.Page) bool { return pg.Lang != "en" || pg.Content().Lang != "en" })
	if ch = edit("i18n/id.toml", `footer_publisher = "Penerbit:"`, `footer_publisher = "Diterbitkan oleh:"`); ch.Full || ch.Pages != idms || !contains(ch.Changed, "/ms/") {
		t.Errorf("Indonesian UI strings: full %v, %d pages rendered (want %d), changed %v", ch.Full, ch.Pages, idms, ch.Changed)
	}
	// Page bodies render the contact partial: every page may change.
	if ch = edit("layouts/partials/contact.html", "<", "<i hidden>4</i><"); ch.Pages != len(b.site.Pages) {
		t.Errorf("an edit of a partial page bodies use rendered %d pages of %d", ch.Pages, len(b.site.Pages))
	}
	// The search index moves (edit checks the files against a full build's): every English page
	// links to its search page.
	if ch = edit("i18n/en.toml", `home = "Home"`, "home = \"Home\"\nsearch_slug = \"find\""); ch.Pages != english || !contains(ch.Changed, "/en/find/index.json") {
		t.Errorf("a UI string that moves the search page: %d pages rendered (want %d), changed %v", ch.Pages, english, ch.Changed)
	}
}

// TestStartServesAskedPagesFirst checks that during the preview's first build a page asked for
// is rendered at once, before the pages the build is rendering in the meantime, and that the
// build then serves the same files as Open.
func TestStartServesAskedPagesFirst(t *testing.T) {
	const asked = "content/id/panduan/paspor.md"
	release := make(chan struct{})
	session := Start(Options{Source: fixture, Minify: true, parsed: func(c *content.Page) {
		if c.File != asked {
			<-release // every other text waits until the asked page is served
		}
	}})
	late := make(chan bool)
	go func() {
		_, ok := session.File("/sitemap.xml")
		late <- ok
	}()
	page, ok := session.File("/id/panduan/paspor/index.html")
	root, rootOK := session.File("/index.html") // the language chooser needs no page
	select {
	case <-late:
		t.Error("the sitemap was served before every page was built")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if !ok || !bytes.Contains(page, []byte("Paspor Anda")) {
		t.Fatalf("the asked page was not served during the build (%v)", ok)
	}
	if !rootOK || !bytes.Contains(root, []byte("<html")) {
		t.Error("the language chooser was not served during the build")
	}
	if !<-late {
		t.Error("the sitemap was not served after the build")
	}
	if _, err := session.Wait(); err != nil {
		t.Fatal(err)
	}
	want, _, err := Open(Options{Source: fixture, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, w := session.Files(), want.Files(); !reflect.DeepEqual(got, w) {
		t.Errorf("the build that served a page first made other files (%d, want %d)", len(got), len(w))
	}
	if got, _ := session.File("/id/panduan/paspor/index.html"); !bytes.Equal(got, page) {
		t.Error("the page served during the build differs from the page built")
	}
}

// TestLookEditRendersSeenPagesFirst checks that an edit of UI strings renders the page the
// editor's browser was served last before the others, and tells the browser of it at once.
func TestLookEditRendersSeenPagesFirst(t *testing.T) {
	root, session := openCopy(t)
	const seen = "/en/guides/passport/"
	if _, ok := session.File(seen + "index.html"); !ok {
		t.Fatalf("no page at %s", seen)
	}
	file := filepath.Join(root, "i18n/en.toml")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(data, []byte(`reviewed = "Checked"`), []byte(`reviewed = "Looked at"`), 1), 0o644)
	var told [][]string
	ch, err := session.Update([]string{"i18n/en.toml"}, func(paths []string) { told = append(told, paths) })
	if err != nil || ch.Full {
		t.Fatalf("update: %v (full %v)", err, ch != nil && ch.Full)
	}
	if len(told) < 2 || !slices.Equal(told[0], []string{seen}) {
		t.Fatalf("the browser heard %v; want %s alone first", told, seen)
	}
	if !contains(told[1], "/en/guides/biaya/") || contains(told[1], seen) || !contains(ch.Changed, seen) {
		t.Errorf("then %v; changed %v", told[1], ch.Changed)
	}
}

// TestNewerEditStopsLookUpdate checks that an update of the look, told of a newer edit once it
// has shown the page served last, undoes all it did, and that the next update does its edit.
func TestNewerEditStopsLookUpdate(t *testing.T) {
	root, session := openCopy(t)
	session.File("/en/guides/passport/index.html")
	before := session.Files()
	file := filepath.Join(root, "i18n/en.toml")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(data, []byte(`reviewed = "Checked"`), []byte(`reviewed = "Looked at"`), 1), 0o644)
	told := 0
	ch, err := session.Update([]string{"i18n/en.toml"}, func([]string) { told++; session.Interrupt() })
	if err != nil || !ch.Stopped || told != 1 {
		t.Fatalf("update told %d times: %v, %+v; want it stopped after the page seen", told, err, ch)
	}
	if !reflect.DeepEqual(session.Files(), before) {
		t.Error("the stopped update left files changed")
	}
	ch, err = session.Update(nil, nil) // nothing new: the stopped edit is done now
	if err != nil || ch.Stopped || !contains(ch.Changed, "/en/guides/biaya/") {
		t.Fatalf("the next update: %v, %+v", err, ch)
	}
	if !reflect.DeepEqual(session.Files(), fullBuild(t, Options{Source: root, Minify: true})) {
		t.Error("after the stopped update and the next, the session's files differ from a full build's")
	}
}

// TestNewerEditStopsBodyUpdate checks that an edit of a page's text, told of a newer edit once
// the page is shown, undoes all it did before it writes the files built from all pages.
func TestNewerEditStopsBodyUpdate(t *testing.T) {
	root, session := openCopy(t)
	before := session.Files()
	const page = "content/id/panduan/paspor.md"
	data, _ := os.ReadFile(filepath.Join(root, page))
	os.WriteFile(filepath.Join(root, page), append(data, "\n\nParagraf baru.\n"...), 0o644)
	var told [][]string
	ch, err := session.Update([]string{page}, func(p []string) { told = append(told, p); session.Interrupt() })
	if err != nil || !ch.Stopped || len(told) != 1 || !contains(told[0], "/id/panduan/paspor/") {
		t.Fatalf("update told %v: %v, %+v; want it stopped once the page was shown", told, err, ch)
	}
	if !reflect.DeepEqual(session.Files(), before) {
		t.Error("the stopped update left files changed")
	}
	if ch, err = session.Update(nil, nil); err != nil || ch.Stopped || !contains(ch.Changed, "/id/panduan/paspor/") {
		t.Fatalf("the next update: %v, %+v", err, ch)
	}
	if !reflect.DeepEqual(session.Files(), fullBuild(t, Options{Source: root, Minify: true})) {
		t.Error("after the stopped update and the next, the session's files differ from a full build's")
	}
}

// TestLinkToBrokenPageWithoutDrafts checks that a preview without drafts (as published) says of
// a link to a page left out for an error of its own that the page has one, not that it is a
// draft, and still says so of a link to a real draft.
func TestLinkToBrokenPageWithoutDrafts(t *testing.T) {
	root, session := openCopy(t)
	const paspor = "content/id/panduan/paspor.md"
	b, _ := os.ReadFile(filepath.Join(root, paspor))
	os.WriteFile(filepath.Join(root, paspor), bytes.Replace(b, []byte(`title = "Paspor Anda"`), []byte("title = 2019"), 1), 0o644)
	const draft = "content/id/panduan/draf-baru.md"
	os.WriteFile(filepath.Join(root, draft), []byte("+++\ntitle = \"Draf\"\ndraft = true\n+++\n\nTeks.\n"), 0o644)
	appendTo(t, root, "content/id/hukum/uu18.md", "\n[draf](../panduan/draf-baru.md)\n")
	_, err := session.Update([]string{paspor, draft, "content/id/hukum/uu18.md"}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if strings.Contains(msg, "panduan/paspor.md is a draft") || !strings.Contains(msg, "content/id/panduan/paspor.md has an error of its own") {
		t.Errorf("links to the page with broken front matter:\n%s", msg)
	}
	if !strings.Contains(msg, "content/id/panduan/draf-baru.md is a draft and is not published") {
		t.Errorf("the link to the draft:\n%s", msg)
	}
}

// fullBuild builds the site at opts.Source into a new folder and returns its files as a
// session serves them (without the marker written on disk only).
func fullBuild(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	opts.Dest = filepath.Join(t.TempDir(), "full")
	if _, err := Build(opts); err != nil {
		t.Fatalf("full build: %v", err)
	}
	files := readTree(t, opts.Dest)
	delete(files, output.Marker)
	return files
}

// openCopy opens a session on a copy of the fixture site, and returns the copy's folder.
func openCopy(t *testing.T) (string, *Session) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	session, _, err := Open(Options{Source: root, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	return root, session
}

// openHeld opens a session on a copy of the fixture site. Once hold is called, its rebuilds of the
// model wait in their comparison of the texts (Options.comparing) until release is called, which
// may be called more than once.
func openHeld(t *testing.T) (root string, session *Session, hold, release func()) {
	t.Helper()
	return openHeldParsing(t, nil)
}

// openHeldParsing is openHeld whose builds call parsed for each text they parse.
func openHeldParsing(t *testing.T, parsed func(*content.Page)) (root string, session *Session, hold, release func()) {
	t.Helper()
	var held atomic.Bool
	released := make(chan struct{})
	var once sync.Once
	root = filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	session, _, err := Open(Options{Source: root, Minify: true, parsed: parsed, comparing: func() {
		if held.Load() {
			<-released
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	release = func() { once.Do(func() { close(released) }) }
	t.Cleanup(release)
	return root, session, func() { held.Store(true) }, release
}

// TestRebuildServesSeenPagesEarly checks that while the model is made again after a new guide,
// the page served last is rendered from the new model and served, and the browser told of it,
// before the rebuild is over, while a deleted guide is served no more; and that the end of the
// rebuild does not tell of the page again.
func TestRebuildServesSeenPagesEarly(t *testing.T) {
	const added = "content/id/panduan/baru.md"
	release := make(chan struct{})
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	session, _, err := Open(Options{Source: root, Minify: true, parsed: func(c *content.Page) {
		if c.File == added {
			<-release // the new guide waits until the page seen is served
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	const removed = "content/id/panduan/lama.md"
	os.WriteFile(filepath.Join(root, removed), []byte("+++\ntitle = \"Panduan Lama\"\n+++\n\nTeks lama.\n"), 0o644)
	if _, err := session.Update([]string{removed}, nil); err != nil {
		t.Fatal(err)
	}
	const seen = "/id/panduan/paspor/"
	if _, ok := session.File(seen + "index.html"); !ok {
		t.Fatalf("no page at %s", seen)
	}
	os.WriteFile(filepath.Join(root, added), []byte("+++\ntitle = \"Panduan Baru\"\n+++\n\nTeks baru.\n"), 0o644)
	os.Remove(filepath.Join(root, removed))
	told := make(chan []string, 4)
	done := make(chan *Change)
	go func() {
		ch, err := session.Update([]string{added, removed}, func(p []string) { told <- p })
		if err != nil {
			t.Error(err)
		}
		done <- ch
	}()
	select {
	case first := <-told:
		if !slices.Equal(first, []string{seen}) {
			t.Errorf("the browser heard first of %v, want %s", first, seen)
		}
	case <-time.After(10 * time.Second):
		close(release)
		t.Fatal("the browser heard of no page while the new guide waited")
	}
	page, ok := session.File(seen + "index.html")
	if !ok || !bytes.Contains(page, []byte("Panduan Baru")) {
		t.Errorf("during the rebuild, %s was not served from the new model", seen)
	}
	if _, ok := session.File("/id/panduan/lama/index.html"); ok {
		t.Error("during the rebuild, the deleted guide was still served")
	}
	if _, ok := session.File("/id/panduan/biaya/index.html"); !ok {
		t.Error("during the rebuild, a guide the edit did not touch was not served")
	}
	select {
	case <-done:
		t.Fatal("the rebuild was over before the new guide was parsed")
	default:
	}
	close(release)
	ch := <-done
	if ch == nil || ch.Kept == 0 || !contains(ch.Changed, seen) || !contains(ch.Changed, "/id/panduan/baru/") {
		t.Fatalf("rebuild: %+v", ch)
	}
	if last := <-told; contains(last, seen) || !contains(last, "/id/panduan/baru/") {
		t.Errorf("the end of the rebuild told %v", last)
	}
	if got, _ := session.File(seen + "index.html"); !bytes.Equal(got, page) {
		t.Error("the page served during the rebuild differs from the page built")
	}
}

// TestNewerEditStopsRebuild checks that a rebuild of the model told of a newer edit stops and
// leaves the previous build served, and that the next update does its edit.
func TestNewerEditStopsRebuild(t *testing.T) {
	const added = "content/id/panduan/baru.md"
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	var session *Session
	opts := Options{Source: root, Minify: true, parsed: func(c *content.Page) {
		if c.File == added {
			session.Interrupt() // saved again while the rebuild runs
		}
	}}
	session, _, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	before := session.Files()
	os.WriteFile(filepath.Join(root, added), []byte("+++\ntitle = \"Panduan Baru\"\n+++\n\nTeks baru.\n"), 0o644)
	ch, err := session.Update([]string{added}, nil)
	if err != nil || !ch.Stopped {
		t.Fatalf("update: %v, %+v; want it stopped", err, ch)
	}
	if !reflect.DeepEqual(session.Files(), before) {
		t.Error("the stopped rebuild changed the files served")
	}
	session.opts.parsed = nil
	if ch, err = session.Update(nil, nil); err != nil || ch.Stopped || !contains(ch.Changed, "/id/panduan/baru/") {
		t.Fatalf("the next update: %v, %+v", err, ch)
	}
	opts.parsed = nil
	if !reflect.DeepEqual(session.Files(), fullBuild(t, opts)) {
		t.Error("after the stopped rebuild and the next, the session's files differ from a full build's")
	}
}

// TestFullRebuildServesPagesEarly checks that while an edit of a stylesheet builds everything
// again, a page asked for is served from the new build, with the new stylesheet it links to.
func TestFullRebuildServesPagesEarly(t *testing.T) {
	const other = "content/id/panduan/biaya/index.md"
	var hold atomic.Bool
	release := make(chan struct{})
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	session, _, err := Open(Options{Source: root, Minify: true, parsed: func(c *content.Page) {
		if c.File == other && hold.Load() {
			<-release // another text waits until the page asked for is served
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`href=\"?(/css/site\.[0-9a-f]+\.css)`)
	const url = "/id/panduan/paspor/index.html"
	before, _ := session.File(url)
	was := link.FindSubmatch(before)
	if was == nil {
		t.Fatalf("the page links to no stylesheet:\n%s", before)
	}
	hold.Store(true)
	css := filepath.Join(root, "static/css/site.css")
	data, _ := os.ReadFile(css)
	os.WriteFile(css, append(data, "\n.baru { color: red }\n"...), 0o644)
	done := make(chan *Change)
	go func() {
		ch, err := session.Update([]string{"static/css/site.css"}, nil)
		if err != nil {
			t.Error(err)
		}
		done <- ch
	}()
	var now [][]byte
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(time.Millisecond) {
		if p, ok := session.File(url); ok {
			if now = link.FindSubmatch(p); now != nil && !bytes.Equal(now[1], was[1]) {
				break
			}
		}
	}
	if now == nil || bytes.Equal(now[1], was[1]) {
		close(release)
		t.Fatal("during the rebuild, the page was not served with the new stylesheet")
	}
	if got, ok := session.File(string(now[1])); !ok || !bytes.Contains(got, []byte("red")) {
		t.Errorf("during the rebuild, the new stylesheet %s was not served", now[1])
	}
	select {
	case <-done:
		t.Fatal("the rebuild was over before the held text was parsed")
	default:
	}
	close(release)
	if ch := <-done; ch == nil || !ch.Full {
		t.Fatalf("rebuild: %+v", ch)
	}
}

// servesFullBuild checks that the session serves the files a full build of root writes, byte for
// byte, and no others.
func servesFullBuild(t *testing.T, session *Session, root string) {
	t.Helper()
	want := fullBuild(t, Options{Source: root, Minify: true})
	got := session.Files()
	for p, data := range want {
		if !bytes.Equal(got[p], data) {
			t.Errorf("%s differs from a full build", p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files served, a full build writes %d", len(got), len(want))
	}
}

// TestRebuildAfterErrorsKeepsPages checks that after a save with an error (a new guide seen
// while still empty), the next save rebuilds only what changed: it keeps the other pages of the
// build with the error, and serves what a full build makes.
func TestRebuildAfterErrorsKeepsPages(t *testing.T) {
	root, session := openCopy(t)
	const added = "content/id/panduan/baru.md"
	file := filepath.Join(root, filepath.FromSlash(added))
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := session.Update([]string{added}, nil); err == nil {
		t.Fatal("an empty guide built without an error")
	}
	os.WriteFile(file, []byte("+++\ntitle = \"Baru\"\n+++\n\nTeks baru.\n"), 0o644)
	ch, err := session.Update([]string{added}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Full || ch.Kept == 0 {
		t.Errorf("the save after the error rendered every page again: %s", ch)
	}
	servesFullBuild(t, session, root)
}

// TestRebuildRendersAgainPageWhoseLayoutFailed checks that a page whose layout failed on it, and
// which serves its last good version, is rendered again by the next rebuild, which reports the
// error again, rather than kept: what it was recorded as made from is not what it serves
// (keepLastGood). The error names the layout, not the page's file.
func TestRebuildRendersAgainPageWhoseLayoutFailed(t *testing.T) {
	root, session := openCopy(t)
	edit := func(rel, old, new string) {
		t.Helper()
		file := filepath.Join(root, filepath.FromSlash(rel))
		src, err := os.ReadFile(file)
		if err != nil || !bytes.Contains(src, []byte(old)) {
			t.Fatalf("%s: %v, or no %q in it", rel, err, old)
		}
		if err := os.WriteFile(file, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The layout fails on a page titled "Boom".
	edit("layouts/page.html", `{{define "main"}}`, `{{define "main"}}{{if eq .Title "Boom"}}{{index .Page.Sources 5}}{{end}}`)
	if _, err := session.Update([]string{"layouts/page.html"}, nil); err != nil {
		t.Fatal(err)
	}
	const guide, page = "content/id/panduan/paspor.md", "/id/panduan/paspor/index.html"
	good, _ := session.File(page)
	edit(guide, `title = "`, `title = "Boom" # `)
	if _, err := session.Update([]string{guide}, nil); err == nil || !strings.Contains(err.Error(), "layouts/page.html") {
		t.Fatalf("the layout's error on the guide was not reported: %v", err)
	}
	// Another guide is saved: the failing page is rendered again, not kept.
	edit("content/id/panduan/sesi.md", "Contoh rencana sesi", "Contoh baru rencana sesi")
	if _, err := session.Update([]string{"content/id/panduan/sesi.md"}, nil); err == nil || !strings.Contains(err.Error(), "layouts/page.html") {
		t.Fatalf("the next save did not report the layout's error again: %v", err)
	}
	if data, _ := session.File(page); !bytes.Equal(data, good) {
		t.Error("the page whose layout fails is not served as it was last built")
	}
	edit(guide, `title = "Boom" # `, `title = "`)
	if _, err := session.Update([]string{guide}, nil); err != nil {
		t.Fatal(err)
	}
	servesFullBuild(t, session, root)
}

// TestRebuildServesAskedPageBeforeComparing checks that after a new guide the page asked for is
// rendered and served as soon as the model is made again, without waiting for the comparison
// of every text with the previous build, and that a deleted guide is gone by then. The
// redirect page of the new guide's alias is served by then too.
func TestRebuildServesAskedPageBeforeComparing(t *testing.T) {
	const added, removed = "content/id/panduan/baru.md", "content/id/panduan/lama.md"
	root, session, hold, release := openHeld(t)
	os.WriteFile(filepath.Join(root, removed), []byte("+++\ntitle = \"Panduan Lama\"\n+++\n\nTeks lama.\n"), 0o644)
	if _, err := session.Update([]string{removed}, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, added), []byte("+++\ntitle = \"Panduan Baru\"\naliases = [\"/id/panduan/baru-dulu/\"]\n+++\n\nTeks baru.\n"), 0o644)
	os.Remove(filepath.Join(root, removed))
	hold()
	done := make(chan error)
	go func() {
		_, err := session.Update([]string{added, removed}, nil)
		done <- err
	}()
	served := make(chan []byte)
	go func() {
		for {
			if data, ok := session.File("/id/panduan/baru/index.html"); ok {
				served <- data
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	select {
	case data := <-served:
		if !bytes.Contains(data, []byte("Panduan Baru")) {
			t.Error("the new guide was served without its title")
		}
	case <-time.After(10 * time.Second):
		release()
		t.Fatal("the new guide was not served while the texts were being compared")
	}
	if _, ok := session.File("/id/panduan/lama/index.html"); ok {
		t.Error("the deleted guide was served while the texts were being compared")
	}
	// So is the redirect page of its new alias: it needs only the model.
	for start := time.Now(); ; time.Sleep(time.Millisecond) {
		if data, ok := session.File("/id/panduan/baru-dulu/index.html"); ok {
			if !bytes.Contains(data, []byte("/id/panduan/baru/")) {
				t.Errorf("the alias does not lead to the new guide:\n%s", data)
			}
			break
		}
		if time.Since(start) > 10*time.Second {
			release()
			t.Fatal("the new guide's alias was not served while the texts were being compared")
		}
	}
	release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	servesFullBuild(t, session, root)
}

// TestRebuildPreparesNextLoadOnceSeenShown checks that a rebuild of the model readies the
// memory of the next load as soon as the pages the editor looks at are shown, not only when the
// rebuild is over: a newer save may stop it and load at once.
func TestRebuildPreparesNextLoadOnceSeenShown(t *testing.T) {
	const added = "content/id/panduan/baru.md"
	_, session, hold, release := openHeld(t)
	ready := func() bool { return session.opts.files.Prepared("id") > 0 }
	waitFor(t, ready, "the memory of the first load after the first build was not made ready")
	const seen = "/id/panduan/paspor/"
	if _, ok := session.File(seen + "index.html"); !ok {
		t.Fatalf("no page at %s", seen)
	}
	os.WriteFile(filepath.Join(session.opts.Source, added), []byte("+++\ntitle = \"Panduan Baru\"\n+++\n\nTeks baru.\n"), 0o644)
	hold() // the rebuild stops before it compares its texts: it is not over
	told := make(chan []string, 4)
	done := make(chan error)
	go func() {
		_, err := session.Update([]string{added}, func(p []string) { told <- p })
		done <- err
	}()
	select {
	case <-told:
	case <-time.After(10 * time.Second):
		release()
		t.Fatal("the browser heard of no page during the rebuild")
	}
	waitFor(t, ready, "the memory of the next load was not made ready while the rebuild ran")
	select {
	case <-done:
		t.Error("the rebuild was over before it compared its texts")
	default:
	}
	release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// waitFor waits up to 10 seconds for cond, and fails the test with msg if it stays false.
func waitFor(t *testing.T, cond func() bool, msg string) {
	t.Helper()
	for start := time.Now(); !cond(); time.Sleep(time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			t.Fatal(msg)
		}
	}
}

// heldEarly is a preview session on a copy of the fixture whose next rebuild, once started with
// update, stops before it writes the files that need only the model (writeEarly) until release.
type heldEarly struct {
	session           *Session
	root              string
	held              atomic.Bool
	reached, released chan struct{}
}

func openHeldEarly(t *testing.T) *heldEarly {
	h := &heldEarly{root: filepath.Join(t.TempDir(), "site"), reached: make(chan struct{}), released: make(chan struct{})}
	copyTree(t, fixture, h.root)
	var err error
	h.session, _, err = Open(Options{Source: h.root, Minify: true, writingEarly: func() {
		if h.held.Load() {
			close(h.reached)
			<-h.released
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// update starts the update of paths and returns once its rebuild has started its pages and
// stopped before the early files; the channel receives the update's error.
func (h *heldEarly) update(t *testing.T, paths ...string) chan error {
	h.held.Store(true)
	done := make(chan error, 1)
	go func() {
		_, err := h.session.Update(paths, nil)
		done <- err
	}()
	select {
	case <-h.reached:
	case <-time.After(10 * time.Second):
		t.Fatal("the rebuild did not start its pages")
	}
	return done
}

// TestRebuildServesNewAliasOnceWritten checks that the redirect page of an alias just added,
// asked for while a rebuild has started its pages but not yet written the files that need only
// the model, is served once it is written: not missing in the meantime (a browser reloading the
// old address at once would show "not found").
func TestRebuildServesNewAliasOnceWritten(t *testing.T) {
	const guide = "content/id/panduan/baru.md"
	h := openHeldEarly(t)
	os.WriteFile(filepath.Join(h.root, guide), []byte("+++\ntitle = \"Panduan Baru\"\n+++\n\nTeks baru.\n"), 0o644)
	if _, err := h.session.Update([]string{guide}, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(h.root, guide), []byte("+++\ntitle = \"Panduan Baru\"\naliases = [\"/id/panduan/baru-dulu/\"]\n+++\n\nTeks baru.\n"), 0o644)
	done := h.update(t, guide)
	type answer struct {
		data []byte
		ok   bool
	}
	asked := make(chan answer)
	go func() {
		data, ok := h.session.File("/id/panduan/baru-dulu/index.html")
		asked <- answer{data, ok}
	}()
	select {
	case a := <-asked:
		t.Errorf("the new alias was answered (found %v) before its redirect page was written", a.ok)
		close(h.released)
		<-done
		return
	case <-time.After(50 * time.Millisecond):
	}
	close(h.released)
	a := <-asked
	if !a.ok || !bytes.Contains(a.data, []byte("/id/panduan/baru/")) {
		t.Errorf("the new alias, asked for while the rebuild ran, was not its redirect page (found %v):\n%s", a.ok, a.data)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestRebuildAnswersGonePageAtOnce checks that a page gone from the model a rebuild made (here a
// guide deleted) is answered as not found as soon as the rebuild has started its pages: it does
// not wait for the files that need only the model (writeEarly), which it is not one of.
func TestRebuildAnswersGonePageAtOnce(t *testing.T) {
	const guide, url = "content/id/panduan/baru.md", "/id/panduan/baru/index.html"
	h := openHeldEarly(t)
	os.WriteFile(filepath.Join(h.root, guide), []byte("+++\ntitle = \"Panduan Baru\"\n+++\n\nTeks baru.\n"), 0o644)
	if _, err := h.session.Update([]string{guide}, nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := h.session.File(url); !ok {
		t.Fatal("the new guide is not served")
	}
	os.Remove(filepath.Join(h.root, guide))
	done := h.update(t, guide)
	asked := make(chan bool, 1)
	go func() {
		_, ok := h.session.File(url)
		asked <- ok
	}()
	select {
	case ok := <-asked:
		if ok {
			t.Error("the deleted guide was still served while the rebuild ran")
		}
	case <-time.After(10 * time.Second):
		t.Error("the deleted guide was not answered until the rebuild wrote the files that need only the model")
	}
	close(h.released)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, ok := h.session.File(url); ok {
		t.Error("the deleted guide is served after the rebuild")
	}
}

// A rebuild after a guide's new slug makes again the search index and page of each language whose
// pages changed (id, and ms, which shows the guide as a fallback copy) and keeps the other's
// (en, whose translation keeps its own address), and serves what a full build gives.
func TestRebuildKeepsOtherLanguagesSearchIndex(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	os.WriteFile(filepath.Join(root, "layouts/search.html"), // the fixture has no search page
		[]byte(`{{define "main"}}<ul>{{range .Guides}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>{{end}}`), 0o644)
	session, _, err := Open(Options{Source: root, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	before, pagesBefore := session.b.Load().searchFiles, session.b.Load().searchPages
	const guide = "content/id/panduan/paspor.md"
	data, _ := os.ReadFile(filepath.Join(root, guide))
	os.WriteFile(filepath.Join(root, guide), bytes.Replace(data, []byte("title = "), []byte("slug = \"paspor-zz\"\ntitle = "), 1), 0o644)
	ch, err := session.Update([]string{guide}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Kept == 0 {
		t.Fatalf("a new slug did not rebuild the site model keeping pages: %+v", ch)
	}
	after, pagesAfter := session.b.Load().searchFiles, session.b.Load().searchPages
	for lang, kept := range map[string]bool{"en": true, "id": false, "ms": false} {
		// The search page lists the guides: made again with the index.
		if b, a := pagesBefore[lang].html, pagesAfter[lang].html; len(a) == 0 || len(b) == 0 || (&a[0] == &b[0]) != kept {
			t.Errorf("the %s search page: kept %v, want %v", lang, len(a) > 0 && len(b) > 0 && &a[0] == &b[0], kept)
		}
		b, a := before[lang].data, after[lang].data
		switch {
		case len(a) == 0 || len(b) == 0:
			t.Errorf("no %s search index", lang)
		case kept && &a[0] != &b[0]:
			t.Errorf("the %s search index was made again, though none of its pages changed", lang)
		case !kept && (&a[0] == &b[0] || !bytes.Contains(a, []byte("/paspor-zz/"))):
			t.Errorf("the %s search index was not made again with the guide's new address", lang)
		}
		// The file served is the one kept or made, not a copy, with its sum.
		nb := session.b.Load()
		rel := nb.searchFileRel(lang)
		served, _ := nb.out.File(rel)
		if sum, _ := nb.out.Sum(rel); len(served) == 0 || &served[0] != &a[0] || sum != after[lang].sum || sum != sha256.Sum256(served) {
			t.Errorf("the %s search index served is not the one kept with its sum", lang)
		}
	}
	servesFullBuild(t, session, root)
}

// The producers that take longest on a large site (the search index and page, the sitemap) give
// up when a newer edit waits, so that the preview starts on it.
func TestLongProducersStopForNewerEdit(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	os.WriteFile(filepath.Join(root, "layouts/search.html"),
		[]byte(`{{define "main"}}<ul>{{range .Guides}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>{{end}}`), 0o644)
	session, _, err := Open(Options{Source: root, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	b := session.b.Load()
	b.newer = func() bool { return true }
	defer func() { b.newer = nil }()
	b.out.BeginUpdate()
	defer b.out.Rollback()
	if err := b.writeSitemap(); !errors.Is(err, errStopped) {
		t.Errorf("the sitemap: %v, want it stopped", err)
	}
	l := b.site.ByLang["id"]
	if err := b.writeSearchPage(l, searchGuides(l)); !errors.Is(err, errStopped) {
		t.Errorf("the search page: %v, want it stopped", err)
	}
}

// In a section longer than the siblings list, each guide lists a window of the section's guides,
// and a rebuild digests that window by its place (frame). A new slug and title in the middle of
// the section and a new guide elsewhere leave the preview serving what a full build writes, and the second
// keeps the long section's pages.
func TestRebuildLongSectionSiblings(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	gen := filepath.Join(root, "content/id/gen")
	os.MkdirAll(gen, 0o755)
	os.WriteFile(filepath.Join(gen, "_index.md"), []byte("+++\ntitle = \"Gen\"\n+++\n"), 0o644)
	const n = 3 * templates.MaxSiblings
	for i := range n {
		page := fmt.Sprintf("+++\ntitle = \"Gen %d\"\nweight = %d\n+++\n\nIsi %d.\n", i, i+1, i)
		os.WriteFile(filepath.Join(gen, fmt.Sprintf("p%02d.md", i)), []byte(page), 0o644)
	}
	session, _, err := Open(Options{Source: root, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	const moved = "content/id/gen/p30.md"
	// A new slug takes the rebuild; the new title shows in the siblings of the guides around it.
	os.WriteFile(filepath.Join(root, moved), []byte("+++\nslug = \"p30-baru\"\ntitle = \"Gen 30 baru\"\nweight = 31\n+++\n\nIsi 30.\n"), 0o644)
	if ch, err := session.Update([]string{moved}, nil); err != nil || ch.Kept == 0 || !contains(ch.Changed, "/id/gen/p30-baru/") {
		t.Fatalf("new slug: %v, %+v", err, ch)
	}
	servesFullBuild(t, session, root)
	const added = "content/id/panduan/baru.md"
	os.WriteFile(filepath.Join(root, added), []byte("+++\ntitle = \"Panduan Baru\"\n+++\n\nTeks baru.\n"), 0o644)
	ch, err := session.Update([]string{added}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ch.Changed {
		if strings.HasPrefix(p, "/id/gen/p") {
			t.Errorf("a new guide in another section changed %s", p)
		}
	}
	if ch.Kept < n {
		t.Errorf("%d pages kept, want at least the %d of the long section", ch.Kept, n)
	}
	servesFullBuild(t, session, root)
}

// driftMark finds the fixture layout's drift notice in a page, minified or not.
var driftMark = regexp.MustCompile(`<p class="?drift"?>`)

// TestSourceEditShowsDrift: a translation that records its source's current version shows no
// drift notice; an edit of the source's text alone (the preview's fast path) shows it again,
// because the translation's view compared that version. The page is then the full build's.
func TestSourceEditShowsDrift(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, root)
	const tr, rest = "content/en/panduan/paspor.md", "panduan/paspor.md"
	setKeyIn(t, root, tr, "translated_from", strconv.Quote(sourceVersion(t, root, rest)))
	opts := Options{Source: root, Minify: true, BaseURL: "http://127.0.0.1:1313/"}
	session, _, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	const page = "en/guides/passport/index.html"
	drifted := func() bool {
		t.Helper()
		html, ok := session.Files()[page]
		if !ok {
			t.Fatalf("the session has no %s", page)
		}
		return driftMark.Match(html)
	}
	if drifted() {
		t.Fatalf("%s shows the drift notice while it records its source's version", page)
	}
	addText(t, root, "content/id/"+rest, "\nKalimat baru.\n")
	var told [][]string
	ch, err := session.Update([]string{"content/id/" + rest}, func(paths []string) { told = append(told, paths) })
	if err != nil {
		t.Fatal(err)
	}
	if ch.Full || ch.Kept > 0 {
		t.Errorf("a text edit took the model's rebuild: %+v", ch)
	}
	// The edited page is told first, alone: the editor waits for it, not for its translations.
	const edited, translation = "/id/panduan/paspor/", "/en/guides/passport/"
	if len(told) < 2 || !slices.Contains(told[0], edited) || slices.Contains(told[0], translation) ||
		!slices.Contains(slices.Concat(told[1:]...), translation) {
		t.Errorf("told %q; want %s first, and %s after it", told, edited, translation)
	}
	if !drifted() {
		t.Errorf("%s shows no drift notice after its source's text changed", page)
	}
	dest := filepath.Join(t.TempDir(), "full")
	if _, err := Build(Options{Source: root, Dest: dest, Minify: true, BaseURL: opts.BaseURL}); err != nil {
		t.Fatal(err)
	}
	if want := readTree(t, dest)[page]; !bytes.Equal(session.Files()[page], want) {
		t.Errorf("%s differs from the full build", page)
	}
}

// TestStoppedEditStaysLastGood checks that a page the browser was shown by an update that a
// newer edit then stopped is that page's last good version: when the newer edit breaks the page,
// the preview serves what the editor saw last, not the version from before both edits. It covers
// both ways an update shows a page before it is over: the fast path of a text edit, and a
// rebuild of the model that renders the page asked for first.
func TestStoppedEditStaysLastGood(t *testing.T) {
	const page, url = "content/id/panduan/paspor.md", "/id/panduan/paspor/index.html"
	breakPage := func(t *testing.T, root string, session *Session, want string) {
		t.Helper()
		appendTo(t, root, page, "\n[rusak](tidak-ada.md)\n")
		if _, err := session.Update([]string{page}, nil); err == nil {
			t.Fatal("the broken link gave no error")
		}
		if data, _ := session.File(url); !bytes.Contains(data, []byte(want)) {
			t.Errorf("the page with the error does not serve the version shown last (with %q)", want)
		}
	}
	t.Run("text edit", func(t *testing.T) {
		root, session := openCopy(t)
		appendTo(t, root, page, "\n\nParagraf baru.\n")
		ch, err := session.Update([]string{page}, func([]string) {
			if data, _ := session.File(url); !bytes.Contains(data, []byte("Paragraf baru.")) {
				t.Error("the browser was told of the page before it was served")
			}
			session.Interrupt() // saved again
		})
		if err != nil || !ch.Stopped {
			t.Fatalf("update: %v, %+v; want it stopped", err, ch)
		}
		breakPage(t, root, session, "Paragraf baru.")
	})
	t.Run("new alias", func(t *testing.T) {
		root, session, hold, release := openHeld(t)
		session.File(url)
		data, _ := os.ReadFile(filepath.Join(root, page))
		data = bytes.Replace(data, []byte(`title = "Paspor Anda"`), []byte(`title = "Paspor Baru"`), 1)
		data = bytes.Replace(data, []byte(`aliases = ["/id/lama/paspor/"]`), []byte(`aliases = ["/id/lama/paspor/", "/id/paspor-lama/"]`), 1)
		os.WriteFile(filepath.Join(root, page), data, 0o644)
		hold()
		type result struct {
			ch  *Change
			err error
		}
		done := make(chan result)
		go func() {
			ch, err := session.Update([]string{page}, nil)
			done <- result{ch, err}
		}()
		for start := time.Now(); ; time.Sleep(time.Millisecond) {
			if data, _ := session.File(url); bytes.Contains(data, []byte("Paspor Baru")) {
				break
			}
			if time.Since(start) > 10*time.Second {
				release()
				t.Fatal("the edited page was not served while the texts were being compared")
			}
		}
		session.Interrupt() // saved again
		release()
		if r := <-done; r.err != nil || !r.ch.Stopped {
			t.Fatalf("update: %v, %+v; want it stopped", r.err, r.ch)
		}
		breakPage(t, root, session, "Paspor Baru")
	})
}

// TestStoppedRebuildWhileSeenPageRenders checks, under -race (as make test runs it), that a
// rebuild of the model a newer edit stops does not drop its previous build while the page the
// browser has open are still being rendered from it, beside the main pass (tellSeen). The first
// page's render is held in its parse while the main pass is stopped; the next ones then read the
// previous build. Nothing orders them with the main pass, which is the point: the race detector
// reports the access of a field the main pass clears too early. (When the renders come at other
// moments, the test checks less, and still passes.)
func TestStoppedRebuildWhileSeenPageRenders(t *testing.T) {
	const page, url = "content/id/panduan/paspor.md", "/id/panduan/paspor/index.html"
	var armed, slowed atomic.Bool
	root, session, hold, release := openHeldParsing(t, func(c *content.Page) {
		if armed.Load() && c.Path == "panduan/paspor.md" && slowed.CompareAndSwap(false, true) {
			time.Sleep(300 * time.Millisecond) // the main pass stops meanwhile
		}
	})
	// Seen, newest first: a rebuild renders paspor first (held), then the others, which read the
	// previous build while the main pass stops.
	for _, u := range []string{"/ms/panduan/paspor/index.html", "/en/guides/passport/index.html", "/id/panduan/biaya/index.html", url} {
		session.File(u)
	}
	data, _ := os.ReadFile(filepath.Join(root, page))
	os.WriteFile(filepath.Join(root, page), bytes.Replace(data, []byte(`aliases = ["/id/lama/paspor/"]`),
		[]byte(`aliases = ["/id/lama/paspor/", "/id/paspor-lama/"]`), 1), 0o644)
	armed.Store(true)
	hold()
	done := make(chan *Change)
	go func() {
		ch, err := session.Update([]string{page}, func([]string) {})
		if err != nil {
			t.Error(err)
		}
		done <- ch
	}()
	time.Sleep(100 * time.Millisecond) // no signal from the page's render: that would order it
	session.Interrupt()
	release()
	if ch := <-done; ch == nil || !ch.Stopped {
		t.Fatalf("update: %+v; want it stopped", ch)
	}
	if !slowed.Load() {
		t.Log("the page seen was not rendered during the rebuild: nothing checked")
	}
}
