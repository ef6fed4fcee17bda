// Package sitecheck checks a built site the way tools outside the generator see it: every internal
// link and image points to a file that exists and, with a fragment, to an element id in it; and,
// when the Nu HTML Checker (npm vnu-jar) and Java are available, every page is valid HTML. The
// generator's own resolver already refuses broken links in Markdown; this package checks the
// finished output, including what layouts add.
package sitecheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Broken is one link that leads nowhere.
type Broken struct {
	Page   string // output file holding the link, slash path
	Target string // the href or src as written
	Reason string
}

func (b Broken) String() string { return fmt.Sprintf("%s: %s: %s", b.Page, b.Target, b.Reason) }

type page struct {
	ids   map[string]bool
	links []string
}

// Links checks every internal href and src of every HTML file under dir, and the targets of the
// hosting files (_redirects: each redirect's page and 404 page; _headers: each exact path). baseURL is the site's
// base URL ("https://example.org/"): absolute links under it (canonical, hreflang alternates) are
// checked like internal ones. Other external links are not followed.
func Links(dir, baseURL string) ([]Broken, error) {
	basePath := "/"
	if u, err := url.Parse(baseURL); err == nil && u.Path != "" {
		basePath = strings.TrimRight(u.Path, "/") + "/"
	}
	files := map[string]bool{}
	pages := map[string]*page{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		files[rel] = true
		if strings.HasSuffix(rel, ".html") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			pages[rel] = parse(b)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	broken, err := hostingRules(dir, basePath, files, pages)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, link := range pages[name].links {
			target := link
			if strings.HasPrefix(link, baseURL) {
				target = basePath + strings.TrimPrefix(link, baseURL)
			}
			if reason := check(target, name, basePath, files, pages); reason != "" {
				broken = append(broken, Broken{Page: name, Target: link, Reason: reason})
			}
		}
	}
	return broken, nil
}

func check(link, from, basePath string, files map[string]bool, pages map[string]*page) string {
	u, err := url.Parse(link)
	if err != nil {
		return "not a valid URL"
	}
	if u.Scheme != "" || u.Host != "" {
		return ""
	}
	target := from
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join("/", path.Dir(from), p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		} else {
			if !strings.HasPrefix(p, basePath) {
				return "outside the site's base path " + basePath
			}
			p = "/" + strings.TrimPrefix(p, basePath)
		}
		rel := strings.TrimPrefix(p, "/")
		switch {
		case rel == "" || strings.HasSuffix(rel, "/"):
			rel += "index.html"
		case !files[rel] && files[rel+"/index.html"]:
			rel += "/index.html"
		}
		if !files[rel] {
			return "no such file in the output"
		}
		target = rel
	}
	if u.Fragment != "" {
		pg := pages[target]
		if pg == nil {
			return ""
		}
		if !pg.ids[u.Fragment] {
			return "no element with id " + u.Fragment + " in " + target
		}
	}
	return ""
}

// parse collects the ids and the internal link targets of one page.
func parse(b []byte) *page {
	pg := &page{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return pg
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			key := string(k)
			switch {
			case key == "id" || (key == "name" && tag == "a"):
				pg.ids[string(v)] = true
			case key == "href" && (tag == "a" || tag == "link" || tag == "area"),
				key == "src" && (tag == "img" || tag == "script" || tag == "source" || tag == "iframe"):
				pg.links = append(pg.links, string(v))
			}
		}
	}
}

// hostingRules checks the paths that _redirects sends readers to and the exact (not wildcard)
// paths that _headers names: each must be a file of the output.
func hostingRules(dir, basePath string, files map[string]bool, pages map[string]*page) ([]Broken, error) {
	var broken []Broken
	for _, f := range []struct {
		name   string
		target func(fields []string) string
	}{
		{"_redirects", func(fields []string) string {
			if len(fields) >= 2 {
				return fields[1]
			}
			return ""
		}},
		{"_headers", func(fields []string) string {
			if len(fields) == 1 && strings.HasPrefix(fields[0], "/") && !strings.Contains(fields[0], "*") {
				return fields[0]
			}
			return ""
		}},
	} {
		if !files[f.name] {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "#") || strings.HasPrefix(line, " ") {
				continue
			}
			if t := f.target(strings.Fields(line)); t != "" {
				if reason := check(t, f.name, basePath, files, pages); reason != "" {
					broken = append(broken, Broken{Page: f.name, Target: t, Reason: reason})
				}
			}
		}
	}
	return broken, nil
}
