package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pandu/generator/site"
)

// TestProgressText: the line names the phase, and the pages done of how many while they render.
func TestProgressText(t *testing.T) {
	var p site.Progress
	if got := progressText(&p); got != "pandu: starting …" {
		t.Errorf("before the build: %q", got)
	}
	_, err := site.Build(site.Options{Source: filepath.Join("site", "testdata", "fixture"),
		Dest: filepath.Join(t.TempDir(), "out"), Progress: &p})
	if err != nil {
		t.Fatal(err)
	}
	if got := progressText(&p); got != "pandu: publishing …" {
		t.Errorf("after the build: %q", got)
	}
}

// TestNoProgressOffTerminal: a build whose output goes to a file or a pipe prints no progress
// line, however long it runs; with --quiet nothing but errors.
func TestNoProgressOffTerminal(t *testing.T) {
	var buf bytes.Buffer
	stop := showProgress(&buf, &site.Progress{})
	stop()
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stop = showProgress(f, &site.Progress{})
	stop()
	data, _ := os.ReadFile(f.Name())
	if buf.Len() > 0 || len(data) > 0 {
		t.Errorf("progress written off a terminal: %q %q", buf.String(), data)
	}
}

// TestSummaryPeakMemory: the build's summary line ends with its peak memory.
func TestSummaryPeakMemory(t *testing.T) {
	var out, errOut bytes.Buffer
	dest := filepath.Join(t.TempDir(), "public")
	if code := run([]string{"build", "--source", filepath.Join("site", "testdata", "fixture"), "--dest", dest}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "; peak memory ") || !strings.HasSuffix(strings.TrimSpace(out.String()), " MB") {
		t.Errorf("summary without peak memory: %q", out.String())
	}
}
