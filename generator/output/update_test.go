package output

import (
	"reflect"
	"testing"
)

// An update of an in-memory build lists exactly the files whose bytes it changed, after each
// mark, and its rollback puts back every file it wrote, removing those it added.
func TestUpdateJournal(t *testing.T) {
	w := NewMemory(false)
	for rel, data := range map[string]string{"a.txt": "A", "b.txt": "B", "c.txt": "C"} {
		if err := w.WriteFile(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	before := w.Sums()
	w.BeginUpdate()
	w.WriteFile("b.txt", []byte("B")) // same bytes
	w.WriteFile("a.txt", []byte("A2"))
	mark := w.Mark()
	w.WriteFile("d.txt", []byte("D"))
	w.Keep("c.txt", []byte("C2"))
	if got := w.ChangedSince(0); !reflect.DeepEqual(got, []string{"a.txt", "c.txt", "d.txt"}) {
		t.Errorf("changed since the start: %v", got)
	}
	if got := w.ChangedSince(mark); !reflect.DeepEqual(got, []string{"c.txt", "d.txt"}) {
		t.Errorf("changed since the mark: %v", got)
	}
	w.Rollback()
	if !reflect.DeepEqual(w.Sums(), before) {
		t.Errorf("after the rollback: %v, want %v", w.Sums(), before)
	}
	if data, _ := w.File("a.txt"); string(data) != "A" {
		t.Errorf("a.txt is %q after the rollback", data)
	}
	if _, ok := w.File("d.txt"); ok || w.Size("d.txt") != -1 {
		t.Error("d.txt, added by the update, is still there after the rollback")
	}
	// After EndUpdate the writes stay, and nothing is recorded any more.
	w.BeginUpdate()
	w.WriteFile("a.txt", []byte("A3"))
	w.EndUpdate()
	if data, _ := w.File("a.txt"); string(data) != "A3" {
		t.Errorf("a.txt is %q after the update", data)
	}
	w.Keep("a.txt", []byte("A4"))
	if len(w.journal) != 0 {
		t.Error("a write outside an update was recorded")
	}
}

// ChangedFrom lists what differs between two in-memory builds, Missing what one lacks, and a
// file written with a known sum (WriteRawSum) digests as if hashed.
func TestChangedFromAndMissing(t *testing.T) {
	old, nw := NewMemory(false), NewMemory(false)
	for rel, data := range map[string]string{"a.txt": "A", "b.txt": "B", "c.txt": "C"} {
		if err := old.WriteRaw(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	sum, _ := old.Sum("b.txt")
	nw.WriteRaw("a.txt", []byte("A2"))
	nw.WriteRawSum("b.txt", []byte("B"), sum)
	nw.WriteRaw("d.txt", []byte("D"))
	if got := nw.ChangedFrom(old); !reflect.DeepEqual(got, []string{"a.txt", "c.txt", "d.txt"}) {
		t.Errorf("changed: %v", got)
	}
	if got := nw.ChangedFrom(nil); !reflect.DeepEqual(got, []string{"a.txt", "b.txt", "d.txt"}) {
		t.Errorf("changed from no build: %v", got)
	}
	if got := nw.Missing([]string{"a.txt", "c.txt", "d.txt", "e.txt"}); !reflect.DeepEqual(got, []bool{false, true, false, true}) {
		t.Errorf("missing: %v", got)
	}
	again := NewMemory(false)
	again.Reserve(3)
	again.WriteRaw("a.txt", []byte("A2"))
	again.WriteRaw("b.txt", []byte("B"))
	again.WriteRaw("d.txt", []byte("D"))
	if again.Digest() != nw.Digest() {
		t.Error("a file written with its known sum digests differently")
	}
	again.Reserve(10) // not empty: nothing happens
	if again.Len() != 3 || nw.Len() != 3 {
		t.Errorf("%d and %d files, want 3", again.Len(), nw.Len())
	}
}

// WriteRaw keeps the caller's bytes in an in-memory build (no copy); WriteFile copies them, so
// that a caller may reuse its buffer.
func TestWriteRawKeepsWriteFileCopies(t *testing.T) {
	w := NewMemory(false)
	raw, file := []byte("raw"), []byte("file")
	w.WriteRaw("raw.txt", raw)
	w.WriteFile("file.txt", file)
	if got, _ := w.File("raw.txt"); &got[0] != &raw[0] {
		t.Error("WriteRaw copied the bytes")
	}
	file[0] = 'X'
	if got, _ := w.File("file.txt"); string(got) != "file" {
		t.Errorf("WriteFile kept the caller's buffer: %q", got)
	}
}
