package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"pandu/generator/config"
	"pandu/generator/internal/hugemem"
	"pandu/generator/qr"
	"pandu/generator/serve"
	"pandu/generator/site"
	"pandu/generator/translate"
)

// cmdServe builds the site into memory, serves it and rebuilds on every save until interrupted.
func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	source := fs.String("source", ".", "site root")
	port := fs.Int("port", 1313, "port")
	bind := fs.String("bind", "127.0.0.1", "address to listen on (only loopback unless you choose otherwise)")
	drafts := fs.Bool("drafts", true, "show drafts")
	noMinify := fs.Bool("no-minify", false, "do not minify")
	published := fs.String("base-url", "", "the address where the site is published (default: base_url of site.toml); the preview itself serves at its own address")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pandu serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if err := siteSource(fs, source); err != nil {
		return err
	}
	if *published != "" {
		if _, why := config.CheckBaseURL(*published); why != "" {
			fmt.Fprintf(stderr, "pandu serve: --base-url %q %s\n", *published, why)
			return errUsage
		}
	}
	host := *bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = lanAddress()
	}
	base := "http://" + net.JoinHostPort(host, strconv.Itoa(*port)) + "/"
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return fmt.Errorf("cannot listen on %s:%d: %v (is another preview running? try --port)", *bind, *port, err)
	}
	return servePreview(ln, site.Options{Source: *source, Drafts: *drafts, BaseURL: base, Minify: !*noMinify, Preview: true, Published: *published}, base, stdout, stderr, nil)
}

// placeholderBanner is the preview's notice when the address the site will be published at
// (--base-url, else site.toml's base_url) is a placeholder, "" otherwise or when site.toml
// cannot be read (the preview reports that itself).
func placeholderBanner(source, published string) string {
	cfg, err := config.Load(source)
	if err != nil {
		return ""
	}
	if published != "" && cfg.SetBaseURL(published) != nil {
		return ""
	}
	if ok, host := cfg.PlaceholderBaseURL(); ok {
		return fmt.Sprintf("the site's address %s is a placeholder (%s is not a published address): %s. Until then the published booklets have no QR codes and pandu pdf refuses.", cfg.BaseURL, host, config.BaseURLHint)
	}
	return ""
}

// releaseMemory gives the memory a full build used and no longer needs back to the system. The
// preview runs for hours beside the editor's browser on laptops of 4 to 8 GB: after a build its
// garbage would otherwise stay resident until the runtime returns it bit by bit. After the first
// build it runs at once. Keeping that build's memory instead (a collection, and a release only
// once the editor pauses) made only the first structural save faster (35 ms instead of 95 ms for
// a new slug on the 5,000-guides-per-language corpus): the next ones took fresh memory all the
// same until the next collection (4,500-9,400 page faults each, with 200-300 MB of the heap
// free), and it kept 280 MB more resident (1,158 MB against 876).
func releaseMemory() { debug.FreeOSMemory() }

// releaseIdle is how long the preview waits, after an update that made a new site model, for
// the next save before it gives memory back: when the editor has stopped for a while, not
// between two saves. Giving it back collects the whole heap (about a second of both cores on
// 15,000 pages), and the memory an update then takes is new to the process: the system maps
// and clears each page of it on first use. On the bench corpus, with a save every 3 s, a
// release after 2 s of quiet made each rebuild of the model take that cost (5,600 page faults
// per save, p50 from save to page 115 ms instead of 37 ms for a new slug).
const releaseIdle = 30 * time.Second

// idleRelease runs release once no update has begun for a while after the last call of later.
type idleRelease struct {
	after   time.Duration
	release func()
	mu      sync.Mutex
	timer   *time.Timer
	updates int // updates begun: a release scheduled before one is dropped
}

// later schedules a release after the idle time, in place of one scheduled before.
func (r *idleRelease) later() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer != nil {
		r.timer.Stop()
	}
	n := r.updates
	r.timer = time.AfterFunc(r.after, func() {
		r.mu.Lock()
		idle := r.updates == n
		r.mu.Unlock()
		if idle {
			r.release()
		}
	})
}

// begin says that an update begins (or a save arrived): a release scheduled before it is dropped.
func (r *idleRelease) begin() {
	r.mu.Lock()
	r.updates++
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	r.mu.Unlock()
}

