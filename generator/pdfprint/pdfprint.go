// Package pdfprint owns printing pages of a built site to PDF with headless Chromium: finding the
// browser (and saying how to install it when it is missing), starting it with a fresh profile and
// no network beyond 127.0.0.1, serving the built folder on a loopback port, and asking Chromium
// to print a page with the paper size its CSS names (@page). `pandu pdf` uses it to make the
// trainers' booklet PDFs; the print tests use it to check them.
package pdfprint

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// InstallHint says how to get Chromium on Debian or Ubuntu.
const InstallHint = "install it with `sudo apt-get install chromium` (Debian; on Ubuntu `chromium-browser`), or set PANDU_CHROMIUM to the browser's path"

// FindChromium returns the path of a Chromium or Chrome binary: $PANDU_CHROMIUM, else the
// first of chromium, chromium-browser, google-chrome on PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("PANDU_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("PANDU_CHROMIUM=%s: %v", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("headless Chromium is needed to print PDFs and was not found: " + InstallHint)
}

// Browser is a running headless Chromium.
type Browser struct {
	ctx     context.Context
	cancels []context.CancelFunc
	profile string
}

// Start starts Chromium at exe with a fresh profile. Close it when done.
func Start(exe string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "pandu-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	b := &Browser{ctx: ctx, cancels: []context.CancelFunc{cancelCtx, cancelAlloc}, profile: profile}
	if err := chromedp.Run(ctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return b, nil
}

// Context is the browser's first tab, for chromedp.Run.
func (b *Browser) Context() context.Context { return b.ctx }

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	for _, c := range b.cancels {
		c()
	}
	_ = os.RemoveAll(b.profile)
}

// PDF loads url and prints it with the page size and margins of its CSS, backgrounds included,
// without the browser's header and footer.
func (b *Browser) PDF(url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Minute)
	defer cancel()
	var pdf []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		chromedp.WaitReady("body", chromedp.ByQuery),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).
				WithDisplayHeaderFooter(false).WithGenerateDocumentOutline(true).WithGenerateTaggedPDF(true).Do(ctx)
			return err
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("printing %s: %w", url, err)
	}
	return pdf, nil
}

// Box is an element of a page laid out for paper: the value of the attribute Measure was asked
// for, and the element's height and the height it may have, in millimetres.
type Box struct {
	Key             string
	Height, Allowed float64
}

// Measure loads url laid out for paper (print media), and returns the height of every element
// matching selector, with its attribute attr, and the height its CSS custom property
// --print-max-height allows (0 when the property is not set). The print tests check the printed
// PDF itself; this lets `pandu pdf` name the element that is too tall before it prints.
func (b *Browser) Measure(url, selector, attr string) ([]Box, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Minute)
	defer cancel()
	js := fmt.Sprintf(`(() => {
  const mm = px => px * 25.4 / 96;
  return Array.from(document.querySelectorAll(%q)).map(e => {
    const probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;height:var(--print-max-height, 0px)";
    e.appendChild(probe);
    const allowed = mm(probe.getBoundingClientRect().height);
    probe.remove();
    return {Key: e.getAttribute(%q) || "", Height: mm(e.getBoundingClientRect().height), Allowed: allowed};
  });
})()`, selector, attr)
	var boxes []Box
	err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Navigate(url),
		chromedp.WaitReady("body", chromedp.ByQuery),
		chromedp.Evaluate(js, &boxes),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if err != nil {
		return nil, fmt.Errorf("measuring %s: %w", url, err)
	}
	return boxes, nil
}

// Server serves a built site folder on 127.0.0.1.
type Server struct {
	// URL is the address of the site's base path, ending in "/": http://127.0.0.1:PORT/base/.
	URL string
	srv *http.Server
}

// Serve serves dir at basePath ("/" or "/sub/") on a free loopback port.
func Serve(dir, basePath string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	basePath = "/" + strings.Trim(basePath, "/") + "/"
	if basePath == "//" {
		basePath = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(basePath, http.StripPrefix(strings.TrimSuffix(basePath, "/"), http.FileServer(http.Dir(dir))))
	s := &Server{URL: "http://" + ln.Addr().String() + basePath, srv: &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { _ = s.srv.Close() }
