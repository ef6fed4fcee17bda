package config

import (
	"strings"
	"testing"
)

const good = `base_url = "https://example.org/sub"
default_language = "id"

[languages.id]
name = "Bahasa Indonesia"
title = "Judul"
weight = 1

[languages.en]
name = "English"
title = "Title"
weight = 2

[laws.UU18]
page = "hukum/uu18.md"

[params]
anything = "goes"
nested = { deep = 1 }
`

func TestParseGood(t *testing.T) {
	cfg, problems := Parse([]byte(good))
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://example.org/sub/" {
		t.Errorf("BaseURL = %q", cfg.BaseURL)
	}
	if cfg.BasePath() != "/sub/" {
		t.Errorf("BasePath = %q", cfg.BasePath())
	}
	if got := cfg.AbsURL("/id/x/"); got != "https://example.org/sub/id/x/" {
		t.Errorf("AbsURL = %q", got)
	}
	if got := cfg.AbsURL("/sub/id/x/"); got != "https://example.org/sub/id/x/" {
		t.Errorf("AbsURL of a page URL = %q", got)
	}
	if len(cfg.Ordered) != 2 || cfg.Ordered[0].Code != "id" || cfg.Ordered[1].Code != "en" {
		t.Errorf("Ordered = %v", cfg.Ordered)
	}
	if cfg.Laws["UU18"].Anchor != "pasal-%s" {
		t.Errorf("default anchor = %q", cfg.Laws["UU18"].Anchor)
	}
	if cfg.ReviewMaxMonths != 12 {
		t.Errorf("ReviewMaxMonths default = %d", cfg.ReviewMaxMonths)
	}
	if cfg.Default().Name != "Bahasa Indonesia" || cfg.Ordered[0].Direction != "ltr" {
		t.Errorf("default language %+v", cfg.Default())
	}
}

func TestParseProblems(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown top key", strings.Replace(good, "default_language", "baseurl = \"x\"\ndefault_language", 1), `site.toml:2: unknown key "baseurl"`},
		{"unknown language key", strings.Replace(good, "weight = 2", "weight = 2\ntitel = \"x\"", 1), `site.toml:13: unknown key "languages.en.titel"`},
		{"bad toml", "base_url = \n", "site.toml:1:"},
		{"relative base", strings.Replace(good, "https://example.org/sub", "example.org", 1), "not an absolute http(s) URL"},
		{"missing default", strings.Replace(good, `default_language = "id"`, `default_language = "fr"`, 1), `default_language "fr" is not one of the configured languages`},
		{"no title", strings.Replace(good, "title = \"Title\"\n", "", 1), `language "en" has no title`},
		{"law without page", strings.Replace(good, `page = "hukum/uu18.md"`, `anchor = "art-%s"`, 1), `law "UU18" has no page`},
		{"anchor without %s", strings.Replace(good, `page = "hukum/uu18.md"`, "page = \"x.md\"\nanchor = \"art\"", 1), "anchor must contain %s"},
		{"bad code", strings.Replace(good, "[languages.en]", "[languages.English]", 1), "not a BCP 47 code"},
		{"help anchor without page", good + "\n[help]\nanchor = \"darurat\"\n", "[help] has an anchor but no page"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := Parse([]byte(tc.src))
			err := problems.Err()
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "site.toml: site configuration not found") {
		t.Errorf("err = %v", err)
	}
}

// L4: base_url goes into every canonical URL: only a plain http(s) folder address is accepted,
// and the error points at the value in site.toml.
func TestBaseURLRules(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"https://x.example/?q=1#frag", "has a query"},
		{"https://x.example/#frag", "has a fragment"},
		{"https://user:pass@x.example/", "holds a user name or password"},
		{"https://x.example/sub/../../", "holds a . or .. folder"},
		{"https://x.example/a b/", `contains ' '`},
		{"https://x.example/a\"><script>/", `contains '"'`},
		{"javascript:alert(1)", "is not an absolute http(s) URL"},
		{"http://", "is not an absolute http(s) URL"},
	} {
		src := "default_language = \"id\"\nbase_url = \"" + strings.ReplaceAll(tc.base, `"`, `\"`) + "\"\n[languages.id]\nname = \"I\"\ntitle = \"T\"\n"
		_, problems := Parse([]byte(src))
		err := problems.Err()
		if err == nil || !strings.Contains(err.Error(), "site.toml:2:12: base_url") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.base, err, tc.want)
		}
	}
	for in, want := range map[string]string{"https://x.example": "https://x.example/", "http://x.example/sub//": "http://x.example/sub/", "https://x.example/a-b/c/": "https://x.example/a-b/c/"} {
		if got, why := CheckBaseURL(in); why != "" || got != want {
			t.Errorf("CheckBaseURL(%q) = %q, %q; want %q", in, got, why, want)
		}
	}
}

