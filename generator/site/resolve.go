package site

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // register decoders for image sizes
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"path"
	"strings"

	"pandu/generator/config"
	"pandu/generator/content"
	"pandu/generator/data"
	"pandu/generator/markdown"
)

// resolver answers one page's questions about the rest of the site (see markdown.Resolver).
// Links go to pages in the reader's language (page.Lang); labels are in the language the text is
// written in (textLang), which differs on a fallback page.
type resolver struct {
	b        *builder
	page     *content.Page
	doc      *markdown.Document // nil when asked again without the text (see recorder.replay)
	textLang string
	// unknown is set when an anchor was asked for whose text is not parsed yet.
	unknown bool
}

// Link resolves a non-external link destination. The URL it returns is percent-encoded the way
// every other output writes it (config.EscapePath).
func (r *resolver) Link(dest string) (string, error) {
	u, err := r.link(dest)
	return config.EscapePath(u), err
}

func (r *resolver) link(dest string) (string, error) {
	p, query, frag, err := parseDest(dest)
	if err != nil {
		return "", fmt.Errorf("%q is not a valid URL: %v", dest, err)
	}
	switch {
	case p == "":
		if frag != "" && !r.hasAnchor(r.page, frag) {
			return "", fmt.Errorf("this page has no heading or anchor #%s", frag)
		}
		return dest, nil
	case strings.HasSuffix(p, ".md"):
		target, err := r.pageByFile(p)
		if err != nil {
			return "", err
		}
		return r.withFragment(target, frag)
	case strings.HasPrefix(p, "/"):
		full := r.b.rebase(p)
		if target := r.b.byURL[full]; target != nil {
			return r.withFragment(target, frag)
		}
		if r.b.known(full) {
			if query != "" {
				full += "?" + query
			}
			return full + fragSuffix(frag), nil
		}
		return "", fmt.Errorf("nothing is published at %s", p)
	default:
		// A file beside the page (bundle resource or section file).
		full := path.Join(dirURL(r.page), p)
		if r.b.known(full) {
			return full + fragSuffix(frag), nil
		}
		return "", fmt.Errorf("%s: no such file beside this page", p)
	}
}

// parseDest returns the path, query and fragment of a link destination, as url.Parse finds
// them. Most destinations are a plain path, maybe with a fragment ("../persiapan/paspor.md#biaya"):
// those are split without url.Parse's allocations, since the preview resolves every link of the
// site again after a structural edit.
func parseDest(dest string) (p, query, frag string, err error) {
	p, frag, _ = strings.Cut(dest, "#")
	if strings.HasPrefix(p, "//") || !plainURLPart(p) || !plainURLPart(frag) {
		u, err := url.Parse(dest)
		if err != nil {
			return "", "", "", err
		}
		return u.Path, u.RawQuery, u.Fragment, nil
	}
	return p, "", frag, nil
}

