package data

import (
	"os"
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
		Verified: "«26 Nov 2026»",
		Phones: []Phone{
			{Href: "tel:+628001000", Label: "Panggilan percuma", Dial: []Dial{{Where: "<dial.from_indonesia>", Number: "0800 1000"}}, Note: "<contact.toll_free>"},
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
		Source: "https://kemlu.go.id/kualalumpur", Verified: "2026-10-01",
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
	c, probs := ParseContacts([]byte(src), "contacts.toml", langs, "id")
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
verified = 2026-01-01
[[a.phones]]
number = "+622129244800"
[[a.phones]]
number = "+622129244800"
`
	_, probs := ParseContacts([]byte(src), "c.toml", langs, "id")
	if len(probs) != 1 || !probs[0].Warning || probs[0].Line != 8 || !strings.Contains(probs[0].Message, "listed twice") {
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
	src := "[x]\nname = \"X\"\nsource = \"https://e.org/\"\nverified = 2026-01-01\n[[x.phones]]\nnumber = \"+628001000\"\ntoll_free = true\nabroad = true\n"
	_, problems := ParseContacts([]byte(src), "contacts.toml", []string{"id"}, "id")
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), "both toll_free and abroad") {
		t.Errorf("err = %v", err)
	}
}
