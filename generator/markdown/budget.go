package markdown

import (
	"bytes"
	"fmt"
)

// Some Markdown takes goldmark time quadratic in its size: list or blockquote markers nested on
// one line ("- - - - …", ">>>>…") and paragraphs full of unclosed links ("[a](" repeated). A
// 100 KB file of them stalled a build for minutes. checkBudget looks at the body before it is
// parsed, in one pass, and refuses such input with the line where it goes over a limit. The
// limits are far above anything a guide needs: a few levels of nesting, a few dozen links in a
// paragraph.
const (
	// maxNesting is the most list and blockquote markers one line may open.
	maxNesting = 32
	// maxBrackets is the most '[' one paragraph (a run of lines without a blank line, outside
	// code blocks) may hold.
	maxBrackets = 500
)

// checkBudget returns a problem at the first place src goes over a limit, or ok.
func checkBudget(src []byte) (posProblem, bool) {
	var fence []byte // the opening fence while inside a fenced code block
	brackets := 0    // '[' in the current paragraph
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		depth, rest, pos := containerMarkers(line)
		trimmed := bytes.TrimLeft(rest, " \t")
		switch {
		case fence != nil:
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimRight(trimmed, string(fence[:1])+" \t\r")) == 0 {
				fence = nil
			}
		case depth > maxNesting:
			return posProblem{start + pos, fmt.Sprintf("more than %d lists or quotes are nested on this line; "+
				"Markdown nested this deep takes very long to build: use at most a few levels", maxNesting)}, false
		case len(bytes.TrimRight(trimmed, " \t\r")) == 0:
			brackets = 0 // a blank line ends the paragraph
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			n := 3
			for n < len(trimmed) && trimmed[n] == trimmed[0] {
				n++
			}
			fence = trimmed[:n]
			brackets = 0
		default:
			for i, c := range line {
				if c != '[' || escaped(line, i) {
					continue
				}
				if brackets++; brackets > maxBrackets {
					return posProblem{start + i, fmt.Sprintf("this paragraph has more than %d '[': Markdown like this "+
						"takes very long to build; split the paragraph with blank lines, or write \\[ for a bracket that "+
						"is not a link", maxBrackets)}, false
				}
			}
		}
		start = end + 1
	}
	return posProblem{}, true
}

// containerMarkers counts the blockquote ('>') and list markers ("-", "*", "+", "1." or "1)"
// followed by a space) that open a line, and returns the rest of the line and the byte offset
// of the marker that went over maxNesting (0 if none did).
func containerMarkers(line []byte) (depth int, rest []byte, over int) {
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			return depth, line[i:], over
		}
		n := 0
		switch c := line[i]; {
		case c == '>':
			n = 1
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
				n = 1
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				n = j + 1 - i
			}
		}
		if n == 0 {
			return depth, line[i:], over
		}
		depth++
		if depth == maxNesting+1 {
			over = i
		}
		i += n
	}
}

// escaped reports whether the byte at i follows an odd number of backslashes.
func escaped(line []byte, i int) bool {
	n := 0
	for i > 0 && line[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}
