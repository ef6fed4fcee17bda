package data

import (
	"os"
	"pandu/generator/diag"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var langs = []string{"id", "en", "ms"}

const goodContacts = `# Contact directory
[kp2mi-call-centre]
name = { id = "Pusat Panggilan KP2MI", en = "KP2MI call centre", ms = "Pusat Panggilan KP2MI" }
hours = { id = "24 jam", en = "24 hours" }
website = "https://kp2mi.go.id"
email = "helpdesk@kp2mi.go.id"
source = "https://kp2mi.go.id/kontak"
source_title = { id = "Laman resmi KP2MI", en = "KP2MI official page", ms = "Laman rasmi KP2MI" }
source_date = 2026-11-20
verified = 2026-11-26

[[kp2mi-call-centre.phones]]
number = "+628001000"
toll_free = true
label = { id = "Bebas pulsa", en = "Free call", ms = "Panggilan percuma" }

[[kp2mi-call-centre.phones]]
number = "+628118080141"
whatsapp = true
label = "WhatsApp"

[kbri-kuala-lumpur]
name = "KBRI Kuala Lumpur"
note = { id = "Untuk WNI di Malaysia.", en = "For Indonesians in Malaysia.", ms = "Untuk WNI di Malaysia." }
source = "https://kemlu.go.id/kualalumpur"
source_title = "RMOL"
source_date = "2024-12"
source_news = true
verified = 2026-10-01
phones = [ { number = "+60321164000" }, { number = "+60176688032", whatsapp = true } ]
`

func fakeDate(t time.Time) string { return "«" + t.Format("2 Jan 2006") + "»" }

func TestContactsLocalize(t *testing.T) {
	c, probs := ParseContacts([]byte(goodContacts), "content/_data/contacts.toml", langs, "id")
	// Only warnings: hours has no ms text.
	if len(probs.Errors()) != 0 || len(probs) != 1 || probs[0].Line != 4 || !strings.Contains(probs[0].Message, `hours of [kp2mi-call-centre] has no "ms" text`) {
		t.Fatalf("problems: %v", probs)
	}
	if got := strings.Join(c.Keys(), " "); got != "kp2mi-call-centre kbri-kuala-lumpur" {
		t.Errorf("Keys = %s", got)
	}
	if !c.Has("kbri-kuala-lumpur") || c.Has("nope") {
		t.Error("Has")
	}

	got, err := c.Localize("kp2mi-call-centre", "ms", testLabels, fakeDate)
	if err != nil {
		t.Fatal(err)
	}
	want := &Contact{
		Key: "kp2mi-call-centre", Name: "Pusat Panggilan KP2MI", Hours: "24 jam",
		Website: "https://kp2mi.go.id", Email: "helpdesk@kp2mi.go.id", Source: "https://kp2mi.go.id/kontak",
		SourceTitle: "Laman rasmi KP2MI", SourceDate: "«20 Nov 2026»", Verified: "«26 Nov 2026»",
		Phones: []Phone{
			{Href: "tel:08001000", Label: "Panggilan percuma", Dial: []Dial{{Where: "<dial.from_indonesia>", Number: "0800 1000"}}, Note: "<contact.toll_free>"},
			{WhatsApp: true, Href: "https://wa.me/628118080141", Label: "WhatsApp",
				Dial: []Dial{{Where: "<dial.from_indonesia>", Number: "0811 8080 141"}, {Where: "<dial.from_abroad>", Number: "+62 811 8080 141"}}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Localize ms =\n%+v\nwant\n%+v", got, want)
	}

	got, err = c.Localize("kbri-kuala-lumpur", "en", testLabels, nil)
	if err != nil {
		t.Fatal(err)
	}
	want = &Contact{
		Key: "kbri-kuala-lumpur", Name: "KBRI Kuala Lumpur", Note: "For Indonesians in Malaysia.",
		Source: "https://kemlu.go.id/kualalumpur", SourceTitle: "RMOL", SourceDate: "<month.12> 2024", SourceNews: true,
		Verified: "2026-10-01",
		Phones: []Phone{
			{Href: "tel:+60321164000", Dial: []Dial{{Where: "<dial.from_malaysia>", Number: "03-2116 4000"}, {Where: "<dial.from_abroad>", Number: "+60 3-2116 4000"}}},
			{WhatsApp: true, Href: "https://wa.me/60176688032", Dial: []Dial{{Where: "<dial.from_malaysia>", Number: "017-668 8032"}, {Where: "<dial.from_abroad>", Number: "+60 17-668 8032"}}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Localize en =\n%+v\nwant\n%+v", got, want)
	}

	if _, err := c.Localize("kp2mi-callcentre", "id", nil, nil); err == nil ||
		err.Error() != `unknown contact "kp2mi-callcentre" (did you mean "kp2mi-call-centre"?); contacts are in content/_data/contacts.toml` {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := c.Localize("kbri-kuala-lumpur", "fr", nil, nil); err == nil {
		t.Error("unknown language: no error")
	}
	var none *Contacts
	if none.Has("x") || none.Keys() != nil {
		t.Error("nil Contacts")
	}
	if _, err := none.Localize("x", "id", nil, nil); err == nil {
		t.Error("nil Contacts: Localize without error")
	}
}

func TestContactsErrors(t *testing.T) {
	src := `title = "not a contact"

[no-source]
name = { id = "A" }
verified = 2026-01-01
website = "https://a.example"

[no-date]
name = { id = "B" }
source = "https://b.example"
email = "b@example.org"

[bad-number]
name = "C"
source = "https://c.example"
verified = 2026-01-01
[[bad-number.phones]]
number = "+62 21 2924 4800"
[[bad-number.phones]]
number = "021 2924 4800"
[[bad-number.phones]]
numbr = "+622129244800"

[bad-web]
name = "D"
source = "d.example/page"
verified = "2026-01-01"
website = "http://d.example"
email = "mailto:d@example.org"
phone = "+622129244800"

[Bad.Key]
name = "E"

[bad-text]
name = { en = "F", fr = "G" }
note = 42
source = "https://f.example"
verified = 2026-01-01T10:00:00
[[bad-text.phones]]
number = "+60321164000"
toll_free = true
whatsapp = "yes"

[no-means]
name = "H"
source = "http://h.example/old-page.aspx"
verified = 2026-01-01
`
	c, all := ParseContacts([]byte(src), "contacts.toml", langs, "id")
	// The missing source_title and source_date of these contacts are tested in TestContactSource.
	var probs diag.List
	for _, p := range all {
		if !strings.Contains(p.Message, "has no source_title") && !strings.Contains(p.Message, "has no source_date") {
			probs = append(probs, p)
		}
	}
	wantProblems(t, probs, []struct {
		line int
		msg  string
	}{
		{1, `"title" is not a contact`},
		{3, "[no-source] has no source"},
		{4, `name of [no-source] has no "en" text`},
		{4, `name of [no-source] has no "ms" text`},
		{8, "[no-date] has no verified date"},
		{9, `name of [no-date] has no "en" text`},
		{9, `name of [no-date] has no "ms" text`},
		{18, `"+62 21 2924 4800" must be written without spaces`},
		{20, `"021 2924 4800" is in national form`},
		{21, "a phone of [bad-number] has no number"},
		{22, `unknown key "numbr"`},
		{26, `source "d.example/page" of [bad-web] is not a full https address`},
		{27, "verified of [bad-web] must be a date, not text"},
		{28, `website "http://d.example" of [bad-web] is not https`},
		{29, `email "mailto:d@example.org" of [bad-web] is not an e-mail address`},
		{30, `unknown key "phone" in contact [bad-web]`},
		{32, "contact key [Bad] is not valid"},
		{36, `name of [bad-text] has no "id" text`},
		{36, `unknown language "fr" in name of [bad-text]`},
		{37, "note of [bad-text] must be text or a table of languages, not a whole number"},
		{39, "verified of [bad-text] must be a date only"},
		{42, "toll_free is set on +60321164000, which is not an Indonesian number"},
		{43, "whatsapp of a phone of [bad-text] must be true or false, not text"},
	})
	for _, p := range probs {
		if p.File != "contacts.toml" {
			t.Errorf("%v: file", p)
		}
	}
	if probs[2].Warning != true || probs[0].Warning {
		t.Error("missing translations are warnings, the rest errors")
	}
	if !strings.Contains(probs[7].Hint, `number = "+622129244800"`) || !strings.Contains(probs[8].Hint, `"+622129244800"`) {
		t.Errorf("number hints: %q / %q", probs[7].Hint, probs[8].Hint)
	}
	if !strings.Contains(probs[11].Hint, `source = "https://d.example/page"`) || !strings.Contains(probs[13].Hint, `website = "https://d.example"`) {
		t.Errorf("https hints: %q / %q", probs[11].Hint, probs[13].Hint)
	}
	// A source may be http, and a contact may have only a note (no phone, website or email).
	if !c.Has("no-means") {
		t.Error("no-means missing")
	}
	if !strings.Contains(probs[10].Hint, `"number"`) {
		t.Errorf("typo hint: %q", probs[10].Hint)
	}
	if c.Has("Bad") || !c.Has("bad-number") || c.Has("title") {
		t.Errorf("keys = %v", c.Keys())
	}
	if err := probs.Err(); err == nil {
		t.Error("Err() = nil")
	}
}

func TestContactsDuplicatePhoneAndSyntax(t *testing.T) {
	src := `[a]
name = "A"
source = "https://a.example"
source_title = "A"
source_date = "2025"
verified = 2026-01-01
[[a.phones]]
number = "+622129244800"
[[a.phones]]
number = "+622129244800"
`
	_, probs := ParseContacts([]byte(src), "c.toml", langs, "id")
	if len(probs) != 1 || !probs[0].Warning || probs[0].Line != 10 || !strings.Contains(probs[0].Message, "listed twice") {
		t.Errorf("duplicate: %v", probs)
	}
	c, probs := ParseContacts([]byte("[a]\nname = { id = \"A\" \n"), "c.toml", langs, "id")
	if len(probs) != 1 || probs[0].Line != 2 || !strings.HasPrefix(probs[0].Message, "TOML syntax error") || c == nil || len(c.Keys()) != 0 {
		t.Errorf("syntax: %v", probs)
	}
}

func TestLoadContacts(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "contacts.toml")
	if err := os.WriteFile(file, []byte(goodContacts), 0o644); err != nil {
		t.Fatal(err)
	}
	c, probs := LoadContacts(file, "content/_data/contacts.toml", langs, "id")
	if len(probs.Errors()) != 0 || len(c.Keys()) != 2 || c.File != "content/_data/contacts.toml" {
		t.Errorf("LoadContacts: %v %v", probs, c.Keys())
	}
	c, probs = LoadContacts(filepath.Join(dir, "none.toml"), "none.toml", langs, "id")
	if len(probs) != 1 || c == nil || c.Has("x") {
		t.Errorf("missing file: %v", probs)
	}
}

// The same file gives the same problems and cards every time, whatever the map order.
func TestContactsDeterministic(t *testing.T) {
	first, probs1 := ParseContacts([]byte(goodContacts), "c.toml", langs, "id")
	for range 20 {
		c, probs := ParseContacts([]byte(goodContacts), "c.toml", langs, "id")
		if !reflect.DeepEqual(probs, probs1) || !reflect.DeepEqual(c.Keys(), first.Keys()) {
			t.Fatal("not deterministic")
		}
		for _, k := range c.Keys() {
			a, _ := c.Localize(k, "en", testLabels, nil)
			b, _ := first.Localize(k, "en", testLabels, nil)
			if !reflect.DeepEqual(a, b) {
				t.Fatal("Localize not deterministic")
			}
		}
	}
}

func TestAbroadAndTollFreeConflict(t *testing.T) {
	src := "[x]\nname = \"X\"\nsource = \"https://e.org/\"\nsource_title = \"E\"\nsource_date = 2025-01-01\nverified = 2026-01-01\n[[x.phones]]\nnumber = \"+628001000\"\ntoll_free = true\nabroad = true\n"
	_, problems := ParseContacts([]byte(src), "contacts.toml", []string{"id"}, "id")
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), "both toll_free and abroad") {
		t.Errorf("err = %v", err)
	}
}

// Every contact names its source and gives the source's own date, so a card can say how old the
// information is; a contact without them stops the build with the file and line.
func TestContactSource(t *testing.T) {
	src := `[no-date]
name = "A"
source = "https://a.example"
source_title = "A"
verified = 2026-12-02

[no-title]
name = "B"
source = "https://b.example"
source_date = "2024-08"
verified = 2026-12-02

[bad-dates]
name = "C"
source = "https://c.example"
source_title = "C"
source_date = "Aug 2024"
verified = 2026-12-02

[future]
name = "D"
source = "https://d.example"
source_title = "D"
source_date = 2026-12-03
verified = 2026-12-02

[undated-month]
name = "E"
source = "https://e.example"
source_title = "E"
source_date = "2026-11"
source_undated = true
verified = 2026-12-02

[time]
name = "F"
source = "https://f.example"
source_title = "F"
source_date = 2024-08-01T10:00:00
verified = 2026-12-02
`
	_, probs := ParseContacts([]byte(src), "contacts.toml", []string{"id"}, "id")
	wantProblems(t, probs, []struct {
		line int
		msg  string
	}{
		{1, "contact [no-date] has no source_date"},
		{7, "contact [no-title] has no source_title"},
		{17, `source_date "Aug 2024" of [bad-dates] is not a date, a year-month or a year`},
		{24, "source_date of [future] is after its verified date 2026-12-02"},
		{31, "source_date of [undated-month] must be a full date"},
		{39, "source_date of [time] must be a date only"},
	})
	if probs.Err() == nil {
		t.Error("a missing source date must be an error, not a warning")
	}
}

// The card shows the source's own date as precisely as the source gives it; an undated page
// says so and gives the day it was read.
func TestContactSourceDates(t *testing.T) {
	src := `[day]
name = "A"
source = "https://a.example"
source_title = { id = "Malay Mail", en = "Malay Mail" }
source_date = 2025-11-20
verified = 2026-12-02

[month]
name = "B"
source = "https://b.example"
source_title = "NST"
source_date = "2024-08"
source_news = true
verified = 2026-12-02

[year]
name = "C"
source = "https://c.example"
source_title = "C"
source_date = "2023"
verified = 2026-12-02

[undated]
name = "D"
source = "https://d.example"
source_title = { id = "Laman resmi JTKSM", en = "JTKSM official page" }
source_date = 2026-12-02
source_undated = true
verified = 2026-12-02
`
	c, probs := ParseContacts([]byte(src), "contacts.toml", []string{"id", "en"}, "id")
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	for _, tt := range []struct {
		key, title, date string
		news             bool
	}{
		{"day", "Malay Mail", "«20 Nov 2025»", false},
		{"month", "NST", "<month.8> 2024", true},
		{"year", "C", "2023", false},
		{"undated", "JTKSM official page", "<contact.source_undated> «2 Dec 2026»", false},
	} {
		got, err := c.Localize(tt.key, "en", testLabels, fakeDate)
		if err != nil {
			t.Fatal(err)
		}
		if got.SourceTitle != tt.title || got.SourceDate != tt.date || got.SourceNews != tt.news || got.Verified != "«2 Dec 2026»" {
			t.Errorf("%s: title %q, date %q, news %v, verified %q", tt.key, got.SourceTitle, got.SourceDate, got.SourceNews, got.Verified)
		}
	}
}

// Short numbers such as 999 or 15999 work only inside their country: they are linked as dialled
// there (tel:999) and say where they work. An emergency number is marked for the card.
func TestShortAndEmergencyNumbers(t *testing.T) {
	src := `[sos]
name = "999"
source = "https://a.example"
source_title = "A"
source_date = "2025-11"
verified = 2026-12-02
[[sos.phones]]
short_code = "999"
country = "MY"
emergency = true
[[sos.phones]]
short_code = "175"
country = "ID"
[[sos.phones]]
number = "+60192615999"
whatsapp = true
`
	c, probs := ParseContacts([]byte(src), "contacts.toml", []string{"id"}, "id")
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	got, err := c.Localize("sos", "id", testLabels, fakeDate)
	if err != nil {
		t.Fatal(err)
	}
	want := []Phone{
		{Emergency: true, Href: "tel:999", Dial: []Dial{{Where: "<dial.from_malaysia>", Number: "999"}}, Note: "<contact.only_in_malaysia>"},
		{Href: "tel:175", Dial: []Dial{{Where: "<dial.from_indonesia>", Number: "175"}}, Note: "<contact.only_in_indonesia>"},
		{WhatsApp: true, Href: "https://wa.me/60192615999", Dial: []Dial{{Where: "<dial.from_malaysia>", Number: "019-261 5999"}, {Where: "<dial.from_abroad>", Number: "+60 19-261 5999"}}},
	}
	if !reflect.DeepEqual(got.Phones, want) {
		t.Errorf("phones =\n%+v\nwant\n%+v", got.Phones, want)
	}
	if key, i, ok := c.Emergency(); key != "sos" || i != 0 || !ok {
		t.Errorf("Emergency() = %q, %d, %v; want sos, 0, true", key, i, ok)
	}
	if _, _, ok := (*Contacts)(nil).Emergency(); ok {
		t.Error("a nil directory has an emergency number")
	}

	bad := `[x]
name = "X"
source = "https://a.example"
source_title = "A"
source_date = "2025"
verified = 2026-12-02
[[x.phones]]
number = "999"
[[x.phones]]
short_code = "999"
[[x.phones]]
short_code = "99-9"
country = "MY"
[[x.phones]]
short_code = "15999"
country = "MY"
number = "+60192615999"
[[x.phones]]
short_code = "15999"
country = "MY"
whatsapp = true
[[x.phones]]
number = "+60192615999"
country = "MY"
[[x.phones]]
number = "+60192615999"
whatsapp = true
emergency = true
`
	_, probs = ParseContacts([]byte(bad), "contacts.toml", []string{"id"}, "id")
	wantProblems(t, probs, []struct {
		line int
		msg  string
	}{
		{8, `phone number "999" does not start with +`},
		{9, "short_code 999 of [x] needs country"},
		{12, "short_code of a phone of [x] must be 3 to 6 digits"},
		{15, "a phone of [x] has both number and short_code"},
		{21, "short_code 15999 of [x] cannot be whatsapp"},
		{24, "country is set on a phone of [x] that has no short_code"},
		{28, "is both emergency and whatsapp"},
	})
	if !strings.Contains(probs[0].Hint, `short_code = "999"`) {
		t.Errorf("hint for a short number in number: %q", probs[0].Hint)
	}
}
