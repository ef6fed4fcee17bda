package printtest

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pandu/generator/pdfprint"
)

// TestTrainerKitPDF prints each language's trainer kit as `pandu pdf` does and reads the PDF
// back with poppler: the session plan first, then every handout on exactly one A4 page (the
// handouts follow each other page by page, so none runs onto a second page), the quiz sheet
// without the answers, the answer key from a new page, and the handouts two per landscape A4
// sheet. It also checks that pandu pdf's measurement agrees: no handout taller than its page.
func TestTrainerKitPDF(t *testing.T) {
	build(t)
	exe := needBrowser(t)
	needTools(t, "pdfinfo", "pdftotext", "pdftoppm", "zbarimg")
	if len(built.res.Kits) != len(built.cfg.Ordered) {
		t.Fatalf("%d trainer kits for %d languages", len(built.res.Kits), len(built.cfg.Ordered))
	}
	srv, err := pdfprint.Serve(filepath.Join(built.dest, "public"), built.cfg.BasePath())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	b, err := pdfprint.Start(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	dir := t.TempDir()
	for _, kit := range built.res.Kits {
		t.Run(kit.Lang, func(t *testing.T) {
			url := srv.URL + strings.TrimPrefix(kit.URL, built.cfg.BasePath())
			boxes, err := b.Measure(url, ".handout", "data-guide")
			if err != nil {
				t.Fatal(err)
			}
			if len(boxes) != kit.Handouts {
				t.Errorf("measured %d handouts, the kit has %d", len(boxes), kit.Handouts)
			}
			for _, box := range boxes {
				if box.Allowed < 200 || box.Height > box.Allowed {
					t.Errorf("handout of %s: %.0f mm tall, %.0f mm allowed", box.Key, box.Height, box.Allowed)
				}
			}
			pdf, err := b.PDF(url)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "trainer-kit-"+kit.Lang+".pdf")
			if err := os.WriteFile(file, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			checkKitPDF(t, file, kit.Lang, kit.Questions)
		})
	}
}

var pageSizeRe = regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`)

func checkKitPDF(t *testing.T, file, lang string, questions int) {
	info := run(t, "pdfinfo", file)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	sizes := make([]string, n+1)
	for _, sz := range pageSizeRe.FindAllStringSubmatch(run(t, "pdfinfo", "-f", "1", "-l", m[1], file), -1) {
		p, _ := strconv.Atoi(sz[1])
		if p >= 1 && p <= n {
			sizes[p] = strconv.Itoa(roundPts(sz[2])) + " x " + strconv.Itoa(roundPts(sz[3]))
		}
	}
	pages := make([]string, n+1)
	for i := 1; i <= n; i++ {
		pages[i] = norm(run(t, "pdftotext", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-enc", "UTF-8", file, "-"))
		if len(pages[i]) < 20 {
			t.Errorf("page %d is blank: %q", i, pages[i])
		}
	}
	l := built.site.ByLang[lang]
	siteTitle := norm(built.cfg.Language(lang).Title)

	// The session plan.
	next := 1
	if plan := built.cfg.Print.SessionPlan; plan != "" {
		pg := l.ByPath[plan]
		if pg == nil {
			t.Fatalf("no session plan %s in %s", plan, lang)
		}
		if !strings.HasPrefix(pages[1], norm(pg.Content().Title)) {
			t.Errorf("page 1 does not start with the session plan %q: %.200s", pg.Content().Title, pages[1])
		}
	}
	// The handouts, one page each, one after the other, in booklet order.
	var handouts []guide
	for _, p := range built.cfg.Print.Guides {
		pg := l.ByPath[p]
		if pg != nil && pg.Content().Handout != nil {
			handouts = append(handouts, guide{pg.Content().Title, strings.TrimSuffix(baseURL, "/") + pg.URL})
		}
	}
	first := 0
	for p := next; p <= n && len(handouts) > 0; p++ {
		if startsWith(pages[p], siteTitle+" "+handouts[0].title) {
			first = p
			break
		}
	}
	if len(handouts) > 0 && first == 0 {
		t.Fatalf("no page starts with the first handout (%s)", handouts[0].title)
	}
	for i, h := range handouts {
		p := first + i
		if p > n || !startsWith(pages[p], siteTitle+" "+h.title) {
			t.Errorf("page %d is not the handout of %q (the handout before it took more than one page?): %.120s", p, h.title, pages[min(p, n)])
			return
		}
		if sizes[p] != "595 x 842" {
			t.Errorf("handout page %d is %s pts, want A4 portrait", p, sizes[p])
		}
		if !strings.Contains(pages[p], norm(label(t, lang, "kit_remember"))) {
			t.Errorf("handout page %d has no %q", p, label(t, lang, "kit_remember"))
		}
	}
	if len(handouts) > 0 {
		next = first + len(handouts)
	} else {
		first = next
	}
	// The quiz sheet, then the answer key on a page of its own.
	quiz, key := next, next-1
	if questions > 0 {
		quiz, key = 0, 0
	}
	for p := next; p <= n; p++ {
		if quiz == 0 && strings.HasPrefix(pages[p], norm(label(t, lang, "kit_quiz_sheet"))) {
			quiz = p
		}
		if key == 0 && strings.HasPrefix(pages[p], norm(label(t, lang, "kit_answer_key"))) {
			key = p
		}
	}
	if questions == 0 {
		// no quiz sheet, no answer key
	} else if quiz != next {
		t.Errorf("the quiz sheet starts on page %d, want %d (right after the handouts)", quiz, next)
	}
	if questions > 0 && key <= quiz {
		t.Fatalf("the answer key does not start a page after the quiz sheet (quiz %d, key %d)", quiz, key)
	}
	for p := quiz; p < key; p++ {
		if strings.Contains(pages[p], norm(label(t, lang, "kit_answer_key"))) {
			t.Errorf("the quiz sheet (page %d) shows the answer key", p)
		}
	}
	// The A5 sheets: landscape A4, two handouts each, after the answer key.
	sheets := 0
	for p := key + 1; p <= n; p++ {
		if sizes[p] == "842 x 595" {
			sheets++
			if c := strings.Count(pages[p], siteTitle); c != 2 && !(p == n && c == 1) {
				t.Errorf("A5 sheet page %d holds %d handouts, want 2", p, c)
			}
		}
	}
	if want := (len(handouts) + 1) / 2; sheets != want {
		t.Errorf("%d landscape A5 sheets, want %d", sheets, want)
	}
	// QR codes of the first and last handouts lead to their guides.
	prefix := strings.TrimSuffix(file, ".pdf")
	for _, i := range []int{0, len(handouts) - 1} {
		if len(handouts) == 0 {
			break
		}
		p := first + i
		run(t, "pdftoppm", "-r", "200", "-gray", "-png", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-singlefile", file, prefix+"-"+strconv.Itoa(p))
		got := strings.Fields(run(t, "zbarimg", "-q", "--raw", prefix+"-"+strconv.Itoa(p)+".png"))
		if len(got) != 1 || got[0] != handouts[i].url {
			t.Errorf("handout page %d: QR codes decode to %v, want [%s]", p, got, handouts[i].url)
		}
	}
	t.Logf("trainer-kit-%s.pdf: %d pages: plan 1-%d, %d handouts %d-%d, quiz sheet %d-%d, answer key %d-%d, %d A5 sheets",
		lang, n, first-1, len(handouts), first, first+len(handouts)-1, quiz, key-1, key, n-sheets, sheets)
}

// startsWith compares text extracted from a PDF without spaces and hyphens, which pdftotext
// loses or adds where a line breaks ("undang-undang" at the end of a line).
func startsWith(page, prefix string) bool {
	squash := strings.NewReplacer(" ", "", "-", "", "\u00ad", "", "\u2010", "").Replace
	return strings.HasPrefix(squash(page), squash(prefix))
}
