package tomlpos

import (
	"strings"
	"testing"
)

// at is a path written with "/" between the keys, for tables of cases.
func at(path string) []string { return strings.Split(path, "/") }

func TestKeyAndValue(t *testing.T) {
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
dotted . inner = "v"
arr = [
  "[x]",
  { y = 1 },
]
inline = { z = [1,
  2], "q k" = { deep = true } }
after = 1979-05-27 07:32:00 # a date and a time

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
[[b.c.list]]
e = [{ n = "x" }, { n = "é", m = 'y' }]
`
	doc := scan([]byte(src), 1)
	tests := []struct {
		path       string
		key, value Pos
	}{
		{"top", Pos{1, 1}, Pos{1, 7}},
		{"a", Pos{2, 1}, Pos{2, 1}},
		{"a/text", Pos{3, 1}, Pos{3, 8}},
		{"a/lit", Pos{7, 1}, Pos{7, 7}},
		{"a/quoted.key", Pos{9, 1}, Pos{9, 16}},
		{"a/lit key", Pos{10, 1}, Pos{10, 13}},
		{"a/dotted", Pos{11, 1}, Pos{11, 1}},
		{"a/dotted/inner", Pos{11, 10}, Pos{11, 18}},
		{"a/arr", Pos{12, 1}, Pos{12, 7}},
		{"a/arr/[0]", Pos{13, 3}, Pos{13, 3}},
		{"a/arr/[1]", Pos{14, 3}, Pos{14, 3}},
		{"a/arr/[1]/y", Pos{14, 5}, Pos{14, 9}},
		{"a/inline", Pos{16, 1}, Pos{16, 10}},
		{"a/inline/z", Pos{16, 12}, Pos{16, 16}},
		{"a/inline/z/[1]", Pos{17, 3}, Pos{17, 3}},
		{"a/inline/q k/deep", Pos{17, 17}, Pos{17, 24}},
		{"a/after", Pos{18, 1}, Pos{18, 9}},
		{"b", Pos{20, 3}, Pos{20, 3}},
		{"b/c", Pos{20, 3}, Pos{20, 3}},
		{"b/c/d", Pos{21, 1}, Pos{21, 5}},
		{"b/c/list", Pos{22, 1}, Pos{22, 1}},
		{"b/c/list/[0]", Pos{22, 1}, Pos{22, 1}},
		{"b/c/list/[0]/e", Pos{23, 1}, Pos{23, 5}},
		{"b/c/list/[1]/e", Pos{25, 1}, Pos{25, 5}},
		{"b/c/list/[1]/sub", Pos{26, 1}, Pos{26, 1}},
		{"b/c/list/[1]/sub/f", Pos{27, 1}, Pos{27, 5}},
		{"b/c/list/[1]/deep/escA", Pos{29, 1}, Pos{29, 15}},
		{"b/c/list/[2]/e/[1]/n", Pos{31, 21}, Pos{31, 25}},
		{"b/c/list/[2]/e/[1]/m", Pos{31, 30}, Pos{31, 34}}, // columns count characters: é is one
		{"fake", Pos{}, Pos{}},
		{"x", Pos{}, Pos{}},
		{"a/x", Pos{}, Pos{}},
	}
	for _, tt := range tests {
		if got := doc.Key(at(tt.path)...); got != tt.key {
			t.Errorf("Key(%q) = %v, want %v", tt.path, got, tt.key)
		}
		if got := doc.Value(at(tt.path)...); got != tt.value {
			t.Errorf("Value(%q) = %v, want %v", tt.path, got, tt.value)
		}
	}
}

// Line falls back to the table or key that holds a path that is not written.
func TestLineFallsBackToTheHolder(t *testing.T) {
	doc := scan([]byte("title = \"T\"\n[publisher]\nname = \"N\"\n[[sources]]\ntitle = \"s\"\n"), 1)
	for path, want := range map[string]int{
		"publisher/email":     2,
		"publisher/name":      3,
		"sources/[0]/url":     4,
		"sources/[0]/title":   5,
		"sources/[1]/title":   4, // no second element: the array's first header
		"nothing/here/at/all": 0,
	} {
		if got := doc.Line(at(path)...); got != want {
			t.Errorf("Line(%q) = %d, want %d", path, got, want)
		}
	}
}

// A file saved on Windows (CRLF) or with a byte order mark has the same positions as without.
func TestCRLFAndBOM(t *testing.T) {
	plain := "a = 1\n[t]\n\"k\" = \"v\"\nlist = [\n  \"x\",\n]\n"
	for name, src := range map[string]string{
		"crlf":     strings.ReplaceAll(plain, "\n", "\r\n"),
		"bom":      "\ufeff" + plain,
		"bom+crlf": "\ufeff" + strings.ReplaceAll(plain, "\n", "\r\n"),
	} {
		var v map[string]any
		doc, _, err := Decode([]byte(src), &v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for path, want := range map[string]Pos{"a": {1, 5}, "t/k": {3, 7}, "t/list/[0]": {5, 3}} {
			if got := doc.Value(at(path)...); got != want {
				t.Errorf("%s: Value(%q) = %v, want %v", name, path, got, want)
			}
		}
	}
	// A syntax error on the first line of a file with a BOM: the column is the one editors show
	// (the library points at the end of the line for an unclosed string).
	var v map[string]any
	doc, _, err := Decode([]byte("\ufeffa = \"x\nb = 1\n"), &v)
	if err == nil {
		t.Fatal("no error for an unclosed string")
	}
	if p := doc.Problem("f.toml", err); p.Line != 1 || p.Column != 7 {
		t.Errorf("problem at %d:%d, want 1:7: %v", p.Line, p.Column, p)
	}
}

// Positions of TOML embedded in a file (front matter) are lines of the file.
func TestDecodeAt(t *testing.T) {
	var v struct{ Title string }
	doc, _, err := DecodeAt([]byte("title = \"T\"\n[params]\nx = 1\n"), 2, &v)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Value("params", "x"); got != (Pos{4, 5}) {
		t.Errorf("Value(params.x) = %v, want 4:5", got)
	}
	_, _, err = DecodeAt([]byte("title = 5\n"), 2, &v)
	if p := doc.Problem("a.md", err); p.Line != 2 {
		t.Errorf("type error on line %d, want 2: %v", p.Line, p)
	}
}

func TestProblem(t *testing.T) {
	type page struct {
		Title   string   `toml:"title"`
		Weight  int      `toml:"weight"`
		Aliases []string `toml:"aliases"`
		Sources []struct {
			URL string `toml:"url"`
		} `toml:"sources"`
	}
	tests := []struct {
		src, want string
	}{
		// Syntax errors carry the library's position (here the space before x); the column counts
		// characters, not bytes.
		{"title = \"é\" x\n", `f.toml:1:12: TOML syntax error: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead`},
		{"title = Hello\n", "f.toml:1:9: TOML syntax error:"},
		// Type errors name the key; the column is that of the value.
		{"title = 5\n", "f.toml:1:9: title has the wrong type: here it is a number\n    title must be a string in quotes"},
		{"title = \"T\"\nweight =   \"heavy\"\n", "f.toml:2:12: weight has the wrong type: here it is text\n    weight must be a whole number"},
		{"aliases = \"/x/\"\n", "f.toml:1:11: aliases has the wrong type: here it is text\n    aliases must be a list in square brackets"},
		{"[[sources]]\nurl = \"u\"\n[[sources]]\n  url = 5\n", "f.toml:4:9: sources.url has the wrong type: here it is a number"},
		{"title = { a = 1 }\n", "f.toml:1:9: title has the wrong type: here it is a table"},
	}
	for _, tt := range tests {
		var p page
		doc, _, err := Decode([]byte(tt.src), &p)
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		if got := doc.Problem("f.toml", err).Error(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// FuzzScan: no text may make the scanner panic or loop, and every position it gives is inside the
// text.
func FuzzScan(f *testing.F) {
	f.Add("[a]\nname = { id = \"A\",\n en = \"B\" }\n[[a.phones]]\nnumber = \"+6281\"\n")
	f.Add("x = '''\n[y]'''\n\"k\\u00e9\" = 1\n[[b]]\n[b.c]\n")
	f.Add("a = [[[[1]]], {b = [{c = \"\\\"\"}]}]\r\nd = 1979-05-27 07:32:00Z\n")
	f.Add("k = \"\\")
	f.Fuzz(func(t *testing.T, src string) {
		doc := scan([]byte(src), 1)
		lines := strings.Count(src, "\n") + 1
		for _, e := range doc.entries {
			for _, p := range []Pos{e.key, e.value} {
				if p.Line > lines || p.Line < 0 || (p.Line > 0 && p.Col < 1) {
					t.Fatalf("%v at %v: outside the text", e.path, p)
				}
			}
		}
	})
}

// MetaLine finds the keys the TOML library reports (Undecoded), whose paths have no element index.
func TestMetaLine(t *testing.T) {
	src := "title = \"T\"\n[[sources]]\ntitle = \"a\"\n[[sources]]\ntitle = \"b\"\nname = \"x\"\n[params]\nk = 1\n"
	var v struct {
		Title   string
		Sources []struct{ Title string }
	}
	doc, md, err := Decode([]byte(src), &v)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"sources.name": 6, "params": 7, "params.k": 8}
	for _, k := range md.Undecoded() {
		if got := doc.MetaLine(k); got != want[k.String()] {
			t.Errorf("MetaLine(%s) = %d, want %d", k, got, want[k.String()])
		}
	}
	if got := doc.MetaLine([]string{"sources", "nothing"}); got != 2 {
		t.Errorf("MetaLine(sources.nothing) = %d, want 2 (the array's first header)", got)
	}
}
