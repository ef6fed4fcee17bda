package data

import (
	"fmt"
	"strings"
)

// phoneNumber is a parsed E.164 number: country code and national significant number, digits only.
type phoneNumber struct {
	CC  string // "62"
	NSN string // "2129244800"
}

// twoDigitCC lists the assigned two-digit country codes; 1 and 7 are the one-digit codes and every
// other code has three digits. This is enough to split any E.164 number.
var twoDigitCC = map[string]bool{
	"20": true, "27": true, "30": true, "31": true, "32": true, "33": true, "34": true, "36": true,
	"39": true, "40": true, "41": true, "43": true, "44": true, "45": true, "46": true, "47": true,
	"48": true, "49": true, "51": true, "52": true, "53": true, "54": true, "55": true, "56": true,
	"57": true, "58": true, "60": true, "61": true, "62": true, "63": true, "64": true, "65": true,
	"66": true, "81": true, "82": true, "84": true, "86": true, "90": true, "91": true, "92": true,
	"93": true, "94": true, "95": true, "98": true,
}

// nsnLength is the accepted length of national numbers where we know it.
var nsnLength = map[string][2]int{
	"62": {7, 12}, // 0800 1000 … 0812 3456 7890
	"60": {8, 10}, // 088-123 456 … 011-1234 5678, 1800-88-8000
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseE164 checks that s is "+", a country code and digits, and splits it. On failure it returns
// the message and a hint that shows the number as it should be written when that can be guessed.
func parseE164(s string) (n phoneNumber, msg, hint string) {
	const form = `Write the number once, in international form: "+", the country code and the digits, with no spaces, e.g. number = "+622129244800".`
	if s == "" {
		return n, "phone number is empty", form
	}
	var digits strings.Builder
	plus := strings.HasPrefix(strings.TrimSpace(s), "+")
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case strings.ContainsRune(" -.()/\u00a0", r), r == '+':
		default:
			return n, fmt.Sprintf("phone number %q contains %q", s, r), form
		}
	}
	d := digits.String()
	if d == "" {
		return n, fmt.Sprintf("phone number %q has no digits", s), form
	}
	if !plus {
		switch {
		case strings.HasPrefix(d, "00"):
			return n, fmt.Sprintf("phone number %q starts with 00", s),
				fmt.Sprintf("Replace 00 with +: number = %q.", "+"+d[2:])
		case strings.HasPrefix(d, "0"):
			return n, fmt.Sprintf("phone number %q is in national form", s),
				fmt.Sprintf("%s If it is an Indonesian number, that is number = %q; a Malaysian one is %q.",
					form, "+62"+d[1:], "+60"+d[1:])
		default:
			return n, fmt.Sprintf("phone number %q does not start with +", s),
				fmt.Sprintf("Write it with + and the country code: number = %q.", "+"+d)
		}
	}
	if s != "+"+d {
		return n, fmt.Sprintf("phone number %q must be written without spaces or punctuation", s),
			fmt.Sprintf("Write number = %q; the site shows it grouped, in the form readers dial.", "+"+d)
	}
	if d[0] == '0' {
		return n, fmt.Sprintf("phone number %q has no country code", s), form
	}
	if len(d) < 7 || len(d) > 15 {
		return n, fmt.Sprintf("phone number %q has %d digits; international numbers have 7 to 15", s, len(d)), form
	}
	n = splitCC(d)
	if n.NSN[0] == '0' {
		return phoneNumber{}, fmt.Sprintf("phone number %q has a 0 after the country code +%s", s, n.CC),
			fmt.Sprintf("Leave out the 0 that is dialled only inside the country: number = %q.", "+"+n.CC+strings.TrimLeft(n.NSN, "0"))
	}
	if lim, ok := nsnLength[n.CC]; ok && (len(n.NSN) < lim[0] || len(n.NSN) > lim[1]) {
		return phoneNumber{}, fmt.Sprintf("phone number %q has %d digits after +%s; numbers there have %d to %d",
			s, len(n.NSN), n.CC, lim[0], lim[1]), "Check the number against its source: a digit is probably missing or doubled."
	}
	return n, "", ""
}

func splitCC(d string) phoneNumber {
	cc := 3
	switch {
	case d[0] == '1' || d[0] == '7':
		cc = 1
	case twoDigitCC[d[:2]]:
		cc = 2
	}
	return phoneNumber{CC: d[:cc], NSN: d[cc:]}
}

// E164 is the number as "+622129244800".
func (n phoneNumber) E164() string { return "+" + n.CC + n.NSN }

// TelHref is the tel: link. It is the international form, which dials from anywhere, except for
// numbers that work only inside their own country: an Indonesian toll-free number (tollFree) and a
// Malaysian 1-300 or 1-800 number are dialled in their national form ("tel:08001000",
// "tel:1300228000").
func (n phoneNumber) TelHref(tollFree bool) string {
	switch {
	case n.CC == "62" && tollFree:
		return "tel:0" + n.NSN
	case n.CC == "60" && myNonGeographic(n.NSN):
		return "tel:" + n.NSN
	}
	return "tel:+" + n.CC + n.NSN
}

