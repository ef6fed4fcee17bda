package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/config"
)

// `pandu pdf` refuses a placeholder base URL (site.toml's or --base-url's) before it builds or
// starts a browser: every page of a PDF booklet has QR codes to the site.
func TestPDFRefusesPlaceholder(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root) // base_url = "https://example.org/"
	dest := filepath.Join(t.TempDir(), "public")
	for _, args := range [][]string{
		{"pdf", "--source", root, "--dest", dest},
		{"pdf", "--source", root, "--dest", dest, "--base-url", "https://guides.test/pandu/"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 1 {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
		if !strings.Contains(errb.String(), config.BaseURLHint) {
			t.Errorf("%v: error does not say how to fix it:\n%s", args, errb.String())
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("%v: built the site before refusing", args)
		}
	}
}

// The preview's banner: shown while the address the site will be published at is a placeholder.
func TestPreviewBanner(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root)
	if b := placeholderBanner(root, ""); !strings.Contains(b, "https://example.org/") || !strings.Contains(b, config.BaseURLHint) {
		t.Errorf("banner for a placeholder base_url: %q", b)
	}
	if b := placeholderBanner(root, "https://org.github.io/pandu/"); b != "" {
		t.Errorf("banner with a real --base-url: %q", b)
	}
}
