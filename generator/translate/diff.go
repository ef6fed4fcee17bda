package translate

import (
	"fmt"
	"strings"
)

// op is one line of an edit script.
type op struct {
	kind byte // ' ' same, '-' only in a, '+' only in b
	a, b int  // line index in a (for ' ' and '-') and in b (for ' ' and '+')
}

// splitLines splits text into lines without their newlines; a final newline ends the last line.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// editScript returns a shortest edit script from a to b (Myers' O(ND) algorithm), with deletions
// before insertions within each change.
func editScript(a, b []string) []op {
	// Common prefix and suffix are matched directly; Myers runs on the middle.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', i, i})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for i := 0; i < suf; i++ {
		ops = append(ops, op{' ', len(a) - suf + i, len(b) - suf + i})
	}
	return ops
}

// myers computes the edit script of a and b; offA and offB are added to the line indexes.
func myers(a, b []string, offA, offB int) []op {
	n, m := len(a), len(b)
	max := n + m
	if max == 0 {
		return nil
	}
	v := make([]int, 2*max+2)
	var trace [][]int
	found := false
	for d := 0; d <= max && !found; d++ {
		snap := make([]int, len(v))
		copy(snap, v)
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
				x = v[max+k+1] // down: insertion
			} else {
				x = v[max+k-1] + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[max+k] = x
			if x >= n && y >= m {
				found = true
				break
			}
		}
	}
	// Walk back through the snapshots (trace[d] is v before step d) to recover the path.
	var rev []op
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		vd := trace[d]
		k := x - y
		var prevK int
		if d == 0 {
			prevK = 0
		} else if k == -d || (k != d && vd[max+k-1] < vd[max+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := 0
		if d > 0 {
			prevX = vd[max+prevK]
		}
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			rev = append(rev, op{' ', offA + x, offB + y})
		}
		if d > 0 {
			if x == prevX {
				y--
				rev = append(rev, op{'+', offA + x, offB + y})
			} else {
				x--
				rev = append(rev, op{'-', offA + x, offB + y})
			}
		}
	}
	ops := make([]op, len(rev))
	for i := range rev {
		ops[i] = rev[len(rev)-1-i]
	}
	return ops
}

// Diff returns a unified diff (the format of diff -u) from text a to text b, with three lines of
// context around each change and the file labels nameA and nameB; it is "" when the texts have
// the same lines.
func Diff(nameA, nameB, a, b string) string {
	return unified(nameA, nameB, splitLines(a), splitLines(b), 3)
}

func unified(nameA, nameB string, a, b []string, context int) string {
	ops := editScript(a, b)
	// Find the changed ops and group them into hunks whose context overlaps.
	type span struct{ start, end int } // ops[start:end]
	var hunks []span
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		start := i - context
		if start < 0 {
			start = 0
		}
		j := i
		for j < len(ops) && ops[j].kind != ' ' {
			j++
		}
		end := j + context
		if end > len(ops) {
			end = len(ops)
		}
		if n := len(hunks); n > 0 && start <= hunks[n-1].end {
			hunks[n-1].end = end
		} else {
			hunks = append(hunks, span{start, end})
		}
		i = j - 1
	}
	if len(hunks) == 0 {
		return ""
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	for _, h := range hunks {
		// Where the hunk starts in each file: the first op's line there.
		aStart, bStart := -1, -1
		aCount, bCount := 0, 0
		for _, o := range ops[h.start:h.end] {
			if o.kind != '+' {
				if aStart < 0 {
					aStart = o.a
				}
				aCount++
			}
			if o.kind != '-' {
				if bStart < 0 {
					bStart = o.b
				}
				bCount++
			}
		}
		first := ops[h.start]
		if aStart < 0 {
			aStart = first.a
		}
		if bStart < 0 {
			bStart = first.b
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aCount), hunkRange(bStart, bCount))
		for _, o := range ops[h.start:h.end] {
			line := ""
			if o.kind == '+' {
				line = b[o.b]
			} else {
				line = a[o.a]
			}
			out.WriteByte(o.kind)
			out.WriteString(line)
			out.WriteByte('\n')
		}
	}
	return out.String()
}

// hunkRange writes "start,count" as diff -u does: 1-based, and for an empty range the line
// before it.
func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}
