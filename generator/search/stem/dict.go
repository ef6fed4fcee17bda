package stem

import (
	_ "embed"
	"strings"
	"sync"
)

// rootsID is the Indonesian root-word list, one root per line. Lines that
// are empty or start with '#' are ignored.
//
//go:embed roots_id.txt
var rootsID string

// rootsMS holds Malay roots that are added to rootsID to form the Malay
// dictionary (Malay spellings and Malay-only vocabulary).
//
//go:embed roots_ms.txt
var rootsMS string

var (
	indonesianStemmer = sync.OnceValue(func() *stemmer {
		return &stemmer{roots: buildDictionary(rootsID)}
	})
	malayStemmer = sync.OnceValue(func() *stemmer {
		return &stemmer{roots: buildDictionary(rootsID, rootsMS)}
	})
)

// buildDictionary parses root lists into a set. The set is never modified
// after construction, so concurrent lookups are safe.
func buildDictionary(lists ...string) map[string]struct{} {
	d := make(map[string]struct{}, 4096)
	for _, list := range lists {
		for line := range strings.Lines(list) {
			w := strings.ToLower(strings.TrimSpace(line))
			if len(w) < minRootLen || strings.HasPrefix(w, "#") {
				continue
			}
			d[w] = struct{}{}
		}
	}
	return d
}
