package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLargePageWarns: a page whose HTML is over MaxPageBytes builds, with one warning naming its
// file, so that the editor learns it at build time (a 20 MB guide made a 23 MB page silently).
func TestLargePageWarns(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	para := strings.Repeat("Pekerja migran berhak atas informasi yang benar. ", 20) + "\n\n"
	body := strings.Repeat(para, MaxPageBytes/len(para)+10)
	os.WriteFile(filepath.Join(src, "content/id/panduan/besar.md"), []byte("+++\ntitle = \"Besar\"\n+++\n\n"+body), 0o644)
	res, err := build(t, src, filepath.Join(t.TempDir(), "public"), true)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, "MB of HTML") {
			found = append(found, w.Error())
		}
	}
	if len(found) != 1 || !strings.HasPrefix(found[0], "content/id/panduan/besar.md") || !strings.Contains(found[0], "id/panduan/besar/index.html") {
		t.Errorf("warnings about heavy pages: %q", found)
	}
}
