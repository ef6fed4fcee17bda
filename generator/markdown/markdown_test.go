package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

type convertCase struct {
	name       string
	src        string
	lineOffset int
	want       string   // expected HTML
	problems   []string // expected problems, "line:col: message"
}

func runCases(t *testing.T, c *Converter, cases []convertCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, probs, _ := convert(t, c, tc.src, tc.lineOffset)
			if got != tc.want {
				t.Errorf("HTML of %q\n got: %q\nwant: %q", tc.src, got, tc.want)
			}
			var gotProbs []string
			for _, p := range probs {
				gotProbs = append(gotProbs, fmt.Sprintf("%d:%d: %s", p.Line, p.Column, p.Message))
			}
			if !reflect.DeepEqual(gotProbs, tc.problems) {
				t.Errorf("problems of %q\n got: %q\nwant: %q", tc.src, gotProbs, tc.problems)
			}
		})
	}
}

var safe = New(Options{Theme: testTheme})

func TestHeadingIDs(t *testing.T) {
	runCases(t, safe, []convertCase{
		{name: "slug", src: "## Hak Anda\n", want: "<h2 id=\"hak-anda\">Hak Anda</h2>\n"},
		{name: "punctuation runs", src: "## Gaji -- & Upah?! (2026)\n", want: "<h2 id=\"gaji-upah-2026\">Gaji -- &amp; Upah?! (2026)</h2>\n"},
		{name: "inline markup", src: "# Hak *Anda* dan `kode`\n", want: "<h1 id=\"hak-anda-dan-kode\">Hak <em>Anda</em> dan <code>kode</code></h1>\n"},
		{name: "accents folded", src: "## Éducation à l'étranger\n", want: "<h2 id=\"education-a-l-etranger\">Éducation à l'étranger</h2>\n"},
		{name: "unicode letters kept", src: "## 日本語 テスト\n", want: "<h2 id=\"日本語-テスト\">日本語 テスト</h2>\n"},
		{name: "no letters", src: "## ***\n", want: "<h2 id=\"section\">***</h2>\n"},
		// Issue 15: the marks of other scripts belong to their letters; Latin accents fold the same
		// way whether typed precomposed or decomposed (Vietnamese has both).
		{name: "hindi marks kept", src: "## समाधान और सहायता\n", want: "<h2 id=\"समाधान-और-सहायता\">समाधान और सहायता</h2>\n"},
		{name: "hindi virama kept", src: "## क्या करें\n", want: "<h2 id=\"क्या-करें\">क्या करें</h2>\n"},
		{name: "thai marks kept", src: "## สิทธิ์\n", want: "<h2 id=\"สิทธิ์\">สิทธิ์</h2>\n"},
		{name: "vietnamese precomposed", src: "## Quyền lợi người lao động\n", want: "<h2 id=\"quyen-loi-nguoi-lao-dong\">Quyền lợi người lao động</h2>\n"},
		{name: "vietnamese decomposed", src: "## Quye\u0302\u0300n lo\u031b\u0323i\n", want: "<h2 id=\"quyen-loi\">Quye\u0302\u0300n lo\u031b\u0323i</h2>\n"},
		{name: "devanagari nukta, precomposed or not", src: "## \u0958\u093e \u0915\u093c\u093e\n", want: "<h2 id=\"\u0915\u093c\u093e-\u0915\u093c\u093e\">\u0958\u093e \u0915\u093c\u093e</h2>\n"},
		{name: "explicit with marks", src: "## A {#समाधान}\n", want: "<h2 id=\"समाधान\">A</h2>\n"},
		{name: "setext", src: "Hak Anda\n--------\n", want: "<h2 id=\"hak-anda\">Hak Anda</h2>\n"},
		{name: "duplicates", src: "## Hak Anda\n\n## Hak Anda\n\n### Hak anda\n",
			want: "<h2 id=\"hak-anda\">Hak Anda</h2>\n<h2 id=\"hak-anda-1\">Hak Anda</h2>\n<h3 id=\"hak-anda-2\">Hak anda</h3>\n"},
		{name: "explicit", src: "## Pasal 6: Hak dan kewajiban {#pasal-6}\n", want: "<h2 id=\"pasal-6\">Pasal 6: Hak dan kewajiban</h2>\n"},
		{name: "explicit wins over earlier auto", src: "## Foo\n\n## Bar {#foo}\n", want: "<h2 id=\"foo-1\">Foo</h2>\n<h2 id=\"foo\">Bar</h2>\n"},
		{name: "duplicate explicit", src: "## A {#x}\n\n## B {#x}\n", lineOffset: 4,
			want:     "<h2 id=\"x\">A</h2>\n<h2 id=\"b\">B</h2>\n",
			problems: []string{`7:1: duplicate heading id "x": already used by the heading on line 1 of the body`}},
		{name: "invalid explicit", src: "## A {id=\"a b\"}\n", want: "<h2 id=\"a\">A</h2>\n",
			problems: []string{`1:1: invalid heading id "a b": use only letters, digits, "-" and "_"`}},
		{name: "never like a footnote id", src: "## fn:1\n\n## B {#fn:2}\n", want: "<h2 id=\"fn-1\">fn:1</h2>\n<h2 id=\"b\">B</h2>\n",
			problems: []string{`3:1: invalid heading id "fn:2": use only letters, digits, "-" and "_"`}},
		{name: "custom nodes in heading", src: "## Tentang [[term:cpmi]] dan [[UU18:6]]\n",
			want: "<h2 id=\"tentang-cpmi-dan-uu18-6\">Tentang <a class=\"term\" href=\"/id/glosarium/#cpmi\">CPMI</a> dan <a class=\"lawref\" href=\"/id/hukum/uu-18-2017/#pasal-6\">Pasal 6</a></h2>\n"},
	})
}

