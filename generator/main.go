// Command pandu builds the Pandu site: multilingual guides written in Markdown, turned into a
// static site by the stages under generator/ (config, content, markdown, i18n, templates, output),
// which package site runs in order.
//
// Usage:
//
//	pandu build [--source DIR] [--dest DIR] [--drafts] [--base-url URL] [--no-minify] [--quiet]
//	pandu new content/<lang>/<section>/<name>.md
//	pandu serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts=false] [--base-url URL]
//	pandu preview [--source DIR] [--port 1313] [--open=false]   (also: pandu without arguments)
//	pandu status [--source DIR] [--json] [--strict] [--review-months N] [--mark-synced FILE...]
//	pandu pdf [--source DIR] [--dest DIR] [--base-url URL]
//	pandu version
//	pandu help
//
// Exit status: 0 success, 1 content or template errors, 2 wrong usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"pandu/generator/diag"
	"pandu/generator/site"
)

const usage = `pandu builds the Pandu site from Markdown guides.

Usage:
  pandu build [flags]        build the site into public/
  pandu new PATH             create a page with filled-in front matter, e.g.
                             pandu new content/id/persiapan/paspor.md
  pandu serve [flags]        preview: build into memory, serve on http://127.0.0.1:1313/,
                             rebuild and reload open pages on every save
                             (--port N, --bind ADDR to expose it, --drafts=false,
                             --base-url URL: the address it will be published at)
  pandu preview [flags]      the same preview, opened in the default browser, on the
  pandu                      first free port from 1313 (what a double-click starts)
                             (--port N, --open=false)
  pandu status [flags]       report missing and out-of-date translations;
                             pandu status --help for its flags
  pandu pdf [--dest DIR]     build, then print each language's booklet to PDF
                             (A4 and A5) with headless Chromium; needs the site's
                             real address (base_url or --base-url) for its QR codes
  pandu version              print the version
  pandu help                 print this help

Build flags:
  --source DIR     site root (default: the folder with site.toml, here or above)
  --dest DIR       output folder (default public)
  --drafts         include pages with draft = true
  --base-url URL   override base_url from site.toml: the address where the site
                   is published (https://org.github.io/pandu/ for a folder)
  --no-minify      write HTML, CSS and JS as rendered
  --quiet          print only errors

Exit status: 0 success, 1 content or template errors, 2 wrong usage.
`

func main() {
	stop := profile()
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profile starts the profiles the environment asks for, for `go tool pprof`, and returns the
// function that writes them: PANDU_CPUPROFILE=file profiles the CPU over the whole run;
// PANDU_MEMPROFILE=file writes a heap profile at the end (-sample_index=alloc_space shows
// everything allocated, inuse_space what was still held at the end).
func profile() (stop func()) {
	var cpu *os.File
	if f := os.Getenv("PANDU_CPUPROFILE"); f != "" {
		if out, err := os.Create(f); err == nil && pprof.StartCPUProfile(out) == nil {
			cpu = out
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if f := os.Getenv("PANDU_MEMPROFILE"); f != "" {
			if out, err := os.Create(f); err == nil {
				// The profile holds what the last collection saw: one now makes it hold every
				// allocation, also those of the last phase.
				runtime.GC()
				_ = pprof.Lookup("allocs").WriteTo(out, 0)
				out.Close()
			}
		}
	}
}

// errUsage marks wrong usage (exit status 2).
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"preview"} // a double-click in a file manager
	}
	var err error
	switch args[0] {
	case "build":
		err = cmdBuild(args[1:], stdout, stderr)
	case "new":
		err = cmdNew(args[1:], stdout, stderr)
	case "serve":
		err = cmdServe(args[1:], stdout, stderr)
	case "preview":
		err = cmdPreview(args[1:], os.Stdin, stdout, stderr, nil)
	case "pdf":
		err = cmdPDF(args[1:], stdout, stderr)
	case "status":
		return cmdStatus(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "pandu", site.Version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "pandu: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		report(stderr, err, args[0] == "build")
		return 1
	}
}

// report prints every problem of a failed command, one per line, sorted by file; after a failed
// build (published), it says that the previous output is still there.
func report(w io.Writer, err error, published bool) {
	problems := printProblems(w, err)
	if !published {
		if len(problems) > 1 {
			fmt.Fprintf(w, "%d problems\n", len(problems))
		}
		return
	}
	if len(problems) > 1 {
		fmt.Fprintf(w, "%d problems; nothing was published (the previous output is unchanged)\n", len(problems))
	} else {
		fmt.Fprintln(w, "nothing was published (the previous output is unchanged)")
	}
}

// printProblems prints every problem of err, one per line, sorted by file, and returns them.
func printProblems(w io.Writer, err error) diag.List {
	problems := diag.AsList(err)
	problems.Sort()
	for _, p := range problems {
		fmt.Fprintln(w, p.Error())
	}
	return problems
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", stderr)
	source := fs.String("source", ".", "site root")
	dest := fs.String("dest", "", "output folder (default SOURCE/public)")
	drafts := fs.Bool("drafts", false, "include drafts")
	baseURL := fs.String("base-url", "", "override base_url")
	noMinify := fs.Bool("no-minify", false, "do not minify")
	quiet := fs.Bool("quiet", false, "print only errors")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pandu build: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if err := siteSource(fs, source); err != nil {
		return err
	}
	if *dest == "" {
		*dest = *source + "/public"
	}
	// The garbage collector keeps its default pace (GOGC=100): a build keeps little per page once
	// it is written, and collecting less often (GOGC=400) cost 60 % more peak memory on the
	// 1,000-pages-per-language corpus for no measurable time.
	progress := &site.Progress{}
	stop := func() {}
	if !*quiet {
		stop = showProgress(stderr, progress)
	}
	res, err := site.Build(site.Options{Source: *source, Dest: *dest, Drafts: *drafts, BaseURL: *baseURL, Minify: !*noMinify,
		Progress: progress})
	stop()
	if err != nil {
		return err
	}
	if !*quiet {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, w.Error())
		}
		summary := res.Summary()
		if m := peakMemory(); m > 0 {
			summary += fmt.Sprintf("; peak memory %d MB", (m+1<<19)>>20)
		}
		fmt.Fprintln(stdout, summary)
	}
	return nil
}
