package config

import (
	"strings"
	"testing"
)

// A base URL under a name reserved for examples, tests or a local network is a placeholder; the
// same rule (ReservedHost) tells a placeholder [publisher].
func TestPlaceholderBaseURL(t *testing.T) {
	for _, tt := range []struct {
		url  string
		want bool
	}{
		{"https://pandu.example.org/", true},
		{"https://example.com/", true},
		{"http://EXAMPLE.NET./guides/", true},
		{"https://guides.example/", true},
		{"https://pandu.test/", true},
		{"https://x.invalid/", true},
		{"http://localhost:1313/", true},
		{"http://pandu.localhost/", true},
		{"http://nas.local/", true},
		{"https://wiki.corp.internal/", true},
		{"http://router.home.arpa/", true},
		{"https://org.github.io/pandu/", false},
		{"https://example.org.id/", false},     // a real domain that only starts like one
		{"https://myexample.org/", false},      // not a subdomain of example.org
		{"https://testing.org/", false},        // .org, not .test
		{"http://127.0.0.1:1313/", false},      // the preview's own address
		{"https://pandu-migran.org/x/", false}, // a real sub-path
	} {
		cfg := &Config{BaseURL: tt.url}
		if got, _ := cfg.PlaceholderBaseURL(); got != tt.want {
			t.Errorf("PlaceholderBaseURL(%s) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// The problem names site.toml's line of base_url, or --base-url when the flag set it, and says how
// to fix it in the words `pandu pdf` refuses with.
func TestBaseURLProblem(t *testing.T) {
	src := strings.Replace(good, `base_url = "https://example.org/sub"`, "# the address\nbase_url = \"https://pandu.example.org/\"", 1)
	cfg, problems := Parse([]byte(src))
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	p, ok := cfg.BaseURLProblem()
	if !ok || p.File != FileName || p.Line != 2 || !strings.Contains(p.Message, BaseURLHint) || !strings.Contains(p.Message, "pandu.example.org") {
		t.Errorf("problem = %+v, %v; want site.toml:2 with %q", p, ok, BaseURLHint)
	}
	if err := cfg.SetBaseURL("https://org.github.io/pandu"); err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://org.github.io/pandu/" || cfg.BasePath() != "/pandu/" {
		t.Errorf("--base-url: %s, base path %s", cfg.BaseURL, cfg.BasePath())
	}
	if p, ok := cfg.BaseURLProblem(); ok {
		t.Errorf("a real address is a placeholder: %v", p)
	}
	if err := cfg.SetBaseURL("https://x.test/"); err != nil {
		t.Fatal(err)
	}
	if p, ok := cfg.BaseURLProblem(); !ok || p.File != "--base-url" || p.Line != 0 {
		t.Errorf("placeholder from the flag: %+v, %v", p, ok)
	}
	if err := cfg.SetBaseURL("ftp://x/"); err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Errorf("bad --base-url accepted: %v", err)
	}
}