func TestHeadingsAndTOC(t *testing.T) {
	src := "# Judul\n\n## Satu\n\n### Satu A\n\n#### Dalam\n\n### Satu B\n\n## Dua [[term:cpmi]]\n\n#### Lompat\n\n### Dua A\n"
	d := safe.Parse([]byte(src), 3)
	wantHeadings := []Heading{
		{1, "judul", "Judul", 4}, {2, "satu", "Satu", 6}, {3, "satu-a", "Satu A", 8}, {4, "dalam", "Dalam", 10},
		{3, "satu-b", "Satu B", 12}, {2, "dua-cpmi", "Dua cpmi", 14}, {4, "lompat", "Lompat", 16}, {3, "dua-a", "Dua A", 18},
	}
	if !reflect.DeepEqual(d.Headings, wantHeadings) {
		t.Errorf("Headings after Parse\n got: %+v\nwant: %+v", d.Headings, wantHeadings)
	}
	if probs := d.Resolve(fakeResolver{}); len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	wantHeadings[5].Text = "Dua CPMI"
	if !reflect.DeepEqual(d.Headings, wantHeadings) {
		t.Errorf("Headings after Resolve\n got: %+v\nwant: %+v", d.Headings, wantHeadings)
	}
	want := []TOCEntry{
		{Level: 2, ID: "satu", Text: "Satu", Children: []TOCEntry{
			{Level: 3, ID: "satu-a", Text: "Satu A"},
			{Level: 3, ID: "satu-b", Text: "Satu B"},
		}},
		{Level: 2, ID: "dua-cpmi", Text: "Dua CPMI", Children: []TOCEntry{
			{Level: 3, ID: "dua-a", Text: "Dua A"},
		}},
	}
	if got := d.TOC(2, 3); !reflect.DeepEqual(got, want) {
		t.Errorf("TOC(2,3)\n got: %+v\nwant: %+v", got, want)
	}
	// A skipped level nests under the nearest smaller level; h4 and h3 under h2 are siblings.
	want4 := []TOCEntry{
		{Level: 2, ID: "satu", Text: "Satu", Children: []TOCEntry{
			{Level: 3, ID: "satu-a", Text: "Satu A", Children: []TOCEntry{{Level: 4, ID: "dalam", Text: "Dalam"}}},
			{Level: 3, ID: "satu-b", Text: "Satu B"},
		}},
		{Level: 2, ID: "dua-cpmi", Text: "Dua CPMI", Children: []TOCEntry{
			{Level: 4, ID: "lompat", Text: "Lompat"},
			{Level: 3, ID: "dua-a", Text: "Dua A"},
		}},
	}
	if got := d.TOC(2, 4); !reflect.DeepEqual(got, want4) {
		t.Errorf("TOC(2,4)\n got: %+v\nwant: %+v", got, want4)
	}
	// Starting deeper than minLevel: entries stay at the top.
	d2 := safe.Parse([]byte("### A\n\n## B\n"), 0)
	want2 := []TOCEntry{{Level: 3, ID: "a", Text: "A"}, {Level: 2, ID: "b", Text: "B"}}
	if got := d2.TOC(2, 3); !reflect.DeepEqual(got, want2) {
		t.Errorf("TOC of ### then ##\n got: %+v\nwant: %+v", got, want2)
	}
	if got := safe.Parse([]byte("text\n"), 0).TOC(2, 3); got != nil {
		t.Errorf("TOC without headings = %+v, want nil", got)
	}
}

func TestHasAnchor(t *testing.T) {
	src := "## Hak Anda\n\n## Pasal 6 {#pasal-6}\n\nTeks[^a] dan lagi[^a].\n\n[[contact:kp2mi]]\n\n[^a]: Catatan.\n"
	d := safe.Parse([]byte(src), 0)
	for _, id := range []string{"hak-anda", "pasal-6", "fn:1", "fnref:1", "fnref1:1", "contact-kp2mi"} {
		if !d.HasAnchor(id) {
			t.Errorf("HasAnchor(%q) = false", id)
		}
	}
	for _, id := range []string{"", "hak", "fn:2", "a", "contact-x"} {
		if d.HasAnchor(id) {
			t.Errorf("HasAnchor(%q) = true", id)
		}
	}
}

