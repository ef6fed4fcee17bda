package translate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarkSyncedInsertsOneLine(t *testing.T) {
	root := fixtureCopy(t)
	file := "content/en/panduan/paspor.md"
	before, _ := os.ReadFile(filepath.Join(root, file))
	done, _, err := MarkSynced(root, []string{file})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(root, file))
	// The key goes after the last top-level key, before [[sources]].
	want := strings.Replace(string(before), "reviewed = 2026-03-10\n", "reviewed = 2026-03-10\ntranslated_from = \""+done[0].Hash+"\"\n", 1)
	if string(after) != want {
		t.Errorf("after --mark-synced:\n%s\nwant:\n%s", after, want)
	}
	if text, ok := OpenStore(root).Get(done[0].Hash); !ok || !strings.HasPrefix(text, "title: Paspor Anda\ndescription: Paspor milik Anda.\n\nPaspor adalah hak Anda.\n") {
		t.Errorf("stored source text: %q, %v", text, ok)
	}
	// A second run changes nothing.
	done, _, err = MarkSynced(root, []string{file})
	if err != nil || done[0].Changed {
		t.Errorf("second run: %+v, %v", done, err)
	}
	again, _ := os.ReadFile(filepath.Join(root, file))
	if string(again) != string(after) {
		t.Error("second run changed the file")
	}
}

func TestSetTranslatedFromKeepsBytes(t *testing.T) {
	root := fixtureCopy(t)
	cases := []struct{ name, in, want string }{
		{"replace, with a comment and odd spacing",
			"\xef\xbb\xbf+++\ntitle = \"Kos\"\n  translated_from =   \"0123456789ab\"   # old\n+++\nAnda tidak boleh dikenakan kos penempatan.\n",
			"\xef\xbb\xbf+++\ntitle = \"Kos\"\n  translated_from =   \"HASH\"   # old\n+++\nAnda tidak boleh dikenakan kos penempatan.\n"},
		{"insert with Windows line ends",
			"+++\r\ntitle = \"Kos\"\r\n# a comment\r\n\r\n[params]\r\nx = 1\r\n+++\r\nAnda tidak boleh dikenakan kos penempatan.\r\n",
			"+++\r\ntitle = \"Kos\"\r\ntranslated_from = \"HASH\"\r\n# a comment\r\n\r\n[params]\r\nx = 1\r\n+++\r\nAnda tidak boleh dikenakan kos penempatan.\r\n"},
		{"a translated_from inside a table is not the page's",
			"+++\ntitle = \"Kos\"\n[params]\ntranslated_from = \"x\"\n+++\nAnda tidak boleh dikenakan kos penempatan.\n",
			"+++\ntitle = \"Kos\"\ntranslated_from = \"HASH\"\n[params]\ntranslated_from = \"x\"\n+++\nAnda tidak boleh dikenakan kos penempatan.\n"},
	}
	file := "content/ms/panduan/biaya.md"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(root, file), []byte(c.in), 0o644); err != nil {
				t.Fatal(err)
			}
			done, _, err := MarkSynced(root, []string{file})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(filepath.Join(root, file))
			if want := strings.Replace(c.want, "HASH", done[0].Hash, 1); string(got) != want {
				t.Errorf("got:\n%q\nwant:\n%q", got, want)
			}
		})
	}
}

func TestMarkSyncedRefusesNonTranslations(t *testing.T) {
	root := fixtureCopy(t)
	good := "content/en/panduan/paspor.md"
	before, _ := os.ReadFile(filepath.Join(root, good))
	_, _, err := MarkSynced(root, []string{good, "content/id/panduan/paspor.md", "content/ms/lain/hanya-ms.md", "content/en/nope.md"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"content/id/panduan/paspor.md: this is a source page (id)",
		"content/ms/lain/hanya-ms.md: has no source page in id",
		"content/en/nope.md: not a page of the site",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	after, _ := os.ReadFile(filepath.Join(root, good))
	if string(after) != string(before) {
		t.Error("a file was changed although the command failed")
	}
	if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(StoreDir))); !os.IsNotExist(err) {
		t.Error("the store was written although the command failed")
	}
}
