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

// cmdPDF builds the site, prints every language's booklet (A4 and A5) and trainer kit to PDF
// with headless Chromium, then builds again with the PDFs, so that they are published in
// <dest>/<lang>/<print slug>/booklet-a4.pdf, booklet-a5.pdf and trainer-kit-<lang>.pdf and the
// booklet and kit pages link to them. A kit handout taller than its A4 page stops it, naming the
// guide, before anything is printed. A plain `pandu build` afterwards publishes no PDF and links
// to none.
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
	cfg, err := config.Load(*source)
	if err != nil {
		return err
	}
	if *baseURL != "" {
		if err := cfg.SetBaseURL(*baseURL); err != nil {
			return err
		}
	}
	// Every page of a PDF booklet carries QR codes to the site: printed with a placeholder
	// address, they would all be dead.
	if p, ok := cfg.BaseURLProblem(); ok {
		p.Message = "cannot print booklets with QR codes to a placeholder address: " + p.Message
		return p
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
	// A handout is one A4 page: one that is taller stops here, naming its guide, before
	// anything is printed.
	var problems diag.List
	for _, kit := range res.Kits {
		boxes, err := browser.Measure(srv.URL+strings.TrimPrefix(kit.URL, cfg.BasePath()), ".handout", "data-guide")
		if err != nil {
			return err
		}
		problems.Merge(handoutProblems(boxes))
	}
	if err := problems.Err(); err != nil {
		return err
	}
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
	for _, kit := range res.Kits {
		pdf, err := browser.PDF(srv.URL + strings.TrimPrefix(kit.URL, cfg.BasePath()))
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(tmp, kit.Lang), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, kit.Lang, site.KitPDF(kit.Lang)), pdf, 0o644); err != nil {
			return err
		}
	}
	opts.PDFDir = tmp
	res, err = site.Build(opts)
	if err != nil {
		return err
	}
	var made []string
	for _, bk := range res.Booklets {
		made = append(made, bk.PDFA4, bk.PDFA5)
	}
	for _, kit := range res.Kits {
		made = append(made, kit.PDF)
	}
	for _, u := range made {
		if u == "" {
			continue
		}
		rel := strings.TrimPrefix(u, cfg.BasePath())
		if st, err := os.Stat(filepath.Join(*dest, filepath.FromSlash(rel))); err == nil {
			fmt.Fprintf(stdout, "wrote %s (%d KB)\n", filepath.Join(*dest, filepath.FromSlash(rel)), (st.Size()+1023)/1024)
		}
	}
	return nil
}

// handoutProblems names the guides whose handout is taller than its page.
func handoutProblems(boxes []pdfprint.Box) diag.List {
	var problems diag.List
	for _, b := range boxes {
		if b.Allowed <= 0 || b.Height <= b.Allowed+0.5 {
			continue
		}
		problems.Add(diag.Problem{File: "content/" + b.Key,
			Message: fmt.Sprintf("the handout does not fit on one A4 page: it is %.0f mm tall, the page has room for %.0f mm", b.Height, b.Allowed),
			Hint:    "shorten the [handout] points, or list fewer contacts"})
	}
	return problems
}
