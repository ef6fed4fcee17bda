package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
)

// cmdNew writes a new page with filled-in front matter. For a page in another language than the
// default, it starts from the source page's title so the translator sees what to translate.
func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", stderr)
	source := fs.String("source", ".", "site root")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "pandu new: give the path of the page to create, e.g. pandu new content/id/persiapan/paspor.md")
		return errUsage
	}
	if err := siteSource(fs, source); err != nil {
		return err
	}
	cfg, err := config.Load(*source)
	if err != nil {
		return err
	}
	rel := filepath.ToSlash(filepath.Clean(fs.Arg(0)))
	parts := strings.SplitN(rel, "/", 3)
	if len(parts) < 3 || parts[0] != "content" || !strings.HasSuffix(rel, ".md") {
		fmt.Fprintf(stderr, "pandu new: %s is not a page path: use content/<lang>/<section>/<name>.md\n", rel)
		return errUsage
	}
	lang, inLang := parts[1], parts[2]
	if cfg.Language(lang) == nil {
		return diag.Problem{File: rel, Message: fmt.Sprintf("%q is not a language of this site", lang),
			Hint: "use one of the folders named in site.toml [languages]"}
	}
	if err := checkNewPath(rel, inLang); err != nil {
		return err
	}
	full := filepath.Join(*source, filepath.FromSlash(rel))
	if _, err := os.Stat(full); err == nil {
		return diag.Problem{File: rel, Message: "the file already exists", Hint: "choose another name, or edit the file"}
	}
	title := titleFromName(inLang)
	var srcTitle string
	if lang != cfg.DefaultLanguage {
		srcFile := filepath.Join(*source, "content", cfg.DefaultLanguage, filepath.FromSlash(inLang))
		if b, err := os.ReadFile(srcFile); err == nil {
			if p, _ := content.ParsePage(cfg.DefaultLanguage, inLang, b); p != nil {
				srcTitle = p.Title
			}
		}
	}
	today := time.Now().Format("2006-01-02")
	var b strings.Builder
	b.WriteString("+++\n")
	if srcTitle != "" {
		// The comment holds the source title quoted: a line break in it cannot end the comment.
		fmt.Fprintf(&b, "title = %s  # translate: %s\n", tomlString(title), tomlString(srcTitle))
	} else {
		fmt.Fprintf(&b, "title = %s\n", tomlString(title))
	}
	b.WriteString("description = \"\"\n")
	b.WriteString("weight = 10\n")
	fmt.Fprintf(&b, "date = %s\n", today)
	fmt.Fprintf(&b, "lastmod = %s\n", today)
	fmt.Fprintf(&b, "reviewed = %s\n", today)
	b.WriteString("draft = true\n")
	b.WriteString("\n# Add one entry per source the page's facts come from:\n# [[sources]]\n# title = \"\"\n# url = \"https://\"\n")
	b.WriteString("+++\n\n")
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(full, []byte(b.String()), 0o644); err != nil {
		if errors.Is(err, os.ErrPermission) {
			return diag.Problem{File: rel, Message: "no permission to write the file"}
		}
		return err
	}
	fmt.Fprintf(stdout, "created %s (draft = true: set it to false when the page is ready)\n", rel)
	return nil
}

// checkNewPath refuses a page the build would never read (inside a hidden folder) or whose
// names cannot become URLs (content.SegmentProblem); the error suggests a clean name.
func checkNewPath(rel, inLang string) error {
	parts := strings.Split(strings.TrimSuffix(inLang, ".md"), "/")
	for i, seg := range parts {
		last := i == len(parts)-1
		if last && (seg == "_index" || seg == "index") {
			continue
		}
		why := content.SegmentProblem(seg)
		if why == "" {
			continue
		}
		what := "the folder name"
		suggest := content.SuggestSlug(seg)
		if last {
			what, suggest = "the file name", suggest+".md"
		}
		if strings.HasPrefix(seg, ".") {
			why += "; the build never reads hidden files and folders"
		}
		return diag.Problem{File: rel, Message: fmt.Sprintf("%s %q cannot be a URL: %s", what, seg, why),
			Hint: "use lowercase words joined by hyphens, for example " + suggest}
	}
	return nil
}

// tomlString writes s as a TOML basic string: quotes, backslashes and control characters are
// escaped, so that no text can end the string or the line and add keys of its own.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// titleFromName turns "persiapan/paspor-baru.md" into "Paspor baru".
func titleFromName(p string) string {
	name := strings.TrimSuffix(filepath.Base(p), ".md")
	if name == "_index" || name == "index" {
		name = filepath.Base(filepath.Dir(p))
	}
	name = strings.ReplaceAll(name, "-", " ")
	if name == "" || name == "." {
		return "Untitled"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
