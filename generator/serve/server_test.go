package serve

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
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

// Issue 15: while a page is broken, the pages rebuilt by a save reload (Notify) but the overlay
// stays: no "ok" event that would flash it away on every open tab.
func TestNotifyKeepsError(t *testing.T) {
	s := New(memSite{})
	s.Fail("content/id/x.md:3:1: broken link")
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	s.mu.Unlock()
	s.Notify([]string{"/id/y/"})
	if e := <-c; e.name != "reload" || e.data != `["/id/y/"]` {
		t.Errorf("event %+v", e)
	}
	select {
	case e := <-c:
		t.Errorf("unexpected event %+v", e)
	default:
	}
	if s.Error() == "" {
		t.Error("Notify cleared the error")
	}
	s.Reload(nil)
	if e := <-c; e.name != "ok" || s.Error() != "" {
		t.Errorf("Reload after the fix: %+v, error %q", e, s.Error())
	}
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

// getHost requests path from ts with the given Host header.
func getHost(t *testing.T, ts *httptest.Server, host, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestHostCheck: a page on another site whose name resolves to this address (DNS rebinding)
// must not read the preview, its drafts or its status report.
func TestHostCheck(t *testing.T) {
	srv, ts := newTestServer(t)
	port := ts.URL[strings.LastIndex(ts.URL, ":")+1:]
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:" + port, true},
		{"localhost:" + port, true},
		{"LOCALHOST:" + port, true},
		{"[::1]:" + port, true},
		{"evil.example", false},
		{"evil.example:" + port, false},
		{"127.0.0.1.evil.example:" + port, false},
	} {
		for _, p := range []string{"/id/", "/_status/", "/nope/"} {
			code, body := getHost(t, ts, tc.host, p)
			if tc.ok != (code != http.StatusForbidden) {
				t.Errorf("Host %q %s: %d", tc.host, p, code)
			}
			if !tc.ok && (strings.Contains(body, "<") || len(body) > 200) {
				t.Errorf("Host %q: refusal is not a short plain message: %q", tc.host, body)
			}
		}
	}
	// Once the addresses are known, only they are allowed.
	srv.AllowHost("192.168.1.5:" + port)
	srv.AllowHost("127.0.0.1:" + port)
	if code, _ := getHost(t, ts, "192.168.1.5:"+port, "/id/"); code != 200 {
		t.Errorf("LAN address refused: %d", code)
	}
	if code, _ := getHost(t, ts, "localhost:"+port, "/id/"); code != http.StatusForbidden {
		t.Errorf("a name not allowed is served: %d", code)
	}
	if code, _ := getHost(t, ts, "evil.example", EventsPath); code != http.StatusForbidden {
		t.Errorf("event stream served to another host: %d", code)
	}
}

// TestStatusCached: the status report is computed once per change of the sources, however many
// requests ask for it, also at the same time.
func TestStatusCached(t *testing.T) {
	srv, ts := newTestServer(t)
	var mu sync.Mutex
	calls := 0
	release := make(chan struct{})
	srv.Status = func(w io.Writer) error {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		<-release
		_, err := fmt.Fprintf(w, "<html><body>report %d</body></html>", n)
		return err
	}
	var wg sync.WaitGroup
	bodies := make([]string, 10)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, bodies[i] = get(t, ts.URL+StatusPath)
		}()
	}
	close(release)
	wg.Wait()
	_, again := get(t, ts.URL+StatusPath)
	if calls != 1 {
		t.Errorf("11 requests computed the report %d times", calls)
	}
	for _, b := range append(bodies, again) {
		if !strings.Contains(b, "report 1") {
			t.Errorf("body %q", b)
		}
	}
	srv.Changed()
	if _, b := get(t, ts.URL+StatusPath); !strings.Contains(b, "report 2") || calls != 2 {
		t.Errorf("after a change: %d calls, %q", calls, b)
	}
	// A failure is kept too, until the next change.
	srv.Changed()
	srv.Status = func(io.Writer) error { calls++; return errors.New("content/: no such folder") }
	for i := 0; i < 3; i++ {
		if resp, b := get(t, ts.URL+StatusPath); resp.StatusCode != 500 || !strings.Contains(b, "no such folder") {
			t.Errorf("failure: %d %q", resp.StatusCode, b)
		}
	}
	if calls != 3 {
		t.Errorf("failing report computed %d times in all", calls)
	}
}

// TestStreamLimit: beyond MaxStreams, event streams are refused with 503 (the page retries
// later); a closed stream frees its place.
func TestStreamLimit(t *testing.T) {
	srv, ts := newTestServer(t)
	srv.MaxStreams = 2
	open := func() (*http.Response, error) {
		resp, err := http.Get(ts.URL + EventsPath)
		if err == nil && resp.StatusCode == 200 {
			// The server has registered the stream once its first line arrives.
			if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
				t.Fatal(err)
			}
		}
		return resp, err
	}
	var streams []*http.Response
	for i := 0; i < 2; i++ {
		resp, err := open()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("stream %d: %v %v", i, resp, err)
		}
		streams = append(streams, resp)
	}
	resp, err := open()
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third stream: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if code, _ := get(t, ts.URL+"/id/"); code.StatusCode != 200 {
		t.Errorf("pages are not served while the streams are full: %d", code.StatusCode)
	}
	streams[0].Body.Close()
	for i := 0; ; i++ {
		resp, err := open()
		if err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if err == nil {
			resp.Body.Close()
		}
		if i > 200 {
			t.Fatal("a closed stream never freed its place")
		}
		time.Sleep(10 * time.Millisecond)
	}
	streams[1].Body.Close()
	if !strings.Contains(liveScript, "setTimeout(connect") {
		t.Error("the page does not retry a refused stream")
	}
}

// The banner (a placeholder base_url) is shown on preview pages only while it is set.
func TestBanner(t *testing.T) {
	srv, ts := newTestServer(t)
	if _, body := get(t, ts.URL+"/id/x/"); strings.Contains(body, "pandu-banner") {
		t.Error("banner without a message")
	}
	srv.SetBanner("base_url <is> a placeholder")
	_, body := get(t, ts.URL+"/id/x/")
	if !strings.Contains(body, `<div id="pandu-banner"`) || !strings.Contains(body, "base_url &lt;is&gt; a placeholder") {
		t.Errorf("banner missing or not escaped: %s", body)
	}
	srv.SetBanner("")
	if _, body := get(t, ts.URL+"/id/x/"); strings.Contains(body, "pandu-banner") {
		t.Error("banner still shown after it was removed")
	}
}
