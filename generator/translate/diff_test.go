package translate

import (
	"math/rand"
	"strings"
	"testing"
)

func TestDiffUnified(t *testing.T) {
	cases := []struct {
		name, a, b, want string
	}{
		{"same", "a\nb\n", "a\nb\n", ""},
		{"both empty", "", "", ""},
		{"from empty", "", "x\ny\n", "--- A\n+++ B\n@@ -0,0 +1,2 @@\n+x\n+y\n"},
		{"to empty", "x\n", "", "--- A\n+++ B\n@@ -1 +0,0 @@\n-x\n"},
		{"change in the middle",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			"1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			"--- A\n+++ B\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
		{"insert at start", "a\nb\nc\nd\ne\n", "new\na\nb\nc\nd\ne\n",
			"--- A\n+++ B\n@@ -1,3 +1,4 @@\n+new\n a\n b\n c\n"},
		{"append at end", "a\nb\nc\nd\ne\n", "a\nb\nc\nd\ne\nf\n",
			"--- A\n+++ B\n@@ -3,3 +3,4 @@\n c\n d\n e\n+f\n"},
		{"two hunks far apart",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n",
			"one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nfifteen\n",
			"--- A\n+++ B\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -12,4 +12,4 @@\n 12\n 13\n 14\n-15\n+fifteen\n"},
		{"close changes share a hunk",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
			"1\nB\n3\n4\n5\n6\n7\nH\n9\n10\n",
			"--- A\n+++ B\n@@ -1,10 +1,10 @@\n 1\n-2\n+B\n 3\n 4\n 5\n 6\n 7\n-8\n+H\n 9\n 10\n"},
		{"no final newline", "a\nb", "a\nc", "--- A\n+++ B\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Diff("A", "B", c.a, c.b); got != c.want {
				t.Errorf("Diff:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// lcsLen is the length of a longest common subsequence, by dynamic programming.
func lcsLen(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				dp[i][j] = dp[i+1][j+1] + 1
			case dp[i+1][j] > dp[i][j+1]:
				dp[i][j] = dp[i+1][j]
			default:
				dp[i][j] = dp[i][j+1]
			}
		}
	}
	return dp[0][0]
}

// TestEditScriptRandom checks on random texts that the edit script turns a into b and is as short
// as possible (its kept lines are a longest common subsequence).
func TestEditScriptRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"a", "b", "c", "d"}
	gen := func() []string {
		n := rng.Intn(12)
		out := make([]string, n)
		for i := range out {
			out[i] = words[rng.Intn(len(words))]
		}
		return out
	}
	for iter := 0; iter < 2000; iter++ {
		a, b := gen(), gen()
		ops := editScript(a, b)
		var gotA, gotB []string
		same := 0
		ia, ib := 0, 0
		for _, o := range ops {
			switch o.kind {
			case ' ':
				if o.a != ia || o.b != ib || a[o.a] != b[o.b] {
					t.Fatalf("a=%q b=%q: bad kept line %+v", a, b, o)
				}
				gotA, gotB = append(gotA, a[o.a]), append(gotB, b[o.b])
				ia, ib, same = ia+1, ib+1, same+1
			case '-':
				if o.a != ia {
					t.Fatalf("a=%q b=%q: deletion out of order %+v", a, b, o)
				}
				gotA = append(gotA, a[o.a])
				ia++
			case '+':
				if o.b != ib {
					t.Fatalf("a=%q b=%q: insertion out of order %+v", a, b, o)
				}
				gotB = append(gotB, b[o.b])
				ib++
			}
		}
		if strings.Join(gotA, ",") != strings.Join(a, ",") || strings.Join(gotB, ",") != strings.Join(b, ",") {
			t.Fatalf("a=%q b=%q: script does not rebuild both texts", a, b)
		}
		if want := lcsLen(a, b); same != want {
			t.Fatalf("a=%q b=%q: script keeps %d lines, a longest common subsequence has %d", a, b, same, want)
		}
	}
}