func TestPublisher(t *testing.T) {
	withPublisher := func(table string) string { return good + "\n[publisher]\n" + table }
	cfg, problems := Parse([]byte(withPublisher("name = \"Yayasan Contoh\"\nemail = \"koreksi@yayasan-contoh.or.id\"\nurl = \"https://yayasan-contoh.or.id/\"\n")))
	if len(problems) != 0 {
		t.Fatalf("a real publisher: %v", problems)
	}
	if p := cfg.Publisher; p.Name != "Yayasan Contoh" || p.Email != "koreksi@yayasan-contoh.or.id" || p.URL != "https://yayasan-contoh.or.id/" {
		t.Errorf("Publisher = %+v", p)
	}

	// No [publisher]: a warning, not an error, so that a draft site still builds.
	_, problems = Parse([]byte(good))
	if problems.Err() != nil || len(problems) != 1 || !strings.Contains(problems[0].Message, "no [publisher]") {
		t.Errorf("missing publisher: %v", problems)
	}

	// The bundled placeholder: one warning naming the line and the example address.
	_, problems = Parse([]byte(withPublisher("name = \"…\"  # replace before publishing\nemail = \"koreksi@example.org\"\n")))
	if problems.Err() != nil || len(problems) != 1 || !problems[0].Warning || problems[0].Line != 22 ||
		!strings.Contains(problems[0].Message, "placeholder (koreksi@example.org") {
		t.Errorf("placeholder: %v", problems)
	}
	for _, addr := range []string{"url = \"https://pandu.example/\"", "url = \"https://www.example.com/x\"", "email = \"a@site.test\""} {
		_, problems = Parse([]byte(withPublisher("name = \"X\"\n" + addr + "\n")))
		if len(problems) != 1 || !strings.Contains(problems[0].Message, "placeholder") {
			t.Errorf("%s: %v", addr, problems)
		}
	}

	for _, tc := range []struct{ table, want string }{
		{"email = \"a@b.org\"\n", "site.toml:21: [publisher] has no name"},
		{"name = \"X\"\n", "site.toml:22: [publisher] has neither email nor url"},
		{"name = \"X\"\nemail = \"mailto:a@b.org\"\n", `site.toml:23: [publisher] email "mailto:a@b.org" is not an e-mail address`},
		{"name = \"X\"\nurl = \"http://b.org\"\n", `site.toml:23: [publisher] url "http://b.org" is not a full https address`},
		{"name = \"X\"\nemail = \"a@b.org\"\nphone = \"1\"\n", `site.toml:24: unknown key "publisher.phone"`},
	} {
		_, problems := Parse([]byte(withPublisher(tc.table)))
		if err := problems.Err(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.table, err, tc.want)
		}
	}
}

func TestTheme(t *testing.T) {
	withTheme := func(table string) string {
		return good + "\n[theme]\n" + table + "\n[publisher]\nname = \"X\"\nemail = \"a@b.org\"\n"
	}
	// No [theme]: Pandu's own look, so that existing sites need no change.
	cfg, problems := Parse([]byte(withTheme("")))
	if problems.Err() != nil || cfg.Theme != DefaultTheme || DefaultTheme != (Theme{Color: "#0b5394", BackgroundColor: "#ffffff", ShortName: "Pandu"}) {
		t.Errorf("default theme: %+v %v", cfg.Theme, problems)
	}
	cfg, problems = Parse([]byte(withTheme("color = \"#a0c\"\nshort_name = \"Panduan\"\n")))
	if len(problems) != 0 || cfg.Theme != (Theme{Color: "#a0c", BackgroundColor: "#ffffff", ShortName: "Panduan"}) {
		t.Errorf("theme = %+v %v", cfg.Theme, problems)
	}
	for _, tc := range []struct{ table, want string }{
		{"color = \"blue\"\n", `site.toml:22:9: [theme] color "blue" is not a colour like "#0b5394"`},
		{"color = \"#0b5394\"\nbackground_color = \"#fffff\"\n", `site.toml:23:20: [theme] background_color "#fffff" is not a colour`},
		{"short_name = \"\"\n", `site.toml:22:14: [theme] short_name "" must be 1 to 12 characters`},
		{"short_name = \"Pandu Pekerja Migran\"\n", `site.toml:22:14: [theme] short_name "Pandu Pekerja Migran" must be 1 to 12`},
		{"colour = \"#fff\"\n", `site.toml:22: unknown key "theme.colour"`},
	} {
		_, problems := Parse([]byte(withTheme(tc.table)))
		if err := problems.Err(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.table, err, tc.want)
		}
	}
}

// BasePath follows the base URL when it is set again (--base-url, the preview's own address),
// and two sites in one process each get their own.
func TestBasePathFollowsBaseURL(t *testing.T) {
	a, b := &Config{BaseURL: "https://e.org/a/"}, &Config{BaseURL: "https://e.org/"}
	for i := 0; i < 2; i++ {
		if a.BasePath() != "/a/" || b.BasePath() != "/" {
			t.Errorf("round %d: BasePath = %q and %q, want /a/ and /", i, a.BasePath(), b.BasePath())
		}
	}
	a.BaseURL = "http://localhost:1313/x/y"
	if got := a.BasePath(); got != "/x/y/" {
		t.Errorf("after a new base URL, BasePath = %q, want /x/y/", got)
	}
}
