package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stubBrowserEnv makes this test binary a stub browser: started as $PANDU_BROWSER, it writes its
// arguments to the file that the variable names and exits, as a real browser opener would return.
const stubBrowserEnv = "PANDU_TEST_BROWSER_LOG"

func TestMain(m *testing.M) {
	if log := os.Getenv(stubBrowserEnv); log != "" {
		os.WriteFile(log, []byte(strings.Join(os.Args[1:], "\n")), 0o644)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// noSiteAbove skips a test when a folder above the temporary folder holds a site.toml (a stray
// one would be found instead of the test's own sites).
func noSiteAbove(t *testing.T) {
	t.Helper()
	if root, ok := siteAbove(os.TempDir()); ok {
		t.Skipf("%s holds a site.toml above the temporary folder", root)
	}
}

func TestFindSite(t *testing.T) {
	noSiteAbove(t)
	tmp := t.TempDir()
	// A site in a folder with spaces, as under "Documents" on Windows.
	root := filepath.Join(tmp, "Dokumen Saya", "situs pandu")
	sub := filepath.Join(root, "content", "id", "bantuan")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"x\"\n"), 0o644)
	outside := filepath.Join(tmp, "elsewhere")
	os.MkdirAll(outside, 0o755)
	// Unzipped into the site folder, or into a folder of its own inside it.
	unzipped := filepath.Join(root, "pandu_windows_amd64")
	os.MkdirAll(unzipped, 0o755)

	for _, tc := range []struct {
		name  string
		dir   string
		also  []string
		want  string
		fails bool
	}{
		{"the site folder", root, nil, root, false},
		{"a sub-folder", sub, nil, root, false},
		{"not in a site", outside, nil, "", true},
		{"the binary in the site", outside, []string{root}, root, false},
		{"the binary in a folder inside the site", outside, []string{unzipped}, root, false},
		{"the binary beside the site folder", outside, []string{filepath.Join(tmp, "Dokumen Saya")}, root, false},
		{"the folder first, then the binary", sub, []string{filepath.Join(tmp, "other")}, root, false},
	} {
		got, err := findSite(tc.dir, tc.also...)
		if tc.fails {
			if err == nil {
				t.Errorf("%s: found %s", tc.name, got)
			} else if msg := err.Error(); !strings.Contains(msg, "not inside a Pandu site") || !strings.Contains(msg, "site.toml") || !strings.Contains(msg, "--source") || !strings.Contains(msg, outside) {
				t.Errorf("%s: the message does not say what is wrong and how to fix it:\n%s", tc.name, msg)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}

	// Two sites beside the binary: it cannot tell which one is meant.
	second := filepath.Join(tmp, "Dokumen Saya", "situs lain")
	os.MkdirAll(second, 0o755)
	os.WriteFile(filepath.Join(second, "site.toml"), nil, 0o644)
	if got, err := findSite(outside, filepath.Join(tmp, "Dokumen Saya")); err == nil {
		t.Errorf("two sites beside the binary: chose %s", got)
	}
	// A folder named site.toml is no site.
	os.MkdirAll(filepath.Join(outside, "x", "site.toml"), 0o755)
	if got, err := findSite(filepath.Join(outside, "x")); err == nil {
		t.Errorf("a folder named site.toml: found %s", got)
	}
}

// TestCommandsFromSubFolder: every command finds the site from a sub-folder, and says clearly
// when it is not inside one.
func TestCommandsFromSubFolder(t *testing.T) {
	noSiteAbove(t)
	root := filepath.Join(t.TempDir(), "situs saya")
	copyDir(t, "site/testdata/fixture", root)
	t.Chdir(filepath.Join(root, "content", "id", "panduan"))
	var out, errb bytes.Buffer
	if code := run([]string{"build", "--quiet"}, &out, &errb); code != 0 {
		t.Fatalf("build from a sub-folder: exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(root, "public", "id", "panduan", "paspor", "index.html")); err != nil {
		t.Errorf("the build did not go to the site's public/: %v", err)
	}
	if code := run([]string{"status"}, &out, &errb); code != 0 && code != 1 {
		t.Errorf("status from a sub-folder: exit %d: %s", code, errb.String())
	}
	if strings.Contains(errb.String(), "not inside") {
		t.Errorf("status did not find the site: %s", errb.String())
	}

	t.Chdir(t.TempDir())
	for _, cmd := range [][]string{{"build"}, {"status"}, {"serve"}, {"new", "content/id/x.md"}} {
		errb.Reset()
		if code := run(cmd, &out, &errb); code != 1 || !strings.Contains(errb.String(), "not inside a Pandu site") {
			t.Errorf("pandu %v outside a site: exit %d:\n%s", cmd, code, errb.String())
		}
	}
}

// TestDoubleClickPreview: started without arguments in a sub-folder of a site, pandu serves that
// site, opens the browser (a stub that records the address) and says how to stop.
func TestDoubleClickPreview(t *testing.T) {
	noSiteAbove(t)
	root := filepath.Join(t.TempDir(), "situs saya")
	copyDir(t, "site/testdata/fixture", root)
	t.Chdir(filepath.Join(root, "content", "id"))
	log := filepath.Join(t.TempDir(), "browser.log")
	t.Setenv(stubBrowserEnv, log)
	t.Setenv(browserEnv, os.Args[0])

	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() { done <- cmdPreview(nil, strings.NewReader(""), &out, &errOut, ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("preview: %v", err)
		}
	}()
	var url string
	for i := 0; url == ""; i++ {
		if b, err := os.ReadFile(log); err == nil && len(b) > 0 {
			url = string(b)
			break
		}
		select {
		case err := <-done:
			done <- err
			t.Fatalf("the preview stopped: %v\n%s%s", err, out.String(), errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
		if i > 1200 {
			t.Fatalf("no browser was opened:\n%s%s", out.String(), errOut.String())
		}
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/") {
		t.Fatalf("browser opened at %q", url)
	}
	resp, err := http.Get(url + "id/panduan/paspor/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Paspor Anda") {
		t.Errorf("the preview does not serve the site it was started in: %d", resp.StatusCode)
	}
	for _, want := range []string{url, "close this window or press Ctrl+C", root} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the window does not show %q:\n%s", want, out.String())
		}
	}
}

// TestPreviewPorts: a busy port is skipped when none was asked for, and named when it was.
func TestPreviewPorts(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	_, err = listenFrom("127.0.0.1", port, 1)
	if err == nil || !strings.Contains(err.Error(), strconv.Itoa(port)) || !strings.Contains(err.Error(), "--port") {
		t.Errorf("busy port: %v", err)
	}
	ln, err := listenFrom("127.0.0.1", port, previewPorts)
	if err != nil {
		t.Skipf("no free port after %d: %v", port, err)
	}
	defer ln.Close()
	if got := ln.Addr().(*net.TCPAddr).Port; got == port {
		t.Errorf("listened on the busy port %d", got)
	}
}

// TestPreviewNotInSite: outside a site, the preview says so and exits with status 1.
func TestPreviewNotInSite(t *testing.T) {
	noSiteAbove(t)
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	if code := run([]string{"preview", "--open=false"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "not inside a Pandu site") {
		t.Errorf("exit %d:\n%s", code, errb.String())
	}
}
