package translate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"pandu/generator/content"
)

// StoreDir is the folder, relative to the site root, that keeps the source texts translations
// were made from: one file <hash>.txt per version some translation points to. It is under
// content/_data, which the content loader does not publish.
const StoreDir = "content/" + content.DataDir + "/translations"

var storeName = regexp.MustCompile(`^[0-9a-f]{12}\.txt$`)

// Store is the set of source versions kept for diffs.
type Store struct {
	dir string
}

// OpenStore returns the store of the site at root. The folder need not exist yet.
func OpenStore(root string) *Store {
	return &Store{dir: filepath.Join(root, filepath.FromSlash(StoreDir))}
}

func (s *Store) path(hash string) string { return filepath.Join(s.dir, hash+".txt") }

// Get returns the normalised source text of a version, and false when the store does not have it.
func (s *Store) Get(hash string) (string, bool) {
	if !storeName.MatchString(hash + ".txt") {
		return "", false
	}
	b, err := os.ReadFile(s.path(hash))
	if err != nil {
		return "", false
	}
	return string(b), true
}

// Put keeps text as version hash, unless it is already kept.
func (s *Store) Put(hash, text string) error {
	if _, ok := s.Get(hash); ok {
		return nil
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	tmp := s.path(hash) + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, s.path(hash))
}

// Hashes returns the versions the store holds, sorted.
func (s *Store) Hashes() ([]string, error) {
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && storeName.MatchString(e.Name()) {
			out = append(out, e.Name()[:HashLen])
		}
	}
	sort.Strings(out)
	return out, nil
}

// Prune removes every version that keep does not hold and returns the removed hashes. Files in
// the folder that are not versions are left alone. The folder is removed when it ends up empty.
func (s *Store) Prune(keep map[string]bool) ([]string, error) {
	hashes, err := s.Hashes()
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, h := range hashes {
		if keep[h] {
			continue
		}
		if err := os.Remove(s.path(h)); err != nil {
			return removed, fmt.Errorf("removing %s: %w", s.path(h), err)
		}
		removed = append(removed, h)
	}
	if entries, err := os.ReadDir(s.dir); err == nil && len(entries) == 0 {
		os.Remove(s.dir)
	}
	return removed, nil
}
