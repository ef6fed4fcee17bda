package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"pandu/generator/internal/testfs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"pandu/generator/site"
)

// copyDir copies a folder tree.
func copyDir(t *testing.T, src, dst string) { testfs.CopyDir(t, src, dst) }

// syncBuffer is a goroutine-safe buffer for the server's terminal output.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServePreview drives the real preview: the real watcher on a temp copy of the fixture site,
// the event stream, pages over HTTP, the error overlay and the recovery.
func TestServePreview(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root)
	base, out, errOut := startPreview(t, root)
	fetch := func(p string) (int, string) {
		for i := 0; ; i++ {
			resp, err := http.Get(base + strings.TrimPrefix(p, "/"))
			if err != nil {
				if i > 50 {
					t.Fatal(err)
				}
				time.Sleep(20 * time.Millisecond)
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp.StatusCode, string(b)
		}
	}
	if code, body := fetch("/id/panduan/paspor/"); code != 200 || !strings.Contains(body, "Paspor Anda") {
		t.Fatalf("page: %d", code)
	} else if !strings.Contains(body, `<div id="pandu-banner"`) || !strings.Contains(body, "https://example.org/ is a placeholder") {
		t.Error("the preview does not show the banner about the placeholder base_url")
	}
	if code, body := fetch("/id/panduan/draf/"); code != 200 || !strings.Contains(body, "Belum siap") {
		t.Errorf("drafts are not shown while serving: %d", code)
	}
	code, status := fetch("/_status/")
	if code != 200 || !strings.Contains(status, "<html") {
		t.Errorf("status page: %d", code)
	}
	// Only the printed address and the loopback names are answered (no DNS rebinding).
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/"))
	for host, want := range map[string]int{"localhost:" + port: 200, "evil.example:" + port: 403, "evil.example": 403} {
		req, _ := http.NewRequest(http.MethodGet, base+"_status/", nil)
		req.Host = host
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != want {
			t.Errorf("Host %s: %v %v, want %d", host, resp, err, want)
		} else {
			resp.Body.Close()
		}
	}

	resp, err := http.Get(base + "_pandu/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 32)
	go func() {
		r := bufio.NewReader(resp.Body)
		name := ""
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				close(events)
				return
			}
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "event: ") {
				name = strings.TrimPrefix(line, "event: ")
			} else if strings.HasPrefix(line, "data: ") {
				events <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	waitFor := func(what string) string {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case e, ok := <-events:
				if !ok {
					t.Fatalf("event stream closed waiting for %q", what)
				}
				if strings.Contains(e, what) {
					return e
				}
			case <-deadline:
				t.Fatalf("no event with %q; terminal:\n%s\n%s", what, out.String(), errOut.String())
			}
		}
	}
	file := filepath.Join(root, "content/id/panduan/paspor.md")
	orig, _ := os.ReadFile(file)

	// A good edit: the page reloads with the new text.
	os.WriteFile(file, append(append([]byte{}, orig...), "\nPenanda satu.\n"...), 0o644)
	waitFor(`"/id/panduan/paspor/"`)
	if _, body := fetch("/id/panduan/paspor/"); !strings.Contains(body, "Penanda satu.") {
		t.Error("edited text not served")
	}

	// A broken edit: error event, overlay on every page, last good text kept.
	os.WriteFile(file, append(append([]byte{}, orig...), "\n[rusak](tidak-ada.md)\n"...), 0o644)
	e := waitFor("error ")
	if !strings.Contains(e, "content/id/panduan/paspor.md:") {
		t.Errorf("error event lacks file and line: %s", e)
	}
	_, body := fetch("/en/")
	if !strings.Contains(body, `<div id="pandu-error"`) || !strings.Contains(body, "content/id/panduan/paspor.md:") {
		t.Error("a page opened during the error does not show the overlay")
	}
	if _, body := fetch("/id/panduan/paspor/"); !strings.Contains(body, "Penanda satu.") {
		t.Error("the last good page is not served during the error")
	}

	// The next good save clears it: the page reloads, then the overlay goes (in this order: the
	// overlay stays while a build has errors, see serve.TestNotifyKeepsError).
	os.WriteFile(file, append(append([]byte{}, orig...), "\nPenanda dua.\n"...), 0o644)
	waitFor(`"/id/panduan/paspor/"`)
	waitFor("ok ")
	if _, body := fetch("/id/panduan/paspor/"); !strings.Contains(body, "Penanda dua.") || strings.Contains(body, `<div id="pandu-error"`) {
		t.Error("recovery: page not updated or overlay still there")
	}

	// An editor's atomic save of a new page, then its deletion.
	tmp := filepath.Join(root, "content/id/panduan/baru.md.tmp")
	os.WriteFile(tmp, []byte("+++\ntitle = \"Halaman baru\"\n+++\nIsi baru.\n"), 0o644)
	os.Rename(tmp, filepath.Join(root, "content/id/panduan/baru.md"))
	waitFor(`"/id/panduan/baru/"`)
	if code, body := fetch("/id/panduan/baru/"); code != 200 || !strings.Contains(body, "Isi baru.") {
		t.Errorf("new page: %d", code)
	}
	// The status report is kept between requests, and made again after a change: the new page
	// has no translation yet.
	if _, now := fetch("/_status/"); now == status || !strings.Contains(now, "baru") {
		t.Error("the status report was not computed again after the source changed")
	}
	os.Remove(filepath.Join(root, "content/id/panduan/baru.md"))
	waitFor(`"/id/panduan/baru/"`)
	if code, _ := fetch("/id/panduan/baru/"); code != 404 {
		t.Errorf("deleted page still served: %d", code)
	}
	if !strings.Contains(out.String(), "content/id/panduan/paspor.md: rebuilt") {
		t.Errorf("terminal lacks the one-line rebuild report:\n%s", out.String())
	}
}

