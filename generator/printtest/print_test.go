package printtest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/i18n"
	"pandu/generator/pdfprint"
	"pandu/generator/site"
)

const root = "../.."

// baseURL is the address the tests publish the booklets at: the bundled base_url is a
// placeholder, with which the booklets carry no QR codes (and `pandu pdf` refuses).
const baseURL = "https://pandu-migran.org/"

// built is the bundled site, built once for all tests.
var built struct {
	once sync.Once
	dest string
	res  *site.Result
	cfg  *config.Config
	cat  *i18n.Catalog
	site *content.Site
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dest != "" {
		os.RemoveAll(built.dest)
	}
	os.Exit(code)
}

func build(t *testing.T) {
	t.Helper()
	built.once.Do(func() {
		built.dest, built.err = os.MkdirTemp("", "pandu-print-")
		if built.err != nil {
			return
		}
		built.res, built.err = site.Build(site.Options{Source: root, Dest: filepath.Join(built.dest, "public"), Minify: true, BaseURL: baseURL})
		if built.err != nil {
			return
		}
		built.cfg, built.err = config.Load(root)
		if built.err != nil {
			return
		}
		var p interface{ Err() error }
		built.cat, p = i18n.Load(root, built.cfg)
		if built.err = p.Err(); built.err != nil {
			return
		}
		built.site, p = content.Load(built.cfg, content.Options{})
		built.err = p.Err()
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	if len(built.res.Booklets) != len(built.cfg.Ordered) {
		t.Fatalf("%d booklets for %d languages", len(built.res.Booklets), len(built.cfg.Ordered))
	}
}

func public(p string) string {
	return filepath.Join(built.dest, "public", filepath.FromSlash(strings.TrimPrefix(p, "/")))
}

func needBrowser(t *testing.T) string {
	t.Helper()
	if os.Getenv("PANDU_SKIP_BROWSER") == "1" {
		t.Skip("PANDU_SKIP_BROWSER=1")
	}
	exe, err := pdfprint.FindChromium()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			pkg := "poppler-utils"
			if tool == "zbarimg" {
				pkg = "zbar-tools"
			}
			t.Fatalf("%s not found: install it with `apt-get install %s`", tool, pkg)
		}
	}
}

type guide struct{ title, url string }

// guides lists a language's booklet guides from the content model (not from the booklet).
func guides(t *testing.T, lang string) []guide {
	var out []guide
	for _, p := range built.cfg.Print.Guides {
		pg := built.site.ByLang[lang].ByPath[p]
		if pg == nil {
			t.Fatalf("%s: no guide %s", lang, p)
		}
		out = append(out, guide{pg.Content().Title, strings.TrimSuffix(baseURL, "/") + pg.URL})
	}
	return out
}

