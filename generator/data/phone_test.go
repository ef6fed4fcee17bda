package data

import (
	"reflect"
	"strings"
	"testing"
)

func TestPhoneFormat(t *testing.T) {
	tests := []struct {
		in, national, international string
	}{
		// Indonesia: two-digit areas.
		{"+622129244800", "021 2924 4800", "+62 21 2924 4800"},
		{"+62227201234", "022 720 1234", "+62 22 720 1234"},
		{"+62248311234", "024 831 1234", "+62 24 831 1234"},
		{"+623199001234", "031 9900 1234", "+62 31 9900 1234"},
		{"+62614567890", "061 456 7890", "+62 61 456 7890"},
		// Indonesia: three-digit areas.
		{"+62274512345", "0274 512 345", "+62 274 512 345"},
		{"+623618001234", "0361 800 1234", "+62 361 800 1234"},
		{"+62370123456", "0370 123 456", "+62 370 123 456"},
		// Indonesia: mobile, 4-4-rest.
		{"+628118080141", "0811 8080 141", "+62 811 8080 141"},
		{"+6281234567890", "0812 3456 7890", "+62 812 3456 7890"},
		{"+62856123456", "0856 1234 56", "+62 856 1234 56"},
		// Indonesia: toll-free and shared-cost.
		{"+628001000", "0800 1000", "+62 800 1000"},
		{"+628001500888", "0800 1500 888", "+62 800 1500 888"},
		{"+628041500500", "0804 1500 500", "+62 804 1500 500"},
		// Malaysia: mobile, Kuala Lumpur, other areas, 1-800.
		{"+60176688032", "017-668 8032", "+60 17-668 8032"},
		{"+601112345678", "011-1234 5678", "+60 11-1234 5678"},
		{"+60130012345", "013-001 2345", "+60 13-001 2345"},
		{"+60321164000", "03-2116 4000", "+60 3-2116 4000"},
		{"+6041234567", "04-123 4567", "+60 4-123 4567"},
		{"+6088123456", "088-123 456", "+60 88-123 456"},
		{"+6082123456", "082-123 456", "+60 82-123 456"},
		{"+601800888000", "1800-88-8000", "+60 1800-88-8000"},
		{"+601300881234", "1300-88-1234", "+60 1300-88-1234"},
		// Others: country code, then fours from the right.
		{"+85221234567", "+852 2123 4567", "+852 2123 4567"},
		{"+6561234567", "+65 6123 4567", "+65 6123 4567"},
		{"+886223456789", "+886 2 2345 6789", "+886 2 2345 6789"},
		{"+821012345678", "+82 10 1234 5678", "+82 10 1234 5678"},
		{"+966501234567", "+966 5 0123 4567", "+966 5 0123 4567"},
		{"+12025550123", "+1 20 2555 0123", "+1 20 2555 0123"},
		{"+74951234567", "+7 49 5123 4567", "+7 49 5123 4567"},
	}
	for _, tt := range tests {
		n, msg, _ := parseE164(tt.in)
		if msg != "" {
			t.Errorf("parseE164(%q): %s", tt.in, msg)
			continue
		}
		if got := n.National(); got != tt.national {
			t.Errorf("%s national = %q, want %q", tt.in, got, tt.national)
		}
		if got := n.International(); got != tt.international {
			t.Errorf("%s international = %q, want %q", tt.in, got, tt.international)
		}
		if n.E164() != tt.in {
			t.Errorf("%s E164 = %q", tt.in, n.E164())
		}
		want := "tel:" + tt.in
		if myNonGeographic(n.NSN) && n.CC == "60" {
			want = "tel:" + n.NSN // 1-300/1-800 numbers work only inside Malaysia, dialled without +60
		}
		if got := n.TelHref(false); got != want {
			t.Errorf("TelHref = %q, want %q", got, want)
		}
		if got, want := n.WhatsAppHref(), "https://wa.me/"+tt.in[1:]; got != want {
			t.Errorf("WhatsAppHref = %q, want %q", got, want)
		}
	}
}

func TestParseE164Errors(t *testing.T) {
	tests := []struct {
		in, msg, hint string // substrings
	}{
		{"", "empty", "international form"},
		{"+62 21 2924 4800", "without spaces", `"+622129244800"`},
		{"+62-21-2924-4800", "without spaces", `"+622129244800"`},
		{"021 2924 4800", "national form", `"+622129244800"`},
		{"00622129244800", "starts with 00", `"+622129244800"`},
		{"622129244800", "does not start with +", `"+622129244800"`},
		{"+62021 29244800", "without spaces", `"+6202129244800"`},
		{"+6202129244800", "0 after the country code +62", `"+622129244800"`},
		{"+62800100", "6 digits after +62", "digit"},
		{"+6017668803212", "11 digits after +60", "digit"},
		{"+62 21 ext. 5", `contains 'e'`, "international form"},
		{"+0123456789", "no country code", ""},
		{"+123", "3 digits", ""},
		{"+1234567890123456", "16 digits", ""},
		{"+", "no digits", ""},
	}
	for _, tt := range tests {
		_, msg, hint := parseE164(tt.in)
		if !strings.Contains(msg, tt.msg) || !strings.Contains(hint, tt.hint) {
			t.Errorf("parseE164(%q) = %q, %q; want %q, %q", tt.in, msg, hint, tt.msg, tt.hint)
		}
	}
}

func testLabels(k string) string { return "<" + k + ">" }

// A toll-free Indonesian number is linked in its national form: the international form of a
// 0800 number does not reach it.
func TestTelHrefTollFree(t *testing.T) {
	n, msg, _ := parseE164("+628001000")
	if msg != "" {
		t.Fatal(msg)
	}
	if got := n.TelHref(true); got != "tel:08001000" {
		t.Errorf("TelHref(toll free) = %q", got)
	}
	if got := n.TelHref(false); got != "tel:+628001000" {
		t.Errorf("TelHref = %q", got)
	}
}

func TestDial(t *testing.T) {
	tests := []struct {
		in       string
		tollFree bool
		abroad   bool
		want     []Dial
		note     string
	}{
		{"+622129244800", false, true, []Dial{{Where: "<dial.from_abroad>", Number: "+62 21 2924 4800"}}, ""},
		{"+622129244800", false, false, []Dial{{Where: "<dial.from_indonesia>", Number: "021 2924 4800"}, {Where: "<dial.from_abroad>", Number: "+62 21 2924 4800"}}, ""},
		{"+628001000", true, false, []Dial{{Where: "<dial.from_indonesia>", Number: "0800 1000"}}, "<contact.toll_free>"},
		{"+60176688032", false, false, []Dial{{Where: "<dial.from_malaysia>", Number: "017-668 8032"}, {Where: "<dial.from_abroad>", Number: "+60 17-668 8032"}}, ""},
		// A 1-300 number: no known way to dial it from abroad, so only the form used in Malaysia.
		{"+601300228000", false, false, []Dial{{Where: "<dial.from_malaysia>", Number: "1300-22-8000"}}, ""},
		{"+85221234567", false, false, []Dial{{Where: "<dial.from_abroad>", Number: "+852 2123 4567"}}, ""},
	}
	for _, tt := range tests {
		n, msg, _ := parseE164(tt.in)
		if msg != "" {
			t.Fatal(msg)
		}
		got, note := n.dial(tt.tollFree, tt.abroad, testLabels)
		if !reflect.DeepEqual(got, tt.want) || note != tt.note {
			t.Errorf("dial(%s) = %v, %q; want %v, %q", tt.in, got, note, tt.want, tt.note)
		}
	}
}