func TestLinks(t *testing.T) {
	runCases(t, safe, []convertCase{
		{name: "relative md", src: "[paspor](../persiapan/paspor.md)\n", want: "<p><a href=\"/id/persiapan/paspor/\">paspor</a></p>\n"},
		{name: "with fragment", src: "[paspor](../persiapan/paspor.md#paspor)\n", want: "<p><a href=\"/id/persiapan/paspor/#paspor\">paspor</a></p>\n"},
		{name: "same page fragment", src: "[atas](#hak-anda)\n", want: "<p><a href=\"#hak-anda\">atas</a></p>\n"},
		{name: "site path", src: "[x](/id/x/ \"Judul\")\n", want: "<p><a href=\"/id/x/\" title=\"Judul\">x</a></p>\n"},
		{name: "reference link", src: "Lihat [paspor][p].\n\n[p]: ../persiapan/paspor.md\n", want: "<p>Lihat <a href=\"/id/persiapan/paspor/\">paspor</a>.</p>\n"},
		{name: "broken with line and column", lineOffset: 7,
			src:  "Satu.\n\nLihat [dokumen](../persiapan/dokumen.md) dan\n[paspor](../persiapan/paspor.md#visa).\n",
			want: "<p>Satu.</p>\n<p>Lihat <a href=\"../persiapan/dokumen.md\">dokumen</a> dan\n<a href=\"../persiapan/paspor.md#visa\">paspor</a>.</p>\n",
			problems: []string{
				`10:7: broken link "../persiapan/dokumen.md": no such page`,
				`11:1: broken link "../persiapan/paspor.md#visa": no heading #visa in persiapan/paspor.md`,
			}},
		{name: "column counts runes", src: "Hak “pekerja” [x](x.md)\n",
			want: "<p>Hak “pekerja” <a href=\"x.md\">x</a></p>\n", problems: []string{`1:15: broken link "x.md": no such page`}},
		{name: "external untouched", src: "[BP2MI](https://bp2mi.go.id/a?b=1&c=2) [tel](tel:+62211) [mail](mailto:a@b.id) [p](//cdn.example/x)\n",
			want: "<p><a href=\"https://bp2mi.go.id/a?b=1&amp;c=2\" rel=\"noopener\">BP2MI</a> <a href=\"tel:+62211\" rel=\"noopener\">tel</a> <a href=\"mailto:a@b.id\" rel=\"noopener\">mail</a> <a href=\"//cdn.example/x\" rel=\"noopener\">p</a></p>\n"},
		{name: "autolinks", src: "<https://bp2mi.go.id> dan www.kemnaker.go.id\n",
			want: "<p><a href=\"https://bp2mi.go.id\" rel=\"noopener\">https://bp2mi.go.id</a> dan <a href=\"http://www.kemnaker.go.id\" rel=\"noopener\">www.kemnaker.go.id</a></p>\n"},
		// L1: a script link is an error; the href is still dropped, should the page ever render.
		{name: "dangerous is an error", src: "[x](javascript:alert(1))\n", want: "<p><a href=\"\" rel=\"noopener\">x</a></p>\n",
			problems: []string{"1:1: link to a javascript: URL: such links run code in the reader's browser and are not allowed"}},
	})
}

