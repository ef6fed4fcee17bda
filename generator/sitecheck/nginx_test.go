package sitecheck

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pandu/generator/internal/testfs"
	"pandu/generator/site"
)

// nginxBinary finds Debian's nginx. Outside CI a machine without it skips the test; in CI
// (CI=true, as GitHub Actions and .ci/run set it) a missing nginx is a failure: .ci/deps installs it.
func nginxBinary(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx"} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("nginx is not installed: run `apt-get install -y nginx-light` (make test does it through .ci/deps)")
	}
	t.Skip("nginx is not installed (apt-get install -y nginx-light); the test of _nginx.conf is skipped outside CI")
	return ""
}

// TestNginx runs Debian's nginx, as an unprivileged process on a loopback port with its own
// prefix, pid and temporary folders, with the _nginx.conf that pandu build writes, against the
// bundled site built for a sub-path (/pandu/) with one alias; then checks with HTTP requests the
// security and cache headers, gzip, the alias redirect, each language's 404 page, and that the
// hosting files are not served.
func TestNginx(t *testing.T) {
	exe := nginxBinary(t)
	tmp := t.TempDir()
	src := filepath.Join(tmp, "site")
	for _, d := range []string{"content", "layouts", "i18n", "static"} {
		testfs.CopyDir(t, filepath.Join("..", "..", d), filepath.Join(src, d))
	}
	cfg, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "site.toml"), cfg, 0o644)
	page := filepath.Join(src, "content/id/hak/hak-pekerja-migran.md")
	text, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(page, []byte(strings.Replace(string(text), "+++\n", "+++\naliases = [\"/id/hak-lama/\"]\n", 1)), 0o644)

	www := filepath.Join(tmp, "www")
	pub := filepath.Join(www, "pandu")
	if _, err := site.Build(site.Options{Source: src, Dest: pub, Minify: true, BaseURL: testBaseURL}); err != nil {
		t.Fatal(err)
	}
	// A certificate challenge, as certbot's webroot mode leaves it: must stay reachable.
	os.MkdirAll(filepath.Join(pub, ".well-known", "acme-challenge"), 0o755)
	os.WriteFile(filepath.Join(pub, ".well-known", "acme-challenge", "token"), []byte("ok"), 0o644)
	port := freePort(t)
	conf := filepath.Join(tmp, "nginx.conf")
	mime := "/etc/nginx/mime.types"
	if out, err := exec.Command(exe, "-V").CombinedOutput(); err == nil {
		if m := regexp.MustCompile(`--conf-path=(\S+)`).FindSubmatch(out); m != nil {
			mime = filepath.Join(filepath.Dir(string(m[1])), "mime.types")
		}
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // workers would otherwise run as nobody, who cannot read t.TempDir()
	}
	var temps strings.Builder
	for _, k := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		fmt.Fprintf(&temps, "  %s_temp_path %s;\n", k, filepath.Join(tmp, k))
	}
	os.WriteFile(conf, []byte(fmt.Sprintf(`%s
worker_processes 1;
daemon off;
pid %s;
error_log %s warn;
events { worker_connections 64; }
http {
  include %s;
  default_type application/octet-stream;
  access_log off;
%s  server {
    listen 127.0.0.1:%d;
    root %s;
    include %s;
  }
}
`, user, filepath.Join(tmp, "nginx.pid"), filepath.Join(tmp, "error.log"), mime, temps.String(), port, www, filepath.Join(pub, "_nginx.conf"))), 0o644)

	if out, err := exec.Command(exe, "-t", "-p", tmp, "-c", conf, "-e", filepath.Join(tmp, "error.log")).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	cmd := exec.Command(exe, "-p", tmp, "-c", conf, "-e", filepath.Join(tmp, "error.log"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt) // SIGINT: fast shutdown of master and workers
		cmd.Wait()
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(tmp, "error.log"))
			t.Logf("nginx error log:\n%s%s", log, stderr.String())
		}
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitListening(t, fmt.Sprintf("127.0.0.1:%d", port))

	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}
	get := func(p string, gz bool) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+p, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	headers, _ := os.ReadFile(filepath.Join(pub, "_headers"))
	csp := regexp.MustCompile(`(?m)^  Content-Security-Policy: (.*)$`).FindSubmatch(headers)
	if csp == nil {
		t.Fatal("_headers has no Content-Security-Policy")
	}
	secure := func(p string, resp *http.Response) {
		t.Helper()
		for k, v := range map[string]string{"Content-Security-Policy": string(csp[1]), "X-Content-Type-Options": "nosniff",
			"Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY"} {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", p, k, got, v)
			}
		}
	}
	file := func(rel string) []byte {
		data, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}

	// A page: HTML, no-cache, security headers; gzip when asked, the same bytes once unzipped.
	resp, body := get("/pandu/en/", false)
	secure("/pandu/en/", resp)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || resp.Header.Get("Cache-Control") != "no-cache" ||
		!bytes.Equal(body, file("en/index.html")) {
		t.Errorf("/pandu/en/: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	}
	resp, body = get("/pandu/en/", true)
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") || !bytes.Equal(gunzip(t, body), file("en/index.html")) {
		t.Errorf("/pandu/en/ with gzip: Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	// A folder without its slash: a relative redirect, under the sub-path.
	if resp, _ := get("/pandu/en", false); resp.StatusCode != 301 || resp.Header.Get("Location") != "/pandu/en/" {
		t.Errorf("/pandu/en: %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	// The fingerprinted stylesheet: a year, immutable, gzip; sw.js and the manifest: no-cache.
	cssPath := regexp.MustCompile(`/pandu/css/site\.[0-9a-f]{8}\.css`).Find(file("en/index.html"))
	resp, body = get(string(cssPath), true)
	secure(string(cssPath), resp)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || resp.Header.Get("Content-Encoding") != "gzip" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || len(gunzip(t, body)) == 0 {
		t.Errorf("%s: %d %q %q %q", cssPath, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
	}
	resp, _ = get("/pandu/sw.js", false)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("/pandu/sw.js: %d %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	resp, _ = get("/pandu/en/manifest.webmanifest", false)
	secure("manifest", resp)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/manifest+json") {
		t.Errorf("manifest: %d %q %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}

	// The alias: a permanent redirect, with and without its slash.
	for _, p := range []string{"/pandu/id/hak-lama/", "/pandu/id/hak-lama"} {
		if resp, _ := get(p, false); resp.StatusCode != 301 || resp.Header.Get("Location") != "/pandu/id/hak/hak-pekerja-migran/" {
			t.Errorf("alias %s: %d Location %q", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}

	// Unknown addresses: the 404 page of their language (the default language's elsewhere), with
	// the security headers.
	for p, want := range map[string]string{"/pandu/en/no-such-page/": "en/404.html", "/pandu/ms/tiada": "ms/404.html",
		"/pandu/id/x/y/z.html": "id/404.html", "/pandu/nothing": "404.html"} {
		resp, body := get(p, false)
		secure(p, resp)
		if resp.StatusCode != 404 || !bytes.Equal(body, file(want)) {
			t.Errorf("%s: %d, body of %s: %v", p, resp.StatusCode, want, bytes.Equal(body, file(want)))
		}
	}
	if resp, body := get("/pandu/.well-known/acme-challenge/token", false); resp.StatusCode != 200 || string(body) != "ok" {
		t.Errorf("/.well-known/: %d %q", resp.StatusCode, body)
	}
	// The hosting files and the build's marker are not served.
	for _, p := range []string{"/pandu/_headers", "/pandu/_redirects", "/pandu/_nginx.conf", "/pandu/.pandu-output"} {
		if resp, _ := get(p, false); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Errorf("not gzip: %v", err)
		return nil
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Error(err)
	}
	return out
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitListening waits until something accepts connections at addr, for up to a minute.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("nginx did not listen on %s within a minute", addr)
}
