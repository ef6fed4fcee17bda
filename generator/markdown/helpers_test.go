package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"pandu/generator/data"
)

// fakeResolver answers like a small site: guides under /id/, a law page, a glossary, contacts.
type fakeResolver struct{}

func (fakeResolver) Link(dest string) (string, error) {
	path, frag, _ := strings.Cut(dest, "#")
	switch {
	case path == "" && frag != "":
		return "#" + frag, nil
	case path == "../persiapan/paspor.md":
		if frag != "" && frag != "paspor" {
			return "", fmt.Errorf("no heading #%s in persiapan/paspor.md", frag)
		}
		u := "/id/persiapan/paspor/"
		if frag != "" {
			u += "#" + frag
		}
		return u, nil
	case path == "/persiapan/paspor.md" && frag == "": // a path inside the language folder
		return "/id/persiapan/paspor/", nil
	case strings.HasPrefix(path, "/id/"):
		return dest, nil
	}
	return "", errors.New("no such page")
}

func (fakeResolver) Image(dest string) (string, int, int, error) {
	switch dest {
	case "img/peta.png":
		return "/img/peta.5f3a.png", 800, 600, nil
	case "img/nosize.svg":
		return "/img/nosize.svg", 0, 0, nil
	}
	return "", 0, 0, errors.New("no such file")
}

func (fakeResolver) LawRef(ref LawRef) (string, string, error) {
	if ref.Law != "UU18" {
		return "", "", fmt.Errorf("unknown law %q", ref.Law)
	}
	if ref.Article == "99" {
		return "", "", errors.New("UU18 has no Pasal 99")
	}
	label := "Pasal " + ref.Article
	if ref.Paragraph != "" {
		label += " ayat (" + ref.Paragraph + ")"
	}
	if ref.Letter != "" {
		label += " huruf " + ref.Letter
	}
	return "/id/hukum/uu-18-2017/#pasal-" + strings.ToLower(ref.Article), label, nil
}

func (fakeResolver) Term(key string) (string, string, string, error) {
	switch key {
	case "cpmi":
		return "/id/glosarium/#cpmi", "CPMI", "Calon Pekerja Migran Indonesia", nil
	case "p3mi":
		return "/id/glosarium/#p3mi", "P3MI", "Perusahaan penempatan", nil
	}
	return "", "", "", errors.New("not in the glossary")
}

func (fakeResolver) Contact(key string) (*data.Contact, error) {
	switch key {
	case "kp2mi":
		return &data.Contact{
			Key: "kp2mi", Name: "KP2MI Call Centre", Note: "Pengaduan & informasi", Hours: "24 jam",
			Website: "https://kp2mi.go.id/", Email: "pengaduan@kp2mi.go.id",
			Source: "https://kp2mi.go.id/kontak", Verified: "26 November 2026",
			Phones: []data.Phone{
				{Href: "tel:+622129244800", Label: "Call centre", Note: "Bebas pulsa",
					Dial: []data.Dial{{Where: "Dari Indonesia", Number: "0800 1000"}, {Where: "Dari luar negeri", Number: "+62 21 2924 4800"}}},
				{WhatsApp: true, Href: "https://wa.me/6281138001000"},
			},
		}, nil
	case "web":
		return &data.Contact{Key: "web", Name: "Web only", Website: "https://example.org/"}, nil
	case "sos":
		return &data.Contact{
			Key: "sos", Name: "Darurat Malaysia", Source: "https://news.example/999",
			SourceTitle: "Malay Mail", SourceDate: "November 2025", SourceNews: true, Verified: "2 Desember 2026",
			Phones: []data.Phone{{Emergency: true, Href: "tel:999", Dial: []data.Dial{{Where: "Dari Malaysia", Number: "999"}}, Note: "Hanya di Malaysia"}},
		}, nil
	case "jtksm":
		return &data.Contact{
			Key: "jtksm", Name: "JTKSM", Source: "https://jtksm.example/aduan",
			SourceTitle: "Laman resmi JTKSM", SourceDate: "tidak bertanggal, dibaca 2 Desember 2026", Verified: "2 Desember 2026",
		}, nil
	}
	return nil, errors.New("not in contacts.toml")
}

func (fakeResolver) Label(key string) string {
	labels := map[string]string{
		"callout.note": "Catatan", "callout.tip": "Tips", "callout.important": "Penting",
		"callout.warning": "Peringatan", "callout.caution": "Awas", "callout.right": "Hak Anda",
		"callout.help": "Bantuan", "contact.phone": "Telepon", "contact.whatsapp": "WhatsApp",
		"contact.website": "Situs web", "contact.source": "Sumber", "contact.verified": "diperiksa",
		"contact.emergency": "Darurat", "contact.source_news": "Dilihat di berita", "table": "Tabel",
	}
	return labels[key]
}

// convert parses, resolves and renders src with the fake resolver.
func convert(t testing.TB, c *Converter, src string, lineOffset int) (string, []Problem, *Document) {
	t.Helper()
	d := c.Parse([]byte(src), lineOffset)
	probs := d.Resolve(fakeResolver{})
	var b strings.Builder
	if err := c.Render(&b, d); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b.String(), probs, d
}
