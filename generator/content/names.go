package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// One rule turns names into URLs: every file name, folder name, slug and alias segment becomes
// one segment of a URL path as it is, so it may hold only characters that need no escaping to
// mean the same thing in a URL path, on every file system the output is copied to, and in every
// file that lists URLs (sitemap, feeds, search index). Letters of any script are allowed (they are
// percent-encoded in the output by EscapePath); so are digits and - _ . ~.

// reservedNames are files the build writes beside pages: a page folder with one of these names
// would collide with them.
var reservedNames = map[string]bool{"index.html": true, "404.html": true, "feed.xml": true,
	"sitemap.xml": true, "robots.txt": true, "offline.json": true, "manifest.webmanifest": true,
	"_headers": true, "_redirects": true, "_nginx.conf": true}

// SegmentProblem says why name cannot be one segment of a URL path, or returns "" when it can.
func SegmentProblem(name string) string {
	if plainSegment(name) {
		return "" // the usual slug: no rule below can refuse it
	}
	switch {
	case name == "":
		return "it is empty"
	case !utf8.ValidString(name):
		return "it is not valid UTF-8 text"
	case strings.HasPrefix(name, "."):
		return "it starts with a dot (such names are hidden files, or mean this folder or the one above)"
	case strings.HasSuffix(name, "."):
		return "it ends with a dot (Windows drops it)"
	case strings.Contains(name, ".."):
		return "it contains .. (two dots), which looks like the folder above in a URL"
	case reservedNames[strings.ToLower(name)]:
		return fmt.Sprintf("%s is a file the build writes itself", strings.ToLower(name))
	}
	for _, r := range name {
		if !segmentRune(r) {
			return fmt.Sprintf("it contains %s, which cannot appear in a clean URL", describeRune(r))
		}
	}
	return ""
}

// plainSegment reports whether name is made of lowercase ASCII letters, digits and hyphens only:
// no reserved name is, and no dot rule applies.
func plainSegment(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func segmentRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.', r == '~':
		return true
	case r < utf8.RuneSelf:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func describeRune(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r == '\t':
		return "a tab"
	case r == '\n' || r == '\r':
		return "a line break"
	case r == 0:
		return "a NUL byte"
	case unicode.IsSpace(r):
		return fmt.Sprintf("a space character (U+%04X)", r)
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || !unicode.IsPrint(r):
		return fmt.Sprintf("an invisible control character (U+%04X)", r)
	}
	return fmt.Sprintf("%q", r)
}

// SuggestSlug makes a clean URL segment out of name: lowercase, with every run of other
// characters turned into one hyphen. It never returns an invalid segment.
func SuggestSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToValidUTF8(name, "-") {
		r = unicode.ToLower(r)
		if segmentRune(r) && r != '.' && r != '~' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	s := strings.Trim(b.String(), "-_")
	if s == "" || SegmentProblem(s) != "" {
		return "page"
	}
	return s
}

// CheckPath checks every segment of a slash path (a page's path inside its language folder, an
// alias) and returns the first problem with the offending segment, or "".
func CheckPath(p string) (segment, problem string) {
	for _, seg := range strings.Split(p, "/") {
		if why := SegmentProblem(seg); why != "" {
			return seg, why
		}
	}
	return "", ""
}

// NormalizeAlias checks an alias (an old site path that redirects to the page) and returns it
// with one trailing slash: "/id/lama" -> "/id/lama/". The alias must stay inside the site: no
// scheme or host, no "..", no empty segment, no query or fragment, and every segment passes the
// URL segment rule.
func NormalizeAlias(a string) (string, string) {
	if !strings.HasPrefix(a, "/") {
		return "", "it must be a site path starting with /"
	}
	if strings.HasPrefix(a, "//") {
		return "", "it starts with //, which names another host"
	}
	inner := strings.TrimSuffix(a[1:], "/")
	if inner == "" {
		return "", "/ is the site's own home (the language chooser)"
	}
	for _, seg := range strings.Split(inner, "/") {
		switch {
		case seg == "":
			return "", "it contains // (an empty folder name)"
		case seg == "." || seg == "..":
			return "", "it contains " + seg + " (it must name the old URL itself)"
		}
		if why := SegmentProblem(seg); why != "" {
			return "", fmt.Sprintf("%q: %s", seg, why)
		}
	}
	return "/" + inner + "/", ""
}
