package main

import (
	"strings"
	"testing"

	"pandu/generator/pdfprint"
)

// A handout taller than the height its page allows is an error naming the guide's file; one
// that fits (within half a millimetre of rounding) is not.
func TestHandoutProblems(t *testing.T) {
	probs := handoutProblems([]pdfprint.Box{
		{Key: "id/bekerja/kesehatan.md", Height: 250, Allowed: 267},
		{Key: "id/bekerja/uang.md", Height: 267.3, Allowed: 267},
		{Key: "en/bekerja/pulang.md", Height: 301.4, Allowed: 267},
		{Key: "ms/hak/x.md", Height: 900, Allowed: 0}, // not measured: no --print-max-height
	})
	if len(probs) != 1 {
		t.Fatalf("problems: %v", probs)
	}
	if got := probs.Err().Error(); !strings.HasPrefix(got, "content/en/bekerja/pulang.md: the handout does not fit on one A4 page: it is 301 mm tall, the page has room for 267 mm") {
		t.Errorf("message: %s", got)
	}
}
