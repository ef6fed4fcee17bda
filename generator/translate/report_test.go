package translate

import (
	"bytes"
	"encoding/json"
	"os"
	"pandu/generator/internal/testfs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fixtureCopy copies testdata/site into a temporary folder and returns its path.
func fixtureCopy(t *testing.T) string {
	dst := t.TempDir()
	testfs.CopyDir(t, "testdata/site", dst)
	return dst
}

var today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func check(t *testing.T, root string) *Report {
	t.Helper()
	r, err := Check(root, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func files(ps []PageStatus) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.File)
	}
	return out
}

func lang(t *testing.T, r *Report, code string) *LangReport {
	t.Helper()
	for _, l := range r.Languages {
		if l.Code == code {
			return l
		}
	}
	t.Fatalf("no language %s in the report", code)
	return nil
}

func eq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func edit(t *testing.T, root, file string, fn func(string) string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	out := fn(string(b))
	if out == string(b) {
		t.Fatalf("edit of %s changed nothing", file)
	}
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

var enFiles = []string{"content/en/_index.md", "content/en/panduan/biaya.md", "content/en/panduan/paspor.md"}
var msFiles = []string{"content/ms/_index.md", "content/ms/panduan/_index.md", "content/ms/panduan/biaya.md",
	"content/ms/panduan/kontrak.md", "content/ms/panduan/paspor.md"}

func syncAll(t *testing.T, root string) {
	t.Helper()
	if _, _, err := MarkSynced(root, append(append([]string{}, enFiles...), msFiles...)); err != nil {
		t.Fatal(err)
	}
}

func TestReportNeverSynced(t *testing.T) {
	root := fixtureCopy(t)
	r := check(t, root)
	if r.Source.Code != "id" || r.SourcePages != 5 || r.Languages[0].Code != "id" || !r.Languages[0].IsSource {
		t.Errorf("source: %+v, %d pages", r.Source, r.SourcePages)
	}
	en, ms := lang(t, r, "en"), lang(t, r, "ms")
	eq(t, "en drifted", files(en.Drifted), enFiles)
	eq(t, "en missing", files(en.Missing), []string{"content/en/panduan/_index.md", "content/en/panduan/kontrak.md"})
	eq(t, "en up to date", files(en.UpToDate), []string{})
	eq(t, "ms drifted", files(ms.Drifted), msFiles)
	eq(t, "ms missing", files(ms.Missing), []string{})
	eq(t, "ms without source", files(ms.NoSource), []string{"content/ms/lain/hanya-ms.md"})
	eq(t, "en UI strings", en.MissingStrings, []string{})
	eq(t, "ms UI strings", ms.MissingStrings, []string{"reviewed"})
	for _, p := range en.Drifted {
		if !p.NeverSynced() || p.Diff != "" {
			t.Errorf("%s: want never synced without a diff, got %+v", p.File, p)
		}
	}
	if p := en.Missing[1]; p.SourceFile != "content/id/panduan/kontrak.md" || p.SourceURL != "/id/panduan/kontrak/" {
		t.Errorf("missing page: %+v", p)
	}
	// Reviews: 2024-01-15 is more than 12 months before 2026-06-01; 2026-03-10 is not.
	overdue := func(l *LangReport) []string {
		out := []string{}
		for _, rv := range l.Overdue {
			out = append(out, rv.File+" "+rv.Reviewed)
		}
		return out
	}
	eq(t, "id overdue", overdue(lang(t, r, "id")), []string{"content/id/panduan/biaya.md 2024-01-15"})
	eq(t, "en overdue", overdue(en), []string{"content/en/panduan/biaya.md 2024-01-15"})
	r3, err := Check(root, Options{Today: today, ReviewMonths: 2})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "id overdue after 2 months", overdue(lang(t, r3, "id")),
		[]string{"content/id/panduan/biaya.md 2024-01-15", "content/id/panduan/paspor.md 2026-03-10"})
	if !r.Failed() {
		t.Error("Failed() is false with missing and drifted pages")
	}
}

