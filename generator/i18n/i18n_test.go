package i18n

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pandu/generator/config"
)

func catalog(t *testing.T, files map[string]string) (*Catalog, string) {
	t.Helper()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "i18n"), 0o755)
	for name, text := range files {
		os.WriteFile(filepath.Join(root, "i18n", name), []byte(text), 0o644)
	}
	cfg, problems := config.Parse([]byte("base_url = \"https://e.org/\"\ndefault_language = \"id\"\n[languages.id]\nname = \"I\"\ntitle = \"T\"\nweight = 1\n[languages.en]\nname = \"E\"\ntitle = \"T\"\nweight = 2\n"))
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	c, p := Load(root, cfg)
	var msgs []string
	for _, x := range p {
		msgs = append(msgs, x.Error())
	}
	return c, strings.Join(msgs, "\n")
}

func TestCatalog(t *testing.T) {
	c, warnings := catalog(t, map[string]string{
		"id.toml": "home = \"Beranda\"\nonly_id = \"Hanya\"\nmonth_3 = \"Maret\"\ndate_format = \"{{.Day}} {{.Month}} {{.Year}}\"\n[pages]\nother = \"{{.Count}} halaman\"\n",
		"en.toml": "home = \"Home\"\nmonth_3 = \"March\"\ndate_format = \"{{.Month}} {{.Day}}, {{.Year}}\"\n[pages]\none = \"{{.Count}} page\"\nother = \"{{.Count}} pages\"\n",
	})
	if !strings.Contains(warnings, `i18n/en.toml: warning: UI string "only_id" is missing; the id text is used`) {
		t.Errorf("warnings = %s", warnings)
	}
	for _, tc := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"id", "home", nil, "Beranda"},
		{"en", "home", nil, "Home"},
		{"en", "only_id", nil, "Hanya"}, // falls back to the default language
		{"en", "pages", []any{1}, "1 page"},
		{"en", "pages", []any{3}, "3 pages"},
		{"id", "pages", []any{1}, "1 halaman"},
	} {
		got, err := c.T(tc.lang, tc.key, tc.args...)
		if err != nil || got != tc.want {
			t.Errorf("T(%s, %s, %v) = %q, %v; want %q", tc.lang, tc.key, tc.args, got, err, tc.want)
		}
	}
	if _, err := c.T("id", "nope"); err == nil || !strings.Contains(err.Error(), `UI string "nope" is not defined in i18n/id.toml`) {
		t.Errorf("missing key error = %v", err)
	}
	d := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	if got := c.FormatDate("id", d); got != "5 Maret 2026" {
		t.Errorf("id date %q", got)
	}
	if got := c.FormatDate("en", d); got != "March 5, 2026" {
		t.Errorf("en date %q", got)
	}
	if got := c.Missing("en"); len(got) != 1 || got[0] != "only_id" {
		t.Errorf("Missing = %v", got)
	}
	// English shows the default language's text for only_id: an edit of either file changes it.
	if got := c.Files("en"); !slices.Equal(got, []string{"i18n/en.toml", "i18n/id.toml"}) {
		t.Errorf("Files(en) = %v", got)
	}
	if got := c.Files("id"); !slices.Equal(got, []string{"i18n/id.toml"}) {
		t.Errorf("Files(id) = %v", got)
	}
	full, _ := catalog(t, map[string]string{"id.toml": "home = \"Beranda\"\n", "en.toml": "home = \"Home\"\nextra = \"E\"\n"})
	if got := full.Files("en"); !slices.Equal(got, []string{"i18n/en.toml"}) {
		t.Errorf("Files(en) of a complete English file = %v", got)
	}
}

func TestCatalogBadFile(t *testing.T) {
	_, problems := catalog(t, map[string]string{"id.toml": "home = \n", "en.toml": "home = \"x\"\n"})
	if !strings.Contains(problems, "i18n/id.toml:1:") {
		t.Errorf("problems = %s", problems)
	}
}

