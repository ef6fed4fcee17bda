package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestBudget: the inputs that made goldmark take seconds to minutes (a report's reproductions)
// are refused before parsing, with the line and column where they go over the limit; input just
// under the limits, and real guides, parse as before.
func TestBudget(t *testing.T) {
	nest := "more than 32 lists or quotes are nested on this line"
	para := "this paragraph has more than 500 '['"
	for _, tc := range []struct {
		name, src string
		want      string // "line:col: start of message", or "" for no budget problem
	}{
		{"nested lists", strings.Repeat("- ", 20000) + "x\n", "3:65: " + nest},
		{"nested ordered lists", strings.Repeat("1. ", 50000) + "x\n", "3:97: " + nest},
		{"nested quotes", strings.Repeat(">", 50000) + "\n", "3:33: " + nest},
		{"quotes and lists", "Intro\n\n" + strings.Repeat("> - ", 25000) + "x\n", "5:65: " + nest},
		{"unclosed links", strings.Repeat("[a](", 20000), "3:2001: " + para},
		{"unclosed links on lines", strings.Repeat("[a](\n", 20000), "503:1: " + para},
		{"brackets", strings.Repeat("[", 400000) + "]]", "3:501: " + para},
		{"just under", strings.Repeat("- ", 32) + "x\n\n" + strings.Repeat(">", 32) + " y\n\n" +
			strings.Repeat("[a](b) ", 500) + "\n", ""},
		{"paragraphs", strings.Repeat(strings.Repeat("[a](b) ", 400)+"\n\n", 3), ""},
		{"quoted paragraphs", strings.Repeat("> "+strings.Repeat("[a](b) ", 400)+"\n>\n", 3), ""},
		{"code block", "```\n" + strings.Repeat("[", 600) + "\n" + strings.Repeat("- ", 40) + "\n```\n", ""},
		{"after a code block", "~~~~\n```\n~~~~\n" + strings.Repeat("- ", 40) + "\n", "6:65: " + nest},
		{"escaped brackets", strings.Repeat(`\[a](`, 20000), ""},
		{"escaped backslashes", strings.Repeat(`\\[a](`, 20000), "3:3003: " + para},
		{"bench page", benchPage, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs, _ := convert(t, safe, tc.src, 2)
			var got string
			for _, p := range probs {
				if strings.Contains(p.Message, "takes very long to build") {
					got = fmt.Sprintf("%d:%d: %s", p.Line, p.Column, p.Message)
				}
			}
			if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
