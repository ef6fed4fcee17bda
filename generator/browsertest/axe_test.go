package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// axeSource is axe-core, installed by npm from this package's package.json.
const axeSource = "node_modules/axe-core/axe.min.js"

type axeViolation struct {
	ID     string
	Impact string
	Help   string
	Nodes  []struct {
		Target []any
		HTML   string
	}
}

// smallTextJS lists visible text set in less than 16px.
const smallTextJS = `(() => {
	const out = new Set(), w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = w.nextNode());) {
		const e = n.parentElement, r = e.getBoundingClientRect();
		if (!n.textContent.trim() || !r.width || r.right <= 0) continue;
		const size = parseFloat(getComputedStyle(e).fontSize);
		if (size < 16) out.add(e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " (" + size + "px): " + n.textContent.trim().slice(0, 40));
	}
	return [...out];
})()`

// tapTargetsJS lists visible controls lower than 48px: buttons, fields and links that stand alone
// (a link inside a sentence is exempt, as WCAG's target-size criterion exempts inline links; a
// checkbox's target is its label).
const tapTargetsJS = `(() => {
	const out = new Set();
	for (const e of document.querySelectorAll("a[href], button, select, input:not([type=checkbox]):not([type=radio]), label:has(input[type=checkbox])")) {
		const r = e.getBoundingClientRect();
		if (!r.width || !r.height || r.right <= 0) continue;
		let block = e.parentElement;
		while (block.parentElement && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
		if (e.tagName === "A" && block.textContent.trim() !== e.textContent.trim()) continue;
		if (r.height < 48) out.add(e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " in " + block.tagName.toLowerCase() + (block.className ? "." + block.className : "") + " (" + Math.round(r.height) + "px): " + e.textContent.trim().slice(0, 40));
	}
	return [...out];
})()`

// TestAccessibility runs axe-core on every HTML page of the bundled site, booklets (A4, A5, the
// offline pack) included, and fails on any violation, listing each with the elements concerned.
// It also checks what axe leaves to people: text of at least 16px, and tap targets at least 48px
// high.
func TestAccessibility(t *testing.T) {
	dir := built(t)
	ctx := browser(t)
	src, err := os.ReadFile(axeSource)
	if err != nil {
		t.Fatalf("axe-core is not installed (%v): run `npm ci --prefix generator/browsertest` from the repository root", err)
	}
	s := serve(t, dir)
	pages := htmlPages(t, dir)
	checked := 0
	for _, p := range pages {
		open(t, ctx, s.URL, p)
		var redirect bool
		if err := eval(ctx, `!!document.querySelector('meta[http-equiv="refresh"]')`, &redirect); err != nil {
			t.Fatal(err)
		}
		if redirect {
			continue // an old URL that sends the reader on; the page it leads to is checked itself
		}
		axeCheck(t, ctx, src, p)
		checked++
	}
	if checked < 50 {
		t.Errorf("axe-core checked only %d pages", checked)
	}
	t.Logf("axe-core %s checked %d pages", axeVersion(src), checked)
}

// axeVersion reads the version from axe.min.js's banner.
// axeCheck runs axe-core (src) and our text-size and tap-target checks on the open page p and
// reports serious and critical violations.
func axeCheck(t *testing.T, ctx context.Context, src []byte, p string) {
	t.Helper()
	vs := runAxe(t, ctx, src, p)
	var small, taps []string
	if err := eval(ctx, smallTextJS, &small); err != nil {
		t.Fatal(err)
	}
	if err := eval(ctx, tapTargetsJS, &taps); err != nil {
		t.Fatal(err)
	}
	for _, e := range small {
		t.Errorf("%s: text under 16px: %s", p, e)
	}
	for _, e := range taps {
		t.Errorf("%s: tap target under 48px high: %s", p, e)
	}
	reportAxe(t, p, vs)
}

// TestSearchResultsAccessible runs the same checks on a search page showing results, with
// snippets and marked words, in every language.
func TestSearchResultsAccessible(t *testing.T) {
	dir := built(t)
	ctx := browser(t)
	src, err := os.ReadFile(axeSource)
	if err != nil {
		t.Fatalf("axe-core is not installed (%v): run `npm ci --prefix generator/browsertest` from the repository root", err)
	}
	s := serve(t, dir)
	for page, q := range map[string]string{"/id/cari/": "gaji tidak dibayar", "/en/search/": "passport", "/ms/cari/": "gaji x bayar"} {
		if rs, status := search(t, s, ctx, page, q); len(rs) == 0 {
			t.Fatalf("%s: no results for %q (%s)", page, q, status)
		}
		axeCheck(t, ctx, src, page+"?q="+q)
	}
}

func axeVersion(src []byte) string {
	s := string(src[:min(len(src), 200)])
	if i := strings.Index(s, "axe v"); i >= 0 {
		return strings.Fields(s[i+4:])[0]
	}
	return "?"
}

// runAxe runs axe-core on the page open in ctx and returns its violations.
func runAxe(t *testing.T, ctx context.Context, src []byte, p string) []axeViolation {
	t.Helper()
	var loaded bool
	if err := eval(ctx, string(src)+"\n;typeof axe === 'object'", &loaded); err != nil || !loaded {
		t.Fatalf("%s: injecting axe-core failed: %v", p, err)
	}
	var vs []axeViolation
	if err := eval(ctx, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		ID: v.id, Impact: v.impact || "", Help: v.help,
		Nodes: v.nodes.map(n => ({Target: n.target, HTML: n.html.slice(0, 160)}))})))`, &vs); err != nil {
		t.Fatalf("%s: running axe-core: %v", p, err)
	}
	return vs
}

// reportAxe fails on every violation axe-core finds, of any impact, listing the elements.
func reportAxe(t *testing.T, p string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-3))
				break
			}
			where = append(where, fmt.Sprintf("%v %s", n.Target, n.HTML))
		}
		t.Errorf("%s: %s %s: %s\n\t%s", p, v.Impact, v.ID, v.Help, strings.Join(where, "\n\t"))
	}
}
