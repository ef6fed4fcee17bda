package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"pandu/generator/config"
	"pandu/generator/diag"
)

// The hosting files: what static hosts read beside the site, all under the site's base path.
//
//   - _headers (Netlify, Cloudflare Pages): security headers for every file; no-cache for the
//     HTML, sw.js and the manifests (the pages change with every build, the service worker must
//     be fetched fresh); a year of immutable caching for fingerprinted CSS and JS.
//   - _redirects (Netlify, Cloudflare Pages): every alias as a real 301 to its page, and each
//     language's 404 page for unknown addresses under that language.
//   - _nginx.conf: the same for nginx, to include in a server block (README "Publishing").
//
// The HTML redirect pages of the aliases stay, for hosts that read none of these (GitHub Pages).
const (
	headersFile   = "_headers"
	redirectsFile = "_redirects"
	nginxFile     = "_nginx.conf"
)

// HostingFiles are the names of the hosting files at the root of the output.
var HostingFiles = []string{headersFile, redirectsFile, nginxFile}

const (
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheNone      = "no-cache"
)

// securityHeaders are sent with every file, in this order. The Content-Security-Policy is added
// before them (it depends on the build).
var securityHeaders = [][2]string{
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"X-Frame-Options", "DENY"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
}

// inlineCode collects, from every HTML file as it is written, what the Content-Security-Policy
// must allow: the hashes of inline <style> and <script> elements, and the first file (by path)
// with a style attribute or an event handler attribute. Collecting while writing means the
// hosting files never read the output back.
type inlineCode struct {
	mu                     sync.Mutex
	styles, scripts        map[string]bool
	styleAttrIn, handlerIn string
}

// inspect looks at one written file; safe for concurrent use.
func (c *inlineCode) inspect(rel string, data []byte) {
	if !strings.HasSuffix(rel, ".html") {
		return
	}
	var styles, scripts []string
	eachElement(data, "style", func(_, text []byte) {
		styles = append(styles, hashSource(text))
	})
	eachElement(data, "script", func(attrs, text []byte) {
		if !bytes.Contains(attrs, []byte("src=")) && len(text) > 0 {
			scripts = append(scripts, hashSource(text))
		}
	})
	hasStyleAttr, hasHandler := tagAttrs(data)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.styles == nil {
		c.styles, c.scripts = map[string]bool{}, map[string]bool{}
	}
	for _, h := range styles {
		c.styles[h] = true
	}
	for _, h := range scripts {
		c.scripts[h] = true
	}
	if hasStyleAttr && (c.styleAttrIn == "" || rel < c.styleAttrIn) {
		c.styleAttrIn = rel
	}
	if hasHandler && (c.handlerIn == "" || rel < c.handlerIn) {
		c.handlerIn = rel
	}
}

// csp is the Content-Security-Policy of the site: only its own scripts, styles, images (and data:
// images of the offline pack), no plugins, no framing. The inline <style> and <script> elements
// of the output (the offline pack inlines its CSS) are allowed by their SHA-256 hash, never by
// 'unsafe-inline', except for style attributes, which hashes cannot allow: a page with one
// (raw HTML with unsafe_html) makes the build warn and allow inline styles.
func (b *builder) csp() string {
	c := &b.inline
	c.mu.Lock()
	defer c.mu.Unlock()
	styleSrc := "'self'" + sources(c.styles)
	if c.styleAttrIn != "" {
		styleSrc = "'self' 'unsafe-inline'"
		b.problems.Add(diag.Problem{File: b.opts.Dest + "/" + c.styleAttrIn, Warning: true,
			Message: "a style attribute is in the output: the Content-Security-Policy of _headers and _nginx.conf allows inline styles ('unsafe-inline') for the whole site",
			Hint:    "style elements with a class in static/css instead of style=\"...\" in raw HTML"})
	}
	if c.handlerIn != "" {
		b.problems.Add(diag.Problem{File: b.opts.Dest + "/" + c.handlerIn, Warning: true,
			Message: "an event handler attribute (on...=) is in the output: the Content-Security-Policy blocks it",
			Hint:    "move the script into a file under static/js"})
	}
	return "default-src 'self'; script-src 'self'" + sources(c.scripts) + "; style-src " + styleSrc +
		"; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
}

