package translate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/diag"
)

// Synced is a translation that MarkSynced recorded as up to date.
type Synced struct {
	File    string // the translation, "content/en/x.md"
	Source  string // its source page
	Hash    string // the source version now recorded
	Changed bool   // false when the file already recorded that version
}

// MarkSynced records that each translation in files (paths relative to the site root, such as
// "content/en/hak/x.md") is up to date with its source page: it writes the source's current
// version into translated_from, keeping every other byte of the file, and keeps the source text
// in the store. Then it removes the store's versions no translation points to any more. Nothing
// is written when any file is not a translation with a source page. It returns what it did and
// the store versions it removed.
func MarkSynced(root string, files []string) ([]Synced, []string, error) {
	cfg, err := config.Load(root)
	if err != nil {
		return nil, nil, err
	}
	// Drafts count: a draft translation may be marked, and its version must stay in the store.
	site, problems := content.Load(cfg, content.Options{Drafts: true})
	if err := problems.Err(); err != nil {
		return nil, nil, err
	}
	def := cfg.DefaultLanguage
	byFile := map[string]*content.Page{}
	for _, p := range site.Pages {
		if HasFile(p) {
			byFile[p.File] = p
		}
	}
	type job struct {
		page, src *content.Page
		abs       string
		old, new  []byte
	}
	var jobs []job
	var list diag.List
	for _, f := range files {
		f = filepath.ToSlash(filepath.Clean(f))
		p := byFile[f]
		switch {
		case p == nil:
			list.Add(diag.Problem{File: f, Message: "not a page of the site",
				Hint: "give the path of a translation from the site root, such as content/en/hak/hak-pekerja-migran.md"})
			continue
		case p.Lang == def:
			list.Add(diag.Problem{File: f, Message: "this is a source page (" + def + "); --mark-synced takes a translation",
				Hint: "give the translation that you brought up to date, such as content/<lang>/" + p.Path})
			continue
		}
		src := SourceOf(p, def)
		if src == nil {
			list.Add(diag.Problem{File: f, Message: fmt.Sprintf("has no source page in %s (translation key %q)", def, p.Key),
				Hint: "create content/" + def + "/" + p.Path + ", or set translation_key to the source page's key"})
			continue
		}
		abs := filepath.Join(root, filepath.FromSlash(f))
		old, err := os.ReadFile(abs)
		if err != nil {
			list.Add(diag.Problem{File: f, Message: err.Error()})
			continue
		}
		hash := Hash(src)
		updated, err := setTranslatedFrom(f, p, old, hash)
		if err != nil {
			list.Merge(diag.AsList(err))
			continue
		}
		jobs = append(jobs, job{page: p, src: src, abs: abs, old: old, new: updated})
	}
	if err := list.Err(); err != nil {
		return nil, nil, err
	}
	store := OpenStore(root)
	var done []Synced
	for _, j := range jobs {
		hash := Hash(j.src)
		if err := store.Put(hash, Text(j.src)); err != nil {
			return done, nil, diag.Problem{File: StoreDir, Message: "cannot keep the source text: " + err.Error()}
		}
		changed := !bytes.Equal(j.old, j.new)
		if changed {
			if err := writeFileAtomic(j.abs, j.new); err != nil {
				return done, nil, diag.Problem{File: j.page.File, Message: err.Error()}
			}
		}
		fm := *j.page.FrontMatter // shared with the page's fallback copies: changed in a copy
		fm.TranslatedFrom = hash
		j.page.FrontMatter = &fm
		done = append(done, Synced{File: j.page.File, Source: j.src.File, Hash: hash, Changed: changed})
	}
	keep := map[string]bool{}
	for _, p := range site.Pages {
		if HasFile(p) && p.TranslatedFrom != "" {
			keep[p.TranslatedFrom] = true
		}
	}
	removed, err := store.Prune(keep)
	if err != nil {
		return done, removed, diag.Problem{File: StoreDir, Message: err.Error()}
	}
	return done, removed, nil
}

func writeFileAtomic(path string, b []byte) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp := path + ".pandu-tmp"
	if err := os.WriteFile(tmp, b, mode); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

var translatedFromLine = regexp.MustCompile(`^([ \t]*"?translated_from"?[ \t]*=[ \t]*)("[^"\\]*"|'[^']*')`)

// setTranslatedFrom returns the content file src with translated_from set to hash in its front
// matter: the value is replaced where the key exists, else a line is added after the last
// top-level key. Every other byte stays as it was; the result is parsed again to make sure that
// only translated_from changed.
func setTranslatedFrom(file string, p *content.Page, src []byte, hash string) ([]byte, error) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	start := 0
	if len(lines) > 0 && bytes.HasPrefix(lines[0], []byte("\xef\xbb\xbf")) {
		lines[0] = lines[0][3:]
		start = 3
	}
	trim := func(l []byte) string { return strings.TrimRight(string(l), "\r\n \t") }
	if len(lines) == 0 || trim(lines[0]) != "+++" {
		return nil, diag.Problem{File: file, Line: 1, Message: "the file does not start with +++ front matter"}
	}
	insertAt := 1   // line index to insert a new key before
	header := false // a [table] was seen: later keys are not top level
	closing := -1
	for i := 1; i < len(lines); i++ {
		t := strings.TrimSpace(string(lines[i]))
		if t == "+++" {
			closing = i
			break
		}
		if header {
			continue
		}
		if strings.HasPrefix(t, "[") {
			header = true
			continue
		}
		if m := translatedFromLine.FindSubmatchIndex(lines[i]); m != nil {
			var b bytes.Buffer
			b.Write(src[:start])
			for j, l := range lines {
				if j == i {
					b.Write(l[:m[4]])
					b.WriteString(`"` + hash + `"`)
					b.Write(l[m[5]:])
					continue
				}
				b.Write(l)
			}
			return checkOnlyHashChanged(file, p, b.Bytes(), hash)
		}
		if t != "" && !strings.HasPrefix(t, "#") {
			insertAt = i + 1
		}
	}
	if closing < 0 {
		return nil, diag.Problem{File: file, Line: 1, Message: "front matter is not closed", Hint: "add a line with +++ after the last front matter key"}
	}
	nl := "\n"
	if bytes.HasSuffix(lines[insertAt-1], []byte("\r\n")) {
		nl = "\r\n"
	}
	var b bytes.Buffer
	b.Write(src[:start])
	for j, l := range lines {
		if j == insertAt {
			b.WriteString(`translated_from = "` + hash + `"` + nl)
		}
		b.Write(l)
	}
	return checkOnlyHashChanged(file, p, b.Bytes(), hash)
}

// checkOnlyHashChanged parses the rewritten file and compares it with the page as loaded.
func checkOnlyHashChanged(file string, p *content.Page, out []byte, hash string) ([]byte, error) {
	np, problems := content.ParsePage(p.Lang, p.Path, out)
	want := *p.FrontMatter
	want.TranslatedFrom = hash
	if problems.Err() != nil || np == nil || np.TranslatedFrom != hash ||
		!reflect.DeepEqual(*np.FrontMatter, want) || !bytes.Equal(np.Body, p.Body) {
		return nil, diag.Problem{File: file, Message: "cannot set translated_from here without changing something else",
			Hint: fmt.Sprintf("add translated_from = %q by hand near the top of the front matter", hash)}
	}
	return out, nil
}
