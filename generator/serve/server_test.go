package serve

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type memSite map[string]string

func (m memSite) File(p string) ([]byte, bool) {
	s, ok := m[p]
	return []byte(s), ok
}

func newTestServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	site := memSite{
		"/id/index.html":        "<!DOCTYPE html><html lang=\"id\"><body><p>Beranda</p></body></html>",
		"/id/x/index.html":      "<!DOCTYPE html><html lang=\"id\"><body><p>X</p></body></html>",
		"/id/404.html":          "<!DOCTYPE html><html lang=\"id\"><body><p>Tidak ada</p></body></html>",
		"/404.html":             "<!DOCTYPE html><html><body>root 404</body></html>",
		"/css/site.1234.css":    "body{}",
		"/manifest.webmanifest": "{}",
	}
	srv := New(site)
	srv.Status = func(w io.Writer) error { _, err := io.WriteString(w, "<html><body>status</body></html>"); return err }
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestServeFiles(t *testing.T) {
	_, ts := newTestServer(t)
	for _, tc := range []struct {
		path, ctype, body string
		status            int
	}{
		{"/id/", "text/html; charset=utf-8", "Beranda", 200},
		{"/id/x/", "text/html; charset=utf-8", "<p>X</p>", 200},
		{"/css/site.1234.css", "text/css; charset=utf-8", "body{}", 200},
		{"/manifest.webmanifest", "application/manifest+json", "{}", 200},
		{"/id/nope/", "text/html; charset=utf-8", "Tidak ada", 404},
		{"/zz/nope", "text/html; charset=utf-8", "root 404", 404},
		{"/id/../../etc/passwd", "text/html; charset=utf-8", "root 404", 404},
		{"/%2e%2e/%2e%2e/etc/passwd", "text/html; charset=utf-8", "root 404", 404},
		{"/_status/", "text/html; charset=utf-8", "status", 200},
	} {
		resp, body := get(t, ts.URL+tc.path)
		if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != tc.ctype || !strings.Contains(body, tc.body) {
			t.Errorf("%s: %d %q %q", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
	resp, _ := get(t, ts.URL+"/id/x")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/id/x/" {
		t.Errorf("/id/x: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/id/", nil)
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST accepted: %v %v", r, err)
	}
}

func TestInjection(t *testing.T) {
	srv, ts := newTestServer(t)
	_, body := get(t, ts.URL+"/id/x/")
	if !strings.Contains(body, EventsPath) || !strings.HasSuffix(body, "</script></body></html>") {
		t.Errorf("live script not injected before </body>: %s", body)
	}
	if strings.Contains(body, "pandu-error") && strings.Contains(body, `<div id="pandu-error"`) {
		t.Error("overlay shown without an error")
	}
	_, css := get(t, ts.URL+"/css/site.1234.css")
	if css != "body{}" {
		t.Errorf("css changed: %q", css)
	}
	srv.Fail("content/id/x.md:3:1: broken <link>")
	_, body = get(t, ts.URL+"/id/")
	if !strings.Contains(body, `<div id="pandu-error"`) || !strings.Contains(body, "content/id/x.md:3:1: broken &lt;link&gt;") {
		t.Errorf("overlay missing on a page opened during the error: %s", body)
	}
	srv.Reload(nil)
	_, body = get(t, ts.URL+"/id/")
	if strings.Contains(body, `<div id="pandu-error"`) {
		t.Error("overlay still shown after a good build")
	}
}

// readEvents reads SSE events ("name data") from a stream until n arrive or time runs out.
func readEvents(t *testing.T, r *bufio.Reader, n int) []string {
	t.Helper()
	var out []string
	var name string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for len(out) < n {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out = append(out, name+" "+strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("timed out waiting for events; got %v", out)
	}
	return out
}

func TestEvents(t *testing.T) {
	srv, ts := newTestServer(t)
	srv.Fail("first error")
	resp, err := http.Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("content type %q", resp.Header.Get("Content-Type"))
	}
	r := bufio.NewReader(resp.Body)
	// A page that connects during an error learns about it at once.
	if ev := readEvents(t, r, 1); ev[0] != `error {"message":"first error"}` {
		t.Errorf("initial event %v", ev)
	}
	srv.Reload([]string{"/id/x/"})
	srv.Fail("second")
	srv.Reload([]string{"/id/"})
	got := readEvents(t, r, 5)
	want := []string{`ok {}`, `reload ["/id/x/"]`, `error {"message":"second"}`, `ok {}`, `reload ["/id/"]`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("events:\n got %v\nwant %v", got, want)
	}
}

// TestFirstBuildFailed: with nothing built, pages still carry the overlay and the reload script.
func TestFirstBuildFailed(t *testing.T) {
	srv := New(memSite{})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	srv.Fail("site.toml:3: unknown key")
	resp, body := get(t, ts.URL+"/id/")
	if resp.StatusCode != 404 || !strings.Contains(body, `<div id="pandu-error"`) || !strings.Contains(body, EventsPath) {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
}