func TestImages(t *testing.T) {
	runCases(t, safe, []convertCase{
		{name: "local with size", src: "![Peta *kantor*](img/peta.png \"Peta\")\n",
			want: "<p><img src=\"/img/peta.5f3a.png\" alt=\"Peta kantor\" title=\"Peta\" width=\"800\" height=\"600\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{name: "local without size", src: "![ikon](img/nosize.svg)\n",
			want: "<p><img src=\"/img/nosize.svg\" alt=\"ikon\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{name: "external", src: "![x](https://example.org/a.png)\n",
			want: "<p><img src=\"https://example.org/a.png\" alt=\"x\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{name: "broken", src: "Teks\n![x](img/hilang.png)\n", lineOffset: 2,
			want:     "<p>Teks\n<img src=\"img/hilang.png\" alt=\"x\" loading=\"lazy\" decoding=\"async\"></p>\n",
			problems: []string{`4:1: broken image "img/hilang.png": no such file`}},
		{name: "image link", src: "[![peta](img/peta.png)](/id/x/)\n",
			want: "<p><a href=\"/id/x/\"><img src=\"/img/peta.5f3a.png\" alt=\"peta\" width=\"800\" height=\"600\" loading=\"lazy\" decoding=\"async\"></a></p>\n"},
	})
}

func TestRawHTML(t *testing.T) {
	src := "<div class=\"x\">\nhalo\n</div>\n\nTeks <b>tebal</b> <!-- c -->\n"
	runCases(t, safe, []convertCase{{name: "escaped", src: src,
		want: "<p>&lt;div class=&quot;x&quot;&gt;\nhalo\n&lt;/div&gt;</p>\n<p>Teks &lt;b&gt;tebal&lt;/b&gt; &lt;!-- c --&gt;</p>\n"}})
	runCases(t, New(Options{Unsafe: true, Theme: testTheme}), []convertCase{{name: "unsafe", src: src,
		want: "<div class=\"x\">\nhalo\n</div>\n<p>Teks <b>tebal</b> <!-- c --></p>\n"}})
}

// wantIcons are the callout icons of layouts/partials/callout.html, one per kind.
var wantIcons = map[string]string{
	"note":      `<circle cx="12" cy="12" r="10"/><path d="M12 16v-4M12 8h.01"/>`,
	"tip":       `<path d="M9 18h6M10 22h4M12 2a7 7 0 0 0-4 12.7V17h8v-2.3A7 7 0 0 0 12 2z"/>`,
	"important": `<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/><path d="M12 7v4M12 14h.01"/>`,
	"warning":   `<path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h16.9a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"/><path d="M12 9v4M12 17h.01"/>`,
	"caution":   `<path d="M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9z"/><path d="M12 8v4M12 16h.01"/>`,
	"right":     `<path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"/><path d="m9 12 2 2 4-4"/>`,
	"help":      `<circle cx="12" cy="12" r="10"/><path d="M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01"/>`,
}

const svgOpen = `<svg class="callout-icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">`

// calloutHTML is the expected opening of a callout, as layouts/partials/callout.html writes it.
func calloutHTML(kind, title string) string {
	return `<aside class="callout callout-` + kind + `" role="note">` + "\n" + `<p class="callout-title">` + svgOpen + wantIcons[kind] + `</svg>` + title + "</p>\n"
}

func TestCallouts(t *testing.T) {
	titles := map[string]string{"note": "Catatan", "tip": "Tips", "important": "Penting", "warning": "Peringatan",
		"caution": "Awas", "right": "Hak Anda", "help": "Bantuan"}
	var cases []convertCase
	for _, kind := range calloutKinds {
		cases = append(cases, convertCase{name: kind,
			src:  "> [!" + strings.ToUpper(kind) + "]\n> Jangan serahkan **paspor** Anda.\n",
			want: calloutHTML(kind, titles[kind]) + "<p>Jangan serahkan <strong>paspor</strong> Anda.</p>\n</aside>\n"})
	}
	cases = append(cases,
		convertCase{name: "lowercase and spaces", src: ">  [!warning]  \n> a\n>\n> b\n",
			want: calloutHTML("warning", "Peringatan") + "<p>a</p>\n<p>b</p>\n</aside>\n"},
		convertCase{name: "marker only", src: "> [!TIP]\n", want: calloutHTML("tip", "Tips") + "</aside>\n"},
		convertCase{name: "in list", src: "- > [!HELP]\n  > Hubungi [[contact:kp2mi]]\n",
			want: "<ul>\n<li>\n" + calloutHTML("help", "Bantuan") + "<p>Hubungi " + `<a class="contact-inline" href="tel:+622129244800">KP2MI Call Centre (0800 1000)</a>` + "</p>\n</aside>\n</li>\n</ul>\n"},
		convertCase{name: "card in callout", src: "> [!HELP]\n> [[contact:kp2mi]]\n",
			want: calloutHTML("help", "Bantuan") + kp2miCard + "</aside>\n"},
		convertCase{name: "not first line", src: "> a\n> [!NOTE]\n", want: "<blockquote>\n<p>a\n[!NOTE]</p>\n</blockquote>\n"},
		convertCase{name: "text after marker", src: "> [!NOTE] a\n", want: "<blockquote>\n<p>[!NOTE] a</p>\n</blockquote>\n"},
		convertCase{name: "unknown kind", src: "Teks.\n\n> [!DANGER]\n> a\n", lineOffset: 10,
			want:     "<p>Teks.</p>\n<blockquote>\n<p>[!DANGER]\na</p>\n</blockquote>\n",
			problems: []string{`13:3: unknown callout kind "DANGER": use one of NOTE, TIP, IMPORTANT, WARNING, CAUTION, RIGHT, HELP`}},
	)
	runCases(t, safe, cases)

	// Not resolved: fallback title.
	var b strings.Builder
	if err := safe.Render(&b, safe.Parse([]byte("> [!RIGHT]\n> a\n"), 0)); err != nil {
		t.Fatal(err)
	}
	if want := calloutHTML("right", "Your right") + "<p>a</p>\n</aside>\n"; b.String() != want {
		t.Errorf("unresolved callout\n got: %q\nwant: %q", b.String(), want)
	}
}

// The icons of the callout partial are small and follow the text colour; every kind has one.
func TestCalloutIcons(t *testing.T) {
	for _, kind := range calloutKinds {
		html, _, _ := convert(t, safe, "> [!"+kind+"]\n", 0)
		start, end := strings.Index(html, "<svg"), strings.Index(html, "</svg>")
		if start < 0 || end < 0 {
			t.Fatalf("%s: no icon in %s", kind, html)
		}
		icon := html[start : end+len("</svg>")]
		if len(icon) >= 400 || icon == svgOpen+"</svg>" {
			t.Errorf("icon %s is %d bytes, want a drawing of < 400", kind, len(icon))
		}
		if !strings.Contains(icon, `stroke="currentColor"`) || !strings.Contains(icon, `aria-hidden="true"`) {
			t.Errorf("icon %s: %s", kind, icon)
		}
	}
}

func TestLawRefs(t *testing.T) {
	link := func(anchor, label string) string {
		return `<a class="lawref" href="/id/hukum/uu-18-2017/#pasal-` + anchor + `">` + label + `</a>`
	}
	runCases(t, safe, []convertCase{
		{name: "article", src: "[[UU18:6]]\n", want: "<p>" + link("6", "Pasal 6") + "</p>\n"},
		{name: "paragraph", src: "Lihat [[UU18:6(1)]].\n", want: "<p>Lihat " + link("6", "Pasal 6 ayat (1)") + ".</p>\n"},
		{name: "letter", src: "Lihat [[UU18:6(1)j]].\n", want: "<p>Lihat " + link("6", "Pasal 6 ayat (1) huruf j") + ".</p>\n"},
		{name: "article with capital", src: "[[UU18:88A(2)]]\n", want: "<p>" + link("88a", "Pasal 88A ayat (2)") + "</p>\n"},
		{name: "letter without paragraph", src: "[[UU18:1b]]\n", want: "<p>" + link("1", "Pasal 1 huruf b") + "</p>\n"},
		{name: "next to links", src: "[a](/id/a/) [[UU18:6]] [b](/id/b/)\n",
			want: "<p><a href=\"/id/a/\">a</a> " + link("6", "Pasal 6") + " <a href=\"/id/b/\">b</a></p>\n"},
		{name: "inside link", src: "[lihat [[UU18:6]]](/id/x/)\n", want: "<p><a href=\"/id/x/\">lihat Pasal 6</a></p>\n"},
		{name: "in code", src: "`[[UU18:6]]`\n", want: "<p><code>[[UU18:6]]</code></p>\n"},
		{name: "escaped", src: "\\[[UU18:6]]\n", want: "<p>[[UU18:6]]</p>\n"},
		{name: "url-like left alone", src: "[[https://example.org]]\n", want: "<p>[[https://example.org]]</p>\n"},
		{name: "unclosed left alone", src: "[[UU18:6\n", want: "<p>[[UU18:6</p>\n"},
		{name: "malformed", src: "a [[UU18:6(1)(j)]] b [[UU18:]] c [[UU18:j]]\n", lineOffset: 1,
			want: "<p>a [[UU18:6(1)(j)]] b [[UU18:]] c [[UU18:j]]</p>\n",
			problems: []string{
				`2:3: malformed law reference [[UU18:6(1)(j)]]: write [[LAW:ARTICLE]], [[LAW:ARTICLE(PARAGRAPH)]] or [[LAW:ARTICLE(PARAGRAPH)LETTER]], e.g. [[UU18:6(1)j]]`,
				`2:22: malformed law reference [[UU18:]]: write [[LAW:ARTICLE]], [[LAW:ARTICLE(PARAGRAPH)]] or [[LAW:ARTICLE(PARAGRAPH)LETTER]], e.g. [[UU18:6(1)j]]`,
				`2:34: malformed law reference [[UU18:j]]: write [[LAW:ARTICLE]], [[LAW:ARTICLE(PARAGRAPH)]] or [[LAW:ARTICLE(PARAGRAPH)LETTER]], e.g. [[UU18:6(1)j]]`,
			}},
		{name: "resolver errors", src: "[[UU18:99]]\n\n[[PP59:1]]\n",
			want: "<p>[[UU18:99]]</p>\n<p>[[PP59:1]]</p>\n",
			problems: []string{
				`1:1: law reference [[UU18:99]]: UU18 has no Pasal 99`,
				`3:1: law reference [[PP59:1]]: unknown law "PP59"`,
			}},
	})
}

func TestParseLawRef(t *testing.T) {
	for _, tc := range []struct {
		in                         string
		article, paragraph, letter string
		ok                         bool
	}{
		{"6", "6", "", "", true}, {"6(1)", "6", "1", "", true}, {"6(1)j", "6", "1", "j", true},
		{"88A", "88A", "", "", true}, {"88A(12)b", "88A", "12", "b", true}, {"6j", "6", "", "j", true},
		{"", "", "", "", false}, {"a", "", "", "", false}, {"6()", "", "", "", false}, {"6(1", "", "", "", false},
		{"6(1)jk", "", "", "", false}, {"6(1)J", "", "", "", false}, {"6 (1)", "", "", "", false}, {"6(1)j)", "", "", "", false},
	} {
		a, p, l, ok := parseLawRef(tc.in)
		if ok != tc.ok || ok && (a != tc.article || p != tc.paragraph || l != tc.letter) {
			t.Errorf("parseLawRef(%q) = %q, %q, %q, %v", tc.in, a, p, l, ok)
		}
	}
}

func TestGlossary(t *testing.T) {
	runCases(t, safe, []convertCase{
		{name: "first use links, later plain", src: "[[term:cpmi]] dan [[term:p3mi]]; lagi [[term:cpmi]].\n\n[[term:cpmi|calon pekerja]]\n",
			want: "<p><a class=\"term\" href=\"/id/glosarium/#cpmi\">CPMI</a> dan <a class=\"term\" href=\"/id/glosarium/#p3mi\">P3MI</a>; lagi CPMI.</p>\n<p>calon pekerja</p>\n"},
		{name: "own words first", src: "[[term:cpmi|calon <pekerja> *migran*]] lalu [[term:cpmi]]\n",
			want: "<p><a class=\"term\" href=\"/id/glosarium/#cpmi\">calon &lt;pekerja&gt; *migran*</a> lalu CPMI</p>\n"},
		{name: "inside a link does not count as first", src: "[[[term:cpmi]]](/id/x/) [[term:cpmi]]\n",
			want: "<p><a href=\"/id/x/\">CPMI</a> <a class=\"term\" href=\"/id/glosarium/#cpmi\">CPMI</a></p>\n"},
		{name: "unknown", src: "Satu\n[[term:tki]] dan [[term:tki|TKI]]\n", lineOffset: 3,
			want:     "<p>Satu\ntki dan TKI</p>\n",
			problems: []string{`5:1: glossary term "tki": not in the glossary`, `5:18: glossary term "tki": not in the glossary`}},
		{name: "malformed", src: "[[term:]] [[term:a b]]\n", want: "<p>[[term:]] [[term:a b]]</p>\n",
			problems: []string{
				`1:1: malformed glossary term [[term:]]: write [[term:key]] or [[term:key|your own words]]`,
				`1:11: malformed glossary term [[term:a b]]: write [[term:key]] or [[term:key|your own words]]`,
			}},
	})
}

// kp2miCard is the card of contact kp2mi as layouts/partials/contact.html writes it (html/template
// writes "+" as "&#43;"; the site's minifier writes it back as "+").
const kp2miCard = `<div class="contact" id="contact-kp2mi">
<p class="contact-name">KP2MI Call Centre</p>
<p class="contact-note">Pengaduan &amp; informasi</p>
<ul class="contact-phones">
<li class="contact-tel"><span class="contact-label">Call centre</span> <span class="dial"><span class="dial-where">Dari Indonesia</span> <a class="tel" href="tel:&#43;622129244800">0800 1000</a></span> <span class="dial"><span class="dial-where">Dari luar negeri</span> <a class="tel" href="tel:&#43;622129244800">&#43;62 21 2924 4800</a></span> <span class="phone-note">Bebas pulsa</span></li>
<li class="contact-whatsapp"><span class="contact-label">WhatsApp</span> <span class="dial"><a class="whatsapp" href="https://wa.me/6281138001000" rel="noopener">&#43;6281138001000</a></span></li>
</ul>
<p class="contact-hours">24 jam</p>
<p class="contact-website"><span class="contact-label">Situs web</span> <a href="https://kp2mi.go.id/" rel="noopener">kp2mi.go.id</a></p>
<p class="contact-email"><a href="mailto:pengaduan@kp2mi.go.id">pengaduan@kp2mi.go.id</a></p>
<p class="contact-source"><small><a href="https://kp2mi.go.id/kontak" rel="noopener">Sumber</a> · diperiksa 26 November 2026</small></p>
</div>
`

func TestContacts(t *testing.T) {
	runCases(t, safe, []convertCase{
		{name: "block", src: "Teks.\n\n[[contact:kp2mi]]\n", want: "<p>Teks.</p>\n" + kp2miCard},
		{name: "block twice gets unique ids", src: "[[contact:web]]\n\n[[contact:web]]\n",
			want: "<div class=\"contact\" id=\"contact-web\">\n<p class=\"contact-name\">Web only</p>\n<p class=\"contact-website\"><span class=\"contact-label\">Situs web</span> <a href=\"https://example.org/\" rel=\"noopener\">example.org</a></p>\n</div>\n" +
				"<div class=\"contact\" id=\"contact-web-1\">\n<p class=\"contact-name\">Web only</p>\n<p class=\"contact-website\"><span class=\"contact-label\">Situs web</span> <a href=\"https://example.org/\" rel=\"noopener\">example.org</a></p>\n</div>\n"},
		{name: "inline", src: "Hubungi [[contact:kp2mi]] sekarang.\n",
			want: "<p>Hubungi <a class=\"contact-inline\" href=\"tel:+622129244800\">KP2MI Call Centre (0800 1000)</a> sekarang.</p>\n"},
		{name: "inline website only", src: "Lihat [[contact:web]].\n",
			want: "<p>Lihat <a class=\"contact-inline\" href=\"https://example.org/\">Web only</a>.</p>\n"},
		{name: "in a tight list stays inline", src: "- [[contact:web]]\n",
			want: "<ul>\n<li><a class=\"contact-inline\" href=\"https://example.org/\">Web only</a></li>\n</ul>\n"},
		{name: "unknown", src: "a [[contact:nope]]\n\n[[contact:nope]]\n", lineOffset: 1,
			want:     "<p>a [[contact:nope]]</p>\n<div class=\"contact\" id=\"contact-nope\">\n<p class=\"contact-name\">[[contact:nope]]</p>\n</div>\n",
			problems: []string{`2:3: contact "nope": not in contacts.toml`, `4:1: contact "nope": not in contacts.toml`}},
		{name: "malformed", src: "[[contact:]]\n", want: "<p>[[contact:]]</p>\n",
			problems: []string{`1:1: malformed contact [[contact:]]: write [[contact:key]]`}},
		// The card names the source and its own date, and says when it is a news report; an
		// emergency number is marked so it can be shown large.
		{name: "emergency number, news source", src: "[[contact:sos]]\n",
			want: `<div class="contact" id="contact-sos">
<p class="contact-name">Darurat Malaysia</p>
<ul class="contact-phones">
<li class="contact-tel contact-emergency"><span class="contact-label">Darurat</span> <span class="dial"><span class="dial-where">Dari Malaysia</span> <a class="tel" href="tel:999">999</a></span> <span class="phone-note">Hanya di Malaysia</span></li>
</ul>
<p class="contact-source"><small>Dilihat di berita: <a href="https://news.example/999" rel="noopener">Malay Mail</a>, November 2025 · diperiksa 2 Desember 2026</small></p>
</div>
`},
		{name: "inline short number", src: "Telepon [[contact:sos]].\n",
			want: "<p>Telepon <a class=\"contact-inline\" href=\"tel:999\">Darurat Malaysia (999)</a>.</p>\n"},
		{name: "undated official source", src: "[[contact:jtksm]]\n",
			want: `<div class="contact" id="contact-jtksm">
<p class="contact-name">JTKSM</p>
<p class="contact-source"><small>Sumber: <a href="https://jtksm.example/aduan" rel="noopener">Laman resmi JTKSM</a>, tidak bertanggal, dibaca 2 Desember 2026 · diperiksa 2 Desember 2026</small></p>
</div>
`},
	})
}

func TestTaskList(t *testing.T) {
	runCases(t, safe, []convertCase{
		{name: "tight", src: "- [ ] Paspor *asli*\n- [x] Visa\n- Biasa\n",
			want: "<ul class=\"checklist\">\n<li class=\"task\"><label><input type=\"checkbox\"> Paspor <em>asli</em></label></li>\n<li class=\"task\"><label><input type=\"checkbox\" checked> Visa</label></li>\n<li>Biasa</li>\n</ul>\n"},
		{name: "loose", src: "- [ ] Satu\n\n- [X] Dua\n",
			want: "<ul class=\"checklist\">\n<li class=\"task\">\n<p><label><input type=\"checkbox\"> Satu</label></p>\n</li>\n<li class=\"task\">\n<p><label><input type=\"checkbox\" checked> Dua</label></p>\n</li>\n</ul>\n"},
		{name: "not a task", src: "- [a] x\n", want: "<ul>\n<li>[a] x</li>\n</ul>\n"},
	})
}

func TestGFMAndExtras(t *testing.T) {
	runCases(t, safe, []convertCase{
		{name: "footnotes", src: "Teks[^1] dan[^x].\n\n[^1]: Satu.\n[^x]: Dua.\n",
			want: "<p>Teks<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup> dan<sup id=\"fnref:2\"><a href=\"#fn:2\" class=\"footnote-ref\" role=\"doc-noteref\">2</a></sup>.</p>\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n" +
				"<li id=\"fn:1\">\n<p>Satu.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n" +
				"<li id=\"fn:2\">\n<p>Dua.&#160;<a href=\"#fnref:2\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n"},
		{name: "definition list", src: "CPMI\n: Calon pekerja migran.\n",
			want: "<dl>\n<dt>CPMI</dt>\n<dd>Calon pekerja migran.</dd>\n</dl>\n"},
		// Aligned columns by class: a style attribute would need 'unsafe-inline' in the CSP.
		{name: "table", src: "| Biaya | Rp | Ya | Catatan |\n|:--|--:|:-:|--|\n| Paspor | 350.000 | x | - |\n",
			want: "<div class=\"tw\" role=\"region\" tabindex=\"0\" aria-label=\"Tabel\">\n<table>\n<thead>\n<tr>\n" +
				"<th class=\"text-left\">Biaya</th>\n<th class=\"text-right\">Rp</th>\n<th class=\"text-center\">Ya</th>\n<th>Catatan</th>\n" +
				"</tr>\n</thead>\n<tbody>\n<tr>\n" +
				"<td class=\"text-left\">Paspor</td>\n<td class=\"text-right\">350.000</td>\n<td class=\"text-center\">x</td>\n<td>-</td>\n" +
				"</tr>\n</tbody>\n</table>\n</div>\n"},
		{name: "strikethrough, no typographer", src: "~~lama~~ \"kutip\" -- ...\n",
			want: "<p><del>lama</del> &quot;kutip&quot; -- ...</p>\n"},
	})
}

func TestSectionsAndPlainText(t *testing.T) {
	src := "Pembuka *penting*.\n\n## Hak Anda\n\nAnda berhak atas [[UU18:6]].\n\n- [ ] Paspor\n- Visa\n\n### Gaji\n\n#### Rincian\n\nUpah &amp; lembur\\!\n\n## Bantuan\n\n[[contact:web]]\n\n```\nkode\n```\n\n<div>x</div>\n"
	d := safe.Parse([]byte(src), 0)
	if probs := d.Resolve(fakeResolver{}); len(probs) != 0 {
		t.Fatal(probs)
	}
	want := []Section{
		{ID: "", Title: "", Text: "Pembuka penting."},
		{ID: "hak-anda", Title: "Hak Anda", Text: "Anda berhak atas Pasal 6. Paspor Visa"},
		{ID: "gaji", Title: "Gaji", Text: "Rincian Upah & lembur!"},
		{ID: "bantuan", Title: "Bantuan", Text: "Web only kode"},
	}
	if got := d.Sections(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sections\n got: %q\nwant: %q", got, want)
	}
	wantPlain := "Pembuka penting.\nHak Anda\nAnda berhak atas Pasal 6.\nPaspor\nVisa\nGaji\nRincian\nUpah & lembur!\nBantuan\nWeb only\nkode"
	if got := d.PlainText(); got != wantPlain {
		t.Errorf("PlainText\n got: %q\nwant: %q", got, wantPlain)
	}
	if got := safe.Parse([]byte("## A\n\nb\n"), 0).Sections(); !reflect.DeepEqual(got, []Section{{}, {ID: "a", Title: "A", Text: "b"}}) {
		t.Errorf("Sections with nothing before the first heading = %q", got)
	}
}

func TestResolveTwiceAndDeterminism(t *testing.T) {
	src := "## A\n\n[x](../persiapan/paspor.md) ![p](img/peta.png) [[term:cpmi]] [[term:cpmi]] [[UU18:6]] [y](nope.md)\n"
	d := safe.Parse([]byte(src), 0)
	p1 := d.Resolve(fakeResolver{})
	var b1 strings.Builder
	_ = safe.Render(&b1, d)
	p2 := d.Resolve(fakeResolver{})
	var b2 strings.Builder
	_ = safe.Render(&b2, d)
	if b1.String() != b2.String() || !reflect.DeepEqual(p1, p2) {
		t.Errorf("second Resolve changed the result:\n%q %v\n%q %v", b1.String(), p1, b2.String(), p2)
	}
	out, _, _ := convert(t, safe, src, 0)
	if out != b1.String() {
		t.Errorf("not deterministic:\n%q\n%q", out, b1.String())
	}
}

func TestConcurrent(t *testing.T) {
	src := benchPage
	want, _, _ := convert(t, safe, src, 0)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				d := safe.Parse([]byte(src), 0)
				d.Resolve(fakeResolver{})
				var b strings.Builder
				if err := safe.Render(&b, d); err != nil || b.String() != want {
					t.Errorf("concurrent render differs (err %v)", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestNilResolverAndEmpty(t *testing.T) {
	d := safe.Parse(nil, 0)
	if p := d.Resolve(nil); p != nil {
		t.Errorf("problems of empty doc: %v", p)
	}
	var b strings.Builder
	if err := safe.Render(&b, d); err != nil || b.String() != "" {
		t.Errorf("empty doc renders %q, %v", b.String(), err)
	}
	d = safe.Parse([]byte("> [!NOPE]\n"), 2)
	if p := d.Resolve(nil); len(p) != 1 || p[0].Line != 3 {
		t.Errorf("parse problems without resolver: %v", p)
	}
}

// A spacer makes what is written to it, in any pieces of whole characters, what strings.Fields
// and one space between the fields make of the whole: Unicode white space, runs, both ends, and
// bytes that are not UTF-8.
func TestSpacer(t *testing.T) {
	for _, in := range []string{"", " ", "a", "  a  b\t\tc\n", "x\u00a0y\u2003 z\u3000", "é \xff\xfe ü", "a\r\n\v\fb", "\u0085lead"} {
		want := strings.Join(strings.Fields(in), " ")
		for cut := 0; cut <= len(in); cut++ {
			if cut < len(in) && !utf8.RuneStart(in[cut]) {
				continue
			}
			var s spacer
			_, _ = s.WriteString(in[:cut])
			_, _ = s.Write([]byte(in[cut:]))
			if got := s.String(); got != want {
				t.Errorf("%q cut at %d: %q, want %q", in, cut, got, want)
			}
		}
		var s spacer
		for i := 0; i < len(in); {
			if _, size := utf8.DecodeRuneInString(in[i:]); size > 1 {
				_, _ = s.WriteString(in[i : i+size])
				i += size
			} else {
				_ = s.WriteByte(in[i])
				i++
			}
		}
		if got := s.String(); got != want {
			t.Errorf("%q character by character: %q, want %q", in, got, want)
		}
	}
}

// A parsed text renders the same each time: the build renders a guide's text for its page, then
// for the booklets. (goldmark's table renderer added to a cell's style attribute on each render.)
func TestRenderAgainIsTheSame(t *testing.T) {
	src := "| Biaya | Rp |\n|:--|--:|\n| Paspor | 350.000 |\n\n## Hak\n\nTeks[^1].\n\n[^1]: Catatan.\n"
	first, _, d := convert(t, safe, src, 0)
	for range 2 {
		var b strings.Builder
		if err := safe.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		if b.String() != first {
			t.Fatalf("rendered again:\n%s\nfirst:\n%s", b.String(), first)
		}
	}
}