// plainURLPart reports whether s holds only characters that url.Parse takes as they are in a
// path or fragment of a URL without scheme: no colon, percent sign, question mark, hash,
// space or control character.
func plainURLPart(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~/!$&'()*+,;=@", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// rebase puts a path written from the site's root (/img/map.png, /id/old-name/) under the base
// path of a site published in a folder (/pandu/img/map.png for https://org.github.io/pandu/). A
// path already under the base path is kept.
func (b *builder) rebase(p string) string {
	base := b.cfg.BasePath()
	if base == "/" || strings.HasPrefix(p, base) {
		return p
	}
	return base + strings.TrimPrefix(p, "/")
}

func fragSuffix(frag string) string {
	if frag == "" {
		return ""
	}
	return "#" + frag
}

// dirURL is the URL folder that relative resource paths of a page start from: the files beside
// the page whose text is shown (a fallback page uses its source's files).
func dirURL(p *content.Page) string { return p.Content().URL }

// pageByFile finds the page of a Markdown file path written relative to the current file (or to
// the language folder when it starts with /), in the reader's language.
func (r *resolver) pageByFile(p string) (*content.Page, error) {
	// The path is made in buf: a page's links are resolved again for every page a preview
	// rebuild keeps (recorder.replay), and a found page needs no string of its path.
	var buf [256]byte
	var rel []byte
	if strings.HasPrefix(p, "/") {
		rel = cleanPath(append(buf[:0], p...))[1:]
	} else {
		rel = append(buf[:0], r.page.Path...)
		rel = rel[:strings.LastIndexByte(r.page.Path, '/')+1] // the page's folder, with its slash
		rel = cleanPath(append(rel, p...))
	}
	if bytes.HasPrefix(rel, []byte("../")) || string(rel) == ".." {
		return nil, fmt.Errorf("%s points outside the language folder", p)
	}
	lang := r.b.site.ByLang[r.page.Lang]
	if t := lang.ByPath[string(rel)]; t != nil {
		return t, nil
	}
	var index [256]byte
	if t := lang.ByPath[string(append(append(index[:0], bytes.TrimSuffix(rel, []byte(".md"))...), "/index.md"...))]; t != nil {
		return t, nil
	}
	file := string(rel) // not found: the error names it
	if lang.Drafts[file] {
		return nil, fmt.Errorf("content/%s/%s is a draft and is not published: set draft = false in it once it is ready, or link to another page until then", r.page.Lang, file)
	}
	if r.b.unloaded["content/"+r.page.Lang+"/"+file] {
		return nil, fmt.Errorf("content/%s/%s has an error of its own (listed with it): the link works again once that is fixed", r.page.Lang, file)
	}
	return nil, fmt.Errorf("there is no page content/%s/%s", r.page.Lang, file)
}

// cleanPath cleans the slash-separated path p in place, as path.Clean does, and returns it; a
// path that comes to nothing is ".". Cleaning never lengthens a path: each byte is written at
// or before the place it is read from.
func cleanPath(p []byte) []byte {
	rooted := len(p) > 0 && p[0] == '/'
	r, w, dotdot := 0, 0, 0 // read and write index, and where ".." can no longer go back
	if rooted {
		r, w, dotdot = 1, 1, 1
	}
	for r < len(p) {
		switch {
		case p[r] == '/':
			r++
		case p[r] == '.' && (r+1 == len(p) || p[r+1] == '/'):
			r++
		case p[r] == '.' && p[r+1] == '.' && (r+2 == len(p) || p[r+2] == '/'):
			r += 2
			switch {
			case w > dotdot: // drop the last element
				w--
				for w > dotdot && p[w] != '/' {
					w--
				}
			case !rooted: // a ".." that stays
				if w > 0 {
					p[w] = '/'
					w++
				}
				p[w], p[w+1] = '.', '.'
				w += 2
				dotdot = w
			}
		default:
			if w > 0 && !(rooted && w == 1) {
				p[w] = '/'
				w++
			}
			for ; r < len(p) && p[r] != '/'; r++ {
				p[w] = p[r]
				w++
			}
		}
	}
	if w == 0 {
		return append(p[:0], '.')
	}
	return p[:w]
}

func (r *resolver) withFragment(target *content.Page, frag string) (string, error) {
	if frag == "" {
		return target.URL, nil
	}
	if !r.hasAnchor(target, frag) {
		return "", fmt.Errorf("%s has no heading or anchor #%s", target.Content().File, frag)
	}
	return target.URL + "#" + frag, nil
}

// hasAnchor reports whether the text of target has the heading or anchor id. When that text is
// not parsed yet (a build parses and renders its pages in one pass), the check waits until every
// page is (builder.checkAnchorsLater) and the link is made as if the anchor existed.
func (r *resolver) hasAnchor(target *content.Page, id string) bool {
	c := target.Content()
	if r.doc != nil && c == r.page.Content() {
		return r.doc.HasAnchor(id)
	}
	set, known := r.b.anchorsOf(c)
	if !known {
		r.unknown = true
		if r.doc != nil {
			r.b.checkLater(r.page.Content())
		}
		return true
	}
	return set[id]
}

// Image resolves a local image and reads its size.
func (r *resolver) Image(dest string) (string, int, int, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", 0, 0, fmt.Errorf("%q is not a valid image path", dest)
	}
	full := u.Path
	if !strings.HasPrefix(full, "/") {
		full = path.Join(dirURL(r.page), full)
	} else {
		full = r.b.rebase(full)
	}
	disk := r.b.diskPath(full)
	if disk == "" {
		return "", 0, 0, fmt.Errorf("image %s not found (put it in static/ or beside the page in a page bundle)", dest)
	}
	w, h := r.b.imageSize(disk)
	return config.EscapePath(full), w, h, nil
}

