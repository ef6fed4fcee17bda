package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/i18n"
	"pandu/generator/translate"
)

// TestDriftNotice builds a copy of the bundled site: with every translation synced no page shows
// the drift notice; after a source page changes, exactly its translations show it, each in its
// reader's language and linking to the source page; a whitespace-only change shows nothing.
func TestDriftNotice(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"site.toml", "content", "layouts", "i18n", "static"} {
		src := filepath.Join("..", "..", name)
		if fi, err := os.Stat(src); err != nil {
			t.Fatal(err)
		} else if !fi.IsDir() {
			b, _ := os.ReadFile(src)
			if err := os.WriteFile(filepath.Join(root, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		copyTree(t, src, filepath.Join(root, name))
	}
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	model, problems := content.Load(cfg, content.Options{})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	var translations []string
	for _, p := range model.Pages {
		if translate.SourceOf(p, cfg.DefaultLanguage) != nil {
			translations = append(translations, p.File)
		}
	}
	if _, _, err := translate.MarkSynced(root, translations); err != nil {
		t.Fatal(err)
	}
	cat, _ := i18n.Load(root, cfg)
	notice := map[string]string{}
	for _, l := range cfg.Ordered {
		s, err := cat.T(l.Code, "drift_notice", map[string]any{"Source": cfg.Default().Name})
		if err != nil {
			t.Fatal(err)
		}
		notice[l.Code] = s
	}
	const source = "content/id/hak/hak-pekerja-migran.md"
	var srcPage *content.Page
	for _, p := range model.Pages {
		if p.File == source {
			srcPage = p
		}
	}
	if srcPage == nil {
		t.Fatalf("%s is not in the bundled site", source)
	}

	// noticed returns, per page URL, the language of the drift notice it shows.
	noticed := func() map[string]string {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := build(t, root, dest, false); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, p := range model.Pages {
			b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(p.URL, "/")), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			for code, text := range notice {
				if strings.Contains(string(b), text) {
					out[p.URL] += code
					link := `<a href="` + srcPage.URL + `" hreflang="id">`
					if p.Translation("id") == srcPage && !strings.Contains(string(b), link) {
						t.Errorf("%s: the notice does not link to the source page (%s)", p.URL, link)
					}
				}
			}
		}
		return out
	}
	if got := noticed(); len(got) != 0 {
		t.Fatalf("synced site shows drift notices: %v", got)
	}

	file := filepath.Join(root, filepath.FromSlash(source))
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Whitespace only: indent every body line and double the blank lines.
	_, body, _, _ := content.SplitFrontMatter(source, orig)
	spaced := strings.Replace(string(orig), string(body), strings.ReplaceAll(string(body), "\n\n", "\n\n\n  "), 1)
	if err := os.WriteFile(file, []byte(spaced), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := noticed(); len(got) != 0 {
		t.Fatalf("a whitespace-only edit shows drift notices: %v", got)
	}

	// A new paragraph at the start of the body: a guide's quiz questions must stay at its end.
	changed := strings.Replace(string(orig), string(body), "\nParagraf baru tentang hak Anda.\n"+string(body), 1)
	if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	got := noticed()
	want := map[string]string{}
	for _, tr := range srcPage.Translations {
		if tr.Lang != "id" {
			want[tr.URL] = tr.Lang
		}
	}
	if len(want) != 2 || len(got) != len(want) {
		t.Errorf("pages with a drift notice: %v, want %v", got, want)
	}
	for u, l := range want {
		if got[u] != l {
			t.Errorf("%s: notice in %q, want %q", u, got[u], l)
		}
	}
}
