package markdown

import (
	"bytes"
	stdhtml "html"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// isExternal reports whether a link destination leaves the site: it has a scheme (https:,
// mailto:, tel:, ...) or starts with "//".
func isExternal(dest []byte) bool {
	if bytes.HasPrefix(dest, []byte("//")) {
		return true
	}
	for i, c := range dest {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// DangerousScheme returns the scheme of a URL that runs code when opened ("javascript:",
// "vbscript:", "data:" other than an image), as a browser reads it: after HTML character
// references are decoded and tabs, line breaks and other control characters are dropped, in any
// case. It returns "" for any other URL.
func DangerousScheme(dest string) string {
	s := stdhtml.UnescapeString(dest)
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	for _, scheme := range []string{"javascript:", "vbscript:", "livescript:"} {
		if strings.HasPrefix(s, scheme) {
			return scheme
		}
	}
	if strings.HasPrefix(s, "data:") {
		for _, ok := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp", "data:image/avif"} {
			if strings.HasPrefix(s, ok) {
				return ""
			}
		}
		return "data:"
	}
	return ""
}

// externalLinkTransformer adds rel="noopener" to external links and autolinks; local links
// are left for Document.Resolve.
type externalLinkTransformer struct{}

func (externalLinkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if isExternal(n.Destination) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case *ast.AutoLink:
			n.SetAttributeString("rel", []byte("noopener"))
		}
		return ast.WalkContinue, nil
	})
}

func (st *resolveState) resolveLink(n *ast.Link, dest string) {
	url, err := st.r.Link(dest)
	if err != nil {
		st.problem(n, "broken link %q: %v", dest, err)
		n.Destination = []byte(dest)
		return
	}
	n.Destination = []byte(url)
}

func (st *resolveState) resolveImage(n *ast.Image, dest string) {
	src, width, height, err := st.r.Image(dest)
	dropAttribute(n, "width")
	dropAttribute(n, "height")
	if err != nil {
		st.problem(n, "broken image %q: %v", dest, err)
		n.Destination = []byte(dest)
		return
	}
	n.Destination = []byte(src)
	if width > 0 && height > 0 {
		n.SetAttributeString("width", []byte(strconv.Itoa(width)))
		n.SetAttributeString("height", []byte(strconv.Itoa(height)))
	}
}

// imageHTMLRenderer renders images as
// <img src alt [title] [width height] loading="lazy" decoding="async">.
type imageHTMLRenderer struct {
	unsafe bool
}

func (r *imageHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.renderImage)
}

func (r *imageHTMLRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	dest := util.URLEscape(n.Destination, true)
	if r.unsafe || !html.IsDangerousURL(dest) || placed(n) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(inlineText(n, src))))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(unescape(n.Title)))
		_ = w.WriteByte('"')
	}
	for _, name := range []string{"width", "height"} {
		if v, ok := n.AttributeString(name); ok {
			_, _ = w.WriteString(" " + name + `="`)
			_, _ = w.Write(util.EscapeHTML([]byte(attrString(v))))
			_ = w.WriteByte('"')
		}
	}
	_, _ = w.WriteString(` loading="lazy" decoding="async">`)
	return ast.WalkSkipChildren, nil
}

// linksExtension marks external links and renders images; local links and images are
// resolved by Document.Resolve.
type linksExtension struct {
	unsafe bool
}

func (e *linksExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(externalLinkTransformer{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&imageHTMLRenderer{unsafe: e.unsafe}, 100)))
}
