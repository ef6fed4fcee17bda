package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pandu/generator/config"
	"pandu/generator/diag"
	"pandu/generator/pdfprint"
	"pandu/generator/site"
)

// cmdPDF builds the site, prints every language's booklet (A4 and A5) to PDF with headless
// Chromium, then builds again with the PDFs, so that they are published in
// <dest>/<lang>/<print slug>/booklet-a4.pdf and booklet-a5.pdf and the booklet pages link to them.
// A plain `pandu build` afterwards publishes no PDF and links to none.
func cmdPDF(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("pdf", stderr)
	source := fs.String("source", ".", "site root")
	dest := fs.String("dest", "", "output folder (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "override base_url")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pandu pdf: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if err := siteSource(fs, source); err != nil {
		return err
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	exe, err := pdfprint.FindChromium()
	if err != nil {
		return diag.Problem{File: "pandu pdf", Message: err.Error()}
	}
	opts := site.Options{Source: *source, Dest: *dest, BaseURL: *baseURL, Minify: true}
	res, err := site.Build(opts)
	if err != nil {
		return err
	}
	if len(res.Booklets) == 0 {
		return diag.Problem{File: config.FileName, Message: "there is no booklet to print",
			Hint: "list the guides of the booklet in site.toml: [print] guides = [\"section/guide.md\", ...]"}
	}
	cfg, err := config.Load(*source)
	if err != nil {
		return err
	}
	if *baseURL != "" {
		cfg.BaseURL = strings.TrimRight(*baseURL, "/") + "/"
	}
	tmp, err := os.MkdirTemp("", "pandu-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	srv, err := pdfprint.Serve(*dest, cfg.BasePath())
	if err != nil {
		return err
	}
	defer srv.Close()
	browser, err := pdfprint.Start(exe)
	if err != nil {
		return err
	}
	defer browser.Close()
	for _, bk := range res.Booklets {
		if err := os.MkdirAll(filepath.Join(tmp, bk.Lang), 0o755); err != nil {
			return err
		}
		for _, p := range []struct{ size, url string }{{"a4", bk.A4}, {"a5", bk.A5}} {
			pdf, err := browser.PDF(srv.URL + strings.TrimPrefix(p.url, cfg.BasePath()))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(tmp, bk.Lang, "booklet-"+p.size+".pdf"), pdf, 0o644); err != nil {
				return err
			}
		}
	}
	opts.PDFDir = tmp
	res, err = site.Build(opts)
	if err != nil {
		return err
	}
	for _, bk := range res.Booklets {
		for _, u := range []string{bk.PDFA4, bk.PDFA5} {
			rel := strings.TrimPrefix(u, cfg.BasePath())
			if st, err := os.Stat(filepath.Join(*dest, filepath.FromSlash(rel))); err == nil {
				fmt.Fprintf(stdout, "wrote %s (%d KB)\n", filepath.Join(*dest, filepath.FromSlash(rel)), (st.Size()+1023)/1024)
			}
		}
	}
	return nil
}
