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
