package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// speechStub replaces the browser's speechSynthesis before any page script runs. It records
// every utterance (its text, language, voice, and whether the element being read is marked),
// every pause/resume/cancel, and speaks nothing: the test ends each utterance with __finish().
// %s is the JSON list of voices the stub has at first; __addVoices adds some and fires
// voiceschanged, as Chrome does when its voices load late.
const speechStub = `(() => {
	const voices = %s, said = [], calls = [], csp = [];
	let cur = null;
	const synth = new EventTarget();
	synth.speaking = false; synth.paused = false; synth.pending = false;
	synth.getVoices = () => voices.slice();
	synth.speak = u => {
		const r = document.querySelector(".reading");
		said.push({Text: u.text, Lang: u.lang, Voice: u.voice ? u.voice.lang : "",
			Marked: !!r && r.textContent.replace(/\s+/g, " ").includes(u.text.slice(0, 40))});
		cur = u; synth.speaking = true;
	};
	synth.pause = () => { calls.push("pause"); synth.paused = true; };
	synth.resume = () => { calls.push("resume"); synth.paused = false; };
	synth.cancel = () => {
		calls.push("cancel");
		const u = cur; cur = null; synth.speaking = false; synth.paused = false;
		if (u && u.onerror) u.onerror({error: "interrupted"});
	};
	window.__finish = () => { const u = cur; if (!u) return false; cur = null; synth.speaking = false; if (u.onend) u.onend({}); return true; };
	window.__addVoices = vs => { voices.push(...vs); synth.dispatchEvent(new Event("voiceschanged")); };
	window.__said = said; window.__calls = calls; window.__csp = csp;
	document.addEventListener("securitypolicyviolation", e => csp.push(e.violatedDirective + " " + e.blockedURI));
	Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
	window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
})()`

type utterance struct {
	Text, Lang, Voice string
	Marked            bool
}

// listenTab opens a fresh tab whose pages get the speech stub with the given voices.
func listenTab(t *testing.T, parent context.Context, voices ...string) context.Context {
	t.Helper()
	var vs []map[string]string
	for _, v := range voices {
		vs = append(vs, map[string]string{"lang": v, "name": v + " voice"})
	}
	js, _ := json.Marshal(vs)
	if vs == nil {
		js = []byte("[]")
	}
	ctx, cancel := chromedp.NewContext(parent)
	t.Cleanup(cancel)
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(strings.Replace(speechStub, "%s", string(js), 1)).Do(ctx)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// strictCSP serves the site with the Content-Security-Policy a careful host would send: scripts
// only from the site itself, no inline script, no inline event handlers.
func strictCSP(t *testing.T, s *server) string {
	t.Helper()
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'")
		s.handle(w, r)
	}))
	t.Cleanup(h.Close)
	return h.URL
}

