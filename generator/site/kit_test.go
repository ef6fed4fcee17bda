package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const kitGuide = `+++
title = "Kuis"
[handout]
points = ["Simpan paspor Anda.", "Baca [bagian salinan](paspor.md#salinan).", "Tanya [[term:cpmi]]."]
contacts = ["pusat-panggilan"]
+++

## Paspor {#paspor}

Teks.

> [!QUIZ]
> Siapa yang menyimpan paspor?
>
> - [ ] Majikan
> - [x] Anda
>
> Paspor milik Anda. [Baca](#paspor)
`

// A well-formed handout, quiz and session plan build; each mistake stops the build with the
// file, the line and what to do.
func TestKitChecks(t *testing.T) {
	plan := "+++\ntitle = \"Sesi\"\n+++\n\n## Dua jam {#dua minutes=30}\n\n### A {#a minutes=10}\n\n### B {#b minutes=20 guide=\"panduan/kuis.md\"}\n"
	src := fixtureWith(t, map[string]string{
		"content/id/panduan/kuis.md": kitGuide,
		"content/id/panduan/sesi.md": plan,
	})
	if _, err := build(t, src, filepath.Join(t.TempDir(), "public"), false); err != nil {
		t.Fatalf("a correct kit does not build:\n%v", err)
	}
	for _, tc := range []struct{ name, old, new, file, want string }{
		{"unknown contact", `contacts = ["pusat-panggilan"]`, `contacts = ["nope"]`, "kuis.md",
			`content/id/panduan/kuis.md:5: [handout] contact 1: contact "nope": not defined in content/_data/contacts.toml`},
		{"broken link in a point", `paspor.md#salinan`, `paspor.md#tidak-ada`, "kuis.md",
			`content/id/panduan/kuis.md:4: [handout] point 2: broken link "paspor.md#tidak-ada"`},
		{"unknown term in a point", `[[term:cpmi]]`, `[[term:tidak]]`, "kuis.md",
			`content/id/panduan/kuis.md:4: [handout] point 3:`},
		{"quiz link to a missing section", `[Baca](#paspor)`, `[Baca](#visa)`, "kuis.md",
			`content/id/panduan/kuis.md:18:`},
		{"quiz without right answer", `- [x] Anda`, `- [ ] Anda`, "kuis.md",
			`content/id/panduan/kuis.md:15:3: the quiz question has no right answer`},
		{"plan sum", `minutes=30`, `minutes=40`, "sesi.md",
			`content/id/panduan/sesi.md:5:1: the session "Dua jam" is 40 minutes, but its parts (### headings with minutes=) add up to 30 minutes`},
		{"plan guide missing", `guide="panduan/kuis.md"`, `guide="panduan/tidak.md"`, "sesi.md",
			`content/id/panduan/sesi.md:9:1: the part "B" names guide="panduan/tidak.md"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := map[string]string{"kuis.md": kitGuide, "sesi.md": plan}
			if !strings.Contains(text[tc.file], tc.old) {
				t.Fatalf("%s has no %s", tc.file, tc.old)
			}
			text[tc.file] = strings.Replace(text[tc.file], tc.old, tc.new, 1)
			src := fixtureWith(t, map[string]string{
				"content/id/panduan/kuis.md": text["kuis.md"],
				"content/id/panduan/sesi.md": text["sesi.md"],
			})
			_, err := build(t, src, filepath.Join(t.TempDir(), "public"), false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant %q", err, tc.want)
			}
		})
	}
}

// In the preview, a handout edit is checked like a body edit: a broken handout fails the update
// and names the file, and the next good save builds again.
func TestSessionHandoutEdit(t *testing.T) {
	src := fixtureWith(t, map[string]string{"content/id/panduan/kuis.md": kitGuide})
	session, _, err := Open(Options{Source: src, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(src, "content/id/panduan/kuis.md")
	if err := os.WriteFile(file, []byte(strings.Replace(kitGuide, `"pusat-panggilan"`, `"nope"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := session.Update([]string{"content/id/panduan/kuis.md"}, nil); err == nil ||
		!strings.Contains(err.Error(), `content/id/panduan/kuis.md:5: [handout] contact 1: contact "nope"`) {
		t.Errorf("broken handout in the preview: %v", err)
	}
	if err := os.WriteFile(file, []byte(kitGuide), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := session.Update([]string{"content/id/panduan/kuis.md"}, nil); err != nil {
		t.Errorf("recovery: %v", err)
	}
}