// TestOfflinePack opens each offline pack from file:// with the network off: it must make no
// request outside itself, and every in-file link of its table of contents must jump to its guide.
func TestOfflinePack(t *testing.T) {
	build(t)
	exe := needBrowser(t)
	b, err := pdfprint.Start(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, bk := range built.res.Booklets {
		file := public(bk.Pack)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fileURL := (&url.URL{Scheme: "file", Path: file}).String()
		t.Run(bk.Lang, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(b.Context())
			defer cancel()
			ctx, cancelT := context.WithTimeout(ctx, time.Minute)
			defer cancelT()
			var mu sync.Mutex
			var requests []string
			chromedp.ListenTarget(ctx, func(ev any) {
				if e, ok := ev.(*network.EventRequestWillBeSent); ok {
					mu.Lock()
					requests = append(requests, e.Request.URL)
					mu.Unlock()
				}
			})
			var hrefs []string
			var missing []string
			err := chromedp.Run(ctx,
				network.Enable(),
				network.EmulateNetworkConditions(true, 0, 0, 0),
				chromedp.Navigate(fileURL),
				chromedp.WaitReady("#contents", chromedp.ByQuery),
				chromedp.Evaluate(`[...document.querySelectorAll('#contents ol a')].map(a => a.getAttribute('href'))`, &hrefs),
				chromedp.Evaluate(`[...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href')).filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))`, &missing),
			)
			if err != nil {
				t.Fatal(err)
			}
			if len(missing) > 0 {
				t.Errorf("in-file links without a target: %v", missing)
			}
			want := guides(t, bk.Lang)
			if len(hrefs) != len(want) {
				t.Fatalf("table of contents has %d links, want %d: %v", len(hrefs), len(want), hrefs)
			}
			for i, h := range hrefs {
				var hash, title string
				var top float64
				sel := fmt.Sprintf(`#contents ol li:nth-child(%d) a`, i+1)
				err := chromedp.Run(ctx,
					chromedp.Click(sel, chromedp.ByQuery),
					chromedp.Poll(`location.hash === `+strconv.Quote(h), nil, chromedp.WithPollingTimeout(5*time.Second)),
					chromedp.Evaluate(`location.hash`, &hash),
					chromedp.Evaluate(`document.querySelector(location.hash + ' h2').textContent`, &title),
					chromedp.Evaluate(`document.querySelector(location.hash).getBoundingClientRect().top`, &top),
				)
				if err != nil {
					t.Fatalf("clicking %s: %v", h, err)
				}
				if hash != h || strings.TrimSpace(title) != want[i].title || top < -2 || top > 2 {
					t.Errorf("link %d (%s): at %s, title %q, top %.0f; want title %q at the top", i+1, h, hash, title, top, want[i].title)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if len(requests) == 0 {
				t.Fatal("no request seen at all: the network listener does not work")
			}
			for _, r := range requests {
				if r != fileURL && !strings.HasPrefix(r, "data:") {
					t.Errorf("the offline pack asked for %s", r)
				}
			}
			// What the browser did not ask for offline must not be in the file either.
			for _, m := range regexp.MustCompile(`<(?:link|script|img|iframe|source)\b[^>]*>`).FindAllString(string(data), -1) {
				if !strings.Contains(m, "data:") {
					t.Errorf("the offline pack loads %s", m)
				}
			}
			t.Logf("%s: %d bytes, %d bytes gzip", bk.Pack, len(data), gzipSize(data))
		})
	}
}

// TestBookletPDF prints each booklet (A4 and A5) and checks the PDF: page size, one cover, a
// contents page, every guide from a new page in order with no blank page, no navigation text,
// and QR codes that decode to the language home (cover) and to each guide's page.
func TestBookletPDF(t *testing.T) {
	build(t)
	exe := needBrowser(t)
	needTools(t, "pdfinfo", "pdftotext", "pdftoppm", "zbarimg")
	srv, err := pdfprint.Serve(filepath.Join(built.dest, "public"), built.cfg.BasePath())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	b, err := pdfprint.Start(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	dir := t.TempDir()
	for _, bk := range built.res.Booklets {
		for _, size := range []struct{ name, url, pts string }{{"A4", bk.A4, "595 x 842"}, {"A5", bk.A5, "420 x 595"}} {
			t.Run(bk.Lang+"-"+size.name, func(t *testing.T) {
				pdf, err := b.PDF(srv.URL + strings.TrimPrefix(size.url, built.cfg.BasePath()))
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(dir, bk.Lang+"-"+size.name+".pdf")
				if err := os.WriteFile(file, pdf, 0o644); err != nil {
					t.Fatal(err)
				}
				checkPDF(t, file, bk.Lang, size.pts)
			})
		}
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil && name != "zbarimg" {
		t.Fatalf("%s %v: %v\n%s", name, args, err, errb.String())
	}
	return out.String()
}

func label(t *testing.T, lang, key string, args ...any) string {
	s, err := built.cat.T(lang, key, args...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkPDF(t *testing.T, file, lang, pts string) {
	info := run(t, "pdfinfo", file)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	if sz := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(info); sz == nil {
		t.Errorf("pdfinfo: no page size:\n%s", info)
	} else if w, h := roundPts(sz[1]), roundPts(sz[2]); fmt.Sprintf("%d x %d", w, h) != pts {
		t.Errorf("page size is %d x %d pts, want %s", w, h, pts)
	}
	pages := make([]string, n+1) // 1-based
	for i := 1; i <= n; i++ {
		pages[i] = norm(run(t, "pdftotext", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-enc", "UTF-8", file, "-"))
		if len(pages[i]) < 20 {
			t.Errorf("page %d is blank: %q", i, pages[i])
		}
	}
	all := strings.Join(pages, " ")
	l := built.cfg.Language(lang)
	if !strings.Contains(pages[1], l.Title) || !strings.Contains(pages[1], norm(label(t, lang, "print_help"))) {
		t.Errorf("page 1 is not the cover with the help box: %.300s", pages[1])
	}
	if !strings.Contains(pages[1], "UU 18/2017") {
		t.Errorf("the cover does not name the law: %.300s", pages[1])
	}
	if !strings.Contains(pages[2], norm(label(t, lang, "print_contents"))) {
		t.Errorf("page 2 is not the table of contents: %.300s", pages[2])
	}
	for _, key := range []string{"skip_to_content", "footer_disclaimer", "share_whatsapp", "print_intro", "print_booklet_link"} {
		if s := norm(label(t, lang, key)); strings.Contains(all, s) {
			t.Errorf("navigation or screen text %q (%s) is printed", s, key)
		}
	}
	for _, o := range built.cfg.Ordered {
		if o.Code != lang && strings.Contains(all, o.Name) {
			t.Errorf("the language switcher (%s) is printed", o.Name)
		}
	}
	// Each guide starts on a new page, in order, right after the previous one ends: the page
	// count is the cover, the contents, and the pages of each guide.
	gs := guides(t, lang)
	starts := make([]int, len(gs))
	next := 3
	for i, g := range gs {
		for p := next; p <= n; p++ {
			if strings.HasPrefix(pages[p], norm(g.title)) {
				starts[i] = p
				break
			}
		}
		if starts[i] == 0 {
			t.Fatalf("guide %q does not start a page after page %d", g.title, next-1)
		}
		if i == 0 && starts[0] != 3 {
			t.Errorf("the first guide starts on page %d, want 3 (after cover and contents)", starts[0])
		}
		next = starts[i] + 1
	}
	spans := 0
	for i := range gs {
		end := n
		if i+1 < len(gs) {
			end = starts[i+1] - 1
		}
		spans += end - starts[i] + 1
	}
	if want := 2 + spans; n != want {
		t.Errorf("%d pages, the content implies %d", n, want)
	}
	t.Logf("%s: %d pages (cover, contents, guides from pages %v)", filepath.Base(file), n, starts)

	// QR codes: the cover's goes to the language home, each guide's to its page.
	check := map[int]string{1: strings.TrimSuffix(baseURL, "/") + built.site.ByLang[lang].Home.URL}
	for i, g := range gs {
		check[starts[i]] = g.url
	}
	prefix := filepath.Join(filepath.Dir(file), strings.TrimSuffix(filepath.Base(file), ".pdf"))
	for p, want := range check {
		run(t, "pdftoppm", "-r", "200", "-gray", "-png", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-singlefile", file, prefix+"-"+strconv.Itoa(p))
		got := strings.Fields(run(t, "zbarimg", "-q", "--raw", prefix+"-"+strconv.Itoa(p)+".png"))
		if len(got) != 1 || got[0] != want {
			t.Errorf("page %d: QR codes decode to %v, want [%s]", p, got, want)
		}
	}
}

func roundPts(s string) int {
	f, _ := strconv.ParseFloat(s, 64)
	return int(f + 0.5)
}