// tagAttrs reports whether data has, inside a start tag, a style attribute and an event handler
// attribute, each directly followed by "=": the patterns <[a-zA-Z][^>]*\sstyle= and
// <[a-zA-Z][^>]*\son[a-z]+=, found in one pass over the tags without a regular expression, which
// backtracked over every tag of every page. The text between tags is skipped at once.
func tagAttrs(data []byte) (style, handler bool) {
	for i := 0; i < len(data) && !(style && handler); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		at := i + j
		if at+1 >= len(data) || !isLetter(data[at+1]) {
			i = at + 1
			continue
		}
		// The tag runs to the next '>'. A '<' inside it starts a tag that ends there too, whose
		// attributes are a part of this one's: one look covers both.
		end := len(data)
		if k := bytes.IndexByte(data[at+2:], '>'); k >= 0 {
			end = at + 2 + k
		}
		tag := data[at+2 : end]
		for k := 0; k < len(tag); k++ {
			if !isSpace(tag[k]) {
				continue
			}
			rest := tag[k+1:]
			style = style || bytes.HasPrefix(rest, []byte("style="))
			if len(rest) > 2 && rest[0] == 'o' && rest[1] == 'n' {
				e := 2
				for e < len(rest) && 'a' <= rest[e] && rest[e] <= 'z' {
					e++
				}
				handler = handler || e > 2 && e < len(rest) && rest[e] == '='
			}
		}
		i = end
	}
	return style, handler
}