func said(t *testing.T, ctx context.Context) []utterance {
	t.Helper()
	var out []utterance
	if err := eval(ctx, `window.__said`, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func listenState(t *testing.T, ctx context.Context) (label string, stopShown, marked bool) {
	t.Helper()
	var st struct {
		Label  string
		Stop   bool
		Marked bool
	}
	if err := eval(ctx, `(() => { const b = document.querySelectorAll(".listen button");
		return {Label: b[0].textContent, Stop: b[1].getClientRects().length > 0, Marked: !!document.querySelector(".reading")}; })()`, &st); err != nil {
		t.Fatal(err)
	}
	return st.Label, st.Stop, st.Marked
}

func click(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	var ok bool
	if err := eval(ctx, `(() => { const b = document.querySelectorAll(".listen button")[`+string(rune('0'+n))+`]; b.click(); return true; })()`, &ok); err != nil {
		t.Fatal(err)
	}
}

// TestListen reads a guide aloud with a stubbed speechSynthesis: the blocks of the main text in
// reading order, in the page's language with a voice of that language, each marked while it is
// read; nothing from the header, menu, breadcrumbs, contents, footer, nor hidden text; pause,
// resume and stop; all under a strict Content-Security-Policy.
func TestListen(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	base := strictCSP(t, s)
	ctx := listenTab(t, browser(t), "en-US", "id-ID")
	const guide = "/id/persiapan/langkah-sebelum-berangkat/"
	open(t, ctx, base, guide)
	waitFor(t, ctx, "the listen button", `!!document.querySelector(".listen button")`)
	if label, stop, _ := listenState(t, ctx); label != "Dengarkan" || stop {
		t.Fatalf("before reading: button %q, stop shown %v; want Dengarkan and no stop", label, stop)
	}
	// Text that must never be read: hidden in three ways, inside the article.
	var ok bool
	if err := eval(ctx, `(() => { document.querySelector("article > p:not(.meta):not(.listen)").insertAdjacentHTML("afterend",
		'<p hidden>RAHASIA-1</p><p aria-hidden="true">RAHASIA-2</p><div class="vh-test"><p>RAHASIA-3</p></div>');
		document.querySelector(".vh-test").hidden = true; return true; })()`, &ok); err != nil {
		t.Fatal(err)
	}
	var want struct {
		H1, Crumb, Footer, TOC, Sources string
		Blocks                          []string // section headings and checklist items, in page order
	}
	if err := eval(ctx, `({H1: document.querySelector("h1").textContent.trim(),
		Crumb: document.querySelector(".crumbs").textContent.trim(),
		Footer: document.querySelector(".site-footer p").textContent.trim(),
		TOC: document.querySelector(".toc summary, .toc h2").textContent.trim(),
		Sources: document.querySelector(".sources h2").textContent.trim(),
		Blocks: [...document.querySelectorAll("article h2, article .checklist li")].filter(h => !h.closest("nav, .sources")).map(h => h.textContent.replace(/\s+/g, " ").trim())})`, &want); err != nil {
		t.Fatal(err)
	}

	click(t, ctx, 0)
	if label, stop, marked := listenState(t, ctx); label != "Jeda" || !stop || !marked {
		t.Fatalf("while reading: button %q, stop shown %v, block marked %v; want Jeda, stop, marked", label, stop, marked)
	}
	if err := eval(ctx, `(() => { let n = 0; while (window.__finish() && n < 5000) n++; return true; })()`, &ok); err != nil {
		t.Fatal(err)
	}
	got := said(t, ctx)
	if len(got) < 30 {
		t.Fatalf("read only %d blocks: %+v", len(got), got)
	}
	if got[0].Text != want.H1 {
		t.Errorf("first block read = %q, want the title %q", got[0].Text, want.H1)
	}
	texts := make([]string, len(got))
	for i, u := range got {
		texts[i] = u.Text
		if u.Lang != "id-ID" || u.Voice != "id-ID" {
			t.Errorf("block %d %q: lang %q voice %q, want id-ID with the id-ID voice", i, u.Text, u.Lang, u.Voice)
		}
		if !u.Marked {
			t.Errorf("block %d %q was not marked while read", i, u.Text)
		}
		for _, never := range []string{"RAHASIA", "Dengarkan", "Bantuan darurat", want.Footer} {
			if strings.Contains(u.Text, never) {
				t.Errorf("block %d read %q, which holds %q (hidden text, the button, header or footer)", i, u.Text, never)
			}
		}
		for _, never := range []string{want.Crumb, want.TOC, want.Sources} {
			if u.Text == never {
				t.Errorf("block %d read %q (breadcrumbs, contents or sources heading)", i, u.Text)
			}
		}
	}
	// Reading order: every section heading and checklist item, in the page's order.
	last := -1
	if len(want.Blocks) < 12 {
		t.Fatalf("the guide has only %d headings and checklist items: %q", len(want.Blocks), want.Blocks)
	}
	for _, w := range want.Blocks {
		i := indexFrom(texts, w, last+1)
		if i < 0 {
			t.Errorf("%q was not read after block %d (%q); read: %q", w, last, texts[max(last, 0)], texts)
			break
		}
		last = i
	}
	if label, stop, marked := listenState(t, ctx); label != "Dengarkan" || stop || marked {
		t.Errorf("after the last block: button %q, stop shown %v, still marked %v", label, stop, marked)
	}

	// Pause, resume, stop.
	n := len(got)
	click(t, ctx, 0) // start again
	click(t, ctx, 0) // pause
	if label, _, _ := listenState(t, ctx); label != "Lanjutkan" {
		t.Errorf("paused: button %q, want Lanjutkan", label)
	}
	click(t, ctx, 0) // resume
	if label, _, _ := listenState(t, ctx); label != "Jeda" {
		t.Errorf("resumed: button %q, want Jeda", label)
	}
	eval(ctx, `window.__finish()`, &ok)
	click(t, ctx, 1) // stop
	eval(ctx, `window.__finish()`, &ok)
	if ok {
		t.Error("an utterance was still being spoken after stop")
	}
	got = said(t, ctx)
	if len(got) != n+2 || got[n].Text != want.H1 || got[n+1].Text != texts[1] {
		t.Errorf("after start, pause, resume, one block, stop: want the title and the next block read, got %+v", got[n:])
	}
	var calls []string
	eval(ctx, `window.__calls`, &calls)
	if c := strings.Join(calls, " "); !strings.Contains(c, "pause resume") || !strings.HasSuffix(c, "cancel") {
		t.Errorf("speechSynthesis calls = %q, want pause, resume, then cancel", c)
	}
	if label, stop, marked := listenState(t, ctx); label != "Dengarkan" || stop || marked {
		t.Errorf("after stop: button %q, stop shown %v, still marked %v", label, stop, marked)
	}
	var csp []string
	eval(ctx, `window.__csp`, &csp)
	if len(csp) > 0 {
		t.Errorf("Content-Security-Policy violations: %q", csp)
	}
}

func indexFrom(list []string, s string, from int) int {
	for i := from; i < len(list); i++ {
		if list[i] == s {
			return i
		}
	}
	return -1
}

// TestListenLanguagesAndTables: an English guide is read with an English voice, table cells one
// by one, header first; a Malay guide prefers a ms-MY voice over another Malay one.
func TestListenLanguagesAndTables(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	root := browser(t)

	ctx := listenTab(t, root, "id-ID", "en-GB")
	open(t, ctx, s.URL, "/en/rights/social-security/")
	waitFor(t, ctx, "the listen button", `!!document.querySelector(".listen button")`)
	var cells []string
	if err := eval(ctx, `[...document.querySelectorAll("article .tw th, article .tw td")].map(c => c.textContent.replace(/\s+/g, " ").trim()).filter(Boolean)`, &cells); err != nil {
		t.Fatal(err)
	}
	if len(cells) < 4 {
		t.Fatalf("the guide has %d table cells; the test needs a guide with a table", len(cells))
	}
	var ok bool
	click(t, ctx, 0)
	eval(ctx, `(() => { let n = 0; while (window.__finish() && n < 5000) n++; return true; })()`, &ok)
	got := said(t, ctx)
	texts := make([]string, len(got))
	for i, u := range got {
		texts[i] = u.Text
		if u.Lang != "en" || u.Voice != "en-GB" {
			t.Errorf("%q: lang %q voice %q, want en with the en-GB voice", u.Text, u.Lang, u.Voice)
		}
	}
	last := -1
	for _, c := range cells {
		if last = indexFrom(texts, c, last+1); last < 0 {
			t.Fatalf("table cell %q not read in order; read: %q", c, texts)
		}
	}

	ctx = listenTab(t, root, "ms-BN", "ms-MY", "id-ID")
	open(t, ctx, s.URL, "/ms/bantuan/bantuan-di-malaysia/")
	waitFor(t, ctx, "the listen button", `!!document.querySelector(".listen button")`)
	click(t, ctx, 0)
	got = said(t, ctx)
	if len(got) != 1 || got[0].Lang != "ms-MY" || got[0].Voice != "ms-MY" {
		t.Errorf("Malay guide: %+v, want lang ms-MY with the ms-MY voice", got)
	}
}

// TestListenNeedsVoice: without a voice for the page's language there is no button, until the
// browser's voices load (voiceschanged) with one; pages other than guides never load the script.
func TestListenNeedsVoice(t *testing.T) {
	dir := built(t)
	s := serve(t, dir)
	ctx := listenTab(t, browser(t), "en-US", "ms-MY")
	open(t, ctx, s.URL, "/id/hak/hak-pekerja-migran/")
	var has bool
	if err := eval(ctx, `new Promise(r => setTimeout(() => { window.__addVoices([{lang: "fr-FR", name: "fr"}]); r(!!document.querySelector(".listen")); }, 300))`, &has); err != nil {
		t.Fatal(err)
	}
	if has {
		t.Fatal("a listen button on an Indonesian guide although the browser has no Indonesian voice")
	}
	eval(ctx, `(window.__addVoices([{lang: "in_ID", name: "Android Indonesian"}]), !!document.querySelector(".listen button"))`, &has)
	if !has {
		t.Fatal("no listen button after an Indonesian voice (in_ID, as older Android names it) loaded")
	}
	for _, p := range []string{"/id/", "/id/cari/", "/id/hak/", "/en/print/"} {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "/listen.") {
			t.Errorf("%s loads the read-aloud script; only guides should", p)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "id", "hak", "hak-pekerja-migran", "index.html"))
	if !strings.Contains(string(data), "listen.") || !strings.Contains(string(data), " defer") || strings.Contains(string(data), `class="listen"`) || strings.Contains(string(data), "class=listen") {
		t.Error("a guide must load the read-aloud script deferred and carry no listen button in its HTML (no JavaScript, no button)")
	}
}
