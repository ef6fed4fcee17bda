package markdown

import (
	"strings"
	"testing"
)

func TestScanDoubleBracket(t *testing.T) {
	for _, tc := range []struct {
		line, inner string
		n           int
		ok          bool
	}{
		{"[[UU18:6]] x", "UU18:6", 10, true},
		{"[[a]]]", "a", 5, true},
		{"[[]]", "", 4, true},
		{"[[a] b]]", "a] b", 8, true},
		{"[[a[b]]", "", 0, false},
		{"[[a\nb]]", "", 0, false},
		{"[[abc]", "", 0, false},
		{"[a]]", "", 0, false},
		{"[[", "", 0, false},
	} {
		inner, n, ok := scanDoubleBracket([]byte(tc.line))
		if string(inner) != tc.inner || n != tc.n || ok != tc.ok {
			t.Errorf("%q: got %q %d %v, want %q %d %v", tc.line, inner, n, ok, tc.inner, tc.n, tc.ok)
		}
	}
}

// TestDoubleBracketLinear: the [[...]] parsers run at every '[' of a paragraph; a long run of '['
// must cost the scanner a few steps per bracket, not a search of the rest of the line each time
// (n²/2 steps: 400,000 brackets took 6 s).
func TestDoubleBracketLinear(t *testing.T) {
	const n = 20000
	src := strings.Repeat("[", n) + "]] " + strings.Repeat("[[x ", n) + "]]\n"
	before := bracketScanned.Load()
	safe.Parse([]byte(src), 0)
	if work := bracketScanned.Load() - before; work > int64(8*len(src)) {
		t.Errorf("scanning %d bytes looked at %d bytes: not linear", len(src), work)
	}
}