// M9: every UI string is compiled and run with the fields it is given when the strings load; a
// broken one is reported once, at its file and line.
func TestBrokenStringsReportedAtLoad(t *testing.T) {
	for _, tc := range []struct{ en, want string }{
		{"home = \"Home\"\nfallback_notice = \"Not translated {{.Nope}}\"\n", `i18n/en.toml:2: UI string "fallback_notice": 1:17: executing "" at <.Nope>: map has no entry for key "Nope"`},
		{"home = \"Home\"\n\nlaw_article = \"Pasal {{.Article}\"\n", `i18n/en.toml:3: UI string "law_article": 1: bad character U+007D '}'`},
		{"date_format = \"{{.Day} {{.Month}}\"\n", `i18n/en.toml:1: UI string "date_format"`},
		{"date_format = \"{{.Dya}} {{.Month}}\"\n", `can use: Day, Month, Year`},
		{"[guide_count]\none = \"{{.Count}} guide\"\nother = \"{{.Cnt}} guides\"\n", `i18n/en.toml:3: UI string "guide_count.other"`},
		{"greet = \"Hi {{.Nama}}\"\n", `i18n/en.toml:1: UI string "greet"`},
		{"home = \"{{.Home}}\"\n", "this string is given no fields"},
	} {
		_, msgs := catalog(t, map[string]string{
			"id.toml": "home = \"Beranda\"\ngreet = \"Halo {{.Name}}\"\n",
			"en.toml": tc.en,
		})
		if !strings.Contains(msgs, tc.want) {
			t.Errorf("%q:\n got %s\nwant %s", tc.en, msgs, tc.want)
		}
		if strings.Count(msgs, "UI string \"") > 1+strings.Count(msgs, "is missing") {
			t.Errorf("%q: reported more than once:\n%s", tc.en, msgs)
		}
	}
}

// M9: a field a string is not given is an error, never "<no value>".
func TestMissingFieldIsError(t *testing.T) {
	c, msgs := catalog(t, map[string]string{"id.toml": "greet = \"Halo {{.Name}}\"\n", "en.toml": "greet = \"Hi {{.Name}}\"\n"})
	if strings.Contains(msgs, "greet") {
		t.Fatalf("good strings refused: %s", msgs)
	}
	if s, err := c.T("en", "greet"); err == nil || strings.Contains(s, "no value") {
		t.Errorf("T without the field = %q, %v", s, err)
	}
	if s, err := c.T("en", "greet", map[string]any{"Name": "Sari"}); err != nil || s != "Hi Sari" {
		t.Errorf("T with the field = %q, %v", s, err)
	}
}

// Issue 15: the notices about the source text name the source language given by the layout
// (site.toml's default language), in every bundled UI language; none hard-codes "Indonesian".
func TestBundledNoticesNameSourceLanguage(t *testing.T) {
	root := filepath.Join("..", "..")
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	c, problems := Load(root, cfg)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	for _, l := range cfg.Ordered {
		for key, fields := range Fields {
			if len(fields) != 1 || fields[0] != "Source" {
				continue
			}
			s, err := c.T(l.Code, key, map[string]any{"Source": "Zzyzx"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(s, "Zzyzx") {
				t.Errorf("i18n/%s.toml: %s does not name the source language ({{.Source}}): %q", l.Code, key, s)
			}
			if strings.Contains(strings.ToLower(s), "indonesia") {
				t.Errorf("i18n/%s.toml: %s hard-codes the source language: %q", l.Code, key, s)
			}
		}
	}
}

// A language's digest follows the files its strings come from: English lacks a key, so it
// shows the Indonesian text for it, and an edit of id.toml changes both digests.
func TestDigest(t *testing.T) {
	full := map[string]string{"id.toml": "home = \"Beranda\"\nmenu = \"Menu\"\n", "en.toml": "home = \"Home\"\nmenu = \"Menu\"\n"}
	a, _ := catalog(t, full)
	b, _ := catalog(t, full)
	if a.Digest("id") != b.Digest("id") || a.Digest("en") != b.Digest("en") || a.Digest("id") == a.Digest("en") {
		t.Error("the digests do not follow the files' texts")
	}
	c, _ := catalog(t, map[string]string{"id.toml": "home = \"Beranda\"\nmenu = \"Daftar\"\n", "en.toml": full["en.toml"]})
	if c.Digest("id") == a.Digest("id") || c.Digest("en") != a.Digest("en") {
		t.Error("an edit of id.toml: the Indonesian digest must change, the complete English one not")
	}
	lacking := map[string]string{"id.toml": full["id.toml"], "en.toml": "home = \"Home\"\n"}
	d, _ := catalog(t, lacking)
	lacking["id.toml"] = "home = \"Rumah\"\nmenu = \"Menu\"\n"
	e, _ := catalog(t, lacking)
	if d.Digest("en") == e.Digest("en") {
		t.Error("English lacks menu: an edit of id.toml must change its digest")
	}
}