// hugePages keeps the memory the preview holds between two saves in huge pages
// (internal/hugemem): after the first build, after each update and after the idle release, once
// no save has come for a while. On the bench machine, a virtual one, the watcher then received a
// save's event 1.8 ms after the write instead of 9.4 ms (median of 40 saves each, 15,000 pages),
// as the system no longer had to map a gigabyte of small pages again to wake the process.
type hugePages struct {
	quiet    time.Duration // how long after an update a collapse waits for the next save
	edits    atomic.Int64  // saves reported by the watcher
	collapse func(stop func() bool) hugemem.Stats
	mu       sync.Mutex
	timer    *time.Timer // the collapse waiting for the quiet time
}

// hugeQuiet is how long the preview waits after an update before it collapses memory. A collapse
// takes a core for about 4 ms per huge page it makes; an editor who saves again at once (a typo
// fixed) gets the update without it.
const hugeQuiet = 200 * time.Millisecond

// edited stops a collapse waiting or running: the update for the save comes first.
func (h *hugePages) edited() { h.edits.Add(1) }

// later collapses in the background what is not in huge pages yet, after the quiet time, in
// place of a collapse still waiting (one save can make two updates: a new file's creation and
// its first write), unless a save comes first; a save stops it too.
func (h *hugePages) later() {
	n := h.edits.Load()
	stop := func() bool { return h.edits.Load() != n }
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.timer != nil {
		h.timer.Stop()
	}
	h.timer = time.AfterFunc(h.quiet, func() {
		if !stop() {
			h.collapse(stop)
		}
	})
}

// spareScheduler gives Go's scheduler one processor more than it has by default (one per core),
// unless GOMAXPROCS is set. An update keeps the cores busy for a few hundred milliseconds after
// the edited page shows (the rest of the site, the search index), and a goroutine it woke (the
// browser's request for a page just rendered, or gone) or a request that arrived meanwhile
// waited for a busy processor to be preempted, 10 ms at each step. With a processor to spare
// it runs at once, and the system shares the cores between the threads far more finely.
func spareScheduler() {
	spareOnce.Do(func() {
		if os.Getenv("GOMAXPROCS") == "" {
			runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + 1)
		}
	})
}

var spareOnce sync.Once // a process that starts the preview again (the tests) adds one only once

