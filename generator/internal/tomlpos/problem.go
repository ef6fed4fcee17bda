package tomlpos

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"pandu/generator/diag"
)

// Problem turns an error of decoding the Doc's text into a problem in file at the right line and
// column. A syntax error carries its position; a value of the wrong type ("title = 5") names only
// the line and the key, so the column is that of the value, and the hint says what the key needs.
func (d *Doc) Problem(file string, err error) diag.Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return diag.Problem{File: file, Line: pe.Position.Line + d.first - 1, Column: d.runeColumn(pe.Position),
			Message: "TOML syntax error: " + pe.Message, Hint: syntaxHint(pe.Message)}
	}
	if m := typeErr.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		line += d.first - 1
		key := m[2]
		short := key[strings.LastIndex(key, ".")+1:]
		col := d.valueOnLine(line, short).Col
		if col == 0 {
			col = 1
		}
		return diag.Problem{File: file, Line: line, Column: col,
			Message: fmt.Sprintf("%s has the wrong type: here it is %s", key, typeName(m[3])), Hint: typeHint(short, m[4])}
	}
	return diag.Problem{File: file, Message: "invalid TOML: " + err.Error()}
}

// IsSyntax reports whether err is a syntax error: after one, nothing of the text was decoded.
func IsSyntax(err error) bool {
	var pe toml.ParseError
	return errors.As(err, &pe)
}

var typeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): incompatible types: TOML value has type (.+?); destination has type (\S+)`)

// runeColumn turns the library's column, which counts bytes, into one that counts characters.
func (d *Doc) runeColumn(p toml.Position) int {
	lines := strings.Split(d.text, "\n")
	if p.Line < 1 || p.Line > len(lines) || p.Col < 1 {
		return p.Col
	}
	text := lines[p.Line-1]
	if p.Col-1 > len(text) {
		return p.Col
	}
	return utf8.RuneCountInString(text[:p.Col-1]) + 1
}

// typeName describes a decoded TOML value's Go type in words.
func typeName(goType string) string {
	switch {
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "string":
		return "text"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map"):
		return "a table"
	case strings.Contains(goType, "Date") || strings.Contains(goType, "Time"):
		return "a date"
	}
	return goType
}

// typeHint says how to write a value of the type a key needs.
func typeHint(key, want string) string {
	switch want {
	case "string":
		return fmt.Sprintf("%s must be a string in quotes: %s = \"...\"", key, key)
	case "integer":
		return fmt.Sprintf("%s must be a whole number without quotes: %s = 10", key, key)
	case "boolean":
		return fmt.Sprintf("%s must be true or false, without quotes: %s = false", key, key)
	case "slice":
		return fmt.Sprintf("%s must be a list in square brackets: %s = [\"...\"]", key, key)
	case "float":
		return fmt.Sprintf("%s must be a number without quotes: %s = 1.5", key, key)
	}
	return fmt.Sprintf("check the type of %s: text in quotes, numbers bare, true or false, dates as 2026-01-31, lists in [ ]", key)
}

func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "expected value") || strings.Contains(msg, "bare keys"):
		return `text values need double quotes: title = "My title"`
	case strings.Contains(msg, "incompatible types") || strings.Contains(msg, "into"):
		return "check the type of the value: text in quotes, numbers bare, dates as 2026-01-31, lists in [ ]"
	}
	return "see https://toml.io for the syntax"
}
