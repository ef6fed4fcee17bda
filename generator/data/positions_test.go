package data

import (
	"strings"
	"testing"
)

func TestScanPositions(t *testing.T) {
	src := `top = 1 # [not-a-header]
[a]
text = """
[fake]
x = 1
"""
lit = '''
[[fake]]'''
"quoted.key" = "v"
'lit key' = 'v'
dotted.inner = "v"
arr = [
  "[x]",
  { y = 1 },
]
inline = { z = [1,
  2] }
after = true

  [ "b" . c ]   # comment
d = "\"]"
[[b.c.list]]
e = 1
[[b.c.list]]
e = 2
[b.c.list.sub]
f = 3
[b.c.list.deep]
"esc\u0041" = 1
`
	pos := scanPositions([]byte(src))
	tests := []struct {
		path string // keys separated by "/"
		line int
	}{
		{"top", 1},
		{"a", 2},
		{"a/text", 3},
		{"a/lit", 7},
		{"a/quoted.key", 9},
		{"a/lit key", 10},
		{"a/dotted", 11},
		{"a/dotted/inner", 11},
		{"a/arr", 12},
		{"a/inline", 16},
		{"a/inline/z", 16}, // falls back to the key holding the inline table
		{"a/after", 18},
		{"b", 20},
		{"b/c", 20},
		{"b/c/d", 21},
		{"b/c/list", 22},
		{"b/c/list/#0", 22},
		{"b/c/list/#0/e", 23},
		{"b/c/list/#1", 24},
		{"b/c/list/#1/e", 25},
		{"b/c/list/#1/sub", 26},
		{"b/c/list/#1/sub/f", 27},
		{"b/c/list/#1/deep/escA", 29},
		{"fake", 0},
		{"x", 0},
		{"a/x", 2},
	}
	for _, tt := range tests {
		if got := pos.line(strings.Split(tt.path, "/")...); got != tt.line {
			t.Errorf("line(%q) = %d, want %d", tt.path, got, tt.line)
		}
	}
}
