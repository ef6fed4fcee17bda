// Package digest makes a fixed-size digest of a Go value's data: two values with the same digest
// hold the same data, field by field, whatever their addresses. The preview compares what a page
// was rendered from with what it would be rendered from now, and keeps the page when they are
// the same (early cutoff). Values that share parts (every page of a section points to the same
// list of its pages) are digested once per part through a Memo.
package digest

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"time"
	"unsafe"
)

// Size is the length of a digest.
const Size = sha256.Size

// Memo remembers the digests of the pointers and long slices it has seen, so that a part shared
// by many values is read once. It holds on to what it saw: the data must not change while the
// Memo is used, and a Memo is dropped with the data it was used on. It is safe for concurrent use.
type Memo struct {
	seen sync.Map // key -> [Size]byte
}

// key names a pointed-to value or a slice's elements by address, length and type.
type key struct {
	p unsafe.Pointer
	n int
	t reflect.Type
}

// memoMin is the length from which a slice's digest is remembered: shorter ones cost less to
// read again than to look up.
const memoMin = 8

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// Sum returns the digest of v: its type and every field (but those tagged `digest:"-"`), element
// and pointed-to value in it.
// Map entries are taken in sorted order, so the digest does not depend on map order. Values must
// hold no cycles; a function or channel is taken by its address.
func (m *Memo) Sum(v any) [Size]byte { return m.sum(reflect.ValueOf(v)) }

// SumAt returns Sum of the value p points to, without remembering p's address: for a value its
// caller fills again and again, whose address says nothing of its data.
func (m *Memo) SumAt(p any) [Size]byte { return m.sum(reflect.ValueOf(p).Elem()) }

func (m *Memo) sum(v reflect.Value) [Size]byte {
	bp := buffers.Get().(*[]byte)
	buf := m.append((*bp)[:0], v)
	sum := sha256.Sum256(buf)
	*bp = buf
	buffers.Put(bp)
	return sum
}

// buffers holds the buffers values are read into.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// Append adds to buf the bytes Sum digests for v, for callers that digest several values as one.
func (m *Memo) Append(buf []byte, v any) []byte { return m.append(buf, reflect.ValueOf(v)) }

var timeType = reflect.TypeFor[time.Time]()

func (m *Memo) append(buf []byte, v reflect.Value) []byte {
	if !v.IsValid() {
		return append(buf, 0)
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(buf, 1)
		}
		return append(buf, 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(buf, v.Uint())
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(buf, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(real(c)))
		return binary.LittleEndian.AppendUint64(buf, math.Float64bits(imag(c)))
	case reflect.String:
		s := v.String()
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		return append(buf, s...)
	case reflect.Array:
		return m.elems(buf, v)
	case reflect.Slice:
		if v.IsNil() {
			return append(buf, 0)
		}
		buf = append(buf, 1)
		buf = binary.AppendUvarint(buf, uint64(v.Len()))
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return append(buf, v.Bytes()...)
		}
		if v.Len() >= memoMin {
			return m.shared(buf, key{v.UnsafePointer(), v.Len(), v.Type()}, func(b []byte) []byte { return m.elems(b, v) })
		}
		return m.elems(buf, v)
	case reflect.Pointer:
		if v.IsNil() {
			return append(buf, 0)
		}
		buf = append(buf, 1)
		return m.shared(buf, key{v.UnsafePointer(), -1, v.Type()}, func(b []byte) []byte { return m.append(b, v.Elem()) })
	case reflect.Struct:
		if v.Type() == timeType && v.CanInterface() {
			// A time's fields are unexported (and hold a monotonic reading that does not show):
			// its instant and zone are what a layout shows.
			t := v.Interface().(time.Time)
			name, off := t.Zone()
			buf = binary.AppendVarint(buf, t.Unix())
			buf = binary.AppendVarint(buf, int64(t.Nanosecond()))
			buf = binary.AppendVarint(buf, int64(off))
			buf = append(buf, name...)
			return append(buf, 0)
		}
		for _, i := range digested(v.Type()) {
			buf = m.append(buf, v.Field(i))
		}
		return buf
	case reflect.Map:
		if v.IsNil() {
			return append(buf, 0)
		}
		buf = append(buf, 1)
		entries := make([][]byte, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			e := m.append(nil, it.Key())
			entries = append(entries, m.append(e, it.Value()))
		}
		slices.SortFunc(entries, bytes.Compare)
		buf = binary.AppendUvarint(buf, uint64(len(entries)))
		for _, e := range entries {
			buf = binary.AppendUvarint(buf, uint64(len(e)))
			buf = append(buf, e...)
		}
		return buf
	case reflect.Interface:
		if v.IsNil() {
			return append(buf, 0)
		}
		e := v.Elem()
		buf = append(buf, 1)
		buf = append(buf, e.Type().String()...)
		buf = append(buf, 0)
		return m.append(buf, e)
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return binary.AppendUvarint(buf, uint64(v.Pointer()))
	}
	panic(fmt.Sprintf("digest: cannot digest a %s", v.Kind()))
}

// digested returns the indexes of the fields of struct type t that a digest reads: all but those
// tagged `digest:"-"` (a cache a value carries for the layouts, which is not data they show).
func digested(t reflect.Type) []int {
	if f, ok := fieldsOf.Load(t); ok {
		return f.([]int)
	}
	var f []int
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("digest") != "-" {
			f = append(f, i)
		}
	}
	fieldsOf.Store(t, f)
	return f
}

// fieldsOf holds digested's answer per struct type.
var fieldsOf sync.Map // reflect.Type -> []int

// elems appends the elements of an array or slice.
func (m *Memo) elems(buf []byte, v reflect.Value) []byte {
	for i := range v.Len() {
		buf = m.append(buf, v.Index(i))
	}
	return buf
}

// shared appends what fill appends, or its digest, remembered under k, when it is long: a part
// shared by many values is read once, a small one costs less to read again than to remember.
func (m *Memo) shared(buf []byte, k key, fill func([]byte) []byte) []byte {
	if d, ok := m.seen.Load(k); ok {
		sum := d.([Size]byte)
		buf = append(buf, 'd')
		return append(buf, sum[:]...)
	}
	start := len(buf)
	buf = append(buf, 'v')
	buf = fill(buf)
	if len(buf)-start < rememberMin {
		return buf
	}
	sum := sha256.Sum256(buf[start+1:])
	m.seen.Store(k, sum)
	buf = append(buf[:start], 'd')
	return append(buf, sum[:]...)
}

// rememberMin is the length of its bytes from which a part's digest is remembered.
const rememberMin = 512