// servePreview runs the preview on ln until ctx (nil: until SIGINT/SIGTERM) ends.
func servePreview(ln net.Listener, opts site.Options, base string, stdout, stderr io.Writer, ctx context.Context) error {
	start := time.Now()
	spareScheduler()
	// Pages are served as soon as they are rendered, those asked for first: the editor's page
	// shows in a second or two even on a site of thousands of pages.
	session := site.Start(opts)
	srv := serve.New(session)
	srv.SetBanner(placeholderBanner(opts.Source, opts.Published))
	srv.Status = func(w io.Writer) error {
		r, err := translate.Check(opts.Source, translate.Options{})
		if r == nil {
			return err
		}
		// With load errors the report covers the rest and lists them.
		return translate.WriteHTML(w, r)
	}
	allowHosts(srv, ln.Addr(), base)
	fmt.Fprintf(stdout, "Preview: %s  (translation status: %s%s)\n", base, strings.TrimSuffix(base, "/"), serve.StatusPath)
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		if code, err := terminalQR(base); err == nil {
			fmt.Fprintf(stdout, "Scan to open the preview on a phone on the same network:\n%s", code)
		}
	}
	huge := &hugePages{quiet: hugeQuiet, collapse: hugemem.Collapse}
	// firstBuild reports the first build when it is over.
	firstBuild := func() {
		res, err := session.Wait()
		go func() {
			releaseMemory()
			huge.later()
		}()
		if err != nil {
			printProblems(stderr, err)
			srv.Fail(err.Error())
			if res != nil {
				fmt.Fprintf(stdout, "built %d pages in %s; the pages with errors above are shown as far as they could be built\n", total(res), time.Since(start).Round(time.Millisecond))
			}
		} else {
			for _, w := range res.Warnings {
				fmt.Fprintln(stderr, w.Error())
			}
			fmt.Fprintf(stdout, "built %d pages in %s\n", total(res), time.Since(start).Round(time.Millisecond))
		}
		fmt.Fprintln(stdout, "Watching for changes; press Ctrl+C to stop.")
	}

	updates := make(chan []string, 64)
	idle := &idleRelease{after: releaseIdle, release: func() {
		releaseMemory()
		huge.later() // what stays in use, the site model and the pages, back in huge pages
	}}
	watcher, err := serve.Watch(opts.Source, func(paths []string) {
		huge.edited() // before the update: a collapse running stops for it
		idle.begin()  // every update starts with a save: a release waits for the pause after it
		srv.Changed() // the translation status reads the sources, also those the site does not show
		// A running update that has shown its pages stops: the next one does its edits too.
		session.Interrupt()
		updates <- paths
	},
		func(err error) { fmt.Fprintln(stderr, "watcher:", err) })
	if err != nil {
		return err
	}
	defer watcher.Close()
	go func() {
		firstBuild() // edits saved meanwhile wait in updates
		for paths := range updates {
			// Coalesce bursts that arrived while the previous update ran.
			for more := true; more; {
				select {
				case p := <-updates:
					paths = append(paths, p...)
				default:
					more = false
				}
			}
			for _, p := range paths {
				if filepath.Base(p) == config.FileName { // base_url may have been set
					srv.SetBanner(placeholderBanner(opts.Source, opts.Published))
				}
			}
			// Pages reload as soon as they are rebuilt; the overlay stays until a build has no
			// errors (Reload below), so open tabs do not flash it away and back on every save
			// while another page is broken.
			ch, err := session.Update(paths, srv.Notify)
			if ch == nil || ch.Full || ch.Kept > 0 { // a new site model
				idle.later()
			}
			huge.later()
			stamp := time.Now().Format("15:04:05")
			what := strings.Join(paths, ", ")
			if len(what) > 120 {
				what = what[:117] + "..."
			}
			if err != nil {
				fmt.Fprintf(stderr, "%s %s: errors; every other page is up to date, a page with an error keeps its last good version:\n", stamp, what)
				printProblems(stderr, err)
				srv.Fail(err.Error())
				continue
			}
			if srv.Error() != "" {
				srv.Reload(nil) // a good build after a failed one clears the overlay
			}
			for _, w := range ch.Warnings {
				fmt.Fprintln(stderr, w.Error())
			}
			fmt.Fprintf(stdout, "%s %s: %s\n", stamp, what, ch)
		}
	}()

	hs := previewHTTPServer(srv)
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(shut)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// previewHTTPServer returns the preview's HTTP server. Slow or idle clients cannot hold
// connections forever; there is no write timeout because event streams stay open.
func previewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second}
}

// allowHosts lets the server answer to the names it is reached by: the bound address, the
// loopback names and the address printed at start (the LAN address when bound to all
// interfaces), each with the port. Any other Host is refused (DNS rebinding).
func allowHosts(srv *serve.Server, addr net.Addr, base string) {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return
	}
	names := []string{host, "localhost", "127.0.0.1", "::1"}
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		names = append(names, u.Hostname())
	}
	for _, name := range names {
		srv.AllowHost(net.JoinHostPort(name, port))
		if port == "80" { // browsers leave the default port out
			if strings.Contains(name, ":") {
				name = "[" + name + "]"
			}
			srv.AllowHost(name)
		}
	}
}

func total(r *site.Result) int {
	n := 0
	for _, c := range r.PagesByLang {
		n += c
	}
	return n
}

// lanAddress returns this machine's first non-loopback IPv4 address, for the URL printed when
// listening on all interfaces.
func lanAddress() string {
	addrs, err := net.InterfaceAddrs()
	if err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
				return n.IP.String()
			}
		}
	}
	return "127.0.0.1"
}

// terminalQR draws a QR code of text with Unicode half blocks, two modules per character row,
// dark on light, with a quiet zone, so a phone camera can read it from the terminal.
func terminalQR(text string) (string, error) {
	m, err := qr.Matrix(text)
	if err != nil {
		return "", err
	}
	const quiet = 2
	n := len(m)
	dark := func(y, x int) bool {
		y, x = y-quiet, x-quiet
		return y >= 0 && x >= 0 && y < n && x < n && m[y][x]
	}
	var b strings.Builder
	for y := 0; y < n+2*quiet; y += 2 {
		for x := 0; x < n+2*quiet; x++ {
			top, bottom := dark(y, x), dark(y+1, x)
			// Light modules are drawn, dark ones left blank: terminals are usually dark.
			switch {
			case !top && !bottom:
				b.WriteString("█")
			case !top && bottom:
				b.WriteString("▀")
			case top && !bottom:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}
