package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"pandu/generator/site"
)

// BenchmarkEditToReload measures, on a real site folder, the time from writing one guide to the
// reload event the preview sends for its page: the watcher, the rebuild and the event stream.
// Set PANDU_BENCH_SITE to a site root and PANDU_BENCH_PAGE to a content file in it (make
// bench-serve prepares the 5,000-pages-per-language corpus). ns/op is the latency of one edit.
func BenchmarkEditToReload(b *testing.B) {
	root, page := os.Getenv("PANDU_BENCH_SITE"), os.Getenv("PANDU_BENCH_PAGE")
	if root == "" || page == "" {
		b.Skip("set PANDU_BENCH_SITE and PANDU_BENCH_PAGE (see make bench-serve)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	go servePreview(ln, site.Options{Source: root, Drafts: true, BaseURL: base, Minify: true}, base, io.Discard, io.Discard, ctx)
	var resp *http.Response
	for {
		resp, err = http.Get(base + "_pandu/events")
		if err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	defer resp.Body.Close()
	// The sitemap is served once the first build is over (pages are served before).
	if sm, err := http.Get(base + "sitemap.xml"); err == nil {
		sm.Body.Close()
	}
	b.Logf("preview ready after %s", time.Since(start).Round(time.Millisecond))
	events := make(chan string, 64)
	go func() {
		r := bufio.NewReader(resp.Body)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				close(events)
				return
			}
			if strings.HasPrefix(line, "data: ") {
				events <- line
			}
		}
	}()
	file := filepath.Join(root, page)
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	url := "/" + strings.TrimSuffix(strings.TrimPrefix(page, "content/"), ".md") + "/"
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		os.WriteFile(file, append(append([]byte{}, orig...), fmt.Sprintf("\nPenanda %d.\n", i)...), 0o644)
		for e := range events {
			if strings.Contains(e, `"`+url+`"`) {
				break
			}
		}
		lat = append(lat, time.Since(t0))
		b.StopTimer()
		// Let the rest of the update (search index, booklets) finish before the next edit.
		select {
		case <-events:
		case <-time.After(30 * time.Second):
		}
		time.Sleep(200 * time.Millisecond)
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
}
