package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bundledWith copies the bundled site with one change to its site.toml, and returns its folder
// and the line of site.toml where the change is.
func bundledWith(t *testing.T, old, new string) (string, int) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"content", "layouts", "i18n", "static"} {
		copyTree(t, filepath.Join("..", "..", d), filepath.Join(src, d))
	}
	cfg, err := os.ReadFile(filepath.Join("..", "..", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(cfg, []byte(old))
	if at < 0 {
		t.Fatalf("the bundled site.toml has no %s", old)
	}
	cfg = bytes.Replace(cfg, []byte(old), []byte(new), 1)
	if err := os.WriteFile(filepath.Join(src, "site.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return src, 1 + bytes.Count(cfg[:at], []byte("\n"))
}

// Every page header links to the help guide's emergency part in its own language, with a tel:
// link for the number contacts.toml marks emergency = true.
func TestHelpLink(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, filepath.Join("..", ".."), dest, false); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ page, help string }{
		{"id/index.html", `href="/id/bantuan/bantuan-di-malaysia/#darurat"`},
		{"en/help/index.html", `href="/en/help/help-in-malaysia/#darurat"`},
		{"ms/404.html", `href="/ms/bantuan/bantuan-di-malaysia/#darurat"`},
		{"en/search/index.html", `href="/en/help/help-in-malaysia/#darurat"`},
	} {
		data, err := os.ReadFile(filepath.Join(dest, tt.page))
		if err != nil {
			t.Fatal(err)
		}
		header := string(data)
		if i := strings.Index(header, "</header>"); i >= 0 {
			header = header[:i]
		}
		if !strings.Contains(header, `class="sos-help" `+tt.help) {
			t.Errorf("%s: the header has no emergency help link %s", tt.page, tt.help)
		}
		if !strings.Contains(header, `href="tel:999"`) {
			t.Errorf("%s: the header has no tel:999 link", tt.page)
		}
	}
}

// A [help] page or anchor that does not exist stops the build at its line in site.toml.
func TestHelpLinkBroken(t *testing.T) {
	for _, tt := range []struct{ old, new, want string }{
		{`anchor = "darurat"`, `anchor = "darurat-x"`, `[help] anchor "darurat-x": content/id/bantuan/bantuan-di-malaysia.md has no heading with {#darurat-x}`},
		{`page = "bantuan/bantuan-di-malaysia.md"`, `page = "bantuan/tidak-ada.md"`, `[help] page "bantuan/tidak-ada.md" does not exist in content/id/`},
	} {
		src, line := bundledWith(t, tt.old, tt.new)
		_, err := build(t, src, filepath.Join(t.TempDir(), "public"), false)
		want := fmt.Sprintf("site.toml:%d: %s", line, tt.want)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error = %v\nwant %s", tt.new, err, want)
		}
	}
}