func TestEditFlagsExactlyItsTranslations(t *testing.T) {
	root := fixtureCopy(t)
	syncAll(t, root)
	r := check(t, root)
	en, ms := lang(t, r, "en"), lang(t, r, "ms")
	eq(t, "en up to date", files(en.UpToDate), enFiles)
	eq(t, "ms up to date", files(ms.UpToDate), msFiles)
	eq(t, "en drifted", files(en.Drifted), []string{})
	eq(t, "ms drifted", files(ms.Drifted), []string{})

	// Whitespace only: re-wrapped, re-indented, blank lines and Windows line ends.
	edit(t, root, "content/id/panduan/paspor.md", func(s string) string {
		s = strings.Replace(s, "Majikan tidak boleh menahan paspor Anda.\nSimpan", "Majikan  tidak boleh\nmenahan paspor Anda. Simpan", 1)
		s = strings.Replace(s, "## Jika", "\n\n   ## Jika", 1)
		return strings.ReplaceAll(s, "\n", "\r\n")
	})
	r = check(t, root)
	eq(t, "en drifted after a whitespace edit", files(lang(t, r, "en").Drifted), []string{})
	eq(t, "ms drifted after a whitespace edit", files(lang(t, r, "ms").Drifted), []string{})

	edit(t, root, "content/id/panduan/paspor.md", func(s string) string {
		return strings.Replace(s, "Hubungi perwakilan RI terdekat.", "Hubungi perwakilan RI terdekat atau SBMI.", 1)
	})
	r = check(t, root)
	en, ms = lang(t, r, "en"), lang(t, r, "ms")
	eq(t, "en drifted", files(en.Drifted), []string{"content/en/panduan/paspor.md"})
	eq(t, "ms drifted", files(ms.Drifted), []string{"content/ms/panduan/paspor.md"})
	eq(t, "en up to date", files(en.UpToDate), []string{"content/en/_index.md", "content/en/panduan/biaya.md"})
	d := en.Drifted[0]
	if d.NeverSynced() || d.Recorded == d.Current || d.SourceFile != "content/id/panduan/paspor.md" {
		t.Errorf("drifted page: %+v", d)
	}
	// The re-wrapped lines show in the diff (lines are compared after collapsing whitespace
	// inside each line), next to the real change.
	wantDiff := "@@ -5,9 +5,9 @@\n \n ## Hak Anda\n \n-Majikan tidak boleh menahan paspor Anda.\n-Simpan fotokopi paspor di rumah.\n" +
		"+Majikan tidak boleh\n+menahan paspor Anda. Simpan fotokopi paspor di rumah.\n \n ## Jika paspor ditahan\n \n" +
		"-Hubungi perwakilan RI terdekat.\n+Hubungi perwakilan RI terdekat atau SBMI.\n"
	if !strings.HasPrefix(d.Diff, "--- content/id/panduan/paspor.md (translated version "+d.Recorded+")\n") ||
		!strings.HasSuffix(d.Diff, wantDiff) {
		t.Errorf("diff:\n%s\nwant it to end with:\n%s", d.Diff, wantDiff)
	}

	// Marking the English page synced clears it; the Malay page still drifts, with its diff.
	before, _ := os.ReadFile(filepath.Join(root, "content/en/panduan/paspor.md"))
	done, removed, err := MarkSynced(root, []string{"content/en/panduan/paspor.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || !done[0].Changed || done[0].Hash != d.Current || len(removed) != 0 {
		t.Errorf("MarkSynced: %+v, removed %v", done, removed)
	}
	after, _ := os.ReadFile(filepath.Join(root, "content/en/panduan/paspor.md"))
	if want := strings.Replace(string(before), d.Recorded, d.Current, 1); string(after) != want {
		t.Errorf("mark-synced changed more than the hash:\n%s", after)
	}
	r = check(t, root)
	eq(t, "en drifted after mark-synced", files(lang(t, r, "en").Drifted), []string{})
	ms = lang(t, r, "ms")
	eq(t, "ms drifted after en mark-synced", files(ms.Drifted), []string{"content/ms/panduan/paspor.md"})
	if ms.Drifted[0].Diff == "" {
		t.Error("the version the Malay page points to was dropped from the store")
	}
	// Once nothing points to the old version any more, the store drops it.
	_, removed, err = MarkSynced(root, []string{"content/ms/panduan/paspor.md"})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "removed versions", removed, []string{d.Recorded})
	hashes, _ := OpenStore(root).Hashes()
	if len(hashes) != 5 {
		t.Errorf("store holds %d versions, want one per source page (5): %v", len(hashes), hashes)
	}
	if r := check(t, root); len(lang(t, r, "ms").Drifted) != 0 {
		t.Error("ms still drifted")
	}
}

