package site

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The hosting files of a site published in a folder: every rule under /pandu/; the alias as a
// forced 301 (_redirects) and an exact nginx redirect; each language's 404; a CSP without
// 'unsafe-inline' that allows the offline pack's inline stylesheet by its hash; immutable caching
// for fingerprinted CSS and no-cache for sw.js.
func TestHostingFiles(t *testing.T) {
	const line = `base_url = "https://pandu.example.org/"`
	src, _ := bundledWith(t, line, line)
	// An alias, so that the redirects have one.
	page := filepath.Join(src, "content/id/hak/hak-pekerja-migran.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "+++\n", "+++\naliases = [\"/id/hak-lama/\"]\n", 1))
	os.WriteFile(page, data, 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Dest: dest, Minify: true, BaseURL: "https://org.github.io/pandu/"}); err != nil {
		t.Fatal(err)
	}
	headers, redirects, nginx := read(t, dest, "_headers"), read(t, dest, "_redirects"), read(t, dest, "_nginx.conf")

	for _, want := range []string{
		"/pandu/id/hak-lama/ /pandu/id/hak/hak-pekerja-migran/ 301!\n",
		"/pandu/id/* /pandu/id/404.html 404\n",
		"/pandu/en/* /pandu/en/404.html 404\n",
		"/pandu/* /pandu/404.html 404\n",
	} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	for _, l := range strings.Split(redirects, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "/pandu/") {
			t.Errorf("_redirects rule outside /pandu/: %s", l)
		}
	}
	for _, want := range []string{
		"location = /pandu/id/hak-lama/ { return 301 /pandu/id/hak/hak-pekerja-migran/; }",
		"location = /pandu/id/hak-lama { return 301 /pandu/id/hak/hak-pekerja-migran/; }",
		"location /pandu/ms/ {\n    error_page 404 /pandu/ms/404.html;",
		"gzip on;",
	} {
		if !strings.Contains(nginx, want) {
			t.Errorf("_nginx.conf lacks %q", want)
		}
	}

	csp := regexp.MustCompile(`(?m)^  Content-Security-Policy: (.*)$`).FindStringSubmatch(headers)
	if csp == nil || strings.Contains(csp[1], "unsafe-inline") || !strings.Contains(csp[1], "script-src 'self';") {
		t.Fatalf("CSP: %v", csp)
	}
	pack := read(t, dest, "en/print/pandu-en.html")
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(pack)
	if style == nil || !strings.Contains(csp[1], hashSource([]byte(style[1]))) {
		t.Errorf("the CSP does not allow the offline pack's stylesheet by its hash: %s", csp[1])
	}
	if !strings.Contains(nginx, `add_header Content-Security-Policy "`+csp[1]+`" always;`) {
		t.Error("_nginx.conf sends another CSP than _headers")
	}
	css := regexp.MustCompile(`/pandu/css/site\.[0-9a-f]{8}\.css`).FindString(read(t, dest, "en/index.html"))
	if css == "" || !strings.Contains(headers, css+"\n  Cache-Control: public, max-age=31536000, immutable\n") {
		t.Errorf("the fingerprinted stylesheet %q is not cached as immutable:\n%s", css, headers)
	}
	if !strings.Contains(headers, "/pandu/sw.js\n  Cache-Control: no-cache\n") || !strings.Contains(headers, "/pandu/en/*\n  Cache-Control: no-cache\n") {
		t.Error("sw.js or the pages are not no-cache")
	}
	// Not pages: no sitemap entry, no offline list entry.
	for _, f := range []string{"sitemap.xml", "en/offline.json"} {
		if strings.Contains(read(t, dest, f), "_headers") {
			t.Errorf("%s lists the hosting files", f)
		}
	}
}

// A style attribute (raw HTML, unsafe_html) cannot be allowed by a hash: the build warns and the
// CSP allows inline styles, rather than publish a page the browser breaks.
func TestHostingStyleAttribute(t *testing.T) {
	src, _, _ := builtFixture(t)
	cfg := filepath.Join(src, "site.toml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(data), "default_language", "unsafe_html = true\ndefault_language", 1)), 0o644)
	page := filepath.Join(src, "content/id/hukum/uu18.md")
	data, _ = os.ReadFile(page)
	os.WriteFile(page, append(data, "\n<p style=\"color:red\">merah</p>\n"...), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || strings.Contains(w.Error(), "style attribute")
	}
	if !warned || !strings.Contains(read(t, dest, "_headers"), "style-src 'self' 'unsafe-inline'") {
		t.Errorf("style attribute: warned %v, _headers:\n%s", warned, read(t, dest, "_headers"))
	}
}

// A Markdown table with aligned columns (a fee table, numbers on the right) keeps the strict CSP:
// its cells are aligned by class, with no style attribute and no warning.
func TestHostingAlignedTable(t *testing.T) {
	src, _, _ := builtFixture(t)
	page := filepath.Join(src, "content/id/hukum/uu18.md")
	data, _ := os.ReadFile(page)
	os.WriteFile(page, append(data, "\n| Biaya | Rp |\n|:--|--:|\n| Paspor | 350.000 |\n"...), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "style attribute") {
			t.Error(w)
		}
	}
	if h := read(t, dest, "_headers"); strings.Contains(h, "unsafe-inline") {
		t.Errorf("an aligned table allowed inline styles:\n%s", h)
	}
	if html := read(t, dest, "id/hukum/uu18/index.html"); !strings.Contains(html, `<td class=text-right>350.000`) && !strings.Contains(html, `<td class="text-right">350.000`) {
		t.Error("the right-aligned cell has no class text-right")
	}
}

// A static file cannot take the name of a hosting file.
func TestHostingFileCollision(t *testing.T) {
	src, _, _ := builtFixture(t)
	os.WriteFile(filepath.Join(src, "static", "_redirects"), []byte("/a /b 301\n"), 0o644)
	_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	if err == nil || !strings.Contains(err.Error(), "_redirects") {
		t.Errorf("static/_redirects: %v", err)
	}
}

// TestEachElement checks the scan for inline elements against the regular expression it
// replaced, on random mixes of tags, attributes and text.
func TestEachElement(t *testing.T) {
	re := regexp.MustCompile(`(?s)<script((?:\s[^>]*)?)>(.*?)</script>`)
	parts := []string{"<script", "<scripts", ">", " src=\"a\"", "\n", "x", "</script>", "</scr", "<style", "</style>", "\f", "a>b"}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.Intn(12); k > 0; k-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		var got, want [][2]string
		eachElement([]byte(b.String()), "script", func(a, x []byte) { got = append(got, [2]string{string(a), string(x)}) })
		for _, m := range re.FindAllStringSubmatch(b.String(), -1) {
			want = append(want, [2]string{m[1], m[2]})
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: found %q, want %q", b.String(), got, want)
		}
	}
}
