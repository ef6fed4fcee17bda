package browsertest

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pandu/generator/config"
)

// headerJS measures a page as a phone shows it: where its h1 starts, and the header's emergency
// help link and tel: link, with whether each is visible on the first screen.
const headerJS = `(() => {
	const shown = e => {
		if (!e) return false;
		const r = e.getBoundingClientRect(), s = getComputedStyle(e);
		return e.checkVisibility() && r.width > 0 && r.height >= 48 && r.top >= 0 && r.bottom <= innerHeight && s.visibility === "visible";
	};
	const og = document.querySelector('meta[property="og:type"]');
	const h1 = document.querySelector("main h1");
	const help = document.querySelector(".site-header a.sos-help");
	const tel = document.querySelector('.site-header a[href^="tel:"]');
	return {
		Guide: !!og && og.content === "article" && !document.querySelector('meta[http-equiv="refresh"]'),
		Lang: document.documentElement.lang,
		H1Top: h1 ? h1.getBoundingClientRect().top : -1,
		Help: help ? help.href : "", HelpShown: shown(help),
		Tel: tel ? tel.getAttribute("href") : "", TelShown: shown(tel),
	};
})()`

type headerState struct {
	Guide     bool
	Lang      string
	H1Top     float64
	Help, Tel string
	HelpShown bool
	TelShown  bool
}

// TestPhoneHeader opens every guide of the bundled site in every language on a 360×640 phone
// screen: the guide's title must start in the top 200px (the header must not take the first
// screen), and the header must show the emergency help link, leading to the emergency part of the
// help guide in the page's language (site.toml [help]), and a tel: link for the emergency number.
func TestPhoneHeader(t *testing.T) {
	dir := built(t)
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Help.Page == "" || cfg.Help.Anchor == "" {
		t.Fatal("site.toml names no [help] page and anchor")
	}
	ctx := browser(t)
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(360, 640)); err != nil {
		t.Fatal(err)
	}
	s := serve(t, dir)

	// The help guide in each language: the source page's hreflang alternates.
	src := "/" + cfg.DefaultLanguage + "/" + strings.TrimSuffix(cfg.Help.Page, ".md") + "/"
	open(t, ctx, s.URL, src)
	var alternates map[string]string
	if err := eval(ctx, `Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')].map(l => [l.hreflang, new URL(l.href).pathname]))`, &alternates); err != nil {
		t.Fatal(err)
	}
	for _, l := range cfg.Ordered {
		if alternates[l.Code] == "" {
			t.Fatalf("the help guide %s has no %s translation (alternates: %v)", src, l.Code, alternates)
		}
	}

	guides := map[string]int{}
	var highest float64
	for _, p := range htmlPages(t, dir) {
		open(t, ctx, s.URL, p)
		var st headerState
		if err := eval(ctx, headerJS, &st); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !st.Guide {
			continue
		}
		guides[st.Lang]++
		highest = max(highest, st.H1Top)
		if st.H1Top < 0 || st.H1Top >= 200 {
			t.Errorf("%s: on a 360×640 screen the h1 starts at %.0fpx, want < 200px", p, st.H1Top)
		}
		want := alternates[st.Lang] + "#" + cfg.Help.Anchor
		if u, err := url.Parse(st.Help); err != nil || u.Path+"#"+u.Fragment != want {
			t.Errorf("%s: the header's emergency help link is %q, want %s", p, st.Help, want)
		}
		if !st.HelpShown {
			t.Errorf("%s: the emergency help link is not visible on the first screen (at least 48px high)", p)
		}
		if st.Tel == "" || !st.TelShown {
			t.Errorf("%s: the header has no visible tel: link for the emergency number (got %q)", p, st.Tel)
		}
	}
	for _, l := range cfg.Ordered {
		if guides[l.Code] < 10 {
			t.Errorf("only %d guides checked in %s", guides[l.Code], l.Code)
		}
	}
	t.Logf("guides checked: %v; the lowest h1 starts at %.0fpx", guides, highest)

	// The language links and the search box are in the menu: one tap (no script) shows them.
	for _, l := range cfg.Ordered {
		p := alternates[l.Code]
		open(t, ctx, s.URL, p)
		var got struct{ Hidden, Languages, Search bool }
		if err := eval(ctx, `(() => {
			const tall = e => !!e && e.checkVisibility() && e.getBoundingClientRect().height >= 48;
			const hidden = !tall(document.querySelector(".menu .languages a")) && !tall(document.querySelector(".menu input[type=search]"));
			document.querySelector(".menu summary").click();
			return {Hidden: hidden, Languages: document.querySelectorAll(".menu .languages a").length === 2 && [...document.querySelectorAll(".menu .languages a")].every(tall),
				Search: tall(document.querySelector(".menu input[type=search]")) && tall(document.querySelector(".menu button[type=submit], .menu button:not([type])"))};
		})()`, &got); err != nil {
			t.Fatal(err)
		}
		if !got.Hidden || !got.Languages || !got.Search {
			t.Errorf("%s: the menu should hide the language links and search box until opened, then show both (got %+v)", p, got)
		}
	}

	// The link leads to the emergency part: the anchor is on the page it opens.
	for _, l := range cfg.Ordered {
		open(t, ctx, s.URL, alternates[l.Code]+"#"+cfg.Help.Anchor)
		var ok bool
		if err := eval(ctx, `!!document.getElementById(`+"`"+cfg.Help.Anchor+"`"+`)`, &ok); err != nil || !ok {
			t.Errorf("%s has no #%s", alternates[l.Code], cfg.Help.Anchor)
		}
	}
}