// LawRef resolves [[UU18:6(1)j]] to the law page's anchor and a label in the text's language.
func (r *resolver) LawRef(ref markdown.LawRef) (string, string, error) {
	law := r.b.cfg.Laws[ref.Law]
	if law == nil {
		var known []string
		for k := range r.b.cfg.Laws {
			known = append(known, k)
		}
		return "", "", fmt.Errorf("unknown law %q in [[%s:...]] (site.toml [laws] has: %s)", ref.Law, ref.Law, strings.Join(sorted(known), ", "))
	}
	target := r.b.site.ByLang[r.page.Lang].ByPath[law.Page]
	if target == nil {
		return "", "", fmt.Errorf("the law page %s of %s does not exist in content/%s/", law.Page, ref.Law, r.page.Lang)
	}
	anchor := fmt.Sprintf(law.Anchor, strings.ToLower(ref.Article))
	if !r.hasAnchor(target, anchor) {
		return "", "", fmt.Errorf("the law page %s has no article %s (no heading with {#%s})", target.Content().File, ref.Article, anchor)
	}
	label, err := r.b.lawLabel(r.textLang, ref)
	if err != nil {
		return "", "", err
	}
	return config.EscapePath(target.URL + "#" + anchor), label, nil
}

// Term resolves a glossary key in the text's language.
func (r *resolver) Term(key string) (string, string, string, error) {
	g := r.b.glossaries[r.textLang]
	if g == nil {
		return "", "", "", fmt.Errorf("there is no glossary for %s (content/_data/glossary/%s.toml)", r.textLang, r.textLang)
	}
	t := g.Terms[key]
	if t == nil {
		return "", "", "", fmt.Errorf("not defined in content/_data/glossary/%s.toml", r.textLang)
	}
	gp := r.b.cfg.Glossary.Page
	target := r.b.site.ByLang[r.page.Lang].ByPath[gp]
	if gp == "" || target == nil {
		return "", "", "", fmt.Errorf("glossary page not found: set [glossary] page in site.toml to a page that exists")
	}
	return config.EscapePath(target.URL + "#" + TermAnchor(key)), t.Term, t.Definition, nil
}

// TermAnchor is the anchor of a glossary entry on the glossary page.
func TermAnchor(key string) string { return "term-" + key }

// Contact returns a contact card in the text's language.
func (r *resolver) Contact(key string) (*data.Contact, error) {
	if r.b.contacts == nil {
		return nil, fmt.Errorf("there is no content/_data/contacts.toml")
	}
	if !r.b.contacts.Has(key) {
		return nil, fmt.Errorf("not defined in content/_data/contacts.toml (known: %s)", strings.Join(r.b.contacts.Keys(), ", "))
	}
	c, err := r.b.contacts.Localize(key, r.textLang, r.Label,
		func(t timeT) string { return r.b.catalog.FormatDate(r.textLang, t) })
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Label returns a UI string in the text's language.
func (r *resolver) Label(key string) string {
	return r.b.catalog.Label(r.textLang, strings.ReplaceAll(key, ".", "_"))
}

func (b *builder) lawLabel(lang string, ref markdown.LawRef) (string, error) {
	label, err := b.catalog.T(lang, "law_article", map[string]any{"Article": ref.Article})
	if err != nil {
		return "", err
	}
	if ref.Paragraph != "" {
		s, err := b.catalog.T(lang, "law_paragraph", map[string]any{"Paragraph": ref.Paragraph})
		if err != nil {
			return "", err
		}
		label += s
	}
	if ref.Letter != "" {
		s, err := b.catalog.T(lang, "law_letter", map[string]any{"Letter": ref.Letter})
		if err != nil {
			return "", err
		}
		label += s
	}
	return label, nil
}

// imageSize reads an image's pixel size once per file.
func (b *builder) imageSize(disk string) (int, int) {
	if v, ok := b.imageSizes.Load(disk); ok {
		s := v.([2]int)
		return s[0], s[1]
	}
	w, h := 0, 0
	if data, err := b.src.ReadFile(disk, b.cfg.MaxFile()); err == nil {
		if c, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			w, h = c.Width, c.Height
		}
	}
	b.imageSizes.Store(disk, [2]int{w, h})
	return w, h
}