// WhatsAppHref is the wa.me link, which takes digits only.
func (n phoneNumber) WhatsAppHref() string { return "https://wa.me/" + n.CC + n.NSN }

// National is the number as dialled inside its own country; for countries we do not know it is
// the international form.
func (n phoneNumber) National() string {
	switch n.CC {
	case "62":
		area, rest := n.idParts()
		return "0" + area + " " + rest
	case "60":
		if myNonGeographic(n.NSN) {
			return myNonGeographicForm(n.NSN)
		}
		area, rest := n.myParts()
		return "0" + area + "-" + rest
	}
	return n.International()
}

// International is the number as dialled from another country: "+62 21 2924 4800".
func (n phoneNumber) International() string {
	switch n.CC {
	case "62":
		area, rest := n.idParts()
		return "+62 " + area + " " + rest
	case "60":
		if myNonGeographic(n.NSN) {
			return "+60 " + myNonGeographicForm(n.NSN)
		}
		area, rest := n.myParts()
		return "+60 " + area + "-" + rest
	}
	return "+" + n.CC + " " + groupFromRight(n.NSN)
}

// idTwoDigitAreas are the Indonesian area codes with two digits; all others have three.
var idTwoDigitAreas = map[string]bool{"21": true, "22": true, "24": true, "31": true, "61": true}

// idParts splits an Indonesian national number into the area or operator code and the rest, grouped.
func (n phoneNumber) idParts() (area, rest string) {
	d := n.NSN
	switch {
	case strings.HasPrefix(d, "80"): // 0800 toll-free, 0804 and 0807 shared-cost
		return d[:3], groupFromLeft(d[3:])
	case d[0] == '8': // mobile: 0811 8080 141
		return d[:3], groupFromLeft(d[3:])
	case idTwoDigitAreas[d[:2]]:
		return d[:2], groupSubscriber(d[2:])
	}
	return d[:3], groupSubscriber(d[3:])
}

// myParts splits a Malaysian national number: mobile 1x, Kuala Lumpur 3, Sabah and Sarawak 8x,
// the rest of the peninsula one digit.
func (n phoneNumber) myParts() (area, rest string) {
	d := n.NSN
	k := 1
	if d[0] == '1' || d[0] == '8' {
		k = 2
	}
	return d[:k], groupSubscriber(d[k:])
}

// myNonGeographic reports Malaysian 1-300 (local rate) and 1-800 (free) numbers, dialled without 0.
// They have ten digits, which tells them from nine-digit mobiles such as 013-001 2345.
func myNonGeographic(d string) bool {
	return len(d) == 10 && (strings.HasPrefix(d, "1300") || strings.HasPrefix(d, "1800"))
}

func myNonGeographicForm(d string) string { return d[:4] + "-" + d[4:6] + "-" + d[6:] }

// groupSubscriber groups a subscriber number the way it is usually printed: 3-4, 4-4, 3-3.
func groupSubscriber(s string) string {
	switch len(s) {
	case 0, 1, 2, 3, 4:
		return s
	case 5:
		return s[:2] + " " + s[2:]
	case 6, 7:
		return s[:3] + " " + s[3:]
	}
	return groupFromLeft(s)
}

// groupFromLeft groups digits in fours from the left: "8080141" -> "8080 141".
func groupFromLeft(s string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:4])
		s = s[4:]
	}
	return strings.Join(append(parts, s), " ")
}

// groupFromRight groups digits in fours from the right: "212345678" -> "2 1234 5678".
func groupFromRight(s string) string {
	var parts []string
	for len(s) > 4 {
		parts = append([]string{s[len(s)-4:]}, parts...)
		s = s[:len(s)-4]
	}
	return strings.Join(append([]string{s}, parts...), " ")
}

// dial lists how a reader dials the number. labels gives UI strings in the reader's language. A
// number meant for callers abroad shows only its international form.
func (n phoneNumber) dial(tollFree, abroad bool, labels func(string) string) (dials []Dial, note string) {
	if abroad {
		return []Dial{{Where: labels("dial.from_abroad"), Number: n.International()}}, ""
	}
	switch n.CC {
	case "62":
		dials = []Dial{{Where: labels("dial.from_indonesia"), Number: n.National()}}
		if tollFree {
			return dials, labels("contact.toll_free")
		}
		return append(dials, Dial{Where: labels("dial.from_abroad"), Number: n.International()}), ""
	case "60":
		if myNonGeographic(n.NSN) { // 1-300 and 1-800 numbers: we know of no way to dial them from abroad
			return []Dial{{Where: labels("dial.from_malaysia"), Number: n.National()}}, ""
		}
		return []Dial{
			{Where: labels("dial.from_malaysia"), Number: n.National()},
			{Where: labels("dial.from_abroad"), Number: n.International()},
		}, ""
	}
	return []Dial{{Where: labels("dial.from_abroad"), Number: n.International()}}, ""
}