// TestPreviewTimeouts: a client that sends no request, or keeps an idle connection, does not
// hold it for ever.
func TestPreviewTimeouts(t *testing.T) {
	hs := previewHTTPServer(http.NotFoundHandler())
	if hs.ReadHeaderTimeout <= 0 || hs.IdleTimeout <= 0 || hs.WriteTimeout != 0 {
		t.Errorf("read header %v, idle %v, write %v (event streams need no write timeout)", hs.ReadHeaderTimeout, hs.IdleTimeout, hs.WriteTimeout)
	}
}

// Issue 15: with drafts shown (the default) and one draft with a broken link, the first build
// serves every page, the draft too, each with the overlay naming the draft's file and line;
// nothing answers 404 that a good build would serve. (A page served while the first build still
// runs gets the overlay through its event stream once the build is over.)
func TestPreviewBrokenDraftFirstBuild(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copyDir(t, "site/testdata/fixture", root)
	os.WriteFile(filepath.Join(root, "content/id/panduan/rusak.md"), []byte("+++\ntitle = \"Rusak\"\ndraft = true\n+++\n\nDraf.\n\n[x](tidak-ada.md)\n"), 0o644)
	base, out, errOut := startPreview(t, root)
	for i := 0; !strings.Contains(out.String(), "built "); i++ {
		if i > 500 {
			t.Fatalf("the first build did not end:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, p := range []string{"id/", "id/panduan/paspor/", "en/", "ms/panduan/paspor/", "id/panduan/rusak/"} {
		var resp *http.Response
		var err error
		for i := 0; ; i++ {
			if resp, err = http.Get(base + p); err == nil {
				break
			} else if i > 100 {
				t.Fatal(err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("/%s: %d while a draft is broken", p, resp.StatusCode)
		}
		if !strings.Contains(string(body), `<div id="pandu-error"`) || !strings.Contains(string(body), "content/id/panduan/rusak.md:8:") {
			t.Errorf("/%s: no overlay naming the broken draft", p)
		}
	}
	if !strings.Contains(errOut.String(), "content/id/panduan/rusak.md:8:") {
		t.Errorf("terminal lacks the error:\n%s", errOut.String())
	}
}

// startPreview runs the real preview of the site at root on a free loopback port until the test
// ends; it returns the preview's address and its standard output and error.
func startPreview(t *testing.T, root string) (base string, out, errOut *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base = "http://" + ln.Addr().String() + "/"
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut = &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- servePreview(ln, site.Options{Source: root, Drafts: true, BaseURL: base, Minify: true}, base, out, errOut, ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return base, out, errOut
}

// The preview runs Go's scheduler with one processor more than by default, once, and not when
// GOMAXPROCS says how many.
func TestSpareScheduler(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	n := runtime.GOMAXPROCS(0)
	spareOnce = sync.Once{}
	t.Setenv("GOMAXPROCS", "3")
	spareScheduler()
	if got := runtime.GOMAXPROCS(0); got != n {
		t.Errorf("with GOMAXPROCS set, the preview runs %d processors, want %d", got, n)
	}
	spareOnce = sync.Once{}
	os.Unsetenv("GOMAXPROCS")
	spareScheduler()
	spareScheduler()
	if got := runtime.GOMAXPROCS(0); got != n+1 {
		t.Errorf("the preview runs %d processors, want %d (one more than %d)", got, n+1, n)
	}
}
