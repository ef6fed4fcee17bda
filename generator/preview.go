package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"

	"pandu/generator/site"
)

// previewPorts is how many ports from --port on the preview tries when the port was not given:
// a second double-click must not fail because the first preview still runs.
const previewPorts = 10

// cmdPreview is what a double-click starts (no arguments) and `pandu preview`: the preview of the
// site the program is started in or sits in, on the first free port from 1313, opened in the
// default browser. Errors of the site's files show in the browser (the preview's overlay); an
// error before the preview runs (not inside a site, no free port) is printed, and on Windows the
// console window that the double-click opened waits for Enter, so the editor can read it.
// ctx nil: until SIGINT or SIGTERM.
func cmdPreview(args []string, stdin io.Reader, stdout, stderr io.Writer, ctx context.Context) error {
	err := preview(args, stdout, stderr, ctx)
	if err != nil && !errors.Is(err, errUsage) && ownsConsole() {
		printProblems(stderr, err)
		fmt.Fprintln(stderr, "\nThe preview did not start. Press Enter to close this window.")
		bufio.NewReader(stdin).ReadString('\n')
		return errReported
	}
	return err
}

// errReported is a failure whose problems were already printed.
var errReported = errors.New("reported")

func preview(args []string, stdout, stderr io.Writer, ctx context.Context) error {
	fs := newFlagSet("preview", stderr)
	source := fs.String("source", ".", "site root")
	port := fs.Int("port", 1313, "first port to try")
	open := fs.Bool("open", true, "open the preview in the default browser")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pandu preview: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if err := siteSource(fs, source, executableDir()); err != nil {
		return err
	}
	tries := previewPorts
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "port" {
			tries = 1
		}
	})
	ln, err := listenFrom("127.0.0.1", *port, tries)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "Pandu preview of the site in %s\n", *source)
	if *open {
		// The listener queues the browser's request until the preview serves it: the first build
		// renders the page asked for before the others.
		if err := openBrowser(base); err != nil {
			fmt.Fprintf(stderr, "could not open a browser (%v): open %s yourself\n", err, base)
		} else {
			fmt.Fprintf(stdout, "Opening %s in your browser.\n", base)
		}
	}
	fmt.Fprintln(stdout, "To stop the preview, close this window or press Ctrl+C.")
	return servePreview(ln, site.Options{Source: *source, Drafts: true, BaseURL: base, Minify: true}, base, stdout, stderr, ctx)
}

// listenFrom listens on the first free port of port, port+1, ... (tries ports in all).
func listenFrom(bind string, port, tries int) (net.Listener, error) {
	var first error
	for i := 0; i < tries; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port+i)))
		if err == nil {
			return ln, nil
		}
		if first == nil {
			first = err
		}
	}
	if tries == 1 {
		return nil, fmt.Errorf("cannot listen on %s:%d: %v (is another preview running? close it, or try another --port)", bind, port, first)
	}
	return nil, fmt.Errorf("cannot listen on %s, ports %d to %d: %v (are other previews running? close them, or choose a port with --port)", bind, port, port+tries-1, first)
}

// browserEnv names a program that opens the preview instead of the default browser (it gets the
// address as its only argument): tests use a stub that records the address.
const browserEnv = "PANDU_BROWSER"

// openBrowser opens url in the default browser, or with the program named by $PANDU_BROWSER. It
// does not wait for the browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch prog := os.Getenv(browserEnv); {
	case prog != "":
		cmd = exec.Command(prog, url)
	case runtime.GOOS == "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case runtime.GOOS == "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; a browser that is already open returns at once
	return nil
}
