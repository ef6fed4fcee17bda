package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"pandu/generator/site"
)

// root is the bundled site, relative to this package.
const root = "../.."

var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

// built builds the bundled site once, as it is published (minified), into a temporary folder.
func built(t *testing.T) string {
	t.Helper()
	chromium(t) // skips when PANDU_SKIP_BROWSER=1, before the build
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pandu-browsertest-")
		if err != nil {
			buildErr = err
			return
		}
		builtDir = filepath.Join(dir, "public")
		_, buildErr = site.Build(site.Options{Source: root, Dest: builtDir, Minify: true})
	})
	if buildErr != nil {
		t.Fatalf("building the bundled site failed:\n%v", buildErr)
	}
	return builtDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(filepath.Dir(builtDir))
	}
	os.Exit(code)
}

// server serves a built site like a static host: folders by their index.html, unknown paths
// with the language's 404 page. Offline() makes it drop every connection, as a phone without
// signal would see it; Online() serves again. Every answer says no-cache, so that only the
// service worker, never the browser's HTTP cache, can answer without the network.
type server struct {
	*httptest.Server
	dir     string
	offline atomic.Bool
	// prefix is the sub-path the site is served under ("/pandu"), "" for the host's root. With
	// a prefix, URL ends with it, anything outside it is a 404 and is recorded in outside, and
	// every answer carries the headers of the build's _headers file (Cache-Control excepted).
	prefix  string
	headers []headerRule
	mu      sync.Mutex
	outside []string
}

// headerRule is one path pattern of _headers with its headers.
type headerRule struct {
	pattern string
	headers [][2]string
}

func serve(t *testing.T, dir string) *server {
	t.Helper()
	s := &server{dir: dir}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	return s
}

func (s *server) Offline() { s.offline.Store(true) }
func (s *server) Online()  { s.offline.Store(false) }

var types = map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".json": "application/json", ".webmanifest": "application/manifest+json",
	".png": "image/png", ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	if s.offline.Load() {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	urlPath := r.URL.Path
	if s.prefix != "" {
		if !strings.HasPrefix(urlPath, s.prefix+"/") {
			s.mu.Lock()
			s.outside = append(s.outside, urlPath)
			s.mu.Unlock()
			http.NotFound(w, r)
			return
		}
		urlPath = strings.TrimPrefix(urlPath, s.prefix)
		s.applyHeaders(w, r.URL.Path)
	}
	p := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") && p != "/" {
		p += "/"
	}
	file := filepath.Join(s.dir, filepath.FromSlash(p))
	if strings.HasSuffix(p, "/") {
		file = filepath.Join(file, "index.html")
	} else if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		http.Redirect(w, r, s.prefix+p+"/", http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	data, err := os.ReadFile(file)
	if err != nil {
		status = http.StatusNotFound
		lang := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0]
		if data, err = os.ReadFile(filepath.Join(s.dir, lang, "404.html")); err != nil {
			data, _ = os.ReadFile(filepath.Join(s.dir, "404.html"))
		}
		file = "404.html"
	}
	if ct, ok := types[filepath.Ext(file)]; ok {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(data)
}

// serveUnder serves a built site under a sub-path (prefix "/pandu"), with the headers of its
// _headers file, the way a static host serves a project site (https://org.github.io/pandu/).
func serveUnder(t *testing.T, dir, prefix string) *server {
	t.Helper()
	s := &server{dir: dir, prefix: prefix}
	data, err := os.ReadFile(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "  "):
			k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
			last := &s.headers[len(s.headers)-1]
			last.headers = append(last.headers, [2]string{k, v})
		default:
			s.headers = append(s.headers, headerRule{pattern: line})
		}
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	s.URL += prefix
	return s
}

// applyHeaders sets the headers of every _headers rule matching urlPath (a pattern ending in *
// matches by prefix), except Cache-Control: only the service worker may answer offline.
func (s *server) applyHeaders(w http.ResponseWriter, urlPath string) {
	for _, r := range s.headers {
		if p, ok := strings.CutSuffix(r.pattern, "*"); (ok && strings.HasPrefix(urlPath, p)) || r.pattern == urlPath {
			for _, kv := range r.headers {
				if kv[0] != "Cache-Control" {
					w.Header().Set(kv[0], kv[1])
				}
			}
		}
	}
}

// Outside returns the paths requested outside the sub-path.
func (s *server) Outside() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.outside...)
}

// chromium returns the Chromium binary, or fails the test saying how to install it.
func chromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("PANDU_SKIP_BROWSER") == "1" {
		t.Skip("PANDU_SKIP_BROWSER=1: browser tests skipped")
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("Chromium is not installed: run `apt-get install -y chromium` (Debian), or set PANDU_SKIP_BROWSER=1 to skip the browser tests")
	return ""
}

// browser starts a fresh headless Chromium (its own profile: no service worker, no cache) and
// returns a tab's context.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	profile, err := os.MkdirTemp("", "pandu-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(412, 915), // a common Android phone
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// One browser serves a whole test; axe-core on every page of the site (75 pages and growing)
	// takes minutes on a loaded 2-core machine. A hang is still caught by go test's -timeout.
	ctx, cancelT := context.WithTimeout(ctx, 20*time.Minute)
	t.Cleanup(func() {
		chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelT()
		cancel()
		cancelA()
		os.RemoveAll(profile)
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	return ctx
}

// eval runs a JavaScript expression (awaiting a promise) and decodes its value into out.
func eval(ctx context.Context, expr string, out any) error {
	return chromedp.Run(ctx, chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// waitFor evaluates expr until it is true, for up to a minute.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	var last error
	for time.Now().Before(deadline) {
		var ok bool
		if last = eval(ctx, expr, &ok); last == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waited a minute for %s (%s); last error: %v", what, expr, last)
}

// open navigates to a site path and returns the page's h1 text and html lang.
func open(t *testing.T, ctx context.Context, base, p string) (h1, lang string) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Navigate(base+p)); err != nil {
		t.Fatalf("opening %s: %v", p, err)
	}
	var got struct{ H1, Lang string }
	if err := eval(ctx, `({H1: (document.querySelector("h1")||{}).textContent||"", Lang: document.documentElement.lang})`, &got); err != nil {
		t.Fatalf("reading %s: %v", p, err)
	}
	return strings.TrimSpace(got.H1), got.Lang
}

var h1RE = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
var tagRE = regexp.MustCompile(`<[^>]+>`)

// heading returns the h1 text of a built page, as the browser shows it.
func heading(t *testing.T, dir, p string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/")), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := h1RE.FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s has no h1", p)
	}
	return strings.TrimSpace(htmlUnescape(tagRE.ReplaceAllString(string(m[1]), "")))
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace(s)
}

// readJSON decodes a file of the built site.
func readJSON(t *testing.T, dir, p string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/"))))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}

// htmlPages lists every HTML page of the built site by site path, sorted.
func htmlPages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = "/" + filepath.ToSlash(rel)
		out = append(out, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}
