// Package stem owns word stemming for the site search: it reduces Indonesian,
// Malay and English words to a shared base form so that, for example,
// "bekerja", "pekerja" and "pekerjaan" all match a query for "kerja". It also
// provides the tokenizer used to split page text into searchable words.
// Indonesian and Malay use a dictionary-based Nazief–Adriani stemmer with the
// enhanced confix-stripping rules; English uses the Snowball (Porter2)
// stemmer. All functions are deterministic and safe for concurrent use.
package stem

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Indonesian returns the root of an Indonesian word, found by stripping
// particles, possessive pronouns, derivational suffixes and prefixes and
// checking each candidate against the Indonesian root dictionary. Words
// written as reduplications ("anak-anak") reduce to the stem of their parts.
// If no root is found the word is returned lowercased.
func Indonesian(word string) string {
	return indonesianStemmer().stem(word)
}

// Malay is Indonesian with the Malay root dictionary (the shared roots plus
// Malay-specific ones such as "sihat", "wang" and "majikan").
func Malay(word string) string {
	return malayStemmer().stem(word)
}

// English returns the Snowball (Porter2) stem of a lowercased English word.
// Stop words are returned unchanged; the result is never empty for a
// non-empty word.
func English(word string) string {
	w := strings.ToLower(word)
	if w == "" {
		return w
	}
	if s := english.Stem(w, false); s != "" {
		return s
	}
	return w
}

// For returns the stemmer for a language code: "id" (Indonesian), "ms"
// (Malay) or "en" (English). The code is matched case-insensitively and a
// region subtag is ignored ("en-GB", "ms_MY"). Any other language gets
// strings.ToLower.
func For(lang string) func(string) string {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "id":
		return Indonesian
	case "ms":
		return Malay
	case "en":
		return English
	}
	return strings.ToLower
}

// Tokenize splits text into lowercase words. A word is a run of Unicode
// letters and digits (combining marks stay attached to the letter before
// them); a single hyphen between two word characters is kept, so
// reduplications such as "anak-anak" stay one token. All other characters,
// including punctuation and leading or trailing hyphens, separate words and
// are dropped.
func Tokenize(text string) []string {
	var tokens []string
	EachWord(text, func(w string) { tokens = append(tokens, w) })
	return tokens
}

// EachWord calls fn with each word of text, as Tokenize splits them, without collecting them.
func EachWord(text string, fn func(word string)) {
	EachRawWord(text, func(w string) { fn(strings.ToLower(w)) })
}

// EachRawWord is EachWord without lower-casing: fn gets each word as text writes it. A caller
// that looks words up before it keeps them lower-cases only the new ones.
func EachRawWord(text string, fn func(word string)) {
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isASCIIWord(c) || c >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if start < 0 {
				start = i
			}
		case start >= 0 && c >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
			// combining mark continues the current word
		case start >= 0 && r == '-' && i+size < len(text) && isWordStart(text[i+size:]):
			// hyphen inside a word: keep it
		default:
			if start >= 0 {
				fn(text[start:i])
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		fn(text[start:])
	}
}

// isASCIIWord reports whether the byte is an ASCII letter or digit (unicode.IsLetter and
// unicode.IsDigit say the same for ASCII, more slowly).
func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