func TestStoreMissingVersion(t *testing.T) {
	root := fixtureCopy(t)
	syncAll(t, root)
	edit(t, root, "content/id/panduan/biaya.md", func(s string) string { return strings.Replace(s, "biaya", "ongkos", 1) })
	if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(StoreDir))); err != nil {
		t.Fatal(err)
	}
	r := check(t, root)
	en := lang(t, r, "en")
	eq(t, "en drifted", files(en.Drifted), []string{"content/en/panduan/biaya.md"})
	if d := en.Drifted[0]; d.Diff != "" || d.NeverSynced() {
		t.Errorf("without the stored version: %+v", d)
	}
	if len(r.StoreMissing) != 1 || r.StoreMissing[0] != en.Drifted[0].Recorded {
		t.Errorf("StoreMissing = %v", r.StoreMissing)
	}
}

func TestWriteReport(t *testing.T) {
	root := fixtureCopy(t)
	syncAll(t, root)
	edit(t, root, "content/id/panduan/paspor.md", func(s string) string {
		return strings.Replace(s, "Hubungi perwakilan RI terdekat.", "Hubungi <script>alert(1)</script> & SBMI.", 1)
	})
	r := check(t, root)

	var text bytes.Buffer
	if err := WriteText(&text, r, "pandu status"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"English (en): 2 up to date, 1 changed in the source, 2 not translated, 0 UI strings missing",
		"    content/en/panduan/paspor.md\n",
		"        +Hubungi <script>alert(1)</script> & SBMI.\n",
		"    content/en/panduan/kontrak.md  (source: content/id/panduan/kontrak.md)",
		"UI strings missing in i18n/ms.toml (the id text is shown): reviewed",
		"    content/id/panduan/biaya.md  (reviewed 2024-01-15)",
		"pandu status --mark-synced FILE",
		"Some translations need work",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}

	var js bytes.Buffer
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, r) {
		t.Errorf("JSON does not round-trip:\n%s", js.String())
	}

	var page bytes.Buffer
	if err := WriteHTML(&page, r); err != nil {
		t.Fatal(err)
	}
	h := page.String()
	for _, want := range []string{
		"<!DOCTYPE html>", "<h2>English (en)</h2>", "<span class=\"add\">&#43;Hubungi &lt;script&gt;alert(1)&lt;/script&gt; &amp; SBMI.</span>\n",
		`<a href="/en/panduan/passport/">Your passport</a>`, "<code>content/en/panduan/kontrak.md</code>",
		"<code>reviewed</code>", "Some translations need work.",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML report lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "<script>") || strings.Contains(h, "<link") || strings.Contains(h, "src=") {
		t.Error("HTML report is not self-contained and script-free")
	}
	var again bytes.Buffer
	if err := WriteHTML(&again, check(t, root)); err != nil || again.String() != h {
		t.Error("HTML report is not deterministic")
	}
}
