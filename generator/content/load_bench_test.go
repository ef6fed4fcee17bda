package content

import (
	"os"
	"path/filepath"
	"testing"

	"pandu/generator/config"
)

// BenchmarkLoadAfterEdit times the load the preview makes after an edit that moves pages: one
// file touched, every other taken from the last load. It runs on the site in PANDU_BENCH_SITE
// (a corpus made by ../shared/bench/gen_corpus.py), or on the bundled site.
func BenchmarkLoadAfterEdit(b *testing.B) {
	root := os.Getenv("PANDU_BENCH_SITE")
	if root == "" {
		root = "../.."
	}
	cfg, err := config.Load(root)
	if err != nil {
		b.Fatal(err)
	}
	parsed := &Parsed{}
	if _, problems := Load(cfg, Options{KeepGoing: true, Parsed: parsed}); problems.Err() != nil {
		b.Fatal(problems)
	}
	var edited string
	for rel := range parsed.files[cfg.DefaultLanguage] {
		if filepath.Base(rel) != "_index.md" && (edited == "" || rel < edited) {
			edited = rel
		}
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer() // the preview readies the memory while the editor reads (Prepare)
		parsed.Touch("content/" + cfg.DefaultLanguage + "/" + edited)
		parsed.Prepare()
		b.StartTimer()
		if _, problems := Load(cfg, Options{KeepGoing: true, Parsed: parsed}); problems.Err() != nil {
			b.Fatal(problems)
		}
	}
}
