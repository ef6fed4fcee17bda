package markdown

import (
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// Problem is one mistake found in a page body, located in the file it came from.
type Problem struct {
	Line    int // 1-based line of the file (the body's lines shifted by the lineOffset given to Parse)
	Column  int // 1-based column in runes; 0 when unknown
	Message string
}

// posProblem is a problem located by a byte offset into the body, before it is turned into a
// file line and column.
type posProblem struct {
	pos int
	msg string
}

var problemsKey = parser.NewContextKey()

// addProblem records a problem found while parsing, at byte offset pos of the source.
func addProblem(pc parser.Context, pos int, msg string) {
	list, _ := pc.Get(problemsKey).([]posProblem)
	pc.Set(problemsKey, append(list, posProblem{pos, msg}))
}

// parseProblems returns the problems recorded while parsing.
func parseProblems(pc parser.Context) []posProblem {
	list, _ := pc.Get(problemsKey).([]posProblem)
	return list
}

// nodePos returns the byte offset of n in the source: its own position, that of its first
// text segment or line, or that of the nearest ancestor which has one; -1 if none does.
func nodePos(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if fc, ok := n.FirstChild().(*ast.Text); ok {
			return fc.Segment.Start
		}
	}
	return -1
}

// lineIndex maps byte offsets of a source to 1-based lines and columns.
type lineIndex struct {
	src    []byte
	starts []int // byte offset at which each line starts
}

func newLineIndex(src []byte) lineIndex {
	starts := make([]int, 1, 64)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src: src, starts: starts}
}

// position returns the 1-based line and rune column of byte offset pos, or (0, 0) if pos < 0.
func (li lineIndex) position(pos int) (line, col int) {
	if pos < 0 {
		return 0, 0
	}
	if pos > len(li.src) {
		pos = len(li.src)
	}
	i := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > pos }) - 1
	return i + 1, utf8.RuneCount(li.src[li.starts[i]:pos]) + 1
}