// eachElement calls fn with the attributes (from the white space after the name on) and the text
// of each element <tag ...>text</tag> in the HTML data, in order. Every page is looked at as it is
// written: a scan, where a regular expression cost a twentieth of the build.
func eachElement(data []byte, tag string, fn func(attrs, text []byte)) {
	open, end := []byte("<"+tag), []byte("</"+tag+">")
	for i := 0; ; {
		j := bytes.Index(data[i:], open)
		if j < 0 {
			return
		}
		at := i + j + len(open)
		if at >= len(data) {
			return
		}
		if c := data[at]; c != '>' && !isSpace(c) { // another name, such as <scripts>
			i = at
			continue
		}
		gt := bytes.IndexByte(data[at:], '>')
		if gt < 0 {
			return
		}
		start := at + gt + 1
		k := bytes.Index(data[start:], end)
		if k < 0 {
			return
		}
		fn(data[at:at+gt], data[start:start+k])
		i = start + k + len(end)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func hashSource(text []byte) string {
	sum := sha256.Sum256(text)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func sources(set map[string]bool) string {
	var list []string
	for s := range set {
		list = append(list, s)
	}
	sort.Strings(list)
	if len(list) == 0 {
		return ""
	}
	return " " + strings.Join(list, " ")
}

// immutableAssets are the site paths of the fingerprinted static files (their name changes with
// their content), sorted.
func (b *builder) immutableAssets() []string {
	var list []string
	for rel, u := range b.assets {
		if u != b.cfg.BasePath()+rel {
			list = append(list, config.EscapePath(u))
		}
	}
	sort.Strings(list)
	return list
}

// alias is one old URL and the page it moved to.
type alias struct{ from, to string }

func (b *builder) aliases() []alias {
	var list []alias
	for _, pg := range b.site.Pages {
		for _, a := range pg.Aliases {
			list = append(list, alias{config.EscapePath(a), config.EscapePath(pg.URL)})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].from < list[j].from })
	return list
}

// writeHosting writes _headers, _redirects and _nginx.conf. It runs after every page is written:
// the Content-Security-Policy hashes the inline styles and scripts of the output.
func (b *builder) writeHosting() error {
	csp := b.csp()
	base := b.cfg.BasePath()
	var langs []string
	for _, l := range b.site.Languages {
		langs = append(langs, config.EscapePath(l.Home.URL))
	}
	assets, aliases := b.immutableAssets(), b.aliases()
	security := append([][2]string{{"Content-Security-Policy", csp}}, securityHeaders...)

	var h strings.Builder
	h.WriteString("# HTTP headers for Netlify and Cloudflare Pages, written by pandu build (see README, Publishing).\n")
	h.WriteString("# Every file: security headers. HTML, the service worker, manifests and data: no-cache (checked\n")
	h.WriteString("# again on every visit). Fingerprinted CSS and JS: cached for a year, as their name changes\n")
	h.WriteString("# with their content.\n")
	rule := func(path string, headers ...[2]string) {
		h.WriteString(path + "\n")
		for _, kv := range headers {
			h.WriteString("  " + kv[0] + ": " + kv[1] + "\n")
		}
	}
	rule(base+"*", security...)
	noCache := [2]string{"Cache-Control", cacheNone}
	rule(base, noCache)
	for _, f := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "sw.js"} {
		rule(base+f, noCache)
	}
	for _, l := range langs {
		rule(l+"*", noCache)
	}
	for _, a := range assets {
		rule(a, [2]string{"Cache-Control", cacheImmutable})
	}
	if err := b.writeRaw(config.FileName, headersFile, []byte(h.String())); err != nil {
		return err
	}

	var r strings.Builder
	r.WriteString("# Redirects for Netlify and Cloudflare Pages, written by pandu build (see README, Publishing).\n")
	r.WriteString("# Old addresses (aliases in front matter) move permanently to their page; the ! makes Netlify\n")
	r.WriteString("# redirect although the old address still has its HTML redirect page (for other hosts).\n")
	for _, a := range aliases {
		fmt.Fprintf(&r, "%s %s 301!\n", a.from, a.to)
	}
	r.WriteString("# Unknown addresses: the 404 page of their language (Cloudflare Pages finds the nearest\n")
	r.WriteString("# 404.html by itself).\n")
	for _, l := range langs {
		fmt.Fprintf(&r, "%s* %s404.html 404\n", l, l)
	}
	fmt.Fprintf(&r, "%s* %s404.html 404\n", base, base)
	if err := b.writeRaw(config.FileName, redirectsFile, []byte(r.String())); err != nil {
		return err
	}
	return b.writeRaw(config.FileName, nginxFile, []byte(nginxConf(base, langs, assets, aliases, security)))
}

// nginxConf is the server-block part of the nginx configuration: include it in a server block
// whose root holds the site at its base path (README "Publishing").
func nginxConf(base string, langs, assets []string, aliases []alias, security [][2]string) string {
	var c strings.Builder
	c.WriteString("# nginx configuration of the site, written by pandu build (see README, Publishing).\n")
	c.WriteString("# Include it inside a server block whose root holds the site at " + base + ":\n")
	c.WriteString("#   server { listen 80; server_name guides.example.org; root /srv/www; include /srv/www" + base + nginxFile + "; }\n")
	c.WriteString("# It does what _headers and _redirects do on Netlify: security headers, caching, alias\n")
	c.WriteString("# redirects and each language's 404 page, and compresses text with gzip.\n\n")
	c.WriteString("charset utf-8;\ncharset_types text/css application/javascript application/json application/manifest+json text/xml application/atom+xml image/svg+xml;\n")
	c.WriteString("index index.html;\nabsolute_redirect off;\nserver_tokens off;\n")
	c.WriteString("gzip on;\ngzip_vary on;\ngzip_comp_level 6;\ngzip_min_length 256;\n")
	c.WriteString("gzip_types text/css application/javascript text/javascript application/json application/manifest+json text/xml application/xml application/atom+xml image/svg+xml text/plain;\n")
	fmt.Fprintf(&c, "error_page 404 %s404.html;\n\n", base)
	headers := func(indent string, cache string) {
		for _, kv := range security {
			fmt.Fprintf(&c, "%sadd_header %s %s always;\n", indent, kv[0], nginxQuote(kv[1]))
		}
		fmt.Fprintf(&c, "%sadd_header Cache-Control %s always;\n", indent, nginxQuote(cache))
	}
	c.WriteString("# The hosting files and the build's marker are not part of the site (/.well-known/ stays\n# reachable, for certificate renewal).\n")
	fmt.Fprintf(&c, "location ~ ^%s(_headers|_redirects|_nginx\\.conf)$ { return 404; }\n", regexp.QuoteMeta(base))
	c.WriteString("location ~ /\\.(?!well-known(/|$)) { return 404; }\n\n")
	c.WriteString("# Every file: security headers, checked again on every visit (no-cache).\n")
	fmt.Fprintf(&c, "location %s {\n", base)
	headers("    ", cacheNone)
	c.WriteString("}\n")
	c.WriteString("# Each language: its own 404 page.\n")
	for _, l := range langs {
		fmt.Fprintf(&c, "location %s {\n    error_page 404 %s404.html;\n", l, l)
		headers("    ", cacheNone)
		c.WriteString("}\n")
	}
	c.WriteString("# Web app manifests.\n")
	c.WriteString("location ~ \\.webmanifest$ {\n    types { }\n    default_type application/manifest+json;\n")
	headers("    ", cacheNone)
	c.WriteString("}\n")
	c.WriteString("# Fingerprinted CSS and JS: their name changes with their content.\n")
	for _, a := range assets {
		fmt.Fprintf(&c, "location = %s {\n", a)
		headers("    ", cacheImmutable)
		c.WriteString("}\n")
	}
	if len(aliases) > 0 {
		c.WriteString("# Old addresses (aliases in front matter): permanent redirects.\n")
	}
	for _, a := range aliases {
		fmt.Fprintf(&c, "location = %s { return 301 %s; }\n", a.from, a.to)
		if from := strings.TrimSuffix(a.from, "/"); from != a.from {
			fmt.Fprintf(&c, "location = %s { return 301 %s; }\n", from, a.to)
		}
	}
	return c.String()
}

// nginxQuote quotes a header value for nginx.
func nginxQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
